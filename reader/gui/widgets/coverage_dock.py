"""The Coverage dock: entity grid, timeline, figures and claims of the open comparison."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.gui.comparison import Coverage
from reader.gui.models.coverage import (
    ENTITY_ROLE,
    SORT_ROLE,
    TARGET_ROLE,
    WARN,
    ClaimsModel,
    EntityGridModel,
    FiguresModel,
    RowsModel,
    TimelineModel,
)
from reader.gui.ops import QueryOp
from reader.gui.widgets.coverage_search import MAX_ARTICLES, OutletGrid, outlet_grid
from reader.types import EntityId

if TYPE_CHECKING:
    from reader.gui.mainwindow import MainWindow
    from reader.gui.widgets.compare_view import CompareView

# Height of the dock on first start (a saved layout wins after that).
FIRST_HEIGHT = 200
TABS = ("Grid", "Timeline", "Figures", "Claims")
WIDTHS = {
    "Entity": 220,
    "Type": 70,
    "Date": 90,
    "Event": 48,
    "Written": 110,
    "Pane": 150,
    "Counts": 110,
    "Figure": 150,
    "Speaker": 200,
    "Verb": 80,
}


def _table(model: RowsModel, stretch: str = "Sentence") -> tuple[QTableView, QSortFilterProxyModel]:
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.setAlternatingRowColors(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(True)
    view.setProperty("stretch", stretch)
    return view, proxy


def _size_columns(view: QTableView, model: RowsModel) -> None:
    header = view.horizontalHeader()
    stretch = view.property("stretch")
    metrics = header.fontMetrics()
    for i, column in enumerate(model.columns):
        if column.header == stretch:
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            continue
        header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
        width = WIDTHS.get(column.header) or metrics.horizontalAdvance(column.header) + 40
        view.setColumnWidth(i, max(56, width))
    # The warning column goes last and takes what is left after the sentence.
    if model.columns and model.columns[-1].header == "Check":
        header.setStretchLastSection(False)
        view.setColumnWidth(len(model.columns) - 1, 260)


class CoverageDock(QDockWidget):
    """Tabs Grid, Timeline, Figures and Claims, following the CompareView's panes.

    Clicking a grid cell marks that entity's mentions (in that pane, going to the first
    one); clicking a timeline, figure or claim row selects its sentence in its pane.
    """

    def __init__(self, compare: CompareView, parent: QWidget | None = None) -> None:
        super().__init__("Coverage", parent)
        self.setObjectName("coverageDock")
        self.compare = compare
        self.grid = EntityGridModel()
        self.timeline = TimelineModel()
        self.figures = FiguresModel()
        self.claims = ClaimsModel()
        self.grid_view, self.grid_proxy = _table(self.grid, stretch="")
        self.grid_view.horizontalHeader().setStretchLastSection(False)
        self.timeline_view, self.timeline_proxy = _table(self.timeline)
        self.figures_view, self.figures_proxy = _table(self.figures)
        self.claims_view, self.claims_proxy = _table(self.claims)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._tables: list[tuple[QTableView, RowsModel]] = [
            (self.grid_view, self.grid),
            (self.timeline_view, self.timeline),
            (self.figures_view, self.figures),
            (self.claims_view, self.claims),
        ]
        self._filled: set[int] = set()
        # The grid counts the open articles, or the library's search hits by outlet.
        self.scope = QComboBox()
        self.scope.addItems(["Open articles", "Search hits, by outlet"])
        self.scope.setToolTip("Count mentions in the open panes, or over the current search")
        self.scope.currentIndexChanged.connect(self._scope_changed)
        self.scope_note = QLabel()
        self.scope_note.setWordWrap(True)
        self.hits: Callable[[], tuple[str, list[int]]] | None = None
        self.outlet_grid: OutletGrid | None = None
        self._grid_ids: list[int] | None = None
        self._mark_after_open: EntityId | None = None
        grid_page = QWidget()
        row = QHBoxLayout()
        row.setContentsMargins(0, 2, 0, 2)
        row.addWidget(self.scope)
        row.addWidget(self.scope_note, 1)
        column = QVBoxLayout(grid_page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.grid_view, 1)
        for (view, _model), name in zip(self._tables, TABS, strict=True):
            self.tabs.addTab(grid_page if view is self.grid_view else view, name)
            view.clicked.connect(self._clicked)
            view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
            view.activated.connect(self._clicked)
        # The grid opens most mentioned first; the others in date or group order.
        self.grid_view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.tabs.currentChanged.connect(self._fill)
        self.status = QLabel()
        self.status.setObjectName("coverageStatus")
        self.status.setWordWrap(True)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 2, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        self.setWidget(body)
        self._stale = True
        # Opening panes emits comparisonChanged then coverageChanged: one refresh, after
        # the panes are painted.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self.refresh)
        compare.comparisonChanged.connect(self._changed)
        compare.coverage_control.coverageChanged.connect(self._changed)
        self.visibilityChanged.connect(self._shown)
        self.refresh()

    def _shown(self, shown: bool) -> None:
        if shown and self._stale:
            self.refresh()

    def _changed(self) -> None:
        wanted = self._mark_after_open
        if wanted is not None and wanted in self.compare.comparison.entities:
            self._mark_after_open = None
            self.compare.mark_entity(wanted)
            self.compare.step_mention(True)
        # A hidden dock costs nothing when the panes change; it catches up when shown.
        self._stale = True
        if self.isVisible():
            self._refresh_timer.start()

    def refresh(self) -> None:
        """Show the open comparison: tab titles, status, and the table in view.

        Only the current tab's table is rebuilt; the others are when they are shown.
        """
        self._stale = False
        self._filled = set()
        comparison = self.compare.comparison
        control = self.compare.coverage_control
        coverage = control.coverage
        self._titles(coverage)
        self._fill(self.tabs.currentIndex())
        if len(comparison.ids) < 2:
            self.status.setText("Open two to four articles side by side to compare their coverage.")
        elif control.pending:
            self.status.setText("Aligning passages and reading dates, figures and claims…")
        elif control.failed:
            self.status.setText(f"Coverage could not be worked out: {control.failed}")
        else:
            only = sum(len(v) for v in coverage.only.values())
            self.status.setText(
                f"{len(coverage.pairs)} matching passage pair(s), {only} passage(s) only one "
                "outlet tells (dashed margin). Hover a paragraph to light up its counterparts; "
                "click a row to go to its sentence."
            )

    def _fill(self, tab: int) -> None:
        if tab in self._filled or tab < 0:
            return
        self._filled.add(tab)
        comparison = self.compare.comparison
        coverage = self.compare.coverage_control.coverage
        view, model = self._tables[tab]
        if isinstance(model, EntityGridModel):
            if self.searching and self.outlet_grid is not None:
                grid = self.outlet_grid
                model.set_grid(grid.entities, grid.columns(), "outlet")
            else:
                model.set_comparison(comparison)
        else:
            model.set_coverage(coverage, comparison)  # type: ignore[attr-defined]
        _size_columns(view, model)

    def _titles(self, coverage: Coverage) -> None:
        disagreeing = sum(
            len({i for pair in g.get("disagreements", ()) for i in pair}) for g in coverage.figures
        )
        counts = (
            (len(self.compare.comparison.entities), 0),
            (len(coverage.timeline), sum(bool(e.get("conflict")) for e in coverage.timeline)),
            (sum(len(g.get("figures", ())) for g in coverage.figures), disagreeing),
            (sum(len(g.get("claims", ())) for g in coverage.claims), 0),
        )
        for i, (name, (rows, marked)) in enumerate(zip(TABS, counts, strict=True)):
            extra = f", {WARN} {marked}" if marked else ""
            self.tabs.setTabText(i, f"{name} ({rows}{extra})")

    def _clicked(self, index: QModelIndex) -> None:
        entity = index.data(ENTITY_ROLE)
        if entity is not None and self.searching:
            self.open_hits(EntityId(entity[0]), entity[1])
            return
        if entity is not None:
            self.open_entity(EntityId(entity[0]), entity[1])
            return
        target = index.data(TARGET_ROLE)
        if target is not None:
            self.compare.go_to_text(*target)

    def open_entity(self, entity_id: EntityId, article_id: int | None) -> None:
        """Mark an entity's mentions; go to its first one in `article_id`'s pane, if given."""
        self.compare.mark_entity(entity_id)
        if article_id is None:
            self.compare.step_mention(True)
            return
        for mention in self.compare.comparison.mentions.get(article_id, ()):  # type: ignore[call-overload]
            if mention.entity_id == entity_id:
                self.compare.go_to_text(article_id, mention.start, mention.end)
                return

    # -- the grid over a search result ---------------------------------------------

    @property
    def searching(self) -> bool:
        """The grid counts the search hits by outlet rather than the open articles."""
        return self.scope.currentIndex() == 1

    def _scope_changed(self) -> None:
        self._grid_ids = None
        self.hits_changed()
        self._filled.discard(0)
        self._fill(self.tabs.currentIndex())

    def hits_changed(self) -> None:
        """The library shows other hits: recount them if the grid is showing a search."""
        if not self.searching:
            self.scope_note.setText("")
            return
        query, ids = self.hits() if self.hits is not None else ("", [])
        if not query:
            self.outlet_grid = OutletGrid()
            self.scope_note.setText(
                "Search the archive first (Ctrl+F): the grid then counts "
                "each entity's mentions per outlet over the hits."
            )
            self._refill_grid()
            return
        if ids == self._grid_ids:
            return
        self._grid_ids = list(ids)
        self.scope_note.setText(f"Counting mentions in {min(len(ids), MAX_ARTICLES)} hits…")

        def shown(grid: OutletGrid) -> None:
            if ids != self._grid_ids:
                return  # a newer search is being counted
            self.outlet_grid = grid
            more = f" (the first {grid.read} of {grid.total})" if grid.total > grid.read else ""
            self.scope_note.setText(
                f"“{query}”: {grid.read} hits{more} from {len(grid.outlets)} outlet(s). "
                "Click a cell to open that outlet's articles with the entity marked."
            )
            self._refill_grid()

        QueryOp(
            self.compare.ctx, lambda lib: outlet_grid(lib, ids), shown, parent=self
        ).run_in_background()

    def _refill_grid(self) -> None:
        self._filled.discard(0)
        if self.tabs.currentIndex() == 0:
            self._fill(0)

    def open_hits(self, entity_id: EntityId, outlet: int | None) -> None:
        """Open up to four hits that mention an entity (of one outlet), the entity marked."""
        grid = self.outlet_grid
        ids = grid.open_for(entity_id, outlet) if grid is not None else []
        if not ids:
            return
        if ids == self.compare.open_ids:  # a double click also activates: open once
            self.compare.mark_entity(entity_id)
            return
        self._mark_after_open = entity_id
        self.compare.open_articles(ids)


def install(window: MainWindow) -> None:
    """Add the Coverage dock at the bottom, with a View menu toggle (Ctrl+Shift+G)."""
    dock = CoverageDock(window.compare, window)
    window.coverage_dock = dock  # type: ignore[attr-defined]
    # The right-hand docks keep the full height; coverage sits under library and panes.
    window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    toggle = dock.toggleViewAction()
    toggle.setText("&Coverage (grid, timeline, figures, claims)")
    toggle.setShortcut(QKeySequence("Ctrl+Shift+G"))
    window.view_menu.addAction(toggle)
    library = window.library_view

    def hits() -> tuple[str, list[int]]:
        model = library.model
        return library.query, [int(model.article_id(r)) for r in range(model.rowCount())]

    dock.hits = hits
    # Hits are shown by resetting the library model; wait for a burst of resets to end.
    recount = QTimer(dock)
    recount.setSingleShot(True)
    recount.setInterval(300)
    recount.timeout.connect(dock.hits_changed)
    library.model.modelReset.connect(recount.start)

    def room() -> None:
        # After the saved layout is restored. First start: a few rows, because the
        # panes are what the window is for; later, only a dock too short to read grows.
        first_start = window.settings.get("window/state").isEmpty()
        if dock.isVisible() and (first_start or dock.height() < FIRST_HEIGHT * 3 // 4):
            window.resizeDocks([dock], [FIRST_HEIGHT], Qt.Orientation.Vertical)

    QTimer.singleShot(0, room)
