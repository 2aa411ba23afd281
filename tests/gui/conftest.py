"""GUI test helpers: synchronous pools, a settings file per test, hand-made articles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QWidget

from reader.gui.comparison import Comparison, comparison_from_rows
from reader.gui.mainwindow import MainWindow
from reader.gui.ops import AppContext
from reader.gui.settings import Settings
from reader.gui.workers import Pools
from reader.library import Library
from reader.records import ArticleDetail
from reader.types import ArticleId

GUI_FIXTURES = Path(__file__).parents[1] / "fixtures" / "gui"


@pytest.fixture
def ctx(library) -> AppContext:
    """The test archive with workers that run inline."""
    return AppContext(library, Pools.synchronous())


@pytest.fixture
def window(qtbot, library: Library, tmp_path: Path) -> Iterator[MainWindow]:
    """The main window over the test archive, inline workers, its own settings file."""
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(AppContext(library, Pools.synchronous()), settings)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win
    # Dialogs a test left open would outlive the window.
    actions = getattr(win, "annotation_actions", None)
    for dialog in (
        win.last_summary,
        getattr(actions, "last_summary", None),
        getattr(actions, "all_dialog", None),
    ):
        if isinstance(dialog, QWidget):
            dialog.close()


@pytest.fixture
def import_texts(library: Library, tmp_path: Path) -> Callable[[dict[str, str]], list[int]]:
    """Write each text to a file named by its key, import them, return the ids in order."""

    def run(texts: dict[str, str]) -> list[int]:
        paths = []
        for name, text in texts.items():
            path = tmp_path / name
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return [int(row["id"]) for row in library.import_paths(paths).imported]

    return run


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings in a throwaway INI file."""
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


def make_detail(aid: int, title: str, text: str, outlet: str = "Test Outlet") -> ArticleDetail:
    """An ArticleDetail with one body block per line."""
    blocks = []
    pos = 0
    for line in text.split("\n"):
        if line:
            blocks.append((pos, pos + len(line), "body"))
        pos += len(line) + 1
    return ArticleDetail(
        id=ArticleId(aid),
        title=title,
        subtitle=None,
        outlet=outlet,
        authors=["A. Writer"],
        published="2025-03-14",
        language="en",
        words=len(text.split()),
        url=None,
        text=text,
        blocks=blocks,
        imported_at="2025-03-14T10:00:00",
        sha256="0" * 64,
        media_type="text/plain",
        source_path=None,
        near_group=None,
        pipeline_version="test",
    )


def mentions_of(text: str, word: str, first_id: int) -> list[dict]:
    """Mention dicts for every occurrence of `word` in `text`."""
    out = []
    start = text.find(word)
    n = first_id
    while start >= 0:
        out.append({"id": n, "text": word, "start": start, "end": start + len(word)})
        n += 1
        start = text.find(word, start + 1)
    return out


TEXT_A = "Fares from Port Elden rise again.\nCouncillors in Port Elden object; Hannah Obi reports."
TEXT_B = "Passengers leaving Pt. Elden will pay more.\nThe council in Pt. Elden asked for talks."


@pytest.fixture
def two_article_comparison() -> Comparison:
    """Two articles sharing one place (spelled two ways) plus a person only A names."""
    a = make_detail(1, "Fares rise", TEXT_A, "Coastal Courier")
    b = make_detail(2, "Passengers pay more", TEXT_B, "Evening Post")
    rows = {
        ArticleId(1): [
            {
                "entity_id": 10,
                "entity": "Port Elden",
                "type": "GPE",
                "mentions": mentions_of(TEXT_A, "Port Elden", 100),
            },
            {
                "entity_id": 11,
                "entity": "Hannah Obi",
                "type": "PERSON",
                "mentions": mentions_of(TEXT_A, "Hannah Obi", 200),
            },
        ],
        ArticleId(2): [
            {
                "entity_id": 10,
                "entity": "Port Elden",
                "type": "GPE",
                "mentions": mentions_of(TEXT_B, "Pt. Elden", 300),
            }
        ],
    }
    return comparison_from_rows(
        (ArticleId(1), ArticleId(2)), {ArticleId(1): a, ArticleId(2): b}, rows
    )


@pytest.fixture
def detail_factory():
    """`make_detail(aid, title, text, outlet)` for tests that build their own articles."""
    return make_detail
