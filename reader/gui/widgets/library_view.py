"""The library list: text, outlet, date and tag filters over a lazy table; search hits in place."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.models.articles import NEAR_COLUMN, ArticleTableModel
from reader.gui.ops import AppContext
from reader.gui.widgets.library_filters import LibraryFilters
from reader.gui.widgets.search_facets import FacetPanel
from reader.types import ArticleId

log = logging.getLogger("reader.gui.library")


def hit_field(hit: Any, name: str) -> Any:
    """A field of a search hit, whether the Library returns objects or dicts."""
    return hit.get(name) if isinstance(hit, dict) else getattr(hit, name, None)


class LibraryView(QWidget):
    """Filter box over the article table; shows the archive or the current search hits.

    Attributes:
        query: the search whose hits are shown ("" for the whole archive).
        filters: outlet, date and tag filters (applied in SQL).
        facets: facet counts of the current search.

    Signals:
        openRequested(int): open this article in the active pane.
        selectionChanged(int): how many rows are selected.
        compareRequested(list): open these articles side by side.
    """

    openRequested = Signal(int)
    selectionChanged = Signal(int)
    compareRequested = Signal(list)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.query = ""
        self._total: int | None = None
        lib = ctx.library
        self.model = ArticleTableModel(
            lib.summaries,
            self,
            select=getattr(lib, "filter_article_ids", None),
            near=getattr(lib, "near_duplicates", None),
        )
        self.filters = LibraryFilters()
        self.filters.changed.connect(self._apply_constraints)
        # Tags and outlets change as the analyst works: re-read them when a box opens.
        self.filters.before_popup = self.refresh_choices
        self.facets = FacetPanel()
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
        for column, width in ((1, 100), (2, 80), (3, 84), (4, 54), (NEAR_COLUMN, 34)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(
            lambda *_: self.selectionChanged.emit(len(self.selected_ids()))
        )
        self.status = QLabel("")
        self.status.setObjectName("libraryStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 6)
        layout.setSpacing(4)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.filters)
        layout.addWidget(self.facets)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def reload(self) -> None:
        """Show the whole archive again (after an import, or when a search is cleared)."""
        self.query = ""
        self.facets.show_facets({})
        self.refresh_choices()
        lib = self.ctx.library
        ids = lib.filter_article_ids() if hasattr(lib, "filter_article_ids") else lib.article_ids()
        self.model.set_ids(ids, archive=True)
        self._update_status()

    def refresh_choices(self) -> None:
        """Outlets, tags, date span and near-duplicate groups as the archive has them now."""
        lib = self.ctx.library
        if hasattr(lib, "outlet_counts"):
            self.filters.set_choices(lib.outlet_counts(), lib.tag_counts(), lib.date_span())
        if hasattr(lib, "near_group_sizes"):
            self.model.set_group_sizes(lib.near_group_sizes())

    def show_hits(
        self,
        query: str,
        hits: Sequence[Any],
        total: int | None = None,
        *,
        variant_only: Sequence[int] = (),
        facets: dict[str, dict[str, int]] | None = None,
    ) -> None:
        """Show search hits in rank order (one row per article).

        Args:
            variant_only: hit article ids found only through another spelling.
            facets: counts by outlet, month and entity over every match.
        """
        self.query = query
        self.facets.show_facets(facets or {})
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
        self.model.set_ids(ids, snippets, variant_only=variant_only)
        self._total = total if total is not None else len(ids)
        self._update_status(self._total)

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter_edit.text())
        self._update_status(self._total if self.query else None)

    def _apply_constraints(self) -> None:
        self.model.set_constraints(self.filters.current())
        self._update_status(self._total if self.query else None)

    def _update_status(self, total: int | None = None) -> None:
        shown = self.model.rowCount()
        if self.query:
            text = f"{shown:,} articles match “{self.query}”"
            if total is not None and total > shown:
                text += f" (of {total:,} hits)"
            variants = self.model.shown_variant_only()
            if variants:
                text += f", {variants:,} only through spelling variants"
            text += " — Esc in the search box shows all"
        elif self.filter_edit.text().strip() or not self.filters.current().is_empty():
            text = f"{shown:,} of {self.model.source_count():,} articles (filtered)"
        else:
            text = f"{shown:,} articles"
        if (
            self.model.rowCount() == 0
            and not self.query
            and not self.filter_edit.text()
            and self.filters.current().is_empty()
        ):
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

    # -- near-duplicates -----------------------------------------------------------

    def near_duplicate_ids(self, article_id: int) -> list[ArticleId]:
        """The other articles of an article's near-duplicate group."""
        near = getattr(self.ctx.library, "near_duplicates", None)
        return [ArticleId(int(s.id)) for s in near(article_id)] if near else []

    def compare_near_duplicates(self, article_id: int) -> list[ArticleId]:
        """Ask for this article and its near-duplicates side by side; returns the ids."""
        ids = [ArticleId(article_id), *self.near_duplicate_ids(article_id)]
        if len(ids) > 1:
            self.compareRequested.emit([int(i) for i in ids])
        return ids

    def context_menu_for(self, row: int) -> QMenu:
        """The right-click menu of a row (built, not shown: tests read it)."""
        menu = QMenu(self)
        article_id = int(self.model.article_id(row))
        selected = [int(i) for i in self.selected_ids()]
        if len(selected) > 1:
            act = menu.addAction(f"Compare {min(len(selected), 4)} selected")
            act.triggered.connect(lambda: self.compareRequested.emit(selected))
        others = len(self.near_duplicate_ids(article_id))
        act = menu.addAction(
            f"Compare with near-duplicates ({others})" if others else "No near-duplicates"
        )
        act.setObjectName("compareNearDuplicates")
        act.setEnabled(others > 0)
        act.triggered.connect(lambda: self.compare_near_duplicates(article_id))
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            self.select_rows([index.row()])
        self.context_menu_for(index.row()).exec(self.table.viewport().mapToGlobal(pos))
