"""Search in the window: the spelling-variants toggle, facet refinement and saved searches."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QCheckBox, QInputDialog, QMenu, QWidget

from reader.gui.ops import CollectionOp, Latest, QueryOp
from reader.gui.widgets.library_view import hit_field
from reader.gui.widgets.search_facets import refine_query

if TYPE_CHECKING:
    from reader.gui.mainwindow import MainWindow
    from reader.library import Library

log = logging.getLogger("reader.gui.search")

SEARCH_LIMIT = 500
VARIANTS_KEY = "search/variants"
DATE_COLUMN = 2


def _hit_articles(result: Any) -> list[int]:
    ids: list[int] = []
    for hit in hit_field(result, "hits") or []:
        raw = hit_field(hit, "article_id")
        if raw is not None and int(raw) not in ids:
            ids.append(int(raw))
    return ids


def run_query(lib: Library, query: str, variants: bool, sort: str = "relevance") -> dict[str, Any]:
    """One search for the window (worker thread): hits, total, facets, variant-only ids.

    When variants change the query, it also runs without them; the hits only the
    first run found are the ones another spelling brought in.
    """
    result = lib.search(query, sort=sort, limit=SEARCH_LIMIT, variants=variants)
    variant_only: list[int] = []
    if variants and lib.query_has_variants(query):
        plain_result = lib.search(query, sort=sort, limit=SEARCH_LIMIT, variants=False)
        plain = set(_hit_articles(plain_result))
        variant_only = [i for i in _hit_articles(result) if i not in plain]
    return {
        "hits": list(hit_field(result, "hits") or []),
        "total": hit_field(result, "total"),
        "facets": dict(hit_field(result, "facets") or {}),
        "variant_only": variant_only,
    }


class SearchController(QObject):
    """Runs the window's searches and owns the search actions and menus.

    Attributes:
        act_variants: checkable "Match spelling variants" (remembered in settings).
        variants_box: the same switch as a check box next to the search box.
        act_save: "Save search…" (Ctrl+S).
        saved_menu: Edit > Saved searches: click one to run it; delete, rename, undo.
        saved: the saved searches as last read, [{"name", "query", "sort", "variants"}].
        last_deleted: the saved search deleted last (for undo), if any.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = window.ctx
        self.saved: list[dict[str, Any]] = []
        self.last_deleted: dict[str, Any] | None = None
        self._quiet = False
        self.searches = Latest()  # a slower earlier search never overwrites a newer one

        self.act_variants = QAction("Match spelling &variants", window)
        self.act_variants.setIconText("Variants")
        self.act_variants.setCheckable(True)
        self.act_variants.setChecked(bool(window.settings.get(VARIANTS_KEY)))
        self.act_variants.setToolTip(
            "Match spelling variants: a name also finds its other spellings "
            "(Mirnograd finds Myrnohrad)"
        )
        self.act_variants.setObjectName("variantsToggle")
        self.act_variants.toggled.connect(self._variants_toggled)
        self.variants_box: QCheckBox | None = None  # the toolbar's mirror of act_variants

        self.act_save = QAction("Sa&ve search…", window)
        self.act_save.setShortcut(QKeySequence("Ctrl+S"))
        self.act_save.triggered.connect(lambda _c=False: self.save_current())
        window.addAction(self.act_save)
        self.saved_menu = QMenu("Saved s&earches", window)
        self.saved_menu.setObjectName("savedSearchesMenu")

        window.library_view.facets.refine.connect(self.refine)
        window.library_view.compareRequested.connect(
            lambda ids: window.compare.open_articles([int(i) for i in ids][:4])
        )

    # -- running ---------------------------------------------------------------

    @property
    def variants(self) -> bool:
        """Whether searches match other spellings of entities."""
        return self.act_variants.isChecked()

    def run(self, sort: str = "relevance") -> None:
        """Search for the text in the search box; hits, facets and counts fill the library.

        Args:
            sort: "relevance", or "date" for the newest hits (they decide which
                500 are listed when more match).
        """
        window = self.window
        query = window.search_edit.text().strip()
        if not query:
            window.library_view.reload()
            window.compare.show_matches("")
            return
        variants = self.variants

        def shown(found: dict[str, Any]) -> None:
            total = found["total"]
            window.library_view.show_hits(
                query,
                found["hits"],
                int(total) if total is not None else None,
                variant_only=found["variant_only"],
                facets=found["facets"],
            )
            window.compare.show_matches(query, variants)

        QueryOp(
            self.ctx,
            lambda lib: run_query(lib, query, variants, sort),
            shown,
            parent=window,
            title="The search failed",
            latest=self.searches,
        ).run_in_background()

    def _variants_toggled(self, on: bool) -> None:
        self.window.settings.set(VARIANTS_KEY, on)
        if self.window.library_view.query and not self._quiet:
            self.run()

    def refine(self, kind: str, value: str) -> None:
        """Add a facet value to the query in the search box and search again."""
        box = self.window.search_edit
        before = box.text()
        after = refine_query(before or self.window.library_view.query, kind, value)
        if after == before.strip():
            return
        box.setText(after)
        self.run()

    # -- saved searches --------------------------------------------------------

    def refresh_saved(self) -> None:
        """Read the saved searches and rebuild the menu."""
        QueryOp(
            self.ctx, lambda lib: lib.saved_searches(), self._fill_menu, parent=self.window
        ).run_in_background()

    def _fill_menu(self, saved: list[dict[str, Any]]) -> None:
        self.saved = list(saved)
        menu = self.saved_menu
        menu.clear()
        if not saved:
            empty = menu.addAction("No saved searches yet (Ctrl+S saves the current one)")
            empty.setEnabled(False)
        for entry in saved:
            act = menu.addAction(entry["name"])
            act.setToolTip(entry["query"])
            act.setStatusTip(f"Search for {entry['query']}")
            act.triggered.connect(lambda _c=False, e=entry: self.run_saved(e))
        menu.setToolTipsVisible(True)
        if saved:
            menu.addSeparator()
            rename = menu.addMenu("&Rename")
            delete = menu.addMenu("&Delete")
            for entry in saved:
                name = entry["name"]
                rename.addAction(name).triggered.connect(
                    lambda _c=False, n=name: self.rename_saved(n)
                )
                delete.addAction(name).triggered.connect(
                    lambda _c=False, n=name: self.delete_saved(n)
                )
        if self.last_deleted is not None:
            menu.addSeparator()
            undo = menu.addAction(f"&Undo delete of “{self.last_deleted['name']}”")
            undo.setObjectName("undoDeleteSavedSearch")
            undo.triggered.connect(lambda _c=False: self.undo_delete())

    def run_saved(self, entry: dict[str, Any]) -> None:
        """Put a saved query in the search box (with its variants setting) and run it."""
        self.window.search_edit.setText(entry["query"])
        self._quiet = True  # one search below, not a second one from the toggle
        try:
            self.act_variants.setChecked(bool(entry.get("variants", True)))
        finally:
            self._quiet = False
        self.run(str(entry.get("sort") or "relevance"))
        self.window.statusBar().showMessage(f"Saved search “{entry['name']}”", 4000)

    def save_current(self, name: str | None = None) -> None:
        """Save the query in the search box under a name (asked for when not given)."""
        window = self.window
        query = window.search_edit.text().strip() or window.library_view.query
        if not query:
            window.statusBar().showMessage("Type a search first, then save it", 4000)
            return
        if name is None:
            name, ok = QInputDialog.getText(window, "Save search", "Name:", text=query)
            if not ok:
                return
        name = name.strip()
        if not name:
            return
        variants = self.variants
        # A list sorted by date is saved as a search by date.
        header = window.library_view.table.horizontalHeader()
        sort = "date" if header.sortIndicatorSection() == DATE_COLUMN else "relevance"

        def saved(_row: dict[str, Any]) -> None:
            window.statusBar().showMessage(f"Saved search “{name}”", 4000)
            self.refresh_saved()

        CollectionOp(
            self.ctx,
            lambda lib: lib.save_search(name, query, sort=sort, variants=variants),
            saved,
            parent=window,
            title="Could not save the search",
        ).run_in_background()

    def delete_saved(self, name: str) -> None:
        """Delete a saved search; Edit > Saved searches offers to undo it."""

        def work(lib: Library) -> dict[str, Any] | None:
            entry = lib.saved_search(name)
            lib.delete_saved_search(name)
            return entry

        def done(entry: dict[str, Any] | None) -> None:
            if entry is not None:
                self.last_deleted = entry
                self.window.statusBar().showMessage(
                    f"Deleted saved search “{name}” (Edit › Saved searches › Undo)", 6000
                )
            self.refresh_saved()

        CollectionOp(
            self.ctx, work, done, parent=self.window, title="Could not delete the search"
        ).run_in_background()

    def undo_delete(self) -> None:
        """Bring back the saved search deleted last."""
        entry = self.last_deleted
        if entry is None:
            return
        self.last_deleted = None
        CollectionOp(
            self.ctx,
            lambda lib: lib.save_search(
                entry["name"], entry["query"], sort=entry["sort"], variants=entry["variants"]
            ),
            lambda _row: self.refresh_saved(),
            parent=self.window,
            title="Could not restore the search",
        ).run_in_background()

    def rename_saved(self, name: str, new_name: str | None = None) -> None:
        """Give a saved search another name (asked for when not given)."""
        if new_name is None:
            new_name, ok = QInputDialog.getText(self.window, "Rename search", "Name:", text=name)
            if not ok:
                return
        new_name = new_name.strip()
        if not new_name or new_name == name:
            return

        def work(lib: Library) -> None:
            entry = lib.saved_search(name)
            if entry is None:
                return
            lib.save_search(
                new_name, entry["query"], sort=entry["sort"], variants=entry["variants"]
            )
            lib.delete_saved_search(name)

        CollectionOp(
            self.ctx,
            work,
            lambda _r: self.refresh_saved(),
            parent=self.window,
            title="Could not rename the search",
        ).run_in_background()


def _variants_box(action: QAction) -> QCheckBox:
    """A check box mirroring the action: a pressed tool button hardly reads as 'on'."""
    box = QCheckBox("Spelling variants")
    box.setObjectName("variantsBox")
    box.setToolTip(action.toolTip())
    box.setChecked(action.isChecked())
    box.toggled.connect(action.setChecked)
    action.toggled.connect(box.setChecked)
    return box


def _insert_after_search_box(window: MainWindow, widget: QWidget) -> None:
    bar = window.toolbar
    actions = bar.actions()
    for i, act in enumerate(actions):
        if bar.widgetForAction(act) is window.search_edit and i + 1 < len(actions):
            bar.insertWidget(actions[i + 1], widget)
            return
    bar.addWidget(widget)


def install(window: MainWindow) -> SearchController:
    """Add the search actions and menus to the window; `window.run_search` uses them."""
    controller = SearchController(window)  # a child of the window: findChild() finds it
    menu = window.edit_menu
    actions = menu.actions()
    # Right under "Search…" in the Edit menu.
    at = actions.index(window.act_search) + 1 if window.act_search in actions else len(actions)
    anchor = actions[at] if at < len(actions) else None
    for act in (controller.act_variants, controller.act_save):
        menu.insertAction(anchor, act)  # type: ignore[arg-type]
    menu.insertMenu(anchor, controller.saved_menu)  # type: ignore[arg-type]
    controller.variants_box = _variants_box(controller.act_variants)
    _insert_after_search_box(window, controller.variants_box)
    controller.refresh_saved()
    return controller
