"""Lines recurring across one outlet's archived articles: boilerplate learnt from the archive."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from reader.archive.models import Article, Blob, Outlet
from reader.ingest.decode import UndecodableError, decode_bytes
from reader.ingest.lines import normalise_line

# How many of the outlet's latest pasted articles to learn from, and in how many
# of them a line must appear: real sentences almost never repeat across articles.
SAMPLE = 40
MIN_ARTICLES = 2
MAX_LINE = 200


def recurring_lines(session: Session, outlet: str) -> frozenset[str]:
    """Normalised lines found in at least two pasted articles of `outlet`."""
    rows = session.scalars(
        select(Blob.data)
        .join(Article, Article.blob_id == Blob.id)
        .join(Outlet, Outlet.id == Article.outlet_id)
        .where(Outlet.name == outlet, Blob.media_type == "text/plain")
        .order_by(Article.id.desc())
        .limit(SAMPLE)
    )
    counts: Counter[str] = Counter()
    for data in rows:
        try:
            text, _ = decode_bytes(data)
        except UndecodableError:
            continue
        counts.update(
            {normalise_line(line) for line in text.splitlines() if 0 < len(line) <= MAX_LINE}
        )
    return frozenset(line for line, n in counts.items() if line and n >= MIN_ARTICLES)


def lines_of(text: str) -> set[str]:
    """The normalised lines of a text, to test whether any recur."""
    return {normalise_line(line) for line in text.splitlines() if 0 < len(line) <= MAX_LINE}
