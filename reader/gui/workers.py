"""Background work: QRunnable tasks whose results come back on the GUI thread.

Two pools, as in STYLE.md: a writer pool of one thread (SQLite and the search
index want a single writer, so imports and corrections queue up behind each
other) and a read pool. Tests inject `SyncPool`, which runs each task at once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("reader.gui.workers")

ProgressFn = Callable[[int, int, str], None]


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from a worker are queued to it.

    Signals:
        done(object): the task's result.
        failed(object): the exception it raised.
        progress(int, int, str): done, total, label.
    """

    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int, str)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: ProgressFn | None,
        on_finish: Callable[[], None],
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._on_progress = on_progress
        self._on_finish = on_finish
        # Bound methods of a GUI-thread QObject: Qt queues the call when the
        # signal is emitted from a worker thread.
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_error)
        self.progress.connect(self._deliver_progress)

    @Slot(object)
    def _deliver_done(self, result: object) -> None:
        try:
            self._on_done(result)
        finally:
            self._on_finish()

    @Slot(object)
    def _deliver_error(self, error: object) -> None:
        try:
            assert isinstance(error, BaseException)
            self._on_error(error)
        finally:
            self._on_finish()

    @Slot(int, int, str)
    def _deliver_progress(self, done: int, total: int, label: str) -> None:
        if self._on_progress is not None:
            self._on_progress(done, total, label)


class Task(QRunnable):
    """Runs `fn(report_progress)` off the GUI thread and reports back on it."""

    def __init__(
        self,
        fn: Callable[[ProgressFn], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        on_progress: ProgressFn | None = None,
    ) -> None:
        super().__init__()
        # The pool must not delete us from C++ while Python still holds the relay.
        self.setAutoDelete(False)
        self._fn = fn
        self.finished = threading.Event()
        self._release: Callable[[], None] = lambda: None
        self.relay = _Relay(on_done, on_error, on_progress, self._finish)

    def _finish(self) -> None:
        self.finished.set()
        self._release()

    def run(self) -> None:
        """Called by the pool (on a worker thread, or inline by SyncPool)."""
        try:
            result = self._fn(self.relay.progress.emit)
        except Exception as exc:  # every failure goes back to the GUI, never lost
            log.exception("background task failed")
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


class Pool(Protocol):
    """What operations need from a pool."""

    def submit(self, task: Task) -> None:
        """Run `task` (now or later)."""

    def wait(self, msecs: int = -1) -> bool:
        """Block until queued tasks finish (used at shutdown)."""


class QtPool:
    """A QThreadPool that keeps each Task alive until its result is delivered."""

    def __init__(self, max_threads: int, name: str) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(max_threads)
        self._pool.setObjectName(name)
        self._live: set[Task] = set()

    def submit(self, task: Task) -> None:
        """Queue `task` on the pool's threads."""
        self._live.add(task)
        task._release = lambda: self._live.discard(task)
        self._pool.start(task)

    def wait(self, msecs: int = -1) -> bool:
        """Block until the pool is idle."""
        return self._pool.waitForDone(msecs)


class SyncPool:
    """Runs each task immediately on the calling thread: for tests (Picard's FakeThreadPool)."""

    def submit(self, task: Task) -> None:
        """Run `task` now; its callbacks fire before this returns."""
        task.run()

    def wait(self, msecs: int = -1) -> bool:
        """Nothing is ever pending."""
        del msecs
        return True


class Pools:
    """The read pool and the single-threaded writer pool.

    Attributes:
        read: queries that only read the archive.
        write: everything that writes the database or the index, one at a time.
    """

    def __init__(self, read: Pool, write: Pool) -> None:
        self.read = read
        self.write = write

    @classmethod
    def threaded(cls) -> Pools:
        """The production pools."""
        return cls(read=QtPool(2, "reader-read"), write=QtPool(1, "reader-write"))

    @classmethod
    def synchronous(cls) -> Pools:
        """Both pools inline: for tests."""
        return cls(read=SyncPool(), write=SyncPool())

    def wait(self, msecs: int = -1) -> None:
        """Wait for writes first so nothing is half-written at exit."""
        self.write.wait(msecs)
        self.read.wait(msecs)
