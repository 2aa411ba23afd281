"""Keeping the search index in step with the archive: documents from rows, sync and verify."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from reader.archive.models import Annotation, Article, Entity, EntityAlias, Mention
from reader.library import entity_store
from reader.search.schema import SearchDocument


def article_document(session: Session, article_id: int) -> SearchDocument | None:
    """The search document of one article (None if it does not exist)."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    ids = list(
        session.scalars(
            select(Mention.entity_id).where(Mention.article_id == article_id).distinct()
        )
    )
    canon = list(
        session.scalars(
            select(Entity.canonical).where(
                Entity.id.in_(ids), Entity.hidden.is_(False), Entity.type != "DATE"
            )
        )
    )
    aliases = entity_store.entity_aliases(session, ids)
    return SearchDocument(
        id=article.id,
        title=article.title,
        outlet=article.outlet.name if article.outlet else "",
        authors=list(article.authors or []),
        published=article.published,
        text=article.text,
        entities=sorted(canon),
        aliases=sorted({a for v in aliases.values() for a in v}),
        kind="article",
        article_id=article.id,
    )


def annotation_document(session: Session, annotation_id: int) -> SearchDocument | None:
    """The search document of one annotation: its quote, note and tags."""
    ann = session.get(Annotation, annotation_id)
    if ann is None:
        return None
    article = session.get(Article, ann.article_id)
    return SearchDocument(
        id=ann.id,
        title=article.title if article else "",
        outlet=article.outlet.name if article and article.outlet else "",
        published=article.published if article else None,
        text=ann.quote,
        tags=[t.name for t in ann.tags],
        notes=ann.note,
        kind="annotation",
        article_id=ann.article_id,
    )


def all_documents(session: Session) -> Iterator[SearchDocument]:
    """Every article and annotation, for a rebuild."""
    # Entity names per article in two queries rather than one per article.
    names: dict[int, set[str]] = {}
    for article_id, canonical in session.execute(
        select(Mention.article_id, Entity.canonical)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Entity.hidden.is_(False), Entity.type != "DATE")
        .distinct()
    ):
        names.setdefault(article_id, set()).add(canonical)
    aliases: dict[int, set[str]] = {}
    for article_id, surface in session.execute(
        select(Mention.article_id, EntityAlias.surface)
        .join(EntityAlias, EntityAlias.entity_id == Mention.entity_id)
        .distinct()
    ):
        aliases.setdefault(article_id, set()).add(surface)
    for article in session.scalars(
        select(Article).options(selectinload(Article.outlet)).order_by(Article.id)
    ).yield_per(500):
        yield SearchDocument(
            id=article.id,
            title=article.title,
            outlet=article.outlet.name if article.outlet else "",
            authors=list(article.authors or []),
            published=article.published,
            text=article.text,
            entities=sorted(names.get(article.id, ())),
            aliases=sorted(aliases.get(article.id, ())),
            kind="article",
            article_id=article.id,
        )
    for ann_id in session.scalars(select(Annotation.id)).all():
        doc = annotation_document(session, ann_id)
        if doc is not None:
            yield doc


def archive_ids(session: Session) -> dict[str, set[int]]:
    """Ids the index should hold, per kind."""
    return {
        "article": set(session.scalars(select(Article.id))),
        "annotation": set(session.scalars(select(Annotation.id))),
    }
