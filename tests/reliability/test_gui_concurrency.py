"""The desktop window stays usable while `python main.py import` writes to the same archive."""

from __future__ import annotations

import logging
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from reliability_corpus import as_html, as_pasted, make_article

from reader.gui.external_changes import ExternalChanges
from reader.gui.mainwindow import MainWindow
from reader.gui.ops import AppContext
from reader.gui.settings import Settings
from reader.gui.workers import Pools
from reader.library import Library

ROOT = Path(__file__).resolve().parents[2]
SEED = 8080
FIRST_BATCH = 4
CLI_BATCH = 36


def _write_articles(folder: Path, rng: random.Random, first: int, count: int) -> list[str]:
    """Generated news files; returns the sentence unique to each."""
    folder.mkdir()
    markers = []
    for n in range(first, first + count):
        article = make_article(rng, n)
        markers.append(article.marker)
        html = n % 4 == 0
        text = as_html(article) if html else as_pasted(article, rng)
        (folder / f"a{n:03d}.{'html' if html else 'txt'}").write_text(text, encoding="utf-8")
    return markers


@pytest.fixture
def pools() -> Iterator[Pools]:
    """The app's real worker threads: reads happen beside the other process's writes."""
    real = Pools.threaded()
    yield real
    real.wait(10_000)


@pytest.mark.slow
def test_the_window_searches_and_opens_articles_while_the_cli_imports(
    qtbot,
    library: Library,
    pools: Pools,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    warnings: list[str] = []

    def warning(_parent: object, title: str, text: str, *_a: object) -> None:
        warnings.append(f"{title}: {text}")  # a modal box would block the test; record it

    monkeypatch.setattr(QMessageBox, "warning", warning)
    caplog.set_level(logging.WARNING, logger="reader")
    rng = random.Random(SEED)
    _write_articles(tmp_path / "first", rng, 0, FIRST_BATCH)
    library.import_paths([tmp_path / "first"])
    new_markers = _write_articles(tmp_path / "second", rng, FIRST_BATCH, CLI_BATCH)

    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(AppContext(library, pools), settings)
    qtbot.addWidget(window)
    window.show()
    watcher = window.findChild(ExternalChanges)
    assert watcher is not None
    watcher.timer.setInterval(100)
    assert window.library_view.model.rowCount() == FIRST_BATCH

    cli = subprocess.Popen(
        [sys.executable, "main.py", "--archive", str(library.archive_dir), "import"]
        + [str(tmp_path / "second")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    searches = opened = 0
    counts_seen: set[int] = set()
    try:
        deadline = time.monotonic() + 240
        while cli.poll() is None and time.monotonic() < deadline:
            # A user searching: the hits fill the list (the old articles at least).
            window.search_edit.setText("spokesperson")
            window.run_search()
            qtbot.waitUntil(lambda: window.library_view.query == "spokesperson", timeout=15_000)
            shown = window.library_view.model.rowCount()
            assert shown >= FIRST_BATCH
            searches += 1
            # ... and opening the top hit: its text appears in a pane.
            top = window.library_view.model.article_id(searches % shown)
            window.compare.open_in_active(int(top))
            qtbot.waitUntil(lambda t=top: window.compare.open_ids == [t], timeout=15_000)
            pane = window.compare.panes[0]
            assert "spokesperson" in pane.browser.toPlainText()
            opened += 1
            # Back to the whole archive, which is growing underneath.
            window.search_edit.clear()
            window.run_search()
            counts_seen.add(window.library_view.model.rowCount())
            qtbot.wait(150)
    finally:
        if cli.poll() is None:
            cli.kill()
        out, err = cli.communicate(timeout=60)

    print(
        f"window during a CLI import: {searches} searches, {opened} articles opened, "
        f"list sizes seen {sorted(counts_seen)}"
    )
    assert cli.returncode == 0, err
    assert "database is locked" not in err and "Traceback" not in err, err
    # The window was really used while the import was writing, not only before or after.
    assert searches >= 3 and opened >= 3
    total = FIRST_BATCH + CLI_BATCH
    assert any(FIRST_BATCH < c < total for c in counts_seen), counts_seen

    # Afterwards the list shows the new articles without any action by the user ...
    qtbot.waitUntil(lambda: window.library_view.model.rowCount() == total, timeout=15_000)
    assert window.library_view.status.text() == f"{total} articles"
    # ... and a search finds an article the other process stored.
    code = new_markers[-1].split("case ")[1].split(",")[0]
    window.search_edit.setText(f'"{code}"')
    window.run_search()
    qtbot.waitUntil(lambda: window.library_view.query == f'"{code}"', timeout=15_000)
    assert window.library_view.model.rowCount() == 1
    top = window.library_view.model.article_id(0)
    window.compare.open_in_active(int(top))
    qtbot.waitUntil(lambda: window.compare.open_ids == [top], timeout=15_000)
    assert new_markers[-1] in window.compare.panes[0].browser.toPlainText()

    assert warnings == []
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert not [p for p in problems if "locked" in p or "failed" in p], problems


def test_a_commit_by_another_connection_moves_the_data_version(tmp_path: Path) -> None:
    import sqlite3

    from reader.gui.external_changes import DataVersion

    db = tmp_path / "a.sqlite3"
    writer = sqlite3.connect(db)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE t (x)")
    writer.commit()
    version = DataVersion(db)
    before = version.read()
    assert before is not None
    assert version.read() == before  # nothing happened: no refresh
    writer.execute("INSERT INTO t VALUES (1)")
    writer.commit()
    assert version.read() != before
    writer.close()
    version.close()


@pytest.mark.slow
def test_an_idle_window_shows_articles_the_cli_added_and_keeps_the_selection(
    qtbot, library: Library, pools: Pools, tmp_path: Path
) -> None:
    rng = random.Random(SEED + 1)
    _write_articles(tmp_path / "first", rng, 0, 2)
    library.import_paths([tmp_path / "first"])
    _write_articles(tmp_path / "second", rng, 2, 3)
    settings = Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    window = MainWindow(AppContext(library, pools), settings)
    qtbot.addWidget(window)
    window.show()
    watcher = window.findChild(ExternalChanges)
    assert watcher is not None
    watcher.timer.setInterval(100)
    view = window.library_view
    view.select_rows([1])
    chosen = view.selected_ids()

    done = subprocess.run(
        [sys.executable, "main.py", "--archive", str(library.archive_dir), "import"]
        + [str(tmp_path / "second")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stderr

    qtbot.waitUntil(lambda: view.model.rowCount() == 5, timeout=10_000)
    assert view.status.text() == "5 articles"
    assert window.statusBar().currentMessage() == "3 new articles in the archive."
    assert view.selected_ids() == chosen  # the user's place in the list is kept
