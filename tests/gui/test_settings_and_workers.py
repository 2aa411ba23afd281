"""Settings are typed, versioned and upgraded; workers report back on the GUI thread."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from reader.gui.ops import AppContext, import_files
from reader.gui.settings import SETTINGS_VERSION, Settings
from reader.gui.workers import Pools, QtPool, SyncPool, Task
from reader.library.import_process import ImportProcess, ImportProcessError

GUI_FIXTURES = Path(__file__).parents[1] / "fixtures" / "gui"


def _store(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)


def test_defaults_and_round_trip(qapp, tmp_path):
    settings = Settings(_store(tmp_path))
    assert settings.get("compare/sync_scroll") is True
    assert settings.get("compare/open_articles") == []
    settings.set("compare/open_articles", [4, 9])
    settings.set("compare/sync_scroll", False)
    settings.sync()
    again = Settings(_store(tmp_path))
    assert again.get("compare/open_articles") == [4, 9]
    assert again.get("compare/sync_scroll") is False


def test_version_1_settings_are_upgraded(qapp, tmp_path):
    old = _store(tmp_path)
    old.setValue("reader/open_article", "12")
    old.sync()
    settings = Settings(_store(tmp_path))
    assert settings.get("compare/open_articles") == [12]
    assert settings.store.value("reader/open_article") is None
    assert int(settings.store.value("meta/version")) == SETTINGS_VERSION


def test_unreadable_value_falls_back_to_default(qapp, tmp_path):
    settings = Settings(_store(tmp_path))
    settings.store.setValue("library/sort_column", "not a number")
    assert settings.get("library/sort_column") == -1


def test_threaded_task_delivers_result_on_gui_thread(qtbot):
    pool = QtPool(1, "test-writer")
    seen: list[tuple[object, bool]] = []
    gui = threading.get_ident()
    worker_threads: list[int] = []

    def work(report):
        worker_threads.append(threading.get_ident())
        report(1, 2, "half")
        return 42

    task = Task(work, lambda r: seen.append((r, threading.get_ident() == gui)), seen.append)
    pool.submit(task)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(42, True)]
    assert worker_threads and worker_threads[0] != gui
    assert pool.wait(1000)


def test_errors_come_back_as_exceptions(qapp):
    errors: list[BaseException] = []
    task = Task(lambda _r: 1 / 0, lambda _r: None, errors.append)
    SyncPool().submit(task)
    assert isinstance(errors[0], ZeroDivisionError)


@pytest.mark.slow
def test_import_in_child_process_lands_in_the_open_archive(qtbot, library, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("ferry-fares.txt", "ferry-fares-2.txt", "empty.txt"):
        (inbox / name).write_bytes((GUI_FIXTURES / name).read_bytes())
    child = ImportProcess.for_library(library)
    assert child is not None
    ctx = AppContext(library, Pools.threaded(), child)
    gui = threading.get_ident()
    reports: list[object] = []
    progress: list[tuple[int, bool]] = []
    try:
        op = import_files(
            ctx,
            [inbox],
            on_success=reports.append,
            on_progress=lambda done, _t, _p: progress.append((done, threading.get_ident() == gui)),
        )
        op.on_failure = reports.append
        op.run_in_background()
        qtbot.waitUntil(lambda: bool(reports), timeout=120_000)
        report = reports.pop()
        assert len(report.imported) == 2, report
        assert [f["path"] for f in report.failed] == [str(inbox / "empty.txt")]
        assert progress and all(on_gui for _d, on_gui in progress)
        # The GUI's own Library sees what the child stored, in the list and in search.
        assert len(library.article_ids()) == 2
        assert library.search("ferry").total == 2

        # A child that died between imports is replaced. Cancelled before it starts,
        # the next import stores nothing and says so.
        first_pid = child.pid
        assert first_pid is not None
        os.kill(first_pid, signal.SIGKILL)
        (inbox / "more.txt").write_text("Ferry fares frozen\n\nThe council froze fares.\n")
        stopped = import_files(ctx, [inbox], on_success=reports.append)
        stopped.on_failure = reports.append
        stopped.cancel()
        stopped.run_in_background()
        qtbot.waitUntil(lambda: bool(reports), timeout=120_000)
        report = reports.pop()
        assert report.cancelled and not report.imported
        assert child.pid not in (None, first_pid)
        assert len(library.article_ids()) == 2
    finally:
        ctx.pools.wait(120_000)
        ctx.close()
    assert child.pid is None


def test_import_process_reports_an_archive_it_cannot_open(tmp_path):
    not_a_folder = tmp_path / "archive"
    not_a_folder.write_text("a file where the archive folder should be")
    child = ImportProcess(not_a_folder, max_file_bytes=1_000_000)
    try:
        with pytest.raises(ImportProcessError, match="cannot open the archive"):
            child.run([tmp_path])
    finally:
        child.close()
    assert child.pid is None


_GUI_STAND_IN = """
import sys
from pathlib import Path
from reader.library.import_process import ImportProcess
child = ImportProcess(Path(sys.argv[1]), max_file_bytes=10_000_000)
child.run([Path(sys.argv[2])], lambda done, total, _p: print(done, child.pid, flush=True))
"""


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as status:
            return any(line.startswith("State:") and "Z" in line for line in status)
    except FileNotFoundError:
        return True


@pytest.mark.slow
def test_a_killed_window_leaves_its_import_child_to_stop_cleanly(tmp_path):
    import subprocess
    import sys
    import time

    from reader.library import Library

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    base = (GUI_FIXTURES / "ferry-fares.txt").read_text(encoding="utf-8")
    for i in range(60):
        text = base.replace(
            "\n\n", f"\n\nCrossing {i} of the day left late, the operator said.\n\n", 1
        )
        (inbox / f"story-{i:02d}.txt").write_text(text, encoding="utf-8")
    archive = tmp_path / "archive"
    window = subprocess.Popen(
        [sys.executable, "-c", _GUI_STAND_IN, str(archive), str(inbox)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert window.stdout is not None
    child_pid = 0
    for line in window.stdout:  # the import is under way once a few files are done
        done, child_pid = (int(x) for x in line.split())
        if done >= 20:
            break
    window.kill()  # the window dies mid-import, without closing anything
    window.wait()
    deadline = time.monotonic() + 60
    while not _gone(child_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _gone(child_pid), "the import child outlived its window by a minute"

    with Library(archive) as library:
        stored = library.count_articles()
        report = library.check()
    assert 20 <= stored < 60
    assert report.ok, report.problems
