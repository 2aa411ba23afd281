"""Shared and unique entities of 2-4 articles, and the entity x article mention grid."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

# (entity id, canonical name, type, surface as written)
MentionRow = tuple[int, str, str, str]


def compare_entities(
    articles: Mapping[int, Sequence[MentionRow]], *, hidden: frozenset[int] = frozenset()
) -> dict[str, Any]:
    """Build the ``compare --json`` document from each article's linked mentions.

    Args:
        articles: article id -> its mentions as (entity id, canonical, type, surface),
            in the order the articles were asked for.
        hidden: entity ids the user hid as noise; left out everywhere.

    Returns:
        ``{"shared": [{"entity", "type", "mentions": {ID: [surface...]}}],
        "unique": {ID: [{"entity", "type"}]},
        "grid": [{"entity", "type", "counts": {ID: n}}]}``; shared entities appear in at
        least two of the articles, most widely shared and most mentioned first; surfaces
        are listed once each, in order of first appearance.
    """
    info: dict[int, tuple[str, str]] = {}
    counts: dict[int, Counter[int]] = {}
    surfaces: dict[int, dict[int, list[str]]] = {}
    for article_id, rows in articles.items():
        for entity_id, canonical, type_, surface in rows:
            if entity_id in hidden:
                continue
            info.setdefault(entity_id, (canonical, type_))
            counts.setdefault(entity_id, Counter())[article_id] += 1
            seen = surfaces.setdefault(entity_id, {}).setdefault(article_id, [])
            if surface not in seen:
                seen.append(surface)

    def order(entity_id: int) -> tuple[int, int, str]:
        c = counts[entity_id]
        return (-len(c), -sum(c.values()), info[entity_id][0].casefold())

    ranked = sorted(counts, key=order)
    shared = [
        {
            "entity": info[e][0],
            "type": info[e][1],
            "mentions": {a: surfaces[e][a] for a in articles if a in surfaces[e]},
        }
        for e in ranked
        if len(counts[e]) >= 2
    ]
    unique: dict[int, list[dict[str, str]]] = {a: [] for a in articles}
    for e in ranked:
        if len(counts[e]) == 1:
            (only,) = counts[e]
            unique[only].append({"entity": info[e][0], "type": info[e][1]})
    grid = [
        {
            "entity": info[e][0],
            "type": info[e][1],
            "counts": {a: counts[e].get(a, 0) for a in articles},
        }
        for e in ranked
    ]
    return {"shared": shared, "unique": unique, "grid": grid}
