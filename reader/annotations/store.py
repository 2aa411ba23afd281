"""Annotation persistence: create, list, edit, delete, link, and re-anchor after re-extraction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from reader.annotations.anchors import Anchor, find_quote, make_anchor, reanchor
from reader.annotations.records import AnnotationLink as RecordLink
from reader.annotations.records import AnnotationRecord, annotation_iri
from reader.archive.models import Annotation, AnnotationLink, Article, Blob, Tag
from reader.archive.repo import utcnow
from reader.records import AnnotationView

COLOURS = ("yellow", "green", "blue", "pink", "orange", "purple")


class AnnotationError(ValueError):
    """A request the archive cannot honour (no such article, quote not found...)."""


def create(
    session: Session,
    article_id: int,
    *,
    start: int | None = None,
    end: int | None = None,
    quote: str | None = None,
    note: str = "",
    tags: Iterable[str] = (),
    colour: str = "yellow",
) -> Annotation:
    """Annotate a span given by offsets, or the first match of `quote`."""
    article = session.get(Article, article_id)
    if article is None:
        raise AnnotationError(f"no article with id {article_id}")
    if colour not in COLOURS:
        raise AnnotationError(f"unknown colour {colour!r}; choose one of {', '.join(COLOURS)}")
    anchor: Anchor | None
    if quote is not None:
        anchor = find_quote(article.text, quote)
        if anchor is None:
            raise AnnotationError(f"the quote was not found in article {article_id}")
    else:
        if start is None or end is None or not 0 <= start < end <= len(article.text):
            raise AnnotationError("the selection is empty or outside the article's text")
        anchor = make_anchor(article.text, start, end)
    now = utcnow()
    annotation = Annotation(
        article_id=article_id,
        quote=anchor.quote,
        prefix=anchor.prefix,
        suffix=anchor.suffix,
        start=anchor.start,
        end=anchor.end,
        note=note,
        colour=colour,
        created_at=now,
        updated_at=now,
    )
    annotation.tags = tags_by_name(session, tags)
    session.add(annotation)
    session.flush()
    return annotation


def tags_by_name(session: Session, names: Iterable[str]) -> list[Tag]:
    """The Tag rows for these names, created as needed."""
    result: list[Tag] = []
    for name in dict.fromkeys(n.strip() for n in names if n and n.strip()):
        tag = session.scalar(select(Tag).where(Tag.name == name))
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            session.flush()
        result.append(tag)
    return result


def update(
    session: Session,
    annotation_id: int,
    *,
    note: str | None = None,
    tags: Iterable[str] | None = None,
    colour: str | None = None,
) -> Annotation:
    """Edit an annotation's note, tags or colour."""
    annotation = session.get(Annotation, annotation_id)
    if annotation is None:
        raise AnnotationError(f"no annotation with id {annotation_id}")
    if note is not None:
        annotation.note = note
    if tags is not None:
        annotation.tags = tags_by_name(session, tags)
    if colour is not None:
        if colour not in COLOURS:
            raise AnnotationError(f"unknown colour {colour!r}")
        annotation.colour = colour
    annotation.updated_at = utcnow()
    return annotation


def link(session: Session, source_id: int, target_id: int, label: str) -> AnnotationLink:
    """Link two annotations (in different articles) with a label such as "contradicts"."""
    for ident in (source_id, target_id):
        if session.get(Annotation, ident) is None:
            raise AnnotationError(f"no annotation with id {ident}")
    row = AnnotationLink(
        source_id=source_id,
        target_id=target_id,
        label=label.strip() or "related",
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def query(
    session: Session, *, article_id: int | None = None, tag: str | None = None
) -> list[AnnotationView]:
    """Annotations in text order per article, optionally for one article or tag."""
    stmt = select(Annotation).options(selectinload(Annotation.tags))
    if article_id is not None:
        stmt = stmt.where(Annotation.article_id == article_id)
    if tag is not None:
        stmt = stmt.where(Annotation.tags.any(Tag.name == tag))
    rows = session.scalars(stmt.order_by(Annotation.article_id, Annotation.start)).all()
    links = _links_for(session, [a.id for a in rows])
    return [view(a, links.get(a.id, [])) for a in rows]


def view(annotation: Annotation, links: list[dict[str, object]] | None = None) -> AnnotationView:
    """The plain record of an annotation row."""
    return AnnotationView(
        id=annotation.id,
        article=annotation.article_id,
        quote=annotation.quote,
        prefix=annotation.prefix,
        suffix=annotation.suffix,
        start=annotation.start,
        end=annotation.end,
        note=annotation.note,
        tags=[t.name for t in annotation.tags],
        colour=annotation.colour,
        orphaned=annotation.orphaned,
        created=annotation.created_at.isoformat(timespec="seconds"),
        updated=annotation.updated_at.isoformat(timespec="seconds"),
        links=links or [],
    )


def links_of(session: Session, annotation_id: int) -> list[dict[str, object]]:
    """One annotation's links, as ``AnnotationView.links`` lists them."""
    return _links_for(session, [annotation_id]).get(annotation_id, [])


def _links_for(session: Session, ids: list[int]) -> dict[int, list[dict[str, object]]]:
    if not ids:
        return {}
    out: dict[int, list[dict[str, object]]] = {}
    rows = session.scalars(
        select(AnnotationLink).where(
            AnnotationLink.source_id.in_(ids) | AnnotationLink.target_id.in_(ids)
        )
    )
    for row in rows:
        ends = (
            (row.source_id, row.target_id, "outgoing"),
            (row.target_id, row.source_id, "incoming"),
        )
        for mine, other, direction in ends:
            if mine in ids:
                target = session.get(Annotation, other)
                out.setdefault(mine, []).append(
                    {
                        "id": row.id,
                        "label": row.label,
                        "annotation": other,
                        "article": target.article_id if target else None,
                        # Labels read one way ("A follows up B"): undo and export keep it.
                        "direction": direction,
                    }
                )
    return out


def reanchor_article(session: Session, article_id: int, new_text: str) -> tuple[int, int]:
    """Re-attach an article's annotations to its new text; returns (placed, orphaned)."""
    placed = orphaned = 0
    for annotation in session.scalars(
        select(Annotation).where(Annotation.article_id == article_id)
    ):
        old = Anchor(
            quote=annotation.quote,
            prefix=annotation.prefix,
            suffix=annotation.suffix,
            start=annotation.start,
            end=annotation.end,
        )
        placement = reanchor(old, new_text)
        if placement is None:
            annotation.orphaned = True
            orphaned += 1
            continue
        fresh = make_anchor(new_text, placement.start, placement.end)
        annotation.start, annotation.end = fresh.start, fresh.end
        annotation.quote, annotation.prefix, annotation.suffix = (
            fresh.quote,
            fresh.prefix,
            fresh.suffix,
        )
        annotation.anchor_method = placement.method
        annotation.orphaned = False
        placed += 1
    return placed, orphaned


def export_records(session: Session, article_id: int | None = None) -> list[AnnotationRecord]:
    """Annotations as export records, with what an export says about each article."""
    stmt = select(Annotation).options(selectinload(Annotation.tags))
    if article_id is not None:
        stmt = stmt.where(Annotation.article_id == article_id)
    rows = session.scalars(stmt.order_by(Annotation.article_id, Annotation.start)).all()
    links = _links_for(session, [a.id for a in rows])
    out: list[AnnotationRecord] = []
    for ann in rows:
        article = session.get(Article, ann.article_id)
        assert article is not None  # a foreign key guarantees it
        out.append(
            AnnotationRecord(
                id=ann.id,
                article_id=ann.article_id,
                article_title=article.title,
                article_url=article.url,
                article_sha256=article.blob.sha256,
                outlet=article.outlet.name if article.outlet else None,
                quote=ann.quote,
                prefix=ann.prefix,
                suffix=ann.suffix,
                start=ann.start,
                end=ann.end,
                note=ann.note,
                tags=tuple(t.name for t in ann.tags),
                colour=ann.colour,
                created=ann.created_at.isoformat(timespec="seconds"),
                updated=ann.updated_at.isoformat(timespec="seconds"),
                author=ann.author,
                links=tuple(
                    RecordLink(annotation_iri(int(str(link["annotation"]))), str(link["label"]))
                    for link in links.get(ann.id, [])
                ),
            )
        )
    return out


def import_records(session: Session, records: Iterable[AnnotationRecord]) -> dict[str, Any]:
    """Bring exported annotations into this archive, re-anchoring each by its quote.

    Returns {"imported": n, "skipped": n, "orphaned": n, "unmatched": n, "problems":
    [...], "ids": [new annotation ids]} ("unmatched" counts those of "orphaned"
    whose article is not here; they are not stored): an
    annotation whose article is not in this archive, or whose quote cannot be
    placed, is reported, never dropped silently (placed ones that lost their
    quote are kept as orphans).
    """
    result: dict[str, Any] = {
        "imported": 0,
        "skipped": 0,
        "orphaned": 0,
        "unmatched": 0,
        "problems": [],
        "ids": [],
    }
    for record in records:
        article = _article_for(session, record)
        if article is None:
            result["orphaned"] += 1
            result["unmatched"] += 1
            result["problems"].append(
                f"no article for “{record.quote[:40]}” "
                f"({record.article_title or record.source_iri})"
            )
            continue
        placement = reanchor(record.anchor, article.text)
        duplicate = session.scalar(
            select(Annotation.id).where(
                Annotation.article_id == article.id,
                Annotation.quote == record.quote,
                Annotation.note == record.note,
            )
        )
        if duplicate is not None:
            result["skipped"] += 1
            continue
        now = utcnow()
        ann = Annotation(
            article_id=article.id,
            quote=record.quote,
            prefix=record.prefix,
            suffix=record.suffix,
            start=record.start or 0,
            end=record.end or 0,
            note=record.note,
            colour=record.colour if record.colour in COLOURS else "yellow",
            author=record.author,
            created_at=now,
            updated_at=now,
        )
        if placement is None:
            ann.orphaned = True
            result["orphaned"] += 1
            result["problems"].append(
                f"quote not found in article {article.id}: “{record.quote[:40]}”"
            )
        else:
            fresh = make_anchor(article.text, placement.start, placement.end)
            ann.start, ann.end = fresh.start, fresh.end
            ann.quote, ann.prefix, ann.suffix = fresh.quote, fresh.prefix, fresh.suffix
            ann.anchor_method = placement.method
            result["imported"] += 1
        ann.tags = tags_by_name(session, record.tags)
        session.add(ann)
        session.flush()
        result["ids"].append(ann.id)
    return result


def _article_for(session: Session, record: AnnotationRecord) -> Article | None:
    if record.article_sha256:
        article = session.scalar(
            select(Article).join(Blob).where(Blob.sha256 == record.article_sha256)
        )
        if article is not None:
            return article
    if record.article_url:
        return session.scalar(select(Article).where(Article.url == record.article_url))
    return None
