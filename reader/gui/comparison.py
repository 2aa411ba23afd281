"""What a comparison shows: articles, their entity mentions, shared and unique entities.

Built on a worker from Library calls, handed to the GUI as plain frozen data.
"""

from __future__ import annotations

import bisect
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reader.library import Library
from reader.records import ArticleDetail
from reader.types import ArticleId, EntityId

log = logging.getLogger("reader.gui.comparison")


@dataclass(frozen=True)
class Mention:
    """One mention of an entity in one article's text (offsets into the text)."""

    entity_id: EntityId
    mention_id: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class EntityInfo:
    """An entity as the open articles see it.

    Attributes:
        counts: mentions per article id (only articles that mention it).
        spellings: the surface forms seen, per article id.
        aliases: other names the archive knows for it.
    """

    entity_id: EntityId
    name: str
    type: str
    counts: dict[ArticleId, int]
    spellings: dict[ArticleId, tuple[str, ...]]
    aliases: tuple[str, ...] = ()

    @property
    def shared(self) -> bool:
        """Mentioned by at least two of the open articles."""
        return len(self.counts) >= 2

    def all_spellings(self) -> list[str]:
        """Every distinct spelling seen, canonical name first."""
        seen = [self.name]
        for forms in self.spellings.values():
            seen.extend(f for f in forms if f not in seen)
        seen.extend(a for a in self.aliases if a not in seen)
        return seen


@dataclass(frozen=True)
class Comparison:
    """Everything the compare view needs, in pane order."""

    ids: tuple[ArticleId, ...]
    details: dict[ArticleId, ArticleDetail]
    mentions: dict[ArticleId, tuple[Mention, ...]] = field(default_factory=dict)
    entities: dict[EntityId, EntityInfo] = field(default_factory=dict)

    @property
    def shared(self) -> list[EntityInfo]:
        """Entities in >= 2 open articles, most mentioned first."""
        items = [e for e in self.entities.values() if e.shared]
        return sorted(items, key=lambda e: (-len(e.counts), -sum(e.counts.values()), e.name))

    def unique(self, article_id: ArticleId) -> list[EntityInfo]:
        """Entities only this open article mentions, most mentioned first."""
        items = [e for e in self.entities.values() if list(e.counts) == [article_id]]
        return sorted(items, key=lambda e: (-e.counts[article_id], e.name))


def build_comparison(lib: Library, ids: Sequence[int]) -> Comparison:
    """Load articles and their entities; works before entity extraction exists too."""
    details: dict[ArticleId, ArticleDetail] = {}
    for raw in ids:
        detail = lib.get_article(int(raw))
        if detail is not None:
            details[detail.id] = detail
    order = tuple(i for i in (ArticleId(int(r)) for r in ids) if i in details)
    getter = getattr(lib, "article_entities", None)
    if getter is None:
        return Comparison(order, details)
    rows: dict[ArticleId, list[dict[str, Any]]] = {i: list(getter(int(i))) for i in order}
    return comparison_from_rows(order, details, rows, _aliases(lib, rows))


def _aliases(
    lib: Library, rows: dict[ArticleId, list[dict[str, Any]]]
) -> dict[int, tuple[str, ...]]:
    getter = getattr(lib, "entity_aliases", None)
    if getter is None:
        return {}
    seen: dict[int, int] = {}
    for items in rows.values():
        for row in items:
            seen[int(row["entity_id"])] = seen.get(int(row["entity_id"]), 0) + 1
    shared = [e for e, n in seen.items() if n >= 2]
    if not shared:
        return {}
    try:
        found = getter(shared)
    except Exception:  # aliases only enrich tooltips; the view works without them
        log.exception("entity_aliases() failed; showing entities without aliases")
        return {}
    return {int(k): tuple(v) for k, v in found.items()}


def comparison_from_rows(
    order: tuple[ArticleId, ...],
    details: dict[ArticleId, ArticleDetail],
    rows: dict[ArticleId, list[dict[str, Any]]],
    aliases: dict[int, tuple[str, ...]] | None = None,
) -> Comparison:
    """Assemble a Comparison from `article_entities()` rows per article."""
    aliases = aliases or {}
    mentions: dict[ArticleId, list[Mention]] = {i: [] for i in order}
    names: dict[EntityId, tuple[str, str]] = {}
    counts: dict[EntityId, dict[ArticleId, int]] = {}
    spellings: dict[EntityId, dict[ArticleId, list[str]]] = {}
    for aid in order:
        for row in rows.get(aid, []):
            eid = EntityId(int(row["entity_id"]))
            names[eid] = (str(row["entity"]), str(row.get("type") or ""))
            for m in row.get("mentions", []):
                mention = Mention(
                    eid, int(m.get("id", 0)), int(m["start"]), int(m["end"]), m["text"]
                )
                mentions[aid].append(mention)
                counts.setdefault(eid, {}).setdefault(aid, 0)
                counts[eid][aid] += 1
                forms = spellings.setdefault(eid, {}).setdefault(aid, [])
                if mention.text not in forms:
                    forms.append(mention.text)
    entities = {
        eid: EntityInfo(
            eid,
            names[eid][0],
            names[eid][1],
            counts[eid],
            {a: tuple(f) for a, f in spellings[eid].items()},
            aliases.get(int(eid), ()),
        )
        for eid in counts
    }
    return Comparison(
        order,
        details,
        {a: tuple(sorted(ms, key=lambda m: m.start)) for a, ms in mentions.items()},
        entities,
    )


# -- coverage: aligned passages, passages only one outlet has, timeline, figures, claims --

Span = tuple[int, int]
Place = tuple[ArticleId, int, int]
# (passage, passage, score, shared evidence)
Pair = tuple[Place, Place, float, tuple[str, ...]]


@dataclass(frozen=True)
class AlignedPassage:
    """A passage of another open article that tells the same thing as the one asked about."""

    article_id: ArticleId
    start: int
    end: int
    score: float
    shared: tuple[str, ...] = ()


@dataclass(frozen=True)
class Coverage:
    """How the open articles cover the story, from `Library.compare` (computed on a worker).

    Attributes:
        ids: the articles it was computed for.
        pairs: aligned passages as ((article, start, end), (article, start, end), score, shared).
        only: passages no other open article tells, per article.
        timeline, figures, claims: the `compare --json` entries, as returned.
    """

    ids: tuple[ArticleId, ...] = ()
    pairs: tuple[Pair, ...] = ()
    only: dict[ArticleId, tuple[Span, ...]] = field(default_factory=dict)
    timeline: tuple[dict[str, Any], ...] = ()
    figures: tuple[dict[str, Any], ...] = ()
    claims: tuple[dict[str, Any], ...] = ()

    @cached_property
    def _by_article(self) -> dict[ArticleId, list[Span]]:
        spans: dict[ArticleId, set[Span]] = {a: set(v) for a, v in self.only.items()}
        for a, b, _score, _shared in self.pairs:
            for aid, start, end in (a, b):
                spans.setdefault(aid, set()).add((start, end))
        return {aid: sorted(v) for aid, v in spans.items()}

    @cached_property
    def _matches(self) -> dict[Place, list[AlignedPassage]]:
        found: dict[Place, list[AlignedPassage]] = {}
        for a, b, score, shared in self.pairs:
            for here, there in ((a, b), (b, a)):
                found.setdefault(here, []).append(
                    AlignedPassage(there[0], there[1], there[2], score, shared)
                )
        return {k: sorted(v, key=lambda p: -p.score) for k, v in found.items()}

    def passages(self, article_id: ArticleId) -> list[Span]:
        """Every passage of an article the alignment knows (matched or not), in text order."""
        return list(self._by_article.get(article_id, ()))

    def passage_at(self, article_id: ArticleId, offset: int) -> Span | None:
        """The passage of an article holding a text offset, if the alignment covers it."""
        spans = self._by_article.get(article_id, [])
        i = bisect.bisect_right(spans, (offset, sys.maxsize)) - 1
        # Passages rarely nest: the one starting last at or before the offset, else a scan.
        if i >= 0 and spans[i][0] <= offset < spans[i][1]:
            return spans[i]
        return next((span for span in spans if span[0] <= offset < span[1]), None)

    def counterparts(self, article_id: ArticleId, start: int, end: int) -> list[AlignedPassage]:
        """Passages of the other articles aligned with this one, best first."""
        return list(self._matches.get((article_id, start, end), ()))

    def is_only(self, article_id: ArticleId, start: int, end: int) -> bool:
        """Whether no other open article has a passage like this one."""
        return (start, end) in self.only.get(article_id, ())


def coverage_from_json(ids: Sequence[int], doc: dict[str, Any]) -> Coverage:
    """A Coverage from a `compare --json` document."""

    def passage(entry: Sequence[int]) -> Place:
        return (ArticleId(int(entry[0])), int(entry[1]), int(entry[2]))

    return Coverage(
        tuple(ArticleId(int(i)) for i in ids),
        tuple(
            (
                passage(p["a"]),
                passage(p["b"]),
                float(p.get("score", 0.0)),
                tuple(str(s) for s in p.get("shared", ())),
            )
            for p in doc.get("alignment", ())
        ),
        {
            ArticleId(int(k)): tuple((int(s), int(e)) for s, e in v)
            for k, v in doc.get("only", {}).items()
        },
        tuple(doc.get("timeline", ())),
        tuple(doc.get("figures", ())),
        tuple(doc.get("claims", ())),
    )


def build_coverage(lib: Library, ids: Sequence[int]) -> Coverage:
    """Align the articles' passages and gather timeline, figures and claims (slow: a worker)."""
    if len(set(ids)) < 2:
        return Coverage(tuple(ArticleId(int(i)) for i in ids))
    # The panes already hold the entity comparison: only alignment and coverage here.
    doc = lib.compare(list(ids), alignment=True, coverage=True, entities=False)
    return coverage_from_json(ids, doc)
