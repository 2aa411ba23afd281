"""Re-clustering the archive's entities (reindex): link every stored mention again, together.

Importing links each article against what the archive held at that moment, so
entities created apart (two imports at once, or a name first seen under a
spelling a later version of the linker folds) stay apart. Re-clustering runs the
linker over the whole archive as if it were imported in one go, while keeping
every user decision: entities the user touched (merged into, renamed, hidden,
split off, marked "not the same") keep their ids and spellings, pinned mentions
stay where the user put them, and distinct pairs are never joined. Other
entities are rebuilt; a rebuilt entity takes over the id of the old entity most
of its mentions belonged to, so ids stay stable where nothing changed.

Work is committed in batches of articles: a kill in the middle leaves every
article whole (its mentions point at existing entities), only less clustered.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from reader.archive.db import session_scope
from reader.archive.models import Article, Entity, EntityAlias, EntityDecision, Mention
from reader.entities.linking import Linker, canonical_name
from reader.entities.mentions import Mention as FoundMention
from reader.entities.model import Alias, ArticleLinks, KnownEntity
from reader.library import entity_store

BATCH = 200


@dataclass(frozen=True)
class _Row:
    article_id: int
    text: str
    published: date | None
    skip: list[tuple[int, int]]
    mentions: list[FoundMention]
    old: dict[tuple[int, int], int]  # (start, end) -> entity id before re-clustering


def recluster(
    sessions: sessionmaker[Session],
    *,
    spot: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int]:
    """Re-link every article's stored mentions as one archive-wide clustering.

    Args:
        spot: also look for names known elsewhere in the archive that NER missed.
        progress: called with (articles done, total) after each batch.

    Returns:
        Counts: articles, mentions stored, entities before and after.
    """
    with sessions() as session:
        decisions = entity_store.user_decisions(session)
        kept = _user_touched(session)
        linker = Linker(_known(session, kept), decisions)
        ids = list(session.scalars(select(Article.id).order_by(Article.id)))
        before = session.query(Entity).count()
    # Pass 1: acronym definitions and names found anywhere, so order matters less.
    for rows in _batches(sessions, ids):
        for row in rows:
            linker.learn_acronyms(row.text, row.mentions)
            if spot:
                linker.add_spot_names(row.mentions)
    claimed = set(kept)
    stored = done = 0
    for rows in _batches(sessions, ids, write=True):
        session = rows.session
        for row in rows:
            result = linker.link_article(
                row.mentions,
                article_id=row.article_id,
                text=row.text,
                published=row.published,
                skip=row.skip,
                spot=spot,
            )
            take_over = _take_over(result, row.old, claimed)
            session.execute(delete(Mention).where(Mention.article_id == row.article_id))
            stored += entity_store.store_links(session, linker, result, take_over)
            done += 1
        if progress is not None:
            progress(done, len(ids))
    with session_scope(sessions) as session:
        entity_store.drop_unused_entities(session)
        _rename_rebuilt(session, kept)
        after = session.query(Entity).count()
    return {"articles": done, "mentions": stored, "entities_before": before, "entities": after}


def _rename_rebuilt(session: Session, kept: set[int]) -> int:
    """Name each rebuilt entity after all its mentions, not only its first article's
    ("Lindqvist" seen first, "Hanna Lindqvist" later); user-named ones keep their name."""
    surfaces: dict[int, list[FoundMention]] = {}
    for entity_id, text, label in session.execute(
        select(Mention.entity_id, Mention.text, Mention.label).where(Mention.label != "DATE")
    ):
        if entity_id not in kept:
            surfaces.setdefault(entity_id, []).append(FoundMention(text, 0, len(text), label))
    renamed = 0
    for entity in session.scalars(select(Entity).where(Entity.user_named.is_(False))):
        name = canonical_name(surfaces.get(entity.id, ()))
        if name is not None and name != entity.canonical and entity.id not in kept:
            entity.canonical = name
            renamed += 1
    return renamed


def _user_touched(session: Session) -> set[int]:
    """Entities whose id a user decision refers to, or that carry the user's work."""
    ids: set[int] = set(
        session.scalars(select(EntityAlias.entity_id).where(EntityAlias.source == "user"))
    )
    ids |= set(
        session.scalars(
            select(Entity.id).where(Entity.user_named.is_(True) | Entity.hidden.is_(True))
        )
    )
    for payload in session.scalars(select(EntityDecision.payload)):
        data = payload if isinstance(payload, dict) else json.loads(payload)
        for field in ("a", "b", "entity", "target"):
            value = data.get(field)
            if isinstance(value, int):
                ids.add(value)
    existing = set(session.scalars(select(Entity.id)))
    return ids & existing


def _known(session: Session, kept: set[int]) -> list[KnownEntity]:
    aliases: dict[int, list[Alias]] = {}
    for entity_id, surface, rule in session.execute(
        select(EntityAlias.entity_id, EntityAlias.surface, EntityAlias.rule).where(
            EntityAlias.entity_id.in_(kept)
        )
    ):
        aliases.setdefault(entity_id, []).append(Alias(surface, rule))
    return [
        KnownEntity(e.id, e.canonical, e.type, tuple(aliases.get(e.id, ())))
        for e in session.scalars(select(Entity).where(Entity.id.in_(kept)))
    ]


class _Batch(list[_Row]):
    session: Session


def _batches(
    sessions: sessionmaker[Session], ids: Sequence[int], *, write: bool = False
) -> Iterator[_Batch]:
    """Articles with their stored mentions, BATCH at a time (one transaction each if writing)."""
    for first in range(0, len(ids), BATCH):
        chunk = list(ids[first : first + BATCH])
        if write:
            with session_scope(sessions) as session:
                yield _load(session, chunk)
        else:
            with sessions() as session:
                yield _load(session, chunk)


def _load(session: Session, chunk: list[int]) -> _Batch:
    found: dict[int, list[Any]] = {}
    for m in session.execute(
        select(Mention.article_id, Mention.start, Mention.end, Mention.text, Mention.label)
        .add_columns(Mention.entity_id)
        .where(Mention.article_id.in_(chunk))
        .order_by(Mention.article_id, Mention.start, Mention.end)
    ):
        found.setdefault(m[0], []).append(m)
    batch = _Batch()
    batch.session = session
    for article in session.scalars(select(Article).where(Article.id.in_(chunk))):
        rows = found.get(article.id, [])
        skip = [(int(s), int(e)) for s, e, kind in (article.blocks or []) if kind == "caption"]
        batch.append(
            _Row(
                article.id,
                article.text,
                entity_store.parse_date(article.published),
                skip,
                [FoundMention(text, start, end, label) for _, start, end, text, label, _ in rows],
                {(start, end): entity for _, start, end, _, _, entity in rows},
            )
        )
    batch.sort(key=lambda r: r.article_id)
    return batch


def _take_over(
    result: ArticleLinks, old: dict[tuple[int, int], int], claimed: set[int]
) -> dict[int, int]:
    """For each new entity, the old entity most of its mentions here belonged to, if free."""
    votes: dict[int, Counter[int]] = {}
    for link in result.links:
        if link.entity_id is not None and link.entity_id < 0:
            previous = old.get((link.mention.start, link.mention.end))
            if previous is not None:
                votes.setdefault(link.entity_id, Counter())[previous] += 1
    out: dict[int, int] = {}
    for provisional, counter in votes.items():
        for candidate, _ in counter.most_common():
            if candidate not in claimed:
                claimed.add(candidate)
                out[provisional] = candidate
                break
    return out
