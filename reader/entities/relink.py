"""Re-linking a whole archive (reindex) with the incremental linker."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from reader.entities.linking import Linker
from reader.entities.mentions import Mention
from reader.entities.model import ArticleLinks, KnownEntity, UserDecisions


@dataclass(frozen=True)
class ArticleInput:
    """One article to (re-)link: its text, NER mentions, date and skipped spans."""

    article_id: int
    text: str
    mentions: Sequence[Mention]
    published: date | None = None
    skip: Sequence[tuple[int, int]] = ()


def cluster_all(
    articles: Iterable[ArticleInput],
    *,
    known: Iterable[KnownEntity] = (),
    decisions: UserDecisions | None = None,
    spot: bool = True,
) -> tuple[Linker, list[ArticleLinks]]:
    """Re-link a whole archive (reindex), article by article in the order given.

    Pass as ``known`` the entities that must keep their ids (at least those the user
    touched); everything else is rebuilt.  Acronym definitions and the names NER found
    anywhere are learnt first, so article order matters less.
    """
    rows = list(articles)
    linker = Linker(known, decisions)
    for row in rows:
        linker.learn_acronyms(row.text, row.mentions)
        if spot:
            linker.add_spot_names(row.mentions)
    results = [
        linker.link_article(
            row.mentions,
            article_id=row.article_id,
            text=row.text,
            published=row.published,
            skip=row.skip,
            spot=spot,
        )
        for row in rows
    ]
    return linker, results
