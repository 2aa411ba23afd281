"""Undoable annotation changes: QUndoCommands whose database work runs on the writer pool."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from reader.gui.ops import AppContext, CollectionOp
from reader.library import Library, LinkSnapshot
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


def _link_key(link: dict[str, Any], ids: dict[int, int]) -> tuple[int, str, str]:
    other = int(link["annotation"])
    return ids.get(other, other), str(link["label"]), str(link.get("direction", ""))


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
        # Links are re-created by undo too; their handles follow them the same way.
        self.link_handles = Handles()

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
        links: Sequence[tuple[int, str] | tuple[int, str, bool]] = (),
    ) -> CreateAnnotation:
        """Highlight a span (undoable); `links` are (annotation id, label[, outgoing]) to add."""
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
            links=[
                (int(link["annotation"]), str(link["label"]), link.get("direction") != "incoming")
                for link in orphan.links
            ],
        )
        self.delete(orphan)
        self.stack.endMacro()

    def link(self, source: Passage, target: Passage, label: str, colour: str) -> None:
        """Link two passages (undoable); either not yet highlighted is highlighted first."""
        self.stack.beginMacro(f"Link “{_short(source.quote)}” ({_short(label, 20)})")
        ends = []
        for passage in (source, target):
            if passage.annotation_id is not None:
                ends.append(self.handles.of(passage.annotation_id))
            else:
                ends.append(
                    self.create(
                        passage.article_id,
                        passage.start,
                        passage.end,
                        quote=passage.quote,
                        colour=colour,
                    ).handle
                )
        self.stack.push(LinkAnnotations(self, ends[0], ends[1], label))
        self.stack.endMacro()

    def unlink(self, link: dict[str, Any]) -> None:
        """Remove a link (undo brings it back with its label and direction)."""
        self.stack.push(RemoveLink(self, int(link["id"]), str(link["label"])))

    def current_ids(self, old_ids: Iterable[int]) -> dict[int, int]:
        """Old annotation ids -> the ids those annotations have now (those that exist)."""
        out: dict[int, int] = {}
        for old in old_ids:
            now = self.handles.of(old).id
            if now is not None:
                out[old] = now
        return out

    def follow_links(self, before: AnnotationView, after: AnnotationView) -> None:
        """Links re-created with an annotation keep their handles (their ids may change)."""
        ids = self.current_ids(int(k["annotation"]) for k in before.links)
        fresh = {_link_key(k, {}): int(k["id"]) for k in after.links}
        for link in before.links:
            new_id = fresh.get(_link_key(link, ids))
            if new_id is not None:
                self.link_handles.moved(self.link_handles.of(int(link["id"])), new_id)


@dataclass(frozen=True)
class Passage:
    """One end of a new link: an annotation, or a span to highlight first."""

    article_id: int
    start: int
    end: int
    quote: str = ""
    annotation_id: int | None = None


class CreateAnnotation(QUndoCommand):
    """Highlight a span; undo deletes the highlight, redo puts the same one back."""

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
        links: Sequence[tuple[int, str] | tuple[int, str, bool]],
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
        # (other end, label, whether this annotation is the link's source)
        self.links = [
            (undo.handles.of(link[0]), link[1], bool(link[2]) if len(link) > 2 else True)
            for link in links
        ]
        self.deleted: AnnotationView | None = None

    def _create(self, lib: Library) -> AnnotationView:
        if self.deleted is not None:
            return _restore(self.u, lib, self.handle, self.deleted)
        record = lib.annotate(self.article_id, **self.spec)
        self.u.handles.moved(self.handle, record.id)
        for other, label, outgoing in self.links:
            if other.id is not None:
                ends = (record.id, other.id) if outgoing else (other.id, record.id)
                lib.link_annotations(*ends, label)
        return record

    def _delete(self, lib: Library) -> None:
        if self.handle.id is not None:
            self.deleted = lib.delete_annotation(self.handle.id) or self.deleted

    def redo(self) -> None:
        self.u.run(self._create, "Could not save the highlight")

    def undo(self) -> None:
        self.u.run(self._delete, "Could not remove the highlight")


def _restore(
    u: AnnotationUndo, lib: Library, handle: Handle, deleted: AnnotationView
) -> AnnotationView:
    """Bring a deleted annotation back with its dates and links; its handle follows it."""
    ids = u.current_ids(int(k["annotation"]) for k in deleted.links)
    restored = lib.restore_annotation(deleted, ids=ids)
    u.handles.moved(handle, restored.id)
    u.follow_links(deleted, restored)
    return restored


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
    """Delete an annotation; undo brings it back as it was: dates, note, tags and links."""

    def __init__(self, undo: AnnotationUndo, record: AnnotationView) -> None:
        super().__init__(f"Delete “{_short(record.quote)}”")
        self.u = undo
        self.handle = undo.handles.of(record.id)
        self.record = record
        self.deleted: AnnotationView | None = None

    def _delete(self, lib: Library) -> AnnotationView | None:
        if self.handle.id is None:
            return None
        self.deleted = lib.delete_annotation(self.handle.id)
        return self.deleted

    def _restore(self, lib: Library) -> AnnotationView | None:
        if self.deleted is None:
            return None
        return _restore(self.u, lib, self.handle, self.deleted)

    def redo(self) -> None:
        self.u.run(self._delete, "Could not delete the annotation")

    def undo(self) -> None:
        self.u.run(self._restore, "Could not bring the annotation back")


class LinkAnnotations(QUndoCommand):
    """Link two annotations; undo removes the link, redo puts the same link back."""

    def __init__(self, undo: AnnotationUndo, source: Handle, target: Handle, label: str) -> None:
        super().__init__(f"Link ({_short(label, 20)})")
        self.u = undo
        self.source, self.target, self.label = source, target, label
        self.link = Handle()
        self.removed: LinkSnapshot | None = None

    def _link(self, lib: Library) -> None:
        if self.removed is not None:
            ends = (self.removed.source_id, self.removed.target_id)
            link_id = lib.restore_annotation_link(self.removed, ids=self.u.current_ids(ends))
        elif self.source.id is not None and self.target.id is not None:
            link_id = lib.link_annotations(self.source.id, self.target.id, self.label)
        else:
            return
        self.u.link_handles.moved(self.link, link_id)

    def _unlink(self, lib: Library) -> None:
        if self.link.id is not None:
            self.removed = lib.delete_annotation_link(self.link.id) or self.removed

    def redo(self) -> None:
        self.u.run(self._link, "Could not link the passages")

    def undo(self) -> None:
        self.u.run(self._unlink, "Could not remove the link")


class RemoveLink(QUndoCommand):
    """Remove a link; undo brings it back with its label and direction."""

    def __init__(self, undo: AnnotationUndo, link_id: int, label: str) -> None:
        super().__init__(f"Remove link ({_short(label, 20)})")
        self.u = undo
        self.link = undo.link_handles.of(link_id)
        self.removed: LinkSnapshot | None = None

    def _unlink(self, lib: Library) -> None:
        if self.link.id is not None:
            self.removed = lib.delete_annotation_link(self.link.id) or self.removed

    def _relink(self, lib: Library) -> None:
        if self.removed is not None:
            ends = (self.removed.source_id, self.removed.target_id)
            link_id = lib.restore_annotation_link(self.removed, ids=self.u.current_ids(ends))
            self.u.link_handles.moved(self.link, link_id)

    def redo(self) -> None:
        self.u.run(self._unlink, "Could not remove the link")

    def undo(self) -> None:
        self.u.run(self._relink, "Could not bring the link back")
