"""Undoable annotation changes: QUndoCommands whose database work runs on the writer pool."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from reader.annotations.records import annotation_iri
from reader.gui.ops import AppContext, CollectionOp
from reader.library import Library
from reader.records import AnnotationView

log = logging.getLogger("reader.gui.undo")


class Handle:
    """One annotation across undo and redo: re-creating it gives it a new id.

    Attributes:
        id: the annotation's id now (None before it was first created).
    """

    def __init__(self, annotation_id: int | None = None) -> None:
        self.id = annotation_id


class Handles:
    """Every id an annotation ever had, mapped to its handle.

    Worker threads move handles (the writer pool runs one task at a time); the
    lock keeps the map consistent while the GUI thread looks one up.
    """

    def __init__(self) -> None:
        self._known: dict[int, Handle] = {}
        self._lock = threading.Lock()

    def of(self, annotation_id: int) -> Handle:
        """The handle of an annotation known by this (possibly older) id."""
        with self._lock:
            handle = self._known.get(annotation_id)
            if handle is None:
                handle = self._known[annotation_id] = Handle(annotation_id)
            return handle

    def moved(self, handle: Handle, annotation_id: int) -> None:
        """The annotation was (re-)created under a new id."""
        with self._lock:
            handle.id = annotation_id
            self._known[annotation_id] = handle


def _short(quote: str, limit: int = 32) -> str:
    text = " ".join(quote.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _jsonld_of(lib: Library, record: AnnotationView) -> str | None:
    """One annotation as a JSON-LD document (to bring back an orphan exactly as it was)."""
    document = json.loads(lib.export_annotations("jsonld", article_id=record.article))
    wanted = annotation_iri(record.id)
    for item in document.get("first", {}).get("items", []):
        if item.get("id") == wanted:
            return json.dumps({"@context": document.get("@context"), **item})
    return None


class AnnotationUndo(QObject):
    """The undo stack of annotation changes and what its commands share.

    Commands submit their writes to the writer pool and return at once, so the
    UI thread never waits on the database; `changed` is emitted on the GUI
    thread when a write is done (the panel reloads then).

    Signals:
        changed(): an annotation was created, edited, deleted or restored.
    """

    changed = Signal()

    def __init__(self, ctx: AppContext, widget: QWidget | None = None) -> None:
        super().__init__(widget)
        self.ctx = ctx
        self.widget = widget
        self.stack = QUndoStack(self)
        self.handles = Handles()

    def run(
        self,
        work: Callable[[Library], Any],
        title: str,
        on_done: Callable[[Any], None] | None = None,
    ) -> None:
        """Queue a write on the writer pool; `changed` follows on the GUI thread."""

        def done(result: Any) -> None:
            if on_done is not None:
                on_done(result)
            self.changed.emit()

        def failed(error: BaseException) -> None:
            from reader.gui.ops import show_error

            show_error(self.widget, title, error)
            self.changed.emit()

        CollectionOp(self.ctx, work, done, self.widget, title, failed).run_in_background()

    # -- what the panel and menus call ------------------------------------------

    def create(
        self,
        article_id: int,
        start: int,
        end: int,
        *,
        quote: str = "",
        note: str = "",
        tags: Sequence[str] = (),
        colour: str = "yellow",
        links: Sequence[tuple[int, str]] = (),
    ) -> CreateAnnotation:
        """Highlight a span (undoable); `links` are (annotation id, label) to add."""
        command = CreateAnnotation(self, article_id, start, end, quote, note, tags, colour, links)
        self.stack.push(command)
        return command

    def edit(
        self,
        record: AnnotationView,
        *,
        note: str | None = None,
        tags: Sequence[str] | None = None,
        colour: str | None = None,
    ) -> None:
        """Change note, tags or colour (undoable); nothing is pushed if nothing changes."""
        after: dict[str, Any] = {}
        if note is not None and note != record.note:
            after["note"] = note
        if tags is not None and list(tags) != list(record.tags):
            after["tags"] = list(tags)
        if colour is not None and colour != record.colour:
            after["colour"] = colour
        if after:
            self.stack.push(EditAnnotation(self, record, after))

    def delete(self, record: AnnotationView) -> None:
        """Delete an annotation (undo brings it back with its note, tags and links)."""
        self.stack.push(DeleteAnnotation(self, record))

    def reattach(self, orphan: AnnotationView, start: int, end: int, quote: str) -> None:
        """Move an orphan to a new span: a new annotation with its note, tags and links."""
        self.stack.beginMacro(f"Re-attach “{_short(orphan.quote)}”")
        self.create(
            orphan.article,
            start,
            end,
            quote=quote,
            note=orphan.note,
            tags=orphan.tags,
            colour=orphan.colour,
            links=[(int(link["annotation"]), str(link["label"])) for link in orphan.links],
        )
        self.delete(orphan)
        self.stack.endMacro()


class CreateAnnotation(QUndoCommand):
    """Highlight a span; undo deletes the highlight again."""

    def __init__(
        self,
        undo: AnnotationUndo,
        article_id: int,
        start: int,
        end: int,
        quote: str,
        note: str,
        tags: Sequence[str],
        colour: str,
        links: Sequence[tuple[int, str]],
    ) -> None:
        super().__init__(f"Highlight “{_short(quote)}”" if quote else "Highlight")
        self.u = undo
        self.handle = Handle()
        self.spec: dict[str, Any] = {
            "start": start,
            "end": end,
            "note": note,
            "tags": list(tags),
            "colour": colour,
        }
        self.article_id = article_id
        self.links = [(undo.handles.of(other), label) for other, label in links]

    def _create(self, lib: Library) -> AnnotationView:
        record = lib.annotate(self.article_id, **self.spec)
        self.u.handles.moved(self.handle, record.id)
        for other, label in self.links:
            if other.id is not None:
                lib.link_annotations(record.id, other.id, label)
        return record

    def redo(self) -> None:
        self.u.run(self._create, "Could not save the highlight")

    def undo(self) -> None:
        handle = self.handle
        self.u.run(
            lambda lib: lib.delete_annotation(handle.id) if handle.id is not None else None,
            "Could not remove the highlight",
        )


class EditAnnotation(QUndoCommand):
    """Change an annotation's note, tags or colour; undo puts the old values back."""

    def __init__(self, undo: AnnotationUndo, record: AnnotationView, after: dict[str, Any]):
        what = " and ".join(sorted(after))
        super().__init__(f"Change {what} of “{_short(record.quote)}”")
        self.u = undo
        self.handle = undo.handles.of(record.id)
        self.after = after
        self.before = {key: getattr(record, key) for key in after}

    def _apply(self, values: dict[str, Any]) -> None:
        handle = self.handle
        self.u.run(
            lambda lib: lib.update_annotation(handle.id, **values),  # type: ignore[arg-type]
            "Could not change the annotation",
        )

    def redo(self) -> None:
        self._apply(self.after)

    def undo(self) -> None:
        self._apply(self.before)


class DeleteAnnotation(QUndoCommand):
    """Delete an annotation; undo re-creates it with its note, tags, colour and links."""

    def __init__(self, undo: AnnotationUndo, record: AnnotationView) -> None:
        super().__init__(f"Delete “{_short(record.quote)}”")
        self.u = undo
        self.handle = undo.handles.of(record.id)
        self.record = record
        # An orphan cannot be re-created from offsets (its text is gone): it
        # comes back through JSON-LD, re-anchored by quote, so it stays an orphan.
        self.snapshot: str | None = None

    def _delete(self, lib: Library) -> AnnotationView | None:
        if self.handle.id is None:
            return None
        current = next(
            (r for r in lib.annotations(article_id=self.record.article) if r.id == self.handle.id),
            None,
        )
        if current is not None:
            self.record = current
            self.snapshot = _jsonld_of(lib, current) if current.orphaned else None
        return lib.delete_annotation(self.handle.id)

    def _restore(self, lib: Library) -> AnnotationView | None:
        record = self.record
        new_id: int | None = None
        if self.snapshot is not None:
            ids = lib.import_annotations(self.snapshot).get("ids", [])
            new_id = int(ids[0]) if ids else None
        else:
            new_id = lib.restore_annotation(record).id
        if new_id is None:
            return None
        self.u.handles.moved(self.handle, new_id)
        for link in record.links:
            other = self.u.handles.of(int(link["annotation"])).id
            if other is not None and other != new_id:
                try:
                    lib.link_annotations(new_id, other, str(link["label"]))
                except ValueError:
                    log.info("link to annotation %s not restored: it is gone", other)
        return record

    def redo(self) -> None:
        self.u.run(self._delete, "Could not delete the annotation")

    def undo(self) -> None:
        self.u.run(self._restore, "Could not bring the annotation back")
