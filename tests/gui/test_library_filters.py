"""The library's outlet, date and tag filters, and near-duplicates shown and compared."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt

from reader.gui.mainwindow import MainWindow
from reader.gui.models.articles import NEAR_COLUMN
from reader.gui.settings import Settings

STORIES = [
    (
        "Bridge works shut the riverside route",
        "Mira Jansen",
        "2 March 2025",
        "The river road in Alderton closed on Monday for bridge repairs expected to last "
        "six weeks. Drivers were told to use the ring road.",
        "The Alderton Echo",
    ),
    (
        "Market traders want the river road back",
        "Tom Reyes",
        "19 March 2025",
        "Traders at the Alderton market said takings had fallen by a third since the "
        "river road closed, and asked the council to speed up the work.",
        "Valley Gazette",
    ),
    (
        "River road reopens ahead of schedule",
        "Mira Jansen",
        "8 April 2025",
        "Alderton's river road reopened on Tuesday, a week earlier than planned, after "
        "the bridge deck was replaced overnight.",
        "The Alderton Echo",
    ),
]


def write_article(folder: Path, name: str, story: tuple[str, str, str, str, str]) -> None:
    title, author, day, body, outlet = story
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(
        f"{title}\nBy {author}\n{day}\n\n{body}\n\n© 2025 {outlet}\n", encoding="utf-8"
    )


@pytest.fixture
def window(qtbot, ctx, tmp_path: Path) -> MainWindow:
    folder = tmp_path / "in"
    for n, story in enumerate(STORIES):
        write_article(folder, f"story-{n}.txt", story)
    assert len(ctx.library.import_paths([folder]).imported) == 3
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ctx, settings)
    qtbot.addWidget(win)
    win.show()
    return win


def titles(window: MainWindow) -> list[str]:
    model = window.library_view.model
    return sorted(model.data(model.index(r, 0)) for r in range(model.rowCount()))


def choose(box, data: str) -> None:
    index = box.findData(data)
    assert index >= 0, [box.itemText(i) for i in range(box.count())]
    box.setCurrentIndex(index)


# Opening a combo box's popup on the offscreen platform warns about raise() and grabs.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_outlet_date_and_tag_filters_narrow_the_library(window, ctx, qtmodeltester):
    view = window.library_view
    filters = view.filters
    outlets = [filters.outlet_box.itemText(i) for i in range(filters.outlet_box.count())]
    assert outlets == ["All outlets", "The Alderton Echo  (2)", "Valley Gazette  (1)"]
    assert filters.tag_box.count() == 1  # nothing tagged yet: "All tags" only

    choose(filters.outlet_box, "The Alderton Echo")
    assert titles(window) == [
        "Bridge works shut the riverside route",
        "River road reopens ahead of schedule",
    ]
    filters.date_from.setDate(QDate(2025, 3, 10))
    assert titles(window) == ["River road reopens ahead of schedule"]
    assert view.status.text().startswith("1 of 3 articles")
    qtmodeltester.check(view.model)

    filters.clear()
    assert len(titles(window)) == 3
    filters.date_to.setDate(QDate(2025, 3, 19))  # the last day counts
    assert titles(window) == [
        "Bridge works shut the riverside route",
        "Market traders want the river road back",
    ]
    filters.clear()

    market = next(s.id for s in ctx.library.list_articles() if s.title.startswith("Market"))
    ctx.library.annotate(market, quote="takings had fallen", tags=["economy"])
    filters.tag_box.showPopup()  # opening the box reads the tags afresh
    filters.tag_box.hidePopup()
    assert filters.tag_box.itemText(1) == "economy  (1)"
    choose(filters.tag_box, "economy")
    assert titles(window) == ["Market traders want the river road back"]
    qtmodeltester.check(view.model)


def test_filters_also_narrow_search_hits_and_the_text_filter_combines(window, qtbot):
    window.search_edit.setText("river road")
    window.run_search()
    assert len(titles(window)) == 3
    choose(window.library_view.filters.outlet_box, "Valley Gazette")
    assert titles(window) == ["Market traders want the river road back"]
    assert "of 3 hits" in window.library_view.status.text()
    window.library_view.filters.clear()
    window.library_view.filter_edit.setText("jansen")
    qtbot.waitUntil(lambda: len(titles(window)) == 2)


def test_sorting_a_filtered_archive_happens_in_sql(window):
    view = window.library_view
    choose(view.filters.outlet_box, "The Alderton Echo")
    view.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    model = view.model
    days = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert days == ["2025-04-08", "2025-03-02"]


def test_near_duplicates_are_marked_and_open_side_by_side(qtbot, ctx, tmp_path):
    title, author, day, body, outlet = STORIES[0]
    long_body = " ".join([body] * 4)
    folder = tmp_path / "dups"
    write_article(folder, "a.txt", (title, author, day, long_body, outlet))
    # The same wire story re-published with a new headline and one more sentence.
    write_article(
        folder,
        "b.txt",
        ("Alderton bridge works shut road", "Staff", day, long_body + " More soon.", "Wire Desk"),
    )
    write_article(folder, "c.txt", STORIES[1])
    report = ctx.library.import_paths([folder])
    ids = {Path(r["path"]).name: r["id"] for r in report.imported}
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()

    view = window.library_view
    model = view.model
    assert model.headerData(NEAR_COLUMN, Qt.Orientation.Horizontal) == "≈"
    row_a, row_b, row_c = (model.row_of(ids[n]) for n in ("a.txt", "b.txt", "c.txt"))
    assert model.data(model.index(row_a, NEAR_COLUMN)) == "≈1"
    assert model.data(model.index(row_c, NEAR_COLUMN)) == ""
    tip = model.data(model.index(row_a, NEAR_COLUMN), Qt.ItemDataRole.ToolTipRole)
    assert "Alderton bridge works shut road" in tip

    menu = view.context_menu_for(row_c)
    action = next(a for a in menu.actions() if a.objectName() == "compareNearDuplicates")
    assert not action.isEnabled()

    menu = view.context_menu_for(row_b)
    action = next(a for a in menu.actions() if a.objectName() == "compareNearDuplicates")
    assert action.isEnabled() and action.text() == "Compare with near-duplicates (1)"
    action.trigger()
    assert [int(i) for i in window.compare.open_ids] == [ids["b.txt"], ids["a.txt"]]
    assert len(window.compare.panes) == 2


def test_facet_lists_are_short_until_more_is_clicked(qtbot):
    from reader.gui.widgets.search_facets import SHOWN, FacetPanel

    panel = FacetPanel()
    qtbot.addWidget(panel)
    names = {f"Person {n:02d}": 30 - n for n in range(SHOWN + 4)}
    panel.show_facets({"entity": names, "outlet": {}, "month": {}})
    shown = panel.values("entity")
    assert len(shown) == SHOWN and shown[0] == ("Person 00", "30")  # biggest first
    group = panel.tree.topLevelItem(0)
    more = group.child(group.childCount() - 1)
    assert more.text(0) == "4 more…"
    with qtbot.assertNotEmitted(panel.refine):
        panel.tree.itemClicked.emit(more, 0)
        qtbot.waitUntil(lambda: len(panel.values("entity")) == SHOWN + 4)
