"""The main window: library on the left, panes in the centre, entities docked right."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QWidget,
)

from reader.gui.ops import AppContext, ImportOp, import_files, show_error
from reader.gui.settings import PreserveGeometry, Settings
from reader.gui.theme import icon as theme_icon
from reader.gui.widgets.annotation_panel import AnnotationPanel
from reader.gui.widgets.compare_view import MAX_PANES, CompareView
from reader.gui.widgets.dialogs import HelpDialog, ImportSummaryDialog
from reader.gui.widgets.entity_panel import EntityPanel
from reader.gui.widgets.library_view import LibraryView
from reader.records import ImportReport

log = logging.getLogger("reader.gui.window")

SEARCH_LIMIT = 500


# Below this a pane wraps every few words; the library list gives way down to its minimum.
READABLE_PANE_WIDTH = 380
MIN_LIBRARY_WIDTH = 200


class MainWindow(QMainWindow, PreserveGeometry):
    """The analyst's window.

    Attributes:
        ctx: the archive and worker pools.
        settings: declared settings (geometry, open articles, theme).
        import_op: the import running now, if any.
        last_summary: the summary dialog of the last import.
    """

    def __init__(
        self,
        ctx: AppContext,
        settings: Settings,
        set_theme: Callable[[str], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings
        self._set_theme = set_theme
        self.import_op: ImportOp | None = None
        self.last_summary: ImportSummaryDialog | None = None
        self.setWindowTitle(f"Parallax — {ctx.library.archive_dir}")
        self.setWindowIcon(theme_icon("app.svg"))
        self.setAcceptDrops(True)

        self.library_view = LibraryView(ctx)
        self.compare = CompareView(ctx)
        self.compare.sync_scroll = bool(settings.get("compare/sync_scroll"))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.library_view.setMinimumWidth(MIN_LIBRARY_WIDTH)
        self.splitter.addWidget(self.library_view)
        self.splitter.addWidget(self.compare)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([440, 1000])
        self.setCentralWidget(self.splitter)

        self.entity_panel = EntityPanel(ctx, self.compare)
        self.entity_dock = QDockWidget("Entities", self)
        self.entity_dock.setObjectName("entityDock")
        self.entity_dock.setWidget(self.entity_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.entity_dock)
        self.entity_panel.setMinimumWidth(240)
        self.resizeDocks([self.entity_dock], [320], Qt.Orientation.Horizontal)

        self.annotation_panel = AnnotationPanel(ctx, self.compare)
        self.annotation_dock = QDockWidget("Annotations", self)
        self.annotation_dock.setObjectName("annotationDock")
        self.annotation_dock.setWidget(self.annotation_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.annotation_dock)
        self.resizeDocks(
            [self.entity_dock, self.annotation_dock], [700, 200], Qt.Orientation.Vertical
        )

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("searchBox")
        self.search_edit.setPlaceholderText("Search the archive  (Ctrl+F)")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMaximumWidth(380)
        self.search_edit.returnPressed.connect(self.run_search)
        self.search_edit.installEventFilter(self)
        self._build_actions()
        self._build_status_bar()

        self.library_view.openRequested.connect(self.compare.open_in_active)
        self.library_view.selectionChanged.connect(self._selection_changed)
        self.compare.comparisonChanged.connect(self._comparison_changed)
        # Feature wiring: each feature module adds its own actions, menus and docks
        # through one install(window) call, so the window stays a thin assembly.
        from reader.gui.widgets import search_controller

        search_controller.install(self)
        from reader.gui.widgets import coverage_dock

        coverage_dock.install(self)
        from reader.gui.widgets import annotation_actions

        annotation_actions.install(self)
        from reader.gui import external_changes

        external_changes.install(self)

        self.library_view.reload()
        self._selection_changed(0)
        self._restore()

    # -- actions and menus ---------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | str | QKeySequence.StandardKey | None = None,
        icon: str | None = None,
        tip: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
            # Panes are text widgets: make sure they never swallow our keys.
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if icon:
            action.setIcon(theme_icon(icon))
        if tip:
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_import = a(
            "Import &files…",
            self.choose_files,
            "Ctrl+O",
            "import.svg",
            "Import text or HTML files (Ctrl+O)",
        )
        self.act_import_folder = a("Import f&older…", self.choose_folder, "Ctrl+Shift+O")
        self.act_quit = a("&Quit", self.close, "Ctrl+Q")
        self.act_search = a("&Search…", self.focus_search, "Ctrl+F", "search.svg")
        self.act_filter = a("&Filter library…", self.library_view.filter_edit.setFocus, "Ctrl+L")
        self.act_compare = a(
            "&Compare selected",
            self.compare_selected,
            "Ctrl+Return",
            "compare.svg",
            "Open the selected articles side by side (Ctrl+Return)",
        )
        self.act_close_pane = a("&Close pane", self.compare.close_pane, "Ctrl+W", "close.svg")
        self.act_next_pane = a("&Next pane", self.compare.next_pane, "Ctrl+Tab")
        self.act_panes = [
            a(f"Pane &{n}", partial(self.compare.focus_pane, n - 1), f"Ctrl+{n}")
            for n in range(1, MAX_PANES + 1)
        ]
        self.act_next_mention = a("Next &mention", lambda: self.compare.step_mention(True), "F3")
        self.act_prev_mention = a(
            "Previous mention", lambda: self.compare.step_mention(False), "Shift+F3"
        )
        self.act_sync = a("S&ynchronised scrolling", self._toggle_sync, "Ctrl+Shift+S", "sync.svg")
        self.act_sync.setCheckable(True)
        self.act_sync.setChecked(self.compare.sync_scroll)
        self.act_highlight = a(
            "&Highlight selection", self.annotation_panel.annotate_selection, "Ctrl+H"
        )
        self.act_highlight_note = a(
            "Highlight with &note…", self.annotation_panel.annotate_with_note, "Ctrl+Shift+H"
        )
        self.act_help = a("&Keyboard and help", self.show_help, "F1", "help.svg")
        self.act_toggle_theme = a(
            "Toggle light/dark", self._toggle_theme, "Ctrl+Shift+T", "theme.svg"
        )

        menu = self.file_menu = self.menuBar().addMenu("&File")
        menu.addActions([self.act_import, self.act_import_folder])
        menu.addSeparator()
        menu.addAction(self.act_quit)
        menu = self.edit_menu = self.menuBar().addMenu("&Edit")
        menu.addActions([self.act_search, self.act_filter])
        menu.addSeparator()
        menu.addActions([self.act_highlight, self.act_highlight_note])
        menu = self.view_menu = self.menuBar().addMenu("&View")
        menu.addActions([self.act_compare, self.act_close_pane, self.act_next_pane])
        menu.addActions(self.act_panes)
        menu.addSeparator()
        menu.addActions([self.act_next_mention, self.act_prev_mention, self.act_sync])
        menu.addSeparator()
        theme_menu = menu.addMenu("&Theme")
        group = QActionGroup(self)
        self.theme_actions: dict[str, QAction] = {}
        for name in ("system", "light", "dark"):
            act = theme_menu.addAction(name.capitalize() if name != "system" else "Follow system")
            act.setCheckable(True)
            act.setChecked(self.settings.get("appearance/theme") == name)
            act.triggered.connect(lambda _c=False, n=name: self.set_theme(n))
            group.addAction(act)
            self.theme_actions[name] = act
        theme_menu.addAction(self.act_toggle_theme)
        menu.addSeparator()
        menu.addAction(self.entity_dock.toggleViewAction())
        menu.addAction(self.annotation_dock.toggleViewAction())
        menu = self.help_menu = self.menuBar().addMenu("&Help")
        menu.addAction(self.act_help)

        bar = self.toolbar = self.addToolBar("Main")
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        bar.addActions([self.act_import, self.act_compare])
        bar.addSeparator()
        bar.addWidget(self.search_edit)
        bar.addSeparator()
        bar.addActions([self.act_sync, self.act_toggle_theme, self.act_help])

    def _build_status_bar(self) -> None:
        self.progress_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel_import)
        for w in (self.progress_label, self.progress, self.cancel_button):
            self.statusBar().addPermanentWidget(w)
            w.hide()

    # -- library, compare, search ----------------------------------------------

    def _selection_changed(self, count: int) -> None:
        self.act_compare.setEnabled(count >= 1)
        if count > MAX_PANES:
            self.statusBar().showMessage(f"Only the first {MAX_PANES} will be compared", 3000)

    def compare_selected(self) -> None:
        """Open the selected articles side by side (up to four)."""
        ids = self.library_view.selected_ids()
        if ids:
            self.compare.open_articles(ids[:MAX_PANES])

    def _make_room_for_panes(self) -> None:
        """Narrow the library list when side-by-side panes would be too cramped to read."""
        library, area = self.splitter.sizes()
        panes = len(self.compare.panes)
        if panes < 2 or area / panes >= READABLE_PANE_WIDTH:
            return
        give = min(library - MIN_LIBRARY_WIDTH, READABLE_PANE_WIDTH * panes - area)
        if give > 0:
            self.splitter.setSizes([library - give, area + give])

    def _comparison_changed(self) -> None:
        self._make_room_for_panes()
        self.act_close_pane.setEnabled(bool(self.compare.panes))
        self.settings.set("compare/open_articles", [int(i) for i in self.compare.open_ids])
        shared = len(self.compare.comparison.shared)
        if len(self.compare.panes) > 1:
            self.statusBar().showMessage(
                f"{len(self.compare.panes)} articles side by side, {shared} shared entities", 5000
            )

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def run_search(self) -> None:
        """Search the archive; hits, facets and variant counts fill the library list.

        The search feature (variants toggle, facets, saved searches) lives in
        reader.gui.widgets.search_controller; matches are marked in open panes.
        """
        from reader.gui.widgets.search_controller import SearchController

        controller = self.findChild(SearchController)
        if controller is not None:
            controller.run()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Esc in the search box clears the search and shows the whole archive."""
        if (
            watched is self.search_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.search_edit.clear()
            self.run_search()
            return True
        return super().eventFilter(watched, event)

    # -- import ------------------------------------------------------------------

    def choose_files(self) -> None:
        """Ask for files and import them."""
        paths, _filter = QFileDialog.getOpenFileNames(
            self, "Import files", "", "Articles (*.txt *.md *.html *.htm);;All files (*)"
        )
        if paths:
            self.import_paths([Path(p) for p in paths])

    def choose_folder(self) -> None:
        """Ask for a folder and import everything in it."""
        folder = QFileDialog.getExistingDirectory(self, "Import a folder")
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: Sequence[Path]) -> ImportOp | None:
        """Import on the writer thread with progress; a summary dialog at the end."""
        if self.import_op is not None:
            self.statusBar().showMessage("An import is already running", 4000)
            return None
        self.progress.setRange(0, 0)
        self.progress_label.setText("Importing…")
        for w in (self.progress_label, self.progress, self.cancel_button):
            w.show()
        self.cancel_button.setEnabled(True)
        op = import_files(
            self.ctx,
            paths,
            on_success=self._import_done,
            on_progress=self._import_progress,
            parent=self,
        )
        op.on_failure = self._import_failed
        self.import_op = op
        op.run_in_background()
        return op

    def _import_progress(self, done: int, total: int, path: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(f"Importing {done + 1:,} of {total:,}: {Path(path).name}")

    def cancel_import(self) -> None:
        """Stop the running import after the current file."""
        if self.import_op is not None:
            self.import_op.cancel()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText("Cancelling…")

    def _import_finished(self) -> None:
        self.import_op = None
        for w in (self.progress_label, self.progress, self.cancel_button):
            w.hide()

    def _import_failed(self, error: BaseException) -> None:
        self._import_finished()
        show_error(self, "The import stopped", error)

    def _import_done(self, report: ImportReport) -> None:
        self._import_finished()
        self.library_view.reload()
        self.statusBar().showMessage(
            f"Imported {len(report.imported)}, {len(report.duplicates)} duplicates, "
            f"{len(report.failed)} failed",
            8000,
        )
        self.last_summary = ImportSummaryDialog(report, self)
        self.last_summary.open()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Accept files dragged from the desktop."""
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Import the dropped files and folders."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- view options ----------------------------------------------------------------

    def _toggle_sync(self) -> None:
        self.compare.sync_scroll = self.act_sync.isChecked()
        self.settings.set("compare/sync_scroll", self.compare.sync_scroll)

    def set_theme(self, name: str) -> None:
        """Switch theme ('system', 'light' or 'dark') and remember it."""
        self.settings.set("appearance/theme", name)
        self.theme_actions[name].setChecked(True)
        if self._set_theme is not None:
            self._set_theme(name)
        self.compare.rehighlight()

    def _toggle_theme(self) -> None:
        dark = self.compare.palette().color(self.compare.backgroundRole()).lightness() < 128
        self.set_theme("light" if dark else "dark")

    def show_help(self) -> None:
        """The keyboard shortcuts."""
        HelpDialog(self._menus(), self).open()

    def _menus(self) -> list[QMenu]:
        menus = (a.menu() for a in self.menuBar().actions())
        return [m for m in menus if isinstance(m, QMenu)]

    # -- state ---------------------------------------------------------------------

    def _restore(self) -> None:
        self.restore_geometry(self.settings, self.splitter)
        column = int(self.settings.get("library/sort_column"))
        if column >= 0:
            order = (
                Qt.SortOrder.DescendingOrder
                if self.settings.get("library/sort_descending")
                else Qt.SortOrder.AscendingOrder
            )
            self.library_view.table.sortByColumn(column, order)
        ids = [int(i) for i in self.settings.get("compare/open_articles") if isinstance(i, int)]
        if ids:
            # After the window is up, so a cold start is not held back by the panes.
            QTimer.singleShot(0, lambda: self.compare.open_articles(ids[:MAX_PANES]))

    def save_state(self) -> None:
        """Remember layout, sort and open articles."""
        self.save_geometry(self.settings, self.splitter)
        header = self.library_view.table.horizontalHeader()
        self.settings.set("library/sort_column", header.sortIndicatorSection())
        self.settings.set(
            "library/sort_descending", header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        )
        self.settings.set("compare/open_articles", [int(i) for i in self.compare.open_ids])
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save state and let running writes finish (they are short transactions)."""
        if self.import_op is not None:
            self.import_op.cancel()
        self.save_state()
        self.ctx.pools.wait(30_000)
        super().closeEvent(event)
