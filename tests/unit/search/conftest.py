"""Small hand-written articles and annotations for the search tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reader.search import SearchDocument, SearchIndex

ARTICLES = [
    SearchDocument(
        id=1,
        title="Shelling resumes near Zelenopil as ceasefire talks stall",
        outlet="Kyiv Ledger",
        authors=["Olena Marchuk"],
        published="2025-12-01",
        text=(
            "Shelling resumed on Monday near Zelenopil, the regional governor said, hours "
            "after ceasefire talks in Geneva broke up without a statement. "
            "open image in gallery "
            "A café owner on the main square said the windows of her shop were blown out "
            "overnight. \u201cWe sweep the glass every morning now,\u201d she said. "
            "The governor urged residents to use the shelters."
        ),
        entities=["Zelenopil", "Olena Marchuk", "Geneva"],
    ),
    SearchDocument(
        id=2,
        title="Zelenopol residents flee as the front moves west",
        outlet="Northern Courier",
        authors=["Tom Ashby", "Mira Kovalenko"],
        published="2025-12-02",
        text=(
            "Residents of Zelenopol queued for evacuation trains on Tuesday as the front "
            "line moved west. Talks on a ceasefire were not mentioned by officials at the "
            "station. Volunteers handed out tea and blankets; trains left twice a day."
        ),
        entities=["Zelenopol"],
        aliases=["Zelenopil"],
    ),
    SearchDocument(
        id=3,
        title="Markets steady after central bank decision",
        outlet="Business Daily",
        authors=["Priya Natarajan"],
        published="2025-11-15",
        text=(
            "Markets were steady after the central bank held interest rates, citing "
            "inflation that remains above target. The governor said further rises were "
            "possible. Traders had priced in a pause."
        ),
        entities=["Priya Natarajan"],
    ),
    SearchDocument(
        id=4,
        title="\u00c9vora festival draws record crowds",
        outlet="Kyiv Ledger",
        authors=["Olena Marchuk"],
        published="2025-12-03",
        text=(
            "Musicians played late into the night at the \u00c9vora festival, which the "
            "organisers said drew record crowds. Several festivals in the region were "
            "cancelled last year."
        ),
        entities=["\u00c9vora"],
    ),
]

ANNOTATION = SearchDocument(
    id=10,
    kind="annotation",
    article_id=2,
    title="Zelenopol residents flee as the front moves west",
    outlet="Northern Courier",
    text="trains left twice a day",
    notes="Check the rail timetable against the ministry statement.",
    tags=["logistics"],
)


@pytest.fixture
def articles() -> list[SearchDocument]:
    return list(ARTICLES)


@pytest.fixture
def annotation() -> SearchDocument:
    return ANNOTATION


@pytest.fixture
def text_for() -> Callable[[list[int]], dict[int, str]]:
    """What the archive would return for snippets."""
    texts = {d.id: d.text for d in ARTICLES}
    return lambda ids: {i: texts[i] for i in ids if i in texts}


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    ix = SearchIndex(tmp_path / "index")
    ix.add(ARTICLES)
    ix.add([ANNOTATION])
    yield ix
    ix.close()
