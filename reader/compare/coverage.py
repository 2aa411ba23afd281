"""Coverage of a story: timeline, figures and claims of the articles side by side."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from reader.compare.claims import claims
from reader.compare.figures import figures
from reader.compare.story import Article, as_articles
from reader.compare.timeline import timeline

__all__ = ["Article", "coverage"]


def coverage(articles: Iterable[Article | Mapping[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Timeline, figures and claims of the articles, in the ``compare --json`` shape."""
    items = as_articles(articles)
    return {
        "timeline": [event.to_json() for event in timeline(items)],
        "figures": [group.to_json() for group in figures(items)],
        "claims": [group.to_json() for group in claims(items)],
    }
