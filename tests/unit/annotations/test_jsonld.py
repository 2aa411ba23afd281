"""W3C Web Annotation JSON-LD: what other tools will read, and reading it back."""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.annotations.anchors import find_quote, reanchor
from reader.annotations.jsonld import dumps_jsonld, export_jsonld, parse_jsonld
from reader.annotations.records import (
    AnnotationLink,
    AnnotationRecord,
    annotation_iri,
    article_iri,
    parse_target,
)

SHA_A = "a3f1" * 16
SHA_B = "0c9e" * 16

STRIKE = AnnotationRecord(
    id=7,
    article_id=3,
    article_title="Dock workers walk out at Rotterdam",
    article_url="https://harbour.example/news/dock-strike",
    article_sha256=SHA_A,
    outlet="Harbour Daily",
    quote="The union said 4,000 members joined the strike",
    prefix="in Europe.\n\n",
    suffix=" after talks on automation broke",
    start=180,
    end=226,
    note="Union figure. **Employers** say 2,500 — check.\n\nSecond paragraph of the note.",
    tags=["figures", "union claims"],
    colour="yellow",
    created="2026-11-20T09:15:00+00:00",
    updated="2026-11-20T10:02:31+00:00",
    author="Ana Varga",
    links=[
        AnnotationLink(annotation_iri(9), "contradicts"),
        AnnotationLink(article_iri(SHA_B, 40, 95), "same claim"),
    ],
)
EMPLOYERS = AnnotationRecord(
    id=9,
    article_id=4,
    article_title="Port employers seek injunction",
    article_sha256=SHA_B,
    outlet="Freight Weekly",
    quote="about 2,500 staff stayed away",
    start=40,
    end=69,
)
BARE = AnnotationRecord(
    id=11, article_url="https://example.org/a", quote="only a quote", start=None, end=None
)


def archive_neutral(record: AnnotationRecord) -> AnnotationRecord:
    """JSON-LD names articles by content hash; archive ids are local and not exported."""
    if record.article_sha256:
        return dataclasses.replace(record, article_id=None)
    return record


def test_document_is_a_w3c_annotation_collection() -> None:
    doc = export_jsonld([STRIKE, EMPLOYERS])
    assert doc["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert doc["type"] == "AnnotationCollection"
    assert doc["total"] == 2
    items = doc["first"]["items"]
    assert [item["type"] for item in items] == ["Annotation", "Annotation"]
    assert items[0]["id"] == "urn:parallax:annotation:7"
    assert items[0]["created"] == "2026-11-20T09:15:00+00:00"
    assert items[0]["modified"] == "2026-11-20T10:02:31+00:00"
    assert items[0]["creator"] == {"type": "Person", "name": "Ana Varga"}


def test_note_and_tags_are_textual_bodies() -> None:
    item = export_jsonld([STRIKE])["first"]["items"][0]
    note, *tags = [b for b in item["body"] if b["type"] == "TextualBody"]
    assert note == {
        "type": "TextualBody",
        "value": STRIKE.note,
        "purpose": "commenting",
        "format": "text/markdown",
    }
    assert tags == [
        {"type": "TextualBody", "value": "figures", "purpose": "tagging"},
        {"type": "TextualBody", "value": "union claims", "purpose": "tagging"},
    ]
    links = [b for b in item["body"] if b["purpose"] == "linking"]
    assert links[0]["source"] == "urn:parallax:annotation:9"
    assert links[0]["label"] == "contradicts"
    assert links[1]["source"] == f"urn:sha256:{SHA_B}#char=40,95"


def test_target_names_the_article_and_has_both_selectors() -> None:
    target = export_jsonld([STRIKE])["first"]["items"][0]["target"]
    assert target["source"]["id"] == f"urn:sha256:{SHA_A}"
    assert target["source"]["via"] == "https://harbour.example/news/dock-strike"
    assert target["source"]["label"] == "Dock workers walk out at Rotterdam"
    assert target["selector"] == [
        {
            "type": "TextQuoteSelector",
            "exact": STRIKE.quote,
            "prefix": STRIKE.prefix,
            "suffix": STRIKE.suffix,
        },
        {"type": "TextPositionSelector", "start": 180, "end": 226},
    ]


def test_a_highlight_without_note_has_no_comment_body() -> None:
    item = export_jsonld([EMPLOYERS])["first"]["items"][0]
    assert item["body"] == []
    assert item["motivation"] == "highlighting"


def test_round_trip_gives_the_same_records() -> None:
    records = [STRIKE, EMPLOYERS, BARE]
    back = parse_jsonld(dumps_jsonld(records))
    assert back == [archive_neutral(r) for r in records]


def test_a_record_without_any_article_identity_is_refused() -> None:
    orphan = AnnotationRecord(id=1, quote="floating")
    with pytest.raises(ValueError, match="annotation 1"):
        export_jsonld([orphan])


def test_round_trip_keeps_non_ascii_text() -> None:
    record = dataclasses.replace(
        STRIKE, quote="«Мы не уйдём», — сказал Öztürk", note="naïve café 東京", tags=["Україна"]
    )
    text = dumps_jsonld([record])
    assert "Мы не уйдём" in text  # readable, not \\u-escaped
    assert parse_jsonld(text.encode("utf-8")) == [archive_neutral(record)]


# --- reading documents written by other tools ------------------------------

MINIMAL = {
    "@context": "http://www.w3.org/ns/anno.jsonld",
    "id": "http://example.org/anno1",
    "type": "Annotation",
    "bodyValue": "A plain comment",
    "target": {
        "source": "http://example.org/page1",
        "selector": {"type": "TextQuoteSelector", "exact": "harbour", "prefix": "the "},
    },
}


def test_reads_a_single_annotation_from_another_tool() -> None:
    [record] = parse_jsonld(MINIMAL)
    assert record.quote == "harbour"
    assert record.prefix == "the "
    assert record.note == "A plain comment"
    assert record.article_url == "http://example.org/page1"
    assert record.id is None
    assert record.iri == "http://example.org/anno1"
    assert (record.start, record.end) == (None, None)


def test_reads_a_page_and_a_plain_list() -> None:
    page = {"type": "AnnotationPage", "items": [MINIMAL, MINIMAL]}
    assert len(parse_jsonld(page)) == 2
    assert len(parse_jsonld(json.dumps([MINIMAL]))) == 1


def test_reads_every_embedded_page_of_a_collection() -> None:
    doc = export_jsonld([STRIKE])
    doc["first"]["next"] = {"type": "AnnotationPage", "items": [MINIMAL]}
    assert [r.quote for r in parse_jsonld(doc)] == [STRIKE.quote, "harbour"]


def broken(path: list[Any], value: Any) -> dict[str, Any]:
    doc = copy.deepcopy(export_jsonld([STRIKE, EMPLOYERS]))
    node: Any = doc["first"]["items"][1]
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["target"], KeyError, "annotation 2 .*no 'target'"),
        (["target", "selector"], [], "annotation 2 .*no TextQuoteSelector"),
        (["target", "selector", 0, "exact"], "", "non-empty 'exact'"),
        (["target", "selector", 0, "prefix"], 12, "'prefix' must be a string"),
        (["target", "selector", 1, "start"], -3, "TextPositionSelector"),
        (["target", "selector", 1, "end"], "69", "TextPositionSelector"),
        (["target", "source"], 42, "'source' must be an IRI"),
        (["type"], "Note", "'type' is not 'Annotation'"),
        (["created"], "yesterday", "ISO 8601"),
        (["body"], [17], "body 1"),
    ],
)
def test_structural_problems_are_named(path: list[Any], value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_jsonld(broken(path, value))


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{not json", "not JSON"),
        (b"\xff\xfe\x00", "not JSON"),
        ("[" * 100_000 + "]" * 100_000, "not JSON"),
        ("42", "expected a JSON object"),
        ('{"type": "Thing"}', "expected an Annotation"),
        ('{"type": "AnnotationCollection", "first": "http://x/page1"}', "not embedded"),
        ('{"items": {"a": 1}}', "'items' must be a list"),
        ("[1]", "annotation 1: is not a JSON object"),
    ],
)
def test_documents_that_are_not_annotations_are_refused(document: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_jsonld(document)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "type",
                    "id",
                    "body",
                    "target",
                    "source",
                    "selector",
                    "exact",
                    "prefix",
                    "start",
                    "end",
                    "items",
                    "first",
                    "next",
                    "value",
                    "purpose",
                    "creator",
                    "created",
                ]
            )
            | st.text(max_size=5),
            children,
            max_size=5,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=200)
@given(JSON_VALUES)
def test_odd_input_gives_a_value_error_or_records_never_a_crash(document: Any) -> None:
    try:
        records = parse_jsonld(json.dumps(document))
    except ValueError:
        return
    assert all(isinstance(r, AnnotationRecord) and r.quote for r in records)


@settings(max_examples=200)
@given(st.data())
def test_mutated_exports_give_a_value_error_or_records(data: st.DataObject) -> None:
    doc = export_jsonld([STRIKE, EMPLOYERS])
    item = doc["first"]["items"][data.draw(st.integers(0, 1))]
    node: Any = data.draw(st.sampled_from([item, item["target"], item["target"]["selector"][0]]))
    key = data.draw(st.sampled_from(sorted(node)))
    node[key] = data.draw(JSON_VALUES)
    try:
        parse_jsonld(doc)
    except ValueError:
        pass


def test_iris_name_annotations_articles_and_passages() -> None:
    assert parse_target(annotation_iri(12)).annotation_id == 12
    passage = parse_target(article_iri(SHA_B.upper(), 5, 17))
    assert (passage.kind, passage.sha256, passage.start, passage.end) == ("article", SHA_B, 5, 17)
    assert parse_target("https://example.org/x").kind == "other"


def test_imported_annotations_re_anchor_in_another_archive_copy() -> None:
    # The other archive extracted the same article with different line breaks.
    text = (
        "Dock workers walked out on Tuesday in Europe's largest port.\n\nThe union said "
        "4,000 members\njoined the strike after talks on automation broke down."
    )
    exported = find_quote(text.replace("\n", " "), "4,000 members joined the strike")
    assert exported is not None
    record = dataclasses.replace(
        STRIKE,
        quote=exported.quote,
        prefix=exported.prefix,
        suffix=exported.suffix,
        start=exported.start,
        end=exported.end,
    )
    [imported] = parse_jsonld(dumps_jsonld([record]))
    placement = reanchor(imported.anchor, text)
    assert placement is not None
    assert text[placement.start : placement.end] == "4,000 members\njoined the strike"
    no_offsets = dataclasses.replace(imported, start=None, end=None)
    assert reanchor(no_offsets.anchor, text) == placement


def optional_text() -> st.SearchStrategy[str | None]:
    return st.none() | st.text(min_size=1, max_size=30)


TAG = st.text(min_size=1, max_size=15).filter(lambda t: t == t.strip() and t != "")
RECORDS = st.builds(
    AnnotationRecord,
    id=st.none() | st.integers(0, 10**9),
    article_title=optional_text(),
    article_url=st.none() | st.text(max_size=20).map(lambda t: "https://example.org/" + t),
    article_sha256=st.text("0123456789abcdef", min_size=64, max_size=64),
    outlet=optional_text(),
    quote=st.text(min_size=1, max_size=80),
    prefix=st.text(max_size=32),
    suffix=st.text(max_size=32),
    note=st.text(max_size=80),
    tags=st.lists(TAG, max_size=4),
    colour=optional_text(),
    created=st.none() | st.datetimes().map(lambda d: d.isoformat()),
    updated=st.none() | st.datetimes().map(lambda d: d.isoformat()),
    author=optional_text(),
    links=st.lists(
        st.builds(AnnotationLink, st.text(min_size=1, max_size=30), st.text(max_size=20)),
        max_size=3,
    ),
).flatmap(
    lambda r: st.one_of(
        st.just(r),
        st.tuples(st.integers(0, 10**6), st.integers(0, 500)).map(
            lambda se: dataclasses.replace(r, start=se[0], end=se[0] + se[1])
        ),
    )
)


@settings(max_examples=100)
@given(st.lists(RECORDS, max_size=5))
def test_any_records_survive_the_round_trip(records: list[AnnotationRecord]) -> None:
    assert parse_jsonld(dumps_jsonld(records)) == records
