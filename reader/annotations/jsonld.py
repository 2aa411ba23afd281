"""W3C Web Annotation JSON-LD: export annotation records and parse them back."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from reader.annotations.records import (
    ANNOTATION_IRI_PREFIX,
    ARTICLE_IRI_PREFIX,
    AnnotationLink,
    AnnotationRecord,
    parse_target,
)

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_MAX_ANNOTATIONS = 1_000_000
_MAX_PAGES = 10_000


def export_jsonld(
    records: Iterable[AnnotationRecord], label: str = "Parallax annotations"
) -> dict[str, Any]:
    """Build a W3C AnnotationCollection document (a JSON-ready dict).

    Each annotation has a commenting TextualBody (Markdown) for its note, a
    tagging TextualBody per tag, a linking SpecificResource per link, and a
    target whose source is the article (``urn:sha256:`` of its original, with
    its title as ``label``, its URL as ``via`` and its outlet as ``creator``),
    with a TextQuoteSelector and a TextPositionSelector. The colour is the
    target's ``styleClass``.

    Raises:
        ValueError: if a record names no article (no sha256, URL or id).
    """
    items = [_annotation(record) for record in records]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def dumps_jsonld(records: Iterable[AnnotationRecord], label: str = "Parallax annotations") -> str:
    """The export as JSON text (UTF-8 friendly, indented)."""
    return json.dumps(export_jsonld(records, label), ensure_ascii=False, indent=2) + "\n"


def _annotation(record: AnnotationRecord) -> dict[str, Any]:
    source_iri = record.source_iri
    if source_iri is None:
        raise ValueError(f"annotation {record.id}: no article sha256, URL or id to export")
    body: list[dict[str, Any]] = []
    if record.note:
        body.append(
            {
                "type": "TextualBody",
                "value": record.note,
                "purpose": "commenting",
                "format": "text/markdown",
            }
        )
    body += [{"type": "TextualBody", "value": tag, "purpose": "tagging"} for tag in record.tags]
    body += [
        {
            "type": "SpecificResource",
            "source": link.target,
            "purpose": "linking",
            "label": link.label,
        }
        for link in record.links
    ]
    source: dict[str, Any] = {"id": source_iri, "type": "Text"}
    if record.article_title:
        source["label"] = record.article_title
    if record.article_url and record.article_url != source_iri:
        source["via"] = record.article_url
    if record.outlet:
        source["creator"] = {"type": "Organization", "name": record.outlet}
    selectors: list[dict[str, Any]] = [
        {
            "type": "TextQuoteSelector",
            "exact": record.quote,
            "prefix": record.prefix,
            "suffix": record.suffix,
        }
    ]
    if record.start is not None and record.end is not None:
        selectors.append({"type": "TextPositionSelector", "start": record.start, "end": record.end})
    target: dict[str, Any] = {"type": "SpecificResource", "source": source, "selector": selectors}
    if record.colour:
        target["styleClass"] = record.colour
    annotation: dict[str, Any] = {"type": "Annotation"}
    if record.annotation_iri:
        annotation["id"] = record.annotation_iri
    annotation["motivation"] = "commenting" if record.note else "highlighting"
    if record.created:
        annotation["created"] = record.created
    if record.updated:
        annotation["modified"] = record.updated
    if record.author:
        annotation["creator"] = {"type": "Person", "name": record.author}
    annotation["body"] = body
    annotation["target"] = target
    return annotation


# --- parsing ------------------------------------------------------------------


def parse_jsonld(document: str | bytes | Mapping[str, Any] | list[Any]) -> list[AnnotationRecord]:
    """Read annotations from a W3C Web Annotation JSON-LD document.

    Accepts an AnnotationCollection with embedded pages, an AnnotationPage,
    a single Annotation, or a JSON list of Annotations. Only the parts
    Parallax uses are read; unknown bodies, selectors and keys are ignored.

    Raises:
        ValueError: naming the annotation and what is wrong with it, for
            anything that is not such a document.
    """
    if isinstance(document, str | bytes):
        try:
            document = json.loads(document)
        except RecursionError:
            raise ValueError("not JSON: nested too deeply") from None
        except ValueError as err:  # JSONDecodeError and UnicodeDecodeError
            raise ValueError(f"not JSON: {err}") from None
    items = _items(document)
    return [_record(item, index) for index, item in enumerate(items, start=1)]


def _types(node: Mapping[str, Any]) -> set[str]:
    raw = node.get("type", node.get("@type"))
    values = raw if isinstance(raw, list) else [raw]
    # Compacted against another context, types may keep their "oa:" prefix.
    return {v.removeprefix("oa:").removeprefix("as:") for v in values if isinstance(v, str)}


def _items(document: Any) -> list[Any]:
    if isinstance(document, list):
        return document
    if not isinstance(document, Mapping):
        raise ValueError("expected a JSON object or list of annotations")
    types = _types(document)
    if "Annotation" in types:
        return [document]
    if "@graph" in document:
        return _items(document["@graph"])
    if "items" in document:
        return _page_items(document, "the page")
    if "first" in document or types & {"AnnotationCollection", "OrderedCollection"}:
        return _collection_items(document)
    raise ValueError("expected an Annotation, AnnotationPage or AnnotationCollection")


def _page_items(page: Mapping[str, Any], where: str) -> list[Any]:
    items = page.get("items")
    if not isinstance(items, list):
        raise ValueError(f"{where}: 'items' must be a list of annotations")
    return items


def _collection_items(collection: Mapping[str, Any]) -> list[Any]:
    items: list[Any] = []
    page = collection.get("first")
    pages = 0
    while page is not None:
        pages += 1
        if not isinstance(page, Mapping):
            raise ValueError(
                f"collection page {pages} is not embedded (only a link), so it cannot be read"
            )
        items += _page_items(page, f"collection page {pages}")
        if len(items) > _MAX_ANNOTATIONS or pages > _MAX_PAGES:
            raise ValueError("collection is too large")
        page = page.get("next")
    if not pages:
        raise ValueError("collection has no 'first' page")
    return items


class _Problem(ValueError):
    """A structural problem inside one annotation, before it gets its position."""


def _record(item: Any, index: int) -> AnnotationRecord:
    label = f"annotation {index}"
    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
        label += f" ({item['id']})"
    try:
        return _parse_annotation(item)
    except _Problem as problem:
        raise ValueError(f"{label}: {problem}") from None


def _parse_annotation(item: Any) -> AnnotationRecord:
    if not isinstance(item, Mapping):
        raise _Problem("is not a JSON object")
    if "Annotation" not in _types(item):
        raise _Problem("'type' is not 'Annotation'")
    annotation_id, iri = _own_id(_optional_str(item, "id"))
    note_parts, tags, links = _bodies(item)
    target = _target(item)
    source = target.get("source")
    article = _article(source)
    quote, positions = _selectors(target.get("selector"))
    return AnnotationRecord(
        id=annotation_id,
        iri=iri,
        note="\n\n".join(note_parts),
        tags=tuple(tags),
        links=tuple(links),
        colour=_optional_str(target, "styleClass"),
        created=_date(item, "created"),
        updated=_date(item, "modified"),
        author=_name(item.get("creator"), "creator"),
        **article,
        **quote,
        **positions,
    )


def _optional_str(node: Mapping[str, Any], key: str) -> str | None:
    value = node.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise _Problem(f"'{key}' must be a string")
    return value


def _own_id(value: str | None) -> tuple[int | None, str | None]:
    if value is None:
        return None, None
    target = parse_target(value)
    if target.kind == "annotation" and value.startswith(ANNOTATION_IRI_PREFIX):
        return target.annotation_id, None
    return None, value


def _date(node: Mapping[str, Any], key: str) -> str | None:
    value = _optional_str(node, key)
    if value is not None:
        try:
            datetime.fromisoformat(value)
        except ValueError:
            raise _Problem(f"'{key}' is not an ISO 8601 date-time: {value[:40]!r}") from None
    return value


def _name(value: Any, key: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        return _name(value[0], key) if value else None
    if isinstance(value, Mapping):
        name = value.get("name", value.get("nickname"))
        if name is None or isinstance(name, str):
            return name
    raise _Problem(f"'{key}' must be a name or an object with a 'name'")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _bodies(item: Mapping[str, Any]) -> tuple[list[str], list[str], list[AnnotationLink]]:
    notes: list[str] = []
    tags: list[str] = []
    links: list[AnnotationLink] = []
    body_value = _optional_str(item, "bodyValue")
    if body_value:
        notes.append(body_value)
    for number, body in enumerate(_as_list(item.get("body")), start=1):
        if isinstance(body, str):
            continue  # a bare IRI body (an external resource) carries no text for us
        if not isinstance(body, Mapping):
            raise _Problem(f"body {number} is neither an object nor an IRI")
        purposes = _as_list(body.get("purpose"))
        purposes = [p.removeprefix("oa:") for p in purposes if isinstance(p, str)]
        if "linking" in purposes:
            target = body.get("source", body.get("id"))
            if isinstance(target, Mapping):
                target = target.get("id")
            if not isinstance(target, str):
                raise _Problem(f"linking body {number} has no 'source' IRI")
            links.append(AnnotationLink(target, _name(body.get("label"), "label") or ""))
            continue
        if "TextualBody" not in _types(body) and "value" not in body:
            continue
        value = body.get("value")
        if not isinstance(value, str):
            raise _Problem(f"body {number}: 'value' must be a string")
        if "tagging" in purposes:
            if value.strip():
                tags.append(value.strip())
        elif value:
            notes.append(value)
    return notes, tags, links


def _target(item: Mapping[str, Any]) -> Mapping[str, Any]:
    targets = _as_list(item.get("target"))
    if not targets:
        raise _Problem("has no 'target'")
    for target in targets:
        if isinstance(target, Mapping) and "selector" in target:
            return target
    raise _Problem("'target' has no selector, so its quote cannot be anchored")


def _article(source: Any) -> dict[str, Any]:
    if isinstance(source, str):
        source = {"id": source}
    if not isinstance(source, Mapping) or not isinstance(source.get("id"), str):
        raise _Problem("target 'source' must be an IRI or an object with an 'id'")
    iri = source["id"]
    title = source.get("label")
    url = _optional_str(source, "via")
    found = parse_target(iri)
    article: dict[str, Any] = {
        "article_title": title if isinstance(title, str) else None,
        "outlet": _name(source.get("creator"), "source creator"),
        "article_url": url,
        "article_sha256": None,
    }
    if found.kind == "article" and found.sha256:
        article["article_sha256"] = found.sha256
    elif found.kind == "article" and iri.startswith(ARTICLE_IRI_PREFIX):
        article["article_id"] = found.article_id
    elif url is None:
        article["article_url"] = iri
    return article


def _selectors(value: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    quote: dict[str, Any] | None = None
    positions: dict[str, Any] = {}
    for selector in _as_list(value):
        if not isinstance(selector, Mapping):
            continue
        types = _types(selector)
        if "TextQuoteSelector" in types and quote is None:
            exact = selector.get("exact")
            if not isinstance(exact, str) or not exact:
                raise _Problem("TextQuoteSelector needs a non-empty 'exact' string")
            quote = {
                "quote": exact,
                "prefix": _optional_str(selector, "prefix") or "",
                "suffix": _optional_str(selector, "suffix") or "",
            }
        elif "TextPositionSelector" in types and not positions:
            start, end = selector.get("start"), selector.get("end")
            # type() rather than isinstance(): JSON true/false must not pass as 1/0.
            if not (type(start) is int and type(end) is int and 0 <= start <= end):
                raise _Problem("TextPositionSelector needs integers 0 <= start <= end")
            positions = {"start": start, "end": end}
    if quote is None:
        raise _Problem("target has no TextQuoteSelector")
    return quote, positions
