"""Noticing articles another process (the CLI, a second window) adds to the open archive.

SQLite's ``PRAGMA data_version`` changes on a connection whenever *another*
connection commits to the database. A private read-only connection polled on a
timer is therefore a change signal that costs microseconds and holds no lock; only
when it moves does the window read the article ids (on the read pool) and, if
they differ from the list shown, refresh the library list.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from reader.gui.ops import QueryOp

if TYPE_CHECKING:
    from reader.gui.mainwindow import MainWindow

log = logging.getLogger("reader.gui.external_changes")

POLL_MS = 1500


class DataVersion:
    """``PRAGMA data_version`` of an archive, read on a private read-only connection."""

    def __init__(self, db_path: Path) -> None:
        """Remember the database; the connection opens on the first read."""
        self.db_path = Path(db_path)
        self._conn: sqlite3.Connection | None = None

    def read(self) -> int | None:
        """The current version, or None when the database cannot be read right now."""
        try:
            if self._conn is None:
                uri = f"{self.db_path.resolve().as_uri()}?mode=ro"
                # timeout=0: the GUI thread never waits; a busy moment is the next tick's.
                self._conn = sqlite3.connect(uri, uri=True, timeout=0, check_same_thread=False)
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error as exc:
            log.debug("data_version not readable now: %s", exc)
            self.close()
            return None

    def close(self) -> None:
        """Close the private connection."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class ExternalChanges(QObject):
    """Polls the archive and refreshes the window's library list when articles change.

    Signals:
        articlesChanged(int): articles appeared (positive) or went away (negative)
            since the list was last read; emitted after the list was refreshed.
    """

    articlesChanged = Signal(int)

    def __init__(self, window: MainWindow, db_path: Path, interval_ms: int = POLL_MS) -> None:
        super().__init__(window)
        self.setObjectName("externalChanges")
        self.window = window
        self.version = DataVersion(db_path)
        self._last = self.version.read()
        # The baseline is read on the read pool: at 100k articles it costs a few
        # hundred milliseconds the window should not wait for at start-up.
        self._known: set[int] | None = None
        self._checking = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        window.destroyed.connect(self.version.close)
        self.check_now()

    def poll(self) -> bool:
        """Look at the data version; True if it moved and a check of the articles began."""
        current = self.version.read()
        if current is None or current == self._last or self._checking:
            return False
        self._last = current
        self.check_now()
        return True

    def check_now(self, *, force: bool = False) -> None:
        """Read the article ids on the read pool and refresh the list if they changed."""
        self._checking = True
        QueryOp(
            self.window.ctx,
            lambda lib: {int(i) for i in lib.filter_article_ids()},
            lambda ids: self._compare(ids, force=force),
            on_failure=self._failed,
        ).run_in_background()

    def _failed(self, error: BaseException) -> None:
        self._checking = False
        log.warning("could not look for new articles: %s", error)

    def _compare(self, ids: set[int], *, force: bool = False) -> None:
        self._checking = False
        if self._known is None and not force:
            self._known = ids
            return
        if ids == self._known and not force:
            return
        known = self._known or set()
        delta = len(ids - known) - len(known - ids)
        self._known = ids
        view = self.window.library_view
        if view.query and force:
            self.window.run_search()  # the user asked: the same search over the new archive
        elif view.query:
            # The user is reading search hits: keep them, say how to include the new ones.
            self.window.statusBar().showMessage(
                "The archive changed: search again to include new articles.",
                8000,
            )
        else:
            selected = view.selected_ids()
            view.reload()
            rows = [view.model.row_of(i) for i in selected]
            view.select_rows([r for r in rows if r >= 0])
            # The window's own import reports itself; say nothing while it runs.
            if delta > 0 and self.window.import_op is None:
                self.window.statusBar().showMessage(
                    f"{delta:,} new article{'s' if delta != 1 else ''} in the archive.", 8000
                )
        self.articlesChanged.emit(delta)

    def refresh(self) -> None:
        """Re-read the archive now (View > Refresh library)."""
        self.check_now(force=True)


def install(window: MainWindow) -> None:
    """Watch the window's archive for changes made by other processes."""
    db_path = window.ctx.library.db_path
    if db_path is None:
        return  # an in-memory or URL archive has no other writers to notice
    watcher = ExternalChanges(window, db_path)
    action = QAction("Refresh &Library", window)
    action.setObjectName("refreshLibraryAction")
    action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
    action.setStatusTip("Read the archive again (articles added by the command line appear)")
    action.triggered.connect(watcher.refresh)
    window.view_menu.addAction(action)
