"""The entity dock: shared entities with counts per pane, then unique ones; corrections."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.comparison import EntityInfo
from reader.gui.models.entities import EntityTreeModel
from reader.gui.ops import AppContext, correct_entities
from reader.gui.widgets.compare_view import CompareView
from reader.library import Library
from reader.types import EntityId

log = logging.getLogger("reader.gui.entities")


class EntityPanel(QWidget):
    """Lists entities of the open panes; clicking one marks its mentions everywhere.

    Signals:
        corrected(): an entity correction was saved (the comparison is reloaded).
    """

    corrected = Signal()

    def __init__(self, ctx: AppContext, compare: CompareView, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.compare = compare
        self.model = EntityTreeModel(self)
        self.view = QTreeView()
        self.view.setObjectName("entityTree")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.hint = QLabel("Open articles to see their people, places and organisations.")
        self.hint.setWordWrap(True)
        self.hint.setObjectName("panelHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        compare.comparisonChanged.connect(self.refresh)

    def refresh(self) -> None:
        """Rebuild from the compare view's current comparison."""
        comparison = self.compare.comparison
        self.model.set_comparison(comparison, self.compare.styles)
        self.view.expandAll()
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        if not comparison.ids:
            self.hint.setText("Open articles to see their people, places and organisations.")
        elif not comparison.entities:
            self.hint.setText("No entities found in the open articles yet.")
        else:
            self.hint.setText(
                "Click an entity to mark its mentions; F3 / Shift+F3 step through them."
            )
        marked = self.compare.marked_entity
        if marked is not None:
            self.view.setCurrentIndex(self.model.index_of(marked))

    def _clicked(self, index: QModelIndex) -> None:
        info = self.model.entity(index)
        if info is not None:
            self.compare.mark_entity(info.entity_id)
            self.compare.step_mention(True)

    def selected(self) -> list[EntityInfo]:
        """The selected entities, in view order."""
        rows = self.view.selectionModel().selectedRows(0)
        return [e for e in (self.model.entity(i) for i in rows) if e is not None]

    # -- corrections -----------------------------------------------------------

    def _context_menu(self, pos: QPoint) -> None:
        info = self.model.entity(self.view.indexAt(pos))
        if info is None:
            return
        chosen = self.selected()
        if info not in chosen:
            chosen = [info]
        menu = self.build_menu(info, chosen)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def build_menu(self, info: EntityInfo, chosen: list[EntityInfo]) -> QMenu:
        """The corrections offered for `info` (with `chosen` the current selection)."""
        lib = self.ctx.library
        menu = QMenu(self)
        others = [e for e in chosen if e.entity_id != info.entity_id]
        if others:
            other = others[0]
            merge = menu.addAction(f"Merge “{other.name}” into “{info.name}”")
            merge.setEnabled(hasattr(lib, "merge_entities"))
            merge.triggered.connect(
                lambda: self._apply(
                    lambda lb: _call(lb, "merge_entities", other.entity_id, info.entity_id)
                )
            )
            distinct = menu.addAction(f"“{info.name}” and “{other.name}” are not the same")
            distinct.setEnabled(hasattr(lib, "mark_distinct"))
            distinct.triggered.connect(
                lambda: self._apply(
                    lambda lb: _call(lb, "mark_distinct", info.entity_id, other.entity_id)
                )
            )
        else:
            hint = menu.addAction("Select two entities to merge them or mark them distinct")
            hint.setEnabled(False)
        split = menu.addMenu("Split off a mention")
        split.setEnabled(hasattr(lib, "split_mention"))
        for n, aid in enumerate(self.compare.comparison.ids, start=1):
            for m in self.compare.comparison.mentions.get(aid, ()):
                if m.entity_id == info.entity_id:
                    act = split.addAction(f"Pane {n}: “{m.text}” at {m.start}")
                    act.triggered.connect(
                        lambda _c=False, mid=m.mention_id: self._apply(
                            lambda lb: _call(lb, "split_mention", info.entity_id, mid)
                        )
                    )
        rename = menu.addAction("Rename…")
        rename.setEnabled(hasattr(lib, "rename_entity"))
        rename.triggered.connect(lambda: self._rename(info))
        hide = menu.addAction("Hide (not an entity)")
        hide.setEnabled(hasattr(lib, "hide_entity"))
        hide.triggered.connect(
            lambda: self._apply(lambda lb: _call(lb, "hide_entity", info.entity_id))
        )
        return menu

    def _rename(self, info: EntityInfo) -> None:
        name, ok = QInputDialog.getText(self, "Rename entity", "Canonical name:", text=info.name)
        if ok and name.strip() and name.strip() != info.name:
            new = name.strip()
            self._apply(lambda lb: _call(lb, "rename_entity", info.entity_id, new))

    def _apply(self, change: Callable[[Library], Any]) -> None:
        def done(_result: object) -> None:
            self.corrected.emit()
            self.compare.open_articles(self.compare.open_ids)

        correct_entities(self.ctx, change, on_success=done, parent=self).run_in_background()


def _call(lib: Library, name: str, *args: int | str | EntityId) -> Any:
    return getattr(lib, name)(*args)
