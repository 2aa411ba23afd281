"""Links between panes with undo: linking, removing a link, and undoing a delete."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMenu

from reader.archive.models import Annotation
from reader.gui.mainwindow import MainWindow
from reader.gui.widgets.annotation_dialog import LinkDialog
from reader.gui.widgets.reader_pane import ReaderPane
from reader.library import Library

STRIKE = (
    "Bus drivers vote to strike over rosters\n"
    "The Midland Post\n"
    "By Hana Kowalczyk\n"
    "14 May 2025\n"
    "\n"
    "Drivers at the city's largest depot voted by 312 to 40 to walk out for two "
    "days next month, the union said, after talks on weekend rosters collapsed.\n"
    "\n"
    "The operator said it would run a reduced timetable on the busiest routes.\n"
)
STRIKE_OTHER = (
    "Operator says strike vote was 'narrow and unrepresentative'\n"
    "Eastside Echo\n"
    "By Luis Ferrante\n"
    "15 May 2025\n"
    "\n"
    "Managers claimed fewer than half of drivers took part in the ballot and "
    "said talks on rosters had not collapsed but paused.\n"
)


@pytest.fixture
def pair(import_texts) -> tuple[int, int]:
    first, second = import_texts({"strike.txt": STRIKE, "strike-other.txt": STRIKE_OTHER})
    return first, second


def open_pair(qtbot, window: MainWindow, pair: tuple[int, int]) -> list[ReaderPane]:
    window.compare.open_articles(list(pair))
    qtbot.waitUntil(lambda: len(window.compare.panes) == 2)
    return list(window.compare.panes)


def select(pane: ReaderPane, words: str) -> None:
    """Select these words in the pane, as the user would with the mouse."""
    assert pane.detail is not None
    start = pane.detail.text.index(words)
    assert pane.go_to(start, start + len(words))


def dotted(pane: ReaderPane) -> list[str]:
    """The passages drawn with the link marker (a line over the text)."""
    return [
        s.cursor.selectedText() for s in pane.browser.extraSelections() if s.format.fontOverline()
    ]


def coloured(pane: ReaderPane) -> list[str]:
    """The passages drawn as highlights."""
    return [
        s.cursor.selectedText()
        for s in pane.browser.extraSelections()
        if s.format.background().style() != Qt.BrushStyle.NoBrush
    ]


def link_labels(library: Library, article_id: int) -> list[tuple[str, str]]:
    return [
        (k["label"], k["direction"])
        for r in library.annotations(article_id=article_id)
        for k in r.links
    ]


def accept_with(label: str):
    def accept(dialog: LinkDialog) -> int:
        dialog.label_box.setCurrentText(label)
        return QDialog.DialogCode.Accepted

    return accept


def test_undo_of_a_new_link_removes_it_from_both_panes_and_redo_restores_it(
    qtbot, window, pair, library, monkeypatch
):
    a, b = pair
    left, right = open_pair(qtbot, window, pair)
    select(left, "talks on weekend rosters collapsed")
    select(right, "had not collapsed but paused")
    window.compare.focus_pane(0)
    monkeypatch.setattr(LinkDialog, "exec", accept_with("contradicts"))
    actions = window.annotation_actions

    assert actions.link_to()
    assert dotted(left) == ["talks on weekend rosters collapsed"]
    assert dotted(right) == ["had not collapsed but paused"]
    assert "Link" in actions.act_undo.text()

    # One step undoes the link and the highlights it made.
    actions.act_undo.trigger()
    assert dotted(left) == [] and dotted(right) == []
    assert coloured(left) == [] and coloured(right) == []
    assert library.annotations() == []
    assert window.annotation_panel.model.rowCount() == 0

    actions.act_redo.trigger()
    assert dotted(left) == ["talks on weekend rosters collapsed"]
    assert dotted(right) == ["had not collapsed but paused"]
    assert link_labels(library, a) == [("contradicts", "outgoing")]
    assert link_labels(library, b) == [("contradicts", "incoming")]


def test_undo_of_a_link_between_highlights_keeps_the_highlights(
    qtbot, window, pair, library, monkeypatch
):
    a, b = pair
    first = library.annotate(a, quote="voted by 312 to 40")
    second = library.annotate(b, quote="fewer than half of drivers")
    left, right = open_pair(qtbot, window, pair)
    panel = window.annotation_panel
    panel.view.selectRow(panel.model.row_of(second.id))
    window.compare.focus_pane(1)
    monkeypatch.setattr(LinkDialog, "exec", accept_with("contradicts"))

    assert window.annotation_actions.link_to()
    assert dotted(left) == ["voted by 312 to 40"] and dotted(right) == [
        "fewer than half of drivers"
    ]

    window.annotation_actions.act_undo.trigger()
    assert dotted(left) == [] and dotted(right) == []
    assert coloured(left) == ["voted by 312 to 40"]
    assert coloured(right) == ["fewer than half of drivers"]
    assert {r.id for r in library.annotations()} == {first.id, second.id}


@pytest.mark.qt_log_ignore("This plugin does not support")
def test_remove_link_from_the_menu_and_undo_brings_it_back_the_same_way(
    qtbot, window, pair, library
):
    a, b = pair
    claim = library.annotate(a, quote="voted by 312 to 40")
    doubt = library.annotate(b, quote="fewer than half of drivers")
    library.link_annotations(doubt.id, claim.id, "questions the turnout")
    left, right = open_pair(qtbot, window, pair)
    panel = window.annotation_panel
    assert dotted(left) == ["voted by 312 to 40"]

    menu = QMenu()
    panel.fill_menu(menu, panel.model.record(panel.model.row_of(claim.id)))
    (remove,) = [act for act in menu.actions() if act.text().startswith("Remove Link")]
    assert "questions the turnout" in remove.text()
    remove.trigger()

    assert dotted(left) == [] and dotted(right) == []
    assert link_labels(library, a) == [] and link_labels(library, b) == []
    assert coloured(left) == ["voted by 312 to 40"]
    assert "Remove link" in window.annotation_actions.act_undo.text()

    window.annotation_actions.act_undo.trigger()
    assert dotted(left) == ["voted by 312 to 40"]
    assert dotted(right) == ["fewer than half of drivers"]
    assert link_labels(library, b) == [("questions the turnout", "outgoing")]
    assert link_labels(library, a) == [("questions the turnout", "incoming")]
    offset = left.detail.text.index("312")
    assert panel.link_tooltip_at(left, offset) == (
        "Link: questions the turnout → Operator says strike vote was 'narrow and unrepresentative'"
    )

    window.annotation_actions.act_redo.trigger()
    assert dotted(left) == [] and link_labels(library, a) == []


def test_undo_of_delete_keeps_the_created_date_and_its_links(qtbot, window, pair, library):
    a, b = pair
    old = library.annotate(a, quote="reduced timetable", note="which routes?")
    other = library.annotate(b, quote="talks on rosters")
    library.link_annotations(other.id, old.id, "follows up")
    with library.session() as session:
        row = session.get(Annotation, old.id)
        row.created_at = row.updated_at = datetime(2025, 1, 20, 8, 15)
        session.commit()
    left, right = open_pair(qtbot, window, pair)
    dialog = window.annotation_actions.show_all()
    model = dialog.model

    def created_of(quote: str) -> list[str]:
        return [
            model.data(model.index(r, 5))
            for r in range(model.rowCount())
            if quote in model.data(model.index(r, 1))
        ]

    assert created_of("reduced timetable") == ["2025-01-20 08:15"]

    window.annotation_panel.delete(old.id)
    assert created_of("reduced timetable") == []
    assert dotted(right) == []

    window.annotation_actions.act_undo.trigger()
    assert created_of("reduced timetable") == ["2025-01-20 08:15"]
    assert dotted(left) == ["reduced timetable"] and dotted(right) == ["talks on rosters"]
    assert link_labels(library, a) == [("follows up", "incoming")]

    # Redo deletes it again, and a second undo still brings back the same date.
    window.annotation_actions.act_redo.trigger()
    assert created_of("reduced timetable") == []
    window.annotation_actions.act_undo.trigger()
    assert created_of("reduced timetable") == ["2025-01-20 08:15"]


def test_undo_of_a_highlight_then_redo_keeps_its_date(qtbot, window, pair, library):
    a, _b = pair
    left, _right = open_pair(qtbot, window, pair)
    select(left, "reduced timetable")
    window.compare.focus_pane(0)
    window.act_highlight.trigger()
    (made,) = library.annotations(article_id=a)
    actions = window.annotation_actions

    actions.act_undo.trigger()
    assert library.annotations(article_id=a) == []
    actions.act_redo.trigger()
    (again,) = library.annotations(article_id=a)
    assert (again.id, again.created, again.quote) == (made.id, made.created, "reduced timetable")
