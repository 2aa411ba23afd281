"""Coverage in the comparison: passages lit across panes, 'only here' marks, grid, timeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip

from reader.gui.comparison import Coverage
from reader.gui.mainwindow import MainWindow
from reader.gui.models.coverage import CONFLICT_ROLE, ENTITY_ROLE, TARGET_ROLE
from reader.gui.settings import Settings
from reader.gui.widgets.compare_view import CompareView
from reader.gui.widgets.coverage_dock import CoverageDock
from reader.gui.widgets.coverage_layer import LIT_BAR, ONLY_BAR, ONLY_TIP
from reader.gui.widgets.reader_pane import ReaderPane

BRIDGE_A = """Bridge over the Tamsin collapses after week of floods
By Mara Velden
Thursday 6 March 2025 09:10 GMT
The Harlow Street bridge in Dunmere collapsed on 3 March after a week of flooding on the \
river Tamsin, cutting the town in two.
Mayor Petra Ostlund said 40 families were evacuated from houses on the east bank and that \
nobody was hurt.
The bridge was built in 1911 and restored in the 1980s; local historians have campaigned \
for its protection since the war.
Engineers from the regional water board said the repair would cost about 12 million euros \
and take at least a year.
"""

BRIDGE_B = """Dunmere cut in two as flood brings down old bridge
By Joost Arendt
Thursday 6 March 2025 11:40 GMT
Floodwater brought down the Harlow Street bridge in Dunmere on 5 March, leaving the town \
split along the river Tamsin.
About 120 families had to leave their homes on the east bank, Mayor Petra Ostlund told \
reporters, adding that no one was injured.
The regional water board put the cost of a new crossing at 30 million euros and said work \
could take two years.
"""


@pytest.fixture
def bridge(qtbot, ctx, tmp_path: Path) -> CompareView:
    """Two reports of one bridge collapse, side by side (coverage computed inline)."""
    paths = []
    for name, text in (("a.txt", BRIDGE_A), ("b.txt", BRIDGE_B)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    ids = [r["id"] for r in ctx.library.import_paths(paths).imported]
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    view.open_articles(ids)
    qtbot.waitUntil(lambda: not view.coverage_control.pending and len(view.panes) == 2)
    return view


def _paragraph(pane: ReaderPane, words: str) -> tuple[int, int]:
    """The text span of the paragraph (line) holding `words`."""
    text = pane.detail.text
    at = text.index(words)
    return text.rfind("\n", 0, at) + 1, text.index("\n", at) if "\n" in text[at:] else len(text)


def _mouse(pane: ReaderPane, offset: int, kind: QEvent.Type) -> None:
    """Send a mouse event to the text at `offset`, as a user's mouse would."""
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(pane.offsets.to_doc(offset))
    point = pane.browser.cursorRect(cursor).center() + QPoint(2, 0)
    button = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseMove else Qt.MouseButton.LeftButton
    event = QMouseEvent(
        kind,
        QPointF(point),
        QPointF(pane.browser.viewport().mapToGlobal(point)),
        button,
        button if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(pane.browser.viewport(), event)


def _hover(pane: ReaderPane, offset: int) -> None:
    _mouse(pane, offset, QEvent.Type.MouseMove)


def _click(pane: ReaderPane, offset: int) -> None:
    _mouse(pane, offset, QEvent.Type.MouseButtonPress)
    _mouse(pane, offset, QEvent.Type.MouseButtonRelease)


def _margin_colours(pane: ReaderPane, span: tuple[int, int]) -> set[str]:
    """Colours painted in the left margin beside a passage."""
    pane.browser.viewport().repaint()
    image = pane.browser.viewport().grab().toImage()
    rect = pane.passages.band(span)
    assert rect is not None
    return {
        QColor(image.pixel(x, y)).name()
        for x in range(5, 10)
        for y in range(max(0, rect.top() + 4), min(image.height(), rect.bottom() - 4))
    }


def test_hovering_a_paragraph_lights_its_counterpart_in_the_other_pane(bridge):
    one, two = bridge.panes
    families_a = _paragraph(one, "40 families")
    families_b = _paragraph(two, "120 families")
    _hover(one, families_a[0] + 10)
    assert two.passages.lit == [families_b]
    assert one.passages.source == families_a
    assert LIT_BAR[0].name() in _margin_colours(two, families_b)
    # Leaving the text takes the light away again.
    QApplication.sendEvent(one.browser.viewport(), QEvent(QEvent.Type.Leave))
    assert two.passages.lit == []


def test_in_the_dark_theme_the_counterpart_bar_is_the_dark_variant(bridge):
    one, two = bridge.panes
    palette = two.browser.viewport().palette()
    palette.setColor(QPalette.ColorRole.Base, QColor("#1E1E1E"))
    two.browser.viewport().setPalette(palette)
    families_b = _paragraph(two, "120 families")
    _hover(one, _paragraph(one, "40 families")[0] + 10)
    colours = _margin_colours(two, families_b)
    assert LIT_BAR[1].name() in colours
    assert LIT_BAR[0].name() not in colours


def test_clicking_into_a_paragraph_lights_its_counterpart(bridge):
    one, two = bridge.panes
    cost_b = _paragraph(two, "30 million")
    _click(one, one.detail.text.index("12 million"))
    assert two.passages.lit == [cost_b]
    # The other way round too: clicking pane 2's flood paragraph lights pane 1's.
    flood_a = _paragraph(one, "collapsed on 3 March")
    _click(two, two.detail.text.index("5 March"))
    assert one.passages.lit == [flood_a]
    assert two.passages.lit == []


def test_going_to_a_passage_brings_its_counterpart_level_with_it(bridge, qtbot):
    bridge.sync_scroll = False
    bridge.resize(900, 300)
    one, two = bridge.panes
    cost_a, cost_b = _paragraph(one, "12 million"), _paragraph(two, "30 million")
    qtbot.waitUntil(lambda: two.passages.band(cost_b).top() > two.browser.viewport().height())
    before = two.browser.verticalScrollBar().value()
    one.go_to(*cost_a)  # as a timeline or figures row does
    qtbot.waitUntil(lambda: two.browser.verticalScrollBar().value() != before)
    target, source = two.passages.band(cost_b), one.passages.band(cost_a)
    assert two.browser.viewport().rect().intersects(target)
    assert abs(target.top() - max(0, source.top())) <= 2


def test_only_the_paragraph_one_outlet_tells_is_marked_in_the_gutter(bridge):
    one, two = bridge.panes
    history = _paragraph(one, "built in 1911")
    assert one.passages.only == [history]
    assert two.passages.only == []
    assert one.passages.tip(history) == ONLY_TIP
    assert ONLY_BAR[0].name() in _margin_colours(one, history)
    families = _paragraph(one, "40 families")
    assert ONLY_BAR[0].name() not in _margin_colours(one, families)
    assert "Pane 2" in one.passages.tip(families)


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen tooltips
def test_the_gutter_tooltip_says_only_in_this_outlet(bridge, qtbot):
    one = bridge.panes[0]
    band = one.passages.band(_paragraph(one, "built in 1911"))
    point = QPoint(6, band.center().y())
    viewport = one.browser.viewport()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "Only in this outlet" in QToolTip.text()
    QToolTip.hideText()


def test_reopening_the_same_articles_does_not_compute_again(bridge, monkeypatch):
    calls = []
    original = bridge.ctx.library.compare
    monkeypatch.setattr(
        bridge.ctx.library, "compare", lambda *a, **k: calls.append(a) or original(*a, **k)
    )
    ids = bridge.open_ids
    bridge.close_pane(1)
    assert bridge.coverage_control.coverage.pairs == ()
    bridge.open_articles(ids)
    assert calls == []
    assert bridge.panes[0].passages.only == [_paragraph(bridge.panes[0], "built in 1911")]


def _rows(model) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_timeline_marks_the_conflicting_dates_and_a_click_goes_to_the_sentence(
    bridge, qtbot, qtmodeltester
):
    dock = CoverageDock(bridge)
    qtbot.addWidget(dock)
    assert dock.timeline.rowCount() == 0  # filled when its tab is shown
    dock.tabs.setCurrentIndex(1)
    qtmodeltester.check(dock.timeline)
    rows = {row[3]: row for row in _rows(dock.timeline)}
    assert set(rows) >= {"3 March", "5 March", "1911"}
    assert rows["3 March"][-1] == "⚠ differs: pane 2 says 2025-03-05"
    assert "⚠" in rows["5 March"][-1]
    assert rows["1911"][-1] == ""
    assert rows["3 March"][1] == rows["5 March"][1] != ""  # the same happening
    assert "⚠ 2" in dock.tabs.tabText(1)

    model = dock.timeline_proxy
    dates = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert dates == sorted(dates) and dates[0] == "1911"
    row = next(r for r in range(model.rowCount()) if model.index(r, 3).data() == "5 March")
    assert model.index(row, 0).data(CONFLICT_ROLE) is True
    dock.timeline_view.clicked.emit(model.index(row, 4))
    two = bridge.panes[1]
    assert bridge.active == 1
    assert two.browser.textCursor().selectedText().startswith("Floodwater brought down")
    # The sentence's paragraph lights up its counterpart: pane 1's 3 March report.
    assert bridge.panes[0].passages.lit == [_paragraph(bridge.panes[0], "on 3 March")]


def test_figures_mark_the_disagreeing_family_counts(bridge, qtbot, qtmodeltester):
    dock = CoverageDock(bridge)
    qtbot.addWidget(dock)
    assert "⚠ 4" in dock.tabs.tabText(2)  # two pairs of figures that cannot both be right
    dock.tabs.setCurrentIndex(3)
    qtmodeltester.check(dock.claims)
    dock.tabs.setCurrentIndex(2)
    qtmodeltester.check(dock.figures)
    families = [r for r in _rows(dock.figures) if r[0] == "families"]
    assert sorted(r[1] for r in families) == ["40", "About 120"]
    checks = {r[1]: r[-1] for r in families}
    assert checks == {
        "40": "⚠ differs: pane 2 says About 120",
        "About 120": "⚠ differs: pane 1 says 40",
    }
    model = dock.figures_proxy
    row = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "40")
    article, start, end = model.index(row, 0).data(TARGET_ROLE)
    dock.figures_view.clicked.emit(model.index(row, 4))
    assert bridge.panes[0].browser.textCursor().selectedText().startswith("Mayor Petra Ostlund")
    assert bridge.panes[0].article_id == article


def test_grid_counts_mentions_per_pane_and_a_click_marks_them(
    qtbot, ctx, two_article_comparison, qtmodeltester
):
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.show_comparison(two_article_comparison)
    dock = CoverageDock(view)
    qtbot.addWidget(dock)
    qtmodeltester.check(dock.grid)
    rows = {r[0]: r[2:] for r in _rows(dock.grid)}
    assert rows["Port Elden"] == ["2", "2", "4"]
    assert rows["Hannah Obi"] == ["1", "–", "1"]
    # Sorting by pane 2's count puts the entity pane 2 never mentions last.
    dock.grid_view.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    proxy = dock.grid_proxy
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == [
        "Port Elden",
        "Hannah Obi",
    ]
    row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "Port Elden")
    cell = proxy.index(row, 3)
    assert cell.data(ENTITY_ROLE) == (10, 2)
    dock.grid_view.clicked.emit(cell)
    assert view.marked_entity == 10
    assert view.active == 1
    assert view.panes[1].browser.textCursor().selectedText() == "Pt. Elden"


def test_one_article_has_no_coverage_and_the_dock_says_why(qtbot, ctx, two_article_comparison):
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.show_comparison(two_article_comparison)
    view.close_pane(1)
    dock = CoverageDock(view)
    qtbot.addWidget(dock)
    assert view.coverage_control.coverage == Coverage(view.comparison.ids)
    assert "two to four" in dock.status.text()
    assert dock.timeline.rowCount() == 0


def test_the_view_menu_toggles_the_coverage_dock(qtbot, ctx, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    toggle = next(a for a in window.view_menu.actions() if "Coverage" in a.text())
    dock = window.findChild(CoverageDock)
    assert dock is not None and dock.isVisible()
    toggle.trigger()
    assert not dock.isVisible()
    toggle.trigger()
    assert dock.isVisible()


def test_grid_over_search_hits_counts_per_outlet_and_opens_a_cell(
    qtbot, ctx, tmp_path, fixtures_dir, qtmodeltester
):
    bridge_a = tmp_path / "bridge.txt"
    bridge_a.write_text(BRIDGE_A, encoding="utf-8")
    ctx.library.import_paths([*sorted((fixtures_dir / "story").glob("*.txt")), bridge_a])
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    dock = window.findChild(CoverageDock)
    dock.scope.setCurrentIndex(1)
    assert "Search the archive first" in dock.scope_note.text()

    window.search_edit.setText("Syniehubov")  # only the Daily Ledger report names him
    window.run_search()
    qtbot.waitUntil(lambda: "Daily Ledger" in dock.grid.columns[2].header)
    qtmodeltester.check(dock.grid)
    hit = window.library_view.model.article_id(0)
    (row,) = [r for r in ctx.library.article_entities(hit) if r["entity"] == "Oleh Syniehubov"]
    rows = {r[0]: r[2:] for r in _rows(dock.grid)}
    assert rows["Oleh Syniehubov"] == [str(len(row["mentions"])), str(len(row["mentions"]))]
    assert "Dunmere" not in rows  # the bridge story is not a hit
    assert "1 hits from 1 outlet" in dock.scope_note.text()

    proxy = dock.grid_proxy
    at = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "Oleh Syniehubov")
    dock.grid_view.clicked.emit(proxy.index(at, 2))
    compare = window.compare
    assert compare.open_ids == [hit]
    assert compare.marked_entity == row["entity_id"]
    assert compare.panes[0].browser.textCursor().selectedText() == row["mentions"][0]["text"]
