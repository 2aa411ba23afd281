"""Plain result types returned by a search."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal


@dataclass(frozen=True, slots=True)
class Hit:
    """One matching article or annotation.

    Attributes:
        id: article id, or annotation id when `kind` is "annotation".
        article_id: the article to open (the hit itself for articles).
        snippet: a short extract with matched words between the markers.
    """

    id: int
    kind: Literal["article", "annotation"]
    article_id: int
    title: str
    outlet: str
    published: str | None
    score: float
    snippet: str = ""


@dataclass(frozen=True, slots=True)
class SearchResult:
    """Everything one search returns.

    Attributes:
        total: number of matching documents (not just the hits returned).
        facets: {"outlet": {name: n}, "month": {"2025-12": n}, "entity": {name: n}}
            counted over all matching documents.
    """

    total: int
    hits: list[Hit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
