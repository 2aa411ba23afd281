"""The annotation dock: highlights of the open articles; click to go there; delete."""

from __future__ import annotations

import logging

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.models.annotations import SWATCHES, AnnotationTableModel
from reader.gui.ops import AppContext, CollectionOp, QueryOp
from reader.gui.widgets.compare_view import CompareView
from reader.records import AnnotationView
from reader.types import ArticleId

log = logging.getLogger("reader.gui.annotations")


class AnnotationPanel(QWidget):
    """Lists the open articles' annotations and draws them in the panes."""

    def __init__(self, ctx: AppContext, compare: CompareView, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.compare = compare
        self.model = AnnotationTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("annotationTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.clicked.connect(self._go)
        self.view.activated.connect(self._go)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view)
        compare.comparisonChanged.connect(self.refresh)

    def refresh(self) -> None:
        """Reload the annotations of the open articles."""
        ids = list(self.compare.open_ids)
        if not hasattr(self.ctx.library, "annotations"):
            return

        def load(lib: object) -> list[AnnotationView]:
            out: list[AnnotationView] = []
            for aid in ids:
                out.extend(lib.annotations(article_id=int(aid)))  # type: ignore[attr-defined]
            return out

        QueryOp(self.ctx, load, lambda recs: self._show(ids, recs), parent=self).run_in_background()

    def _show(self, ids: list[ArticleId], records: list[AnnotationView]) -> None:
        if ids != list(self.compare.open_ids):
            return  # the panes changed while loading; a newer refresh is on its way
        self.model.set_annotations(ids, records)
        for pane in self.compare.panes:
            spans = [
                (r.start, r.end, QColor(SWATCHES.get(r.colour, "#F4D03F")))
                for r in records
                if r.article == pane.article_id and not r.orphaned
            ]
            pane.set_annotations(spans)

    def _go(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        rec = self.model.record(index.row())
        pane = self.model.pane_of(rec)
        if 0 <= pane < len(self.compare.panes) and not rec.orphaned:
            self.compare.focus_pane(pane)
            self.compare.panes[pane].go_to(rec.start, rec.end)

    def annotate_selection(self, note: str = "", colour: str = "yellow") -> bool:
        """Highlight the active pane's selection; False when nothing is selected."""
        panes = self.compare.panes
        if not panes:
            return False
        pane = panes[min(self.compare.active, len(panes) - 1)]
        span = pane.selected_span()
        if span is None or pane.article_id is None:
            return False
        aid = int(pane.article_id)
        CollectionOp(
            self.ctx,
            lambda lib: lib.annotate(aid, start=span[0], end=span[1], note=note, colour=colour),
            lambda _rec: self.refresh(),
            parent=self,
            title="Could not save the highlight",
        ).run_in_background()
        return True

    def annotate_with_note(self) -> bool:
        """Ask for a note, then highlight the selection."""
        note, ok = QInputDialog.getMultiLineText(self, "Highlight with note", "Note:")
        return self.annotate_selection(note=note) if ok else False

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        rec = self.model.record(index.row())
        menu = QMenu(self)
        edit = menu.addAction("Edit note…")
        edit.triggered.connect(lambda: self._edit(rec))
        delete = menu.addAction("Delete")
        delete.triggered.connect(lambda: self.delete(rec.id))
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _edit(self, rec: AnnotationView) -> None:
        note, ok = QInputDialog.getMultiLineText(self, "Edit note", "Note:", rec.note)
        if ok:
            CollectionOp(
                self.ctx,
                lambda lib: lib.update_annotation(rec.id, note=note),
                lambda _r: self.refresh(),
                parent=self,
            ).run_in_background()

    def delete(self, annotation_id: int) -> None:
        """Delete an annotation."""
        CollectionOp(
            self.ctx,
            lambda lib: lib.delete_annotation(annotation_id),
            lambda _r: self.refresh(),
            parent=self,
        ).run_in_background()
