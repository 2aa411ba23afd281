"""Search in the window: the spelling-variants toggle, saved searches, facets that refine."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu

from reader.gui.mainwindow import MainWindow
from reader.gui.settings import Settings
from reader.gui.widgets.search_controller import SearchController
from reader.gui.widgets.search_facets import refine_query


def write_article(
    folder: Path, name: str, title: str, author: str, day: str, body: str, outlet: str
) -> Path:
    """A pasted article as analysts save them: headline, byline, date, text, footer."""
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"{title}\nBy {author}\n{day}\n\n{body}\n\n© 2025 {outlet}\n", encoding="utf-8")
    return path


def make_window(qtbot, ctx, tmp_path: Path, ini: str = "s.ini") -> MainWindow:
    settings = Settings(QSettings(str(tmp_path / ini), QSettings.Format.IniFormat))
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    return window


def controller(window: MainWindow) -> SearchController:
    found = window.findChild(SearchController)
    assert found is not None
    return found


def titles(window: MainWindow) -> list[str]:
    model = window.library_view.model
    return [model.data(model.index(r, 0)) for r in range(model.rowCount())]


def search(window: MainWindow, query: str) -> None:
    window.search_edit.setText(query)
    window.run_search()


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def find_action(menu: QMenu, text: str):
    for action in menu.actions():
        if action.text() == text:
            return action
    raise AssertionError(f"no {text!r} in {menu_texts(menu)}")


# -- spelling variants -----------------------------------------------------------


@pytest.mark.slow
def test_variants_toggle_off_drops_the_article_that_spells_the_town_otherwise(qtbot, ctx, tmp_path):
    folder = tmp_path / "in"
    write_article(
        folder,
        "a.txt",
        "Water supply restored in Zhovtovody",
        "Irena Halas",
        "4 June 2025",
        "Engineers restored the water supply to Zhovtovody on Tuesday after a three-day "
        "outage. Officials in Zhovtovody said the pumping station had been repaired.",
        "The Dnipro Ledger",
    )
    write_article(
        folder,
        "b.txt",
        "Residents queue for water as pumps fail",
        "Oleg Marten",
        "3 June 2025",
        "Residents of Zheltye Vody queued at standpipes on Monday. The mayor of Zheltye "
        "Vody said repairs would take days.",
        "Steppe Post",
    )
    lib = ctx.library
    report = lib.import_paths([folder])
    ids = [r["id"] for r in report.imported]
    assert len(ids) == 2

    def entity(aid: int, name: str) -> int:
        return next(e["entity_id"] for e in lib.article_entities(aid) if e["entity"] == name)

    # The analyst tells the archive both spellings are one town.
    lib.merge_entities(entity(ids[1], "Zheltye Vody"), entity(ids[0], "Zhovtovody"))

    window = make_window(qtbot, ctx, tmp_path)
    toggle = controller(window).act_variants
    box = controller(window).variants_box
    assert toggle.isChecked()  # on by default
    assert box is not None and box.isVisible() and box.isChecked()  # next to the search box

    search(window, "Zhovtovody")
    assert sorted(titles(window)) == [
        "Residents queue for water as pumps fail",
        "Water supply restored in Zhovtovody",
    ]
    assert "1 only through spelling variants" in window.library_view.status.text()
    # The article that spells it otherwise, open in a pane, has its spelling marked.
    window.compare.open_articles([ids[1]])
    pane = window.compare.panes[0]
    marked = {pane.detail.text[s:e] for s, e in pane._matches}
    assert marked and all(m.startswith("Zheltye") for m in marked)

    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # off: the query runs again at once
    assert not toggle.isChecked()  # the menu item follows
    assert titles(window) == ["Water supply restored in Zhovtovody"]
    assert "variants" not in window.library_view.status.text()
    assert pane._matches == []  # and the pane no longer marks the other spelling

    # Remembered for the next session.
    window.save_state()
    again = make_window(qtbot, ctx, tmp_path)
    assert not controller(again).act_variants.isChecked()


# -- saved searches ---------------------------------------------------------------


@pytest.fixture
def three_articles(ctx, tmp_path: Path) -> list[int]:
    folder = tmp_path / "harbour"
    write_article(
        folder,
        "one.txt",
        "Harbour dredging starts at Port Calder",
        "Mira Jansen",
        "2 March 2025",
        "Dredging began in Port Calder harbour on Sunday. The harbour master said "
        "larger ships could dock by the summer.",
        "The Calder Courier",
    )
    write_article(
        folder,
        "two.txt",
        "Fishermen fear harbour works will cut catches",
        "Tom Reyes",
        "18 March 2025",
        "Fishermen in Port Calder said the harbour works had already driven fish "
        "away from the bay.",
        "Westcoast Daily",
    )
    write_article(
        folder,
        "three.txt",
        "Harbour works finish early",
        "Mira Jansen",
        "9 April 2025",
        "The harbour dredging at Port Calder finished three weeks early, the council said.",
        "The Calder Courier",
    )
    report = ctx.library.import_paths([folder])
    assert len(report.imported) == 3
    return [r["id"] for r in report.imported]


def test_save_rerun_rename_delete_and_undo_a_saved_search(qtbot, ctx, tmp_path, three_articles):
    window = make_window(qtbot, ctx, tmp_path)
    search_ = controller(window)
    menu = search_.saved_menu
    assert menu in [a.menu() for a in window.edit_menu.actions() if a.menu()]
    assert search_.act_save.shortcut().toString() == "Ctrl+S"

    search(window, "fishermen")
    search_.act_variants.setChecked(False)
    window.library_view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    search_.save_current("Fishing")
    assert "Fishing" in menu_texts(menu)
    saved = ctx.library.saved_search("Fishing")
    assert (saved["sort"], saved["variants"]) == ("date", False)

    search_.act_variants.setChecked(True)
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)  # back to the whole archive
    assert len(titles(window)) == 3

    find_action(menu, "Fishing").trigger()
    assert window.search_edit.text() == "fishermen"
    assert titles(window) == ["Fishermen fear harbour works will cut catches"]
    # The search runs as it was saved: without spelling variants.
    assert not search_.variants_box.isChecked()

    search_.rename_saved("Fishing", "Catches")
    assert "Catches" in menu_texts(menu) and "Fishing" not in menu_texts(menu)

    delete_menu = find_action(menu, "&Delete").menu()
    find_action(delete_menu, "Catches").trigger()
    assert "Catches" not in menu_texts(menu)
    assert ctx.library.saved_searches() == []

    undo = find_action(menu, "&Undo delete of “Catches”")
    undo.trigger()
    assert "Catches" in menu_texts(menu)
    assert [s["query"] for s in ctx.library.saved_searches()] == ["fishermen"]


# -- facets -----------------------------------------------------------------------------


def test_clicking_a_facet_refines_the_query_and_narrows_the_hits(
    qtbot, ctx, tmp_path, three_articles
):
    window = make_window(qtbot, ctx, tmp_path)
    facets = window.library_view.facets
    assert not facets.isVisible()  # no search, no facets

    search(window, "harbour")
    assert len(titles(window)) == 3
    assert facets.isVisible()
    assert facets.values("outlet") == [("The Calder Courier", "2"), ("Westcoast Daily", "1")]
    assert facets.values("month") == [("2025-04", "1"), ("2025-03", "2")]

    item = facets.item_for("outlet", "The Calder Courier")
    assert item is not None
    tree = facets.tree
    tree.scrollToItem(item)
    qtbot.mouseClick(
        tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center()
    )
    assert window.search_edit.text() == 'harbour outlet:"The Calder Courier"'
    assert sorted(titles(window)) == [
        "Harbour dredging starts at Port Calder",
        "Harbour works finish early",
    ]

    facets.refine.emit("month", "2025-03")
    assert window.search_edit.text() == 'harbour outlet:"The Calder Courier" date:2025-03'
    assert titles(window) == ["Harbour dredging starts at Port Calder"]


def test_refining_an_or_query_narrows_all_of_it():
    assert refine_query("ferry OR harbour", "outlet", "Post") == '(ferry OR harbour) outlet:"Post"'
    assert refine_query("ferry", "entity", 'The "Big" Port') == 'ferry entity:"The Big Port"'
    # Picking the same value twice does not repeat it.
    assert refine_query('a outlet:"Post"', "outlet", "Post") == 'a outlet:"Post"'
