"""Building the comparison of 2-4 articles from the archive: entities, alignment, coverage."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from reader.archive import repo
from reader.compare.alignment import ArticleText, align
from reader.compare.coverage import coverage as compare_coverage
from reader.compare.entities import compare_entities
from reader.library import entity_store
from reader.records import ArticleDetail


def compare_articles(
    session: Session, ids: Sequence[int], *, alignment: bool, coverage: bool, entities: bool = True
) -> dict[str, Any]:
    """The `compare --json` document of distinct, existing article ids.

    Raises:
        ValueError: an id names no article.
    """
    details: dict[int, ArticleDetail] = {}
    for article_id in ids:
        detail = repo.detail(session, article_id)
        if detail is None:
            raise ValueError(f"no article with id {article_id}")
        details[article_id] = detail
    doc = _entities(session, ids) if entities else {}
    # Captions are read but are not what an outlet reports: leave them out.
    body = {i: [(s, e) for s, e, kind in d.blocks if kind != "caption"] for i, d in details.items()}
    if alignment:
        spans = entity_store.mention_spans(session, ids)
        articles = [
            ArticleText(
                i,
                details[i].text,
                body[i] or None,
                [
                    frozenset(str(eid) for eid, ms, _ in spans.get(i, []) if s <= ms < e)
                    for s, e in body[i]
                ]
                if body[i]
                else None,
            )
            for i in ids
        ]
        doc.update(align(articles).to_json())
    if coverage:
        dates = entity_store.date_mentions(session, ids)
        doc.update(
            compare_coverage(
                [
                    {
                        "id": i,
                        "outlet": details[i].outlet or "",
                        "published": details[i].published,
                        "text": details[i].text,
                        "dates": dates.get(i, []),
                        "paragraphs": body[i] or None,
                    }
                    for i in ids
                ]
            )
        )
    return doc


def _entities(session: Session, ids: Sequence[int]) -> dict[str, Any]:
    rows = entity_store.compare_rows(session, ids)
    doc = compare_entities({i: rows[i] for i in ids})
    entity_ids = entity_store.ids_by_name(rows)
    for entry in doc["shared"]:
        entry["entity_id"] = entity_ids.get((entry["entity"], entry["type"]))
    for entries in doc["unique"].values():
        for entry in entries:
            entry["entity_id"] = entity_ids.get((entry["entity"], entry["type"]))
    shared_ids = [e["entity_id"] for e in doc["shared"] if e["entity_id"] is not None]
    spellings = entity_store.entity_aliases(session, shared_ids)
    for entry in doc["shared"]:
        entry["aliases"] = spellings.get(entry["entity_id"], [])
    return doc
