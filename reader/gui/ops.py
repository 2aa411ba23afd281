"""Typed operations between widgets and workers (Anki's QueryOp / CollectionOp idea).

A widget builds an operation with the callbacks it wants on the GUI thread and
calls `run_in_background()`; it never touches threads or sessions itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.gui.workers import Pool, Pools, ProgressFn, Task
from reader.library import Library
from reader.library.import_process import ImportProcess
from reader.records import ImportReport

log = logging.getLogger("reader.gui.ops")

T = TypeVar("T")


@dataclass
class AppContext:
    """What every operation needs: the open archive and the pools.

    Attributes:
        library: the façade over the archive.
        pools: the read pool and the serialized writer pool.
        imports: the child process imports run in (the app sets it so NER never
            holds the GUI's interpreter lock); None imports on the writer thread.
    """

    library: Library
    pools: Pools
    imports: ImportProcess | None = None

    def close(self) -> None:
        """End the import process (after the file it is storing)."""
        if self.imports is not None:
            self.imports.close()


def show_error(parent: QWidget | None, title: str, error: BaseException) -> None:
    """Tell the user what went wrong, in words rather than a traceback."""
    log.error("%s: %s", title, error)
    if parent is not None:
        QMessageBox.warning(parent, title, f"{title}.\n\n{error}")


class Latest:
    """A sequence of requests of which only the newest may show its answer.

    Reads run on a pool of two threads, so an older, slower search or pane
    opening could finish after a newer one and overwrite it. Each request takes
    a ticket; an answer whose ticket is no longer the newest is dropped.
    """

    def __init__(self) -> None:
        self._newest = 0
        self._lock = threading.Lock()

    def ticket(self) -> int:
        """A new request: every earlier ticket is now stale."""
        with self._lock:
            self._newest += 1
            return self._newest

    def is_newest(self, ticket: int) -> bool:
        """Whether no request was made after the one holding `ticket`."""
        with self._lock:
            return ticket == self._newest


@dataclass
class QueryOp(Generic[T]):
    """A read of the archive on the read pool; `on_success` runs on the GUI thread.

    With `latest`, the answer is shown only if no newer request of the same
    sequence was made meanwhile (last request wins).
    """

    ctx: AppContext
    op: Callable[[Library], T]
    on_success: Callable[[T], None]
    parent: QWidget | None = None
    title: str = "Could not read the archive"
    on_failure: Callable[[BaseException], None] | None = None
    latest: Latest | None = None

    def _pool(self) -> Pool:
        return self.ctx.pools.read

    def _work(self, report: ProgressFn) -> T:
        del report
        return self.op(self.ctx.library)

    def _failed(self, error: BaseException) -> None:
        if self.on_failure is not None:
            self.on_failure(error)
        else:
            show_error(self.parent, self.title, error)

    def run_in_background(self, on_progress: ProgressFn | None = None) -> Task:
        """Queue the work; callbacks arrive later on the GUI thread."""
        success, failed = self.on_success, self._failed
        if self.latest is not None:
            latest, ticket = self.latest, self.latest.ticket()

            def success(result: T) -> None:
                if latest.is_newest(ticket):
                    self.on_success(result)

            def failed(error: BaseException) -> None:
                if latest.is_newest(ticket):
                    self._failed(error)

        task = Task(self._work, success, failed, on_progress)
        self._pool().submit(task)
        return task


@dataclass
class CollectionOp(QueryOp[T]):
    """A change to the archive: runs on the single writer thread, one at a time."""

    title: str = "Could not change the archive"

    def _pool(self) -> Pool:
        return self.ctx.pools.write


@dataclass
class ImportOp:
    """Import files and folders on the writer thread, with progress and cancel.

    Attributes:
        paths: files and folders to import.
        cancel_event: set by `cancel()`; the importer polls it between files.
    """

    ctx: AppContext
    paths: Sequence[Path]
    on_success: Callable[[ImportReport], None]
    on_progress: ProgressFn | None = None
    parent: QWidget | None = None
    on_failure: Callable[[BaseException], None] | None = None
    cancel_event: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        """Stop after the file being imported now (it lands whole or not at all)."""
        self.cancel_event.set()

    def _work(self, report: ProgressFn) -> ImportReport:
        if self.ctx.imports is not None:
            return self.ctx.imports.run(
                list(self.paths), progress=report, should_cancel=self.cancel_event.is_set
            )
        return self.ctx.library.import_paths(
            list(self.paths), progress=report, should_cancel=self.cancel_event.is_set
        )

    def _failed(self, error: BaseException) -> None:
        if self.on_failure is not None:
            self.on_failure(error)
        else:
            show_error(self.parent, "The import stopped", error)

    def run_in_background(self) -> Task:
        """Queue the import behind any other write."""
        task = Task(self._work, self.on_success, self._failed, self.on_progress)
        self.ctx.pools.write.submit(task)
        return task


def import_files(
    ctx: AppContext,
    paths: Sequence[Path],
    *,
    on_success: Callable[[ImportReport], None],
    on_progress: ProgressFn | None = None,
    parent: QWidget | None = None,
) -> ImportOp:
    """An import of `paths`, ready to `run_in_background()`."""
    return ImportOp(ctx, paths, on_success, on_progress, parent)


def correct_entities(
    ctx: AppContext,
    change: Callable[[Library], Any],
    *,
    on_success: Callable[[Any], None],
    parent: QWidget | None = None,
) -> CollectionOp[Any]:
    """An entity correction (merge, split, rename, hide, not the same) on the writer."""
    return CollectionOp(ctx, change, on_success, parent, "Could not change the entity")
