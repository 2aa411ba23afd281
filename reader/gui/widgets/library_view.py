"""The library list: filter box, lazily filled article table, search results in place."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.models.articles import ArticleTableModel
from reader.gui.ops import AppContext
from reader.types import ArticleId

log = logging.getLogger("reader.gui.library")


def hit_field(hit: Any, name: str) -> Any:
    """A field of a search hit, whether the Library returns objects or dicts."""
    return hit.get(name) if isinstance(hit, dict) else getattr(hit, name, None)


class LibraryView(QWidget):
    """Filter box over the article table; shows the archive or the current search hits.

    Attributes:
        query: the search whose hits are shown ("" for the whole archive).

    Signals:
        openRequested(int): open this article in the active pane.
        selectionChanged(int): how many rows are selected.
    """

    openRequested = Signal(int)
    selectionChanged = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = ""
        self.model = ArticleTableModel(ctx.library.summaries, self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by title, outlet or author  (Ctrl+L)")
        self.filter_edit.setClearButtonEnabled(True)
        # Typing re-filters after a short pause, not on every key.
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.table = QTableView()
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        # Fixed row heights: the view never measures 100k rows.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        for column, width in ((1, 100), (2, 80), (3, 84), (4, 54)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selectionChanged.emit(len(self.selected_ids()))
        )
        self.status = QLabel("")
        self.status.setObjectName("libraryStatus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def reload(self) -> None:
        """Show the whole archive again (after an import, or when a search is cleared)."""
        self.query = ""
        self.model.set_ids(self.ctx.library.article_ids())
        self._update_status()

    def show_hits(self, query: str, hits: Sequence[Any], total: int | None = None) -> None:
        """Show search hits in rank order (one row per article)."""
        self.query = query
        ids: list[ArticleId] = []
        snippets: dict[ArticleId, str] = {}
        for hit in hits:
            raw = hit_field(hit, "article_id")
            if raw is None:
                continue
            aid = ArticleId(int(raw))
            if aid not in ids:
                ids.append(aid)
                snippets[aid] = str(hit_field(hit, "snippet") or "")
        self.model.set_ids(ids, snippets)
        self._update_status(total if total is not None else len(ids))

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter_edit.text())
        self._update_status()

    def _update_status(self, total: int | None = None) -> None:
        shown = self.model.rowCount()
        if self.query:
            text = f"{shown:,} articles match “{self.query}”"
            if total is not None and total > shown:
                text += f" (of {total:,} hits)"
            text += " — Esc in the search box shows all"
        else:
            text = f"{shown:,} articles"
        if self.model.rowCount() == 0 and not self.query and not self.filter_edit.text():
            text = "The archive is empty: import files with Ctrl+O or drop them here."
        self.status.setText(text)

    def selected_ids(self) -> list[ArticleId]:
        """Selected article ids, top to bottom."""
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [self.model.article_id(r) for r in rows]

    def select_rows(self, rows: Sequence[int]) -> None:
        """Select these rows (used by tests and 'compare' from the keyboard)."""
        self.table.clearSelection()
        flags = (
            self.table.selectionModel().SelectionFlag.Select
            | self.table.selectionModel().SelectionFlag.Rows
        )
        for row in rows:
            self.table.selectionModel().select(self.model.index(row, 0), flags)

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openRequested.emit(int(self.model.article_id(index.row())))
