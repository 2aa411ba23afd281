"""Entities in the archive: linking an article's mentions, reading them back, user corrections.

The linker (reader.entities) works on plain data; this module loads it from the
database, stores what it decides, and records user corrections so they survive
re-extraction, reindex and re-import.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from reader.archive.models import Article, Entity, EntityAlias, EntityDecision, Mention
from reader.archive.repo import utcnow
from reader.entities.linking import Linker
from reader.entities.mentions import Mention as FoundMention
from reader.entities.model import Alias, ArticleLinks, KnownEntity, NewEntity, UserDecisions
from reader.entities.normalise import norm_key


class EntityError(ValueError):
    """A correction that cannot be applied (no such entity or mention)."""


def load_linker(session: Session) -> Linker:
    """A linker that knows every stored entity, its spellings and the user's decisions."""
    aliases: dict[int, list[Alias]] = defaultdict(list)
    for entity_id, surface, rule in session.execute(
        select(EntityAlias.entity_id, EntityAlias.surface, EntityAlias.rule)
    ):
        aliases[entity_id].append(Alias(surface, rule))
    known = [
        KnownEntity(e.id, e.canonical, e.type, tuple(aliases.get(e.id, ())))
        for e in session.scalars(select(Entity))
    ]
    return Linker(known, user_decisions(session))


def user_decisions(session: Session) -> UserDecisions:
    """Everything the user said about entities, as the linker takes it."""
    user_aliases: dict[str, int] = {}
    for entity_id, surface in session.execute(
        select(EntityAlias.entity_id, EntityAlias.surface).where(EntityAlias.source == "user")
    ):
        user_aliases[surface] = entity_id
    distinct: list[tuple[int, int]] = []
    pinned: dict[tuple[int, int, int], int] = {}
    for decision in session.scalars(select(EntityDecision)):
        payload = decision.payload
        if decision.kind == "distinct":
            distinct.append((int(payload["a"]), int(payload["b"])))  # type: ignore[call-overload]
        elif decision.kind == "split":
            key = (int(payload["article"]), int(payload["start"]), int(payload["end"]))  # type: ignore[call-overload]
            pinned[key] = int(payload["entity"])  # type: ignore[call-overload]
    hidden = list(session.scalars(select(Entity.id).where(Entity.hidden.is_(True))))
    return UserDecisions(aliases=user_aliases, distinct=distinct, hidden=hidden, pinned=pinned)


def link_and_store(
    session: Session,
    linker: Linker,
    article_id: int,
    text: str,
    mentions: Sequence[FoundMention],
    published: str | None,
    skip: Sequence[tuple[int, int]] = (),
) -> int:
    """Link one article's mentions and store entities, spellings and mentions.

    Returns the number of mentions stored.
    """
    # `skip` (captions) keeps names the linker spots in the text out of captions too.
    result = linker.link_article(
        mentions, article_id=article_id, text=text, published=parse_date(published), skip=skip
    )
    return store_links(session, linker, result)


def store_links(
    session: Session,
    linker: Linker,
    result: ArticleLinks,
    take_over: Mapping[int, int] | None = None,
) -> int:
    """Store what the linker decided for one article: new entities, spellings, mentions.

    Args:
        take_over: provisional id -> id of an existing machine entity whose row the
            new entity takes over (re-clustering keeps ids stable); its machine
            spellings are replaced by the new entity's.

    Returns the number of mentions stored.
    """
    assert result.article_id is not None
    ids: dict[int, int] = {}
    # (entity, key) pairs already stored, read once: a long article adds thousands.
    known_ids = {e for e, _ in result.new_aliases if e > 0}
    have: set[tuple[int, str]] = set()
    if known_ids:
        stored_aliases = session.execute(
            select(EntityAlias.entity_id, EntityAlias.key).where(
                EntityAlias.entity_id.in_(known_ids)
            )
        )
        have = {(int(e), k) for e, k in stored_aliases}
    entities = [
        _entity_for(session, new, (take_over or {}).get(new.provisional_id))
        for new in result.new_entities
    ]
    session.flush()  # one flush gives every new entity its id
    for new, entity in zip(result.new_entities, entities, strict=True):
        ids[new.provisional_id] = entity.id
        linker.register(new.provisional_id, entity.id)
        for alias in new.aliases:
            _add_alias(session, have, entity.id, alias.surface, alias.rule, 1.0)
    for entity_id, alias in result.new_aliases:
        _add_alias(session, have, ids.get(entity_id, entity_id), alias.surface, alias.rule, 0.9)
    rows = [
        {
            "article_id": result.article_id,
            "entity_id": ids.get(link.entity_id, link.entity_id),
            "start": link.mention.start,
            "end": link.mention.end,
            "text": link.mention.text,
            "label": link.mention.label,
            "rule": link.rule,
            "score": link.score,
            "value": _date_value(linker, link) if link.mention.label == "DATE" else None,
        }
        for link in result.links
        if link.entity_id is not None
    ]
    if rows:
        # One executemany: ORM objects for 20,000 mentions of a long article took seconds.
        session.execute(insert(Mention), rows)
    return len(rows)


def _entity_for(session: Session, new: NewEntity, existing_id: int | None) -> Entity:
    entity = session.get(Entity, existing_id) if existing_id is not None else None
    if entity is None:
        entity = Entity(canonical=new.canonical, type=new.type)
        session.add(entity)
    else:
        entity.canonical, entity.type = new.canonical, new.type
        session.execute(
            delete(EntityAlias).where(
                EntityAlias.entity_id == entity.id, EntityAlias.source == "machine"
            )
        )
    return entity


def _date_value(linker: Linker, link: Any) -> str | None:
    try:
        return linker.canonical(link.entity_id)
    except KeyError:
        return None


def _add_alias(
    session: Session,
    have: set[tuple[int, str]],
    entity_id: int,
    surface: str,
    rule: str,
    score: float,
) -> None:
    key = norm_key(surface)
    if (entity_id, key) not in have:
        have.add((entity_id, key))
        session.add(
            EntityAlias(
                entity_id=entity_id,
                surface=surface,
                key=key,
                rule=rule,
                score=score,
                source="machine",
            )
        )


def parse_date(published: str | None) -> date | None:
    """The day of a stored publication date ("2025-12-02T16:32" -> 2025-12-02), if any."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


# -- reading -------------------------------------------------------------------


def article_entities(session: Session, article_id: int) -> list[dict[str, Any]]:
    """The `entities ID --json` document: entities of one article with their mentions."""
    rows = session.execute(
        select(
            Mention.id,
            Mention.start,
            Mention.end,
            Mention.text,
            Entity.id,
            Entity.canonical,
            Entity.type,
            Mention.rule,
            Mention.value,
        )
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id == article_id, Entity.hidden.is_(False))
        .order_by(Mention.start)
    )
    grouped: dict[int, dict[str, Any]] = {}
    for mid, start, end, text, eid, canonical, etype, rule, value in rows:
        entry = grouped.setdefault(
            eid, {"entity_id": eid, "entity": canonical, "type": etype, "mentions": []}
        )
        mention: dict[str, Any] = {
            "id": mid,
            "text": text,
            "start": start,
            "end": end,
            "rule": rule,
        }
        if etype == "DATE":
            mention["value"] = value
        entry["mentions"].append(mention)
    return list(grouped.values())


def compare_rows(
    session: Session, article_ids: Sequence[int]
) -> dict[int, list[tuple[int, str, str, str]]]:
    """Per article, its visible mentions as (entity id, canonical, type, surface)."""
    rows: dict[int, list[tuple[int, str, str, str]]] = {i: [] for i in article_ids}
    for article_id, eid, canonical, etype, surface in session.execute(
        select(Mention.article_id, Entity.id, Entity.canonical, Entity.type, Mention.text)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id.in_(article_ids), Entity.hidden.is_(False))
        .order_by(Mention.article_id, Mention.start)
    ):
        rows[article_id].append((eid, canonical, etype, surface))
    return rows


def ids_by_name(
    rows: dict[int, list[tuple[int, str, str, str]]],
) -> dict[tuple[str, str], int]:
    """(canonical, type) -> entity id, from `compare_rows` output."""
    return {(c, t): eid for mentions in rows.values() for eid, c, t, _ in mentions}


def mention_spans(
    session: Session, article_ids: Sequence[int]
) -> dict[int, list[tuple[int, int, int]]]:
    """Per article, (entity id, start, end) of its visible mentions."""
    out: dict[int, list[tuple[int, int, int]]] = {}
    for article_id, eid, start, end in session.execute(
        select(Mention.article_id, Mention.entity_id, Mention.start, Mention.end)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id.in_(article_ids), Entity.hidden.is_(False))
    ):
        out.setdefault(article_id, []).append((eid, start, end))
    return out


def date_mentions(
    session: Session, article_ids: Sequence[int]
) -> dict[int, list[tuple[int, int, str, str | None]]]:
    """Per article, its DATE mentions as (start, end, surface, ISO value)."""
    out: dict[int, list[tuple[int, int, str, str | None]]] = {i: [] for i in article_ids}
    for article_id, start, end, text, value in session.execute(
        select(Mention.article_id, Mention.start, Mention.end, Mention.text, Mention.value)
        .where(Mention.article_id.in_(article_ids), Mention.label == "DATE")
        .order_by(Mention.article_id, Mention.start)
    ):
        out[article_id].append((start, end, text, value))
    return out


def entity_aliases(session: Session, entity_ids: Sequence[int]) -> dict[int, list[str]]:
    """The spellings seen of each entity (aliases and mention surfaces)."""
    out: dict[int, set[str]] = defaultdict(set)
    if not entity_ids:
        return {}
    for eid, surface in session.execute(
        select(EntityAlias.entity_id, EntityAlias.surface).where(
            EntityAlias.entity_id.in_(entity_ids)
        )
    ):
        out[eid].add(surface)
    for eid, surface in session.execute(
        select(Mention.entity_id, Mention.text).where(Mention.entity_id.in_(entity_ids)).distinct()
    ):
        out[eid].add(surface)
    return {eid: sorted(v) for eid, v in out.items()}


def variants_of(session: Session, word: str) -> list[str]:
    """Other spellings of the entity (or entities) that `word` names, for search expansion."""
    key = norm_key(word)
    if not key:
        return []
    ids = list(session.scalars(select(EntityAlias.entity_id).where(EntityAlias.key == key)))
    ids += list(session.scalars(select(Entity.id).where(Entity.canonical == word)))
    if not ids:
        return []
    surfaces = {s for v in entity_aliases(session, ids).values() for s in v}
    return sorted(s for s in surfaces if norm_key(s) != key)


def entity_names_for_index(session: Session, article_id: int) -> list[str]:
    """Canonical names and every known spelling of an article's entities (the entity: field)."""
    ids = list(
        session.scalars(
            select(Mention.entity_id).where(Mention.article_id == article_id).distinct()
        )
    )
    names: set[str] = set()
    names.update(
        session.scalars(
            select(Entity.canonical).where(Entity.id.in_(ids), Entity.hidden.is_(False))
        )
    )
    for surfaces in entity_aliases(session, ids).values():
        names.update(surfaces)
    return sorted(names)


# -- corrections ---------------------------------------------------------------


def _entity(session: Session, entity_id: int) -> Entity:
    entity = session.get(Entity, entity_id)
    if entity is None:
        raise EntityError(f"no entity with id {entity_id}")
    return entity


def _record(session: Session, kind: str, payload: dict[str, Any]) -> None:
    session.add(EntityDecision(kind=kind, payload=payload, created_at=utcnow()))


def merge(session: Session, source_id: int, target_id: int) -> Entity:
    """Merge `source_id` into `target_id`: its mentions and spellings move, and stay moved."""
    if source_id == target_id:
        raise EntityError("cannot merge an entity with itself")
    source, target = _entity(session, source_id), _entity(session, target_id)
    surfaces = {
        a.surface
        for a in session.scalars(select(EntityAlias).where(EntityAlias.entity_id == source_id))
    } | {source.canonical}
    session.execute(
        update(Mention)
        .where(Mention.entity_id == source_id)
        .values(entity_id=target_id, rule="user", score=1.0)
    )
    session.execute(delete(EntityAlias).where(EntityAlias.entity_id == source_id))
    for surface in sorted(surfaces):
        _user_alias(session, target_id, surface)
    # "Not the same" decisions about the source now concern the target.
    for decision in session.scalars(
        select(EntityDecision).where(EntityDecision.kind == "distinct")
    ):
        payload = dict(decision.payload)
        for side in ("a", "b"):
            if payload.get(side) == source_id:
                payload[side] = target_id
        decision.payload = payload
    _record(
        session, "merge", {"source": source_id, "target": target_id, "surfaces": sorted(surfaces)}
    )
    session.delete(source)
    session.flush()
    return target


def _user_alias(session: Session, entity_id: int, surface: str) -> None:
    key = norm_key(surface)
    session.execute(
        delete(EntityAlias).where(EntityAlias.key == key, EntityAlias.entity_id == entity_id)
    )
    session.add(
        EntityAlias(
            entity_id=entity_id, surface=surface, key=key, rule="user", score=1.0, source="user"
        )
    )


def split(session: Session, entity_id: int, mention_id: int) -> Entity:
    """Split one mention off into an entity of its own, never to be merged back."""
    entity = _entity(session, entity_id)
    mention = session.get(Mention, mention_id)
    if mention is None or mention.entity_id != entity_id:
        raise EntityError(f"mention {mention_id} does not belong to entity {entity_id}")
    new = Entity(canonical=mention.text, type=entity.type)
    session.add(new)
    session.flush()
    mention.entity_id, mention.rule, mention.score = new.id, "user", 1.0
    article = session.get(Article, mention.article_id)
    _record(
        session,
        "split",
        {
            "article": mention.article_id,
            "start": mention.start,
            "end": mention.end,
            "entity": new.id,
            "sha256": article.blob.sha256 if article else None,
        },
    )
    _record(session, "distinct", {"a": new.id, "b": entity_id})
    return new


def rename(session: Session, entity_id: int, name: str) -> Entity:
    """Give an entity a new canonical name; the machine never renames it again."""
    name = name.strip()
    if not name:
        raise EntityError("the new name is empty")
    entity = _entity(session, entity_id)
    _user_alias(session, entity_id, entity.canonical)
    entity.canonical, entity.user_named = name, True
    _record(session, "rename", {"entity": entity_id, "name": name})
    return entity


def hide(session: Session, entity_id: int, hidden: bool = True) -> Entity:
    """Mark an entity as noise (or show it again)."""
    entity = _entity(session, entity_id)
    entity.hidden = hidden
    _record(session, "hide", {"entity": entity_id, "hidden": hidden})
    return entity


def distinct(session: Session, a: int, b: int) -> tuple[Entity, Entity]:
    """Record that two entities are not the same: the machine never merges them."""
    if a == b:
        raise EntityError("an entity cannot be distinct from itself")
    ea, eb = _entity(session, a), _entity(session, b)
    _record(session, "distinct", {"a": a, "b": b})
    return ea, eb


def describe(entity: Entity, session: Session) -> dict[str, Any]:
    """An entity as the correction commands print it."""
    aliases = entity_aliases(session, [entity.id]).get(entity.id, [])
    count = len(list(session.scalars(select(Mention.id).where(Mention.entity_id == entity.id))))
    return {
        "id": entity.id,
        "entity": entity.canonical,
        "type": entity.type,
        "hidden": entity.hidden,
        "aliases": aliases,
        "mentions": count,
    }


def drop_unused_entities(session: Session) -> int:
    """Entities left with no mention and nothing the user said about them."""
    used = select(Mention.entity_id).distinct()
    user_touched = select(EntityAlias.entity_id).where(EntityAlias.source == "user")
    stale = list(
        session.scalars(
            select(Entity.id).where(
                Entity.id.not_in(used),
                Entity.id.not_in(user_touched),
                Entity.user_named.is_(False),
                Entity.hidden.is_(False),
            )
        )
    )
    if stale:
        session.execute(delete(Entity).where(Entity.id.in_(stale)))
    return len(stale)
