"""Settings are typed, versioned and upgraded; workers report back on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QSettings

from reader.gui.settings import SETTINGS_VERSION, Settings
from reader.gui.workers import QtPool, SyncPool, Task


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
