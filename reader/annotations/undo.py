"""Deleting annotations and links so that they can be put back exactly as they were."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reader.annotations.anchors import Anchor, make_anchor, reanchor
from reader.annotations.store import AnnotationError, tags_by_name
from reader.archive.models import Annotation, AnnotationLink, Article
from reader.archive.repo import utcnow
from reader.records import AnnotationView

OUTGOING = "outgoing"
INCOMING = "incoming"


@dataclass(frozen=True)
class LinkSnapshot:
    """A link as it was stored: which end is the source matters ("A contradicts B")."""

    id: int
    source_id: int
    target_id: int
    label: str
    created_at: datetime


@dataclass(frozen=True)
class AnnotationSnapshot:
    """Everything an annotation row held, with its tags and links, to re-insert it."""

    id: int
    article_id: int
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str
    colour: str
    author: str | None
    created_at: datetime
    updated_at: datetime
    orphaned: bool = False
    anchor_method: str = "exact"
    tags: tuple[str, ...] = ()
    links: tuple[LinkSnapshot, ...] = ()


@dataclass(frozen=True)
class DeletedAnnotation(AnnotationView):
    """The view of a deleted annotation, carrying what restoring it needs."""

    snapshot: AnnotationSnapshot | None = field(default=None, compare=False, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The same shape as an AnnotationView's (the snapshot is not part of it)."""
        data = asdict(self)
        data.pop("snapshot", None)
        return data


def _link_snapshot(row: AnnotationLink) -> LinkSnapshot:
    return LinkSnapshot(row.id, row.source_id, row.target_id, row.label, row.created_at)


def snapshot(session: Session, annotation_id: int) -> AnnotationSnapshot | None:
    """An annotation's row, tags and links (None if there is no such annotation)."""
    row = session.get(Annotation, annotation_id)
    if row is None:
        return None
    links = session.scalars(
        select(AnnotationLink)
        .where((AnnotationLink.source_id == row.id) | (AnnotationLink.target_id == row.id))
        .order_by(AnnotationLink.id)
    )
    return AnnotationSnapshot(
        id=row.id,
        article_id=row.article_id,
        quote=row.quote,
        prefix=row.prefix,
        suffix=row.suffix,
        start=row.start,
        end=row.end,
        note=row.note,
        colour=row.colour,
        author=row.author,
        created_at=row.created_at,
        updated_at=row.updated_at,
        orphaned=row.orphaned,
        anchor_method=row.anchor_method,
        tags=tuple(t.name for t in row.tags),
        links=tuple(_link_snapshot(link) for link in links),
    )


def delete_annotation(session: Session, annotation_id: int) -> AnnotationSnapshot | None:
    """Delete an annotation (its links go with it); returns what restoring it needs."""
    before = snapshot(session, annotation_id)
    if before is None:
        return None
    for link in before.links:
        session.delete(session.get(AnnotationLink, link.id))
    # Links first: the unit of work knows no order between the two tables.
    session.flush()
    session.delete(session.get(Annotation, annotation_id))
    session.flush()
    return before


def from_view(record: AnnotationView) -> AnnotationSnapshot:
    """A snapshot from a listed annotation: its dates and link directions, no author."""
    links = []
    for link in record.links:
        other = int(link["annotation"])
        outgoing = link.get("direction", OUTGOING) == OUTGOING
        source, target = (record.id, other) if outgoing else (other, record.id)
        links.append(LinkSnapshot(int(link["id"]), source, target, str(link["label"]), utcnow()))
    return AnnotationSnapshot(
        id=record.id,
        article_id=record.article,
        quote=record.quote,
        prefix=record.prefix,
        suffix=record.suffix,
        start=record.start,
        end=record.end,
        note=record.note,
        colour=record.colour,
        author=None,
        created_at=datetime.fromisoformat(record.created).replace(tzinfo=None),
        updated_at=datetime.fromisoformat(record.updated).replace(tzinfo=None),
        orphaned=record.orphaned,
        tags=tuple(record.tags),
        links=tuple(links),
    )


def _place(article: Article, snap: AnnotationSnapshot) -> tuple[Anchor | None, str]:
    """Where the quote is now: as it was, found again after re-extraction, or nowhere."""
    if snap.orphaned:
        return None, snap.anchor_method
    if article.text[snap.start : snap.end] == snap.quote:
        return Anchor(snap.quote, snap.prefix, snap.suffix, snap.start, snap.end), (
            snap.anchor_method
        )
    old = Anchor(snap.quote, snap.prefix, snap.suffix, snap.start, snap.end)
    placement = reanchor(old, article.text)
    if placement is None:
        return None, snap.anchor_method
    return make_anchor(article.text, placement.start, placement.end), placement.method


def restore_annotation(
    session: Session, snap: AnnotationSnapshot, ids: Mapping[int, int] | None = None
) -> Annotation:
    """Put a deleted annotation back with its dates, author, tags and links.

    It gets its old id back when that id is free. Links come back in their
    original direction to the annotations at their other ends, found through
    `ids` (old id -> id now, for annotations that were themselves re-created);
    a link whose other end is gone is left out.

    Raises:
        AnnotationError: the annotation's article is no longer in the archive.
    """
    article = session.get(Article, snap.article_id)
    if article is None:
        raise AnnotationError(f"article {snap.article_id} is no longer in the archive")
    anchor, method = _place(article, snap)
    row = Annotation(
        article_id=snap.article_id,
        quote=anchor.quote if anchor else snap.quote,
        prefix=anchor.prefix if anchor else snap.prefix,
        suffix=anchor.suffix if anchor else snap.suffix,
        start=anchor.start if anchor else snap.start,
        end=anchor.end if anchor else snap.end,
        note=snap.note,
        colour=snap.colour,
        author=snap.author,
        created_at=snap.created_at,
        updated_at=snap.updated_at,
        orphaned=anchor is None,
        anchor_method=method,
    )
    if session.get(Annotation, snap.id) is None:
        row.id = snap.id
    row.tags = tags_by_name(session, snap.tags)
    session.add(row)
    session.flush()
    mapping = {**(ids or {}), snap.id: row.id}
    for link in snap.links:
        try:
            restore_link(session, link, mapping)
        except AnnotationError:
            continue  # the other end was deleted meanwhile: nothing to link to
    return row


def delete_link(session: Session, link_id: int) -> LinkSnapshot | None:
    """Remove one link between annotations; returns what restoring it needs."""
    row = session.get(AnnotationLink, link_id)
    if row is None:
        return None
    before = _link_snapshot(row)
    session.delete(row)
    session.flush()
    return before


def restore_link(
    session: Session, snap: LinkSnapshot, ids: Mapping[int, int] | None = None
) -> AnnotationLink:
    """Put a removed link back: same direction, label and date (its old id when free).

    Raises:
        AnnotationError: an annotation at either end no longer exists.
    """
    ids = ids or {}
    source, target = (
        ids.get(snap.source_id, snap.source_id),
        ids.get(snap.target_id, snap.target_id),
    )
    for ident in (source, target):
        if session.get(Annotation, ident) is None:
            raise AnnotationError(f"no annotation with id {ident}")
    same = session.scalar(
        select(AnnotationLink).where(
            AnnotationLink.source_id == source,
            AnnotationLink.target_id == target,
            AnnotationLink.label == snap.label,
        )
    )
    if same is not None:
        return same  # restoring twice must not show the link twice
    row = AnnotationLink(
        source_id=source, target_id=target, label=snap.label, created_at=snap.created_at
    )
    if session.get(AnnotationLink, snap.id) is None:
        row.id = snap.id
    session.add(row)
    session.flush()
    return row
