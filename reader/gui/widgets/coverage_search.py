"""The entity grid over a whole search result: which outlet mentions which entity how often."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reader.gui.comparison import EntityInfo
from reader.library import Library
from reader.types import ArticleId, EntityId

# Hits beyond this are left out: the grid reads every hit's entity rows.
MAX_ARTICLES = 300
NO_OUTLET = "(no outlet)"


@dataclass(frozen=True)
class OutletGrid:
    """Mentions per entity and outlet over a set of articles.

    Attributes:
        outlets: column names; an entity's `counts` are keyed by the outlet's position.
        entities: the entities the articles mention.
        articles: the articles behind each (entity, outlet position) cell, in hit order.
        read: how many articles were read (at most MAX_ARTICLES).
        total: how many were asked for.
    """

    outlets: tuple[str, ...] = ()
    entities: tuple[EntityInfo, ...] = ()
    articles: dict[tuple[int, int], tuple[ArticleId, ...]] = field(default_factory=dict)
    read: int = 0
    total: int = 0

    def columns(self) -> list[tuple[int, str, str]]:
        """(key, header, tooltip) per outlet, for EntityGridModel.set_grid."""
        out = []
        for i, name in enumerate(self.outlets):
            label = name if len(name) <= 24 else name[:22] + "…"
            out.append((i, label, name))
        return out

    def open_for(self, entity_id: int, outlet: int | None, limit: int = 4) -> list[ArticleId]:
        """Articles to open for a cell: of that outlet, or one per outlet for the whole row."""
        if outlet is not None:
            return list(self.articles.get((entity_id, outlet), ()))[:limit]
        picked: list[ArticleId] = []
        for i in range(len(self.outlets)):
            found = self.articles.get((entity_id, i), ())
            if found and found[0] not in picked:
                picked.append(found[0])
        return picked[:limit]


def outlet_grid(lib: Library, ids: Sequence[int]) -> OutletGrid:
    """Count entity mentions per outlet over the articles `ids` (slow: run on a worker)."""
    wanted = [int(i) for i in ids][:MAX_ARTICLES]
    outlet_of = {int(s.id): (s.outlet or NO_OUTLET) for s in lib.summaries(wanted)}
    outlets = sorted(set(outlet_of.values()), key=str.casefold)
    column = {name: i for i, name in enumerate(outlets)}
    names: dict[int, tuple[str, str]] = {}
    counts: dict[int, dict[ArticleId, int]] = {}
    spellings: dict[int, dict[ArticleId, list[str]]] = {}
    articles: dict[tuple[int, int], list[ArticleId]] = {}
    for aid in wanted:
        if aid not in outlet_of:
            continue
        col = column[outlet_of[aid]]
        for row in lib.article_entities(aid):
            eid = int(row["entity_id"])
            mentions = row.get("mentions", [])
            if not mentions:
                continue
            names[eid] = (str(row["entity"]), str(row.get("type") or ""))
            cell = counts.setdefault(eid, {})
            cell[ArticleId(col)] = cell.get(ArticleId(col), 0) + len(mentions)
            forms = spellings.setdefault(eid, {}).setdefault(ArticleId(col), [])
            forms.extend(m["text"] for m in mentions if m["text"] not in forms)
            articles.setdefault((eid, col), []).append(ArticleId(aid))
    entities = tuple(
        EntityInfo(
            EntityId(eid),
            names[eid][0],
            names[eid][1],
            counts[eid],
            {k: tuple(v) for k, v in spellings[eid].items()},
        )
        for eid in counts
    )
    return OutletGrid(
        tuple(outlets),
        entities,
        {k: tuple(v) for k, v in articles.items()},
        len(wanted),
        len(ids),
    )
