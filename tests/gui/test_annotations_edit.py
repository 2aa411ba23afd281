"""Annotating in the window: undo and redo, colours, Markdown notes, tags and filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFont, QTextCursor, QTextDocument

from reader.gui.mainwindow import MainWindow
from reader.gui.models.annotations import SWATCHES, AnnotationTableModel
from reader.gui.ops import AppContext
from reader.gui.settings import Settings
from reader.gui.widgets.annotation_dialog import AnnotationDialog, TagEdit, split_tags
from reader.gui.widgets.reader_pane import ReaderPane
from reader.gui.workers import Pools
from reader.library import Library

BRIDGE = (
    "Harbour bridge closes for three weeks of repairs\n"
    "The Valley Ledger\n"
    "By Ines Marlowe\n"
    "2 June 2025\n"
    "\n"
    "The swing bridge over the inner harbour will close to traffic from Monday "
    "while engineers replace corroded cables, the county roads office said.\n"
    "\n"
    "Shopkeepers on the quay said the detour through Millbrook would cost them "
    "customers during the busiest weeks of the summer.\n"
)


@pytest.fixture
def article(library: Library, tmp_path: Path) -> int:
    path = tmp_path / "bridge.txt"
    path.write_text(BRIDGE, encoding="utf-8")
    (row,) = library.import_paths([path]).imported
    return int(row["id"])


def open_one(qtbot, window: MainWindow, article_id: int) -> ReaderPane:
    window.compare.open_articles([article_id])
    qtbot.waitUntil(lambda: len(window.compare.panes) == 1)
    return window.compare.panes[0]


def select(pane: ReaderPane, words: str) -> tuple[int, int]:
    """Select these words in the pane, as the user would with the mouse."""
    assert pane.detail is not None
    start = pane.detail.text.index(words)
    assert pane.go_to(start, start + len(words))
    return start, start + len(words)


def drawn(pane: ReaderPane) -> dict[str, QColor]:
    """Text covered by each coloured overlay in the pane -> its background."""
    return {
        s.cursor.selectedText(): s.format.background().color()
        for s in pane.browser.extraSelections()
        if s.format.background().style() != Qt.BrushStyle.NoBrush
    }


def test_highlight_undo_and_redo(qtbot, window, article, library, qtmodeltester):
    pane = open_one(qtbot, window, article)
    actions = window.annotation_actions
    assert not actions.act_undo.isEnabled()
    select(pane, "corroded cables")

    window.act_highlight.trigger()

    model = window.annotation_panel.model
    assert model.rowCount() == 1 and "corroded cables" in model.data(model.index(0, 1))
    assert "corroded cables" in drawn(pane)
    assert actions.act_undo.isEnabled()
    assert "corroded cables" in actions.act_undo.text()
    qtmodeltester.check(model)

    actions.act_undo.trigger()
    assert model.rowCount() == 0
    assert "corroded cables" not in drawn(pane)
    assert library.annotations(article_id=article) == []

    actions.act_redo.trigger()
    assert model.rowCount() == 1
    assert "corroded cables" in drawn(pane)
    (back,) = library.annotations(article_id=article)
    assert back.quote == "corroded cables"


def test_undo_of_delete_brings_back_note_tags_and_colour(qtbot, window, article, library):
    pane = open_one(qtbot, window, article)
    panel = window.annotation_panel
    select(pane, "the busiest weeks of the summer")
    assert panel.annotate_selection("Check the *tourism* figures", "pink", ["economy", "quay"])
    (saved,) = library.annotations(article_id=article)

    panel.delete(saved.id)
    assert library.annotations(article_id=article) == []
    assert panel.model.rowCount() == 0

    window.annotation_actions.act_undo.trigger()
    (back,) = library.annotations(article_id=article)
    assert (back.quote, back.note, back.tags, back.colour) == (
        "the busiest weeks of the summer",
        "Check the *tourism* figures",
        ["economy", "quay"],
        "pink",
    )
    assert drawn(pane)["the busiest weeks of the summer"] == QColor(SWATCHES["pink"])

    # Editing the restored annotation, then undoing both steps, still works on it.
    panel.recolour(panel.model.record(0), "blue")
    assert library.annotations(article_id=article)[0].colour == "blue"
    window.annotation_actions.act_undo.trigger()
    assert library.annotations(article_id=article)[0].colour == "pink"


def test_edit_of_note_and_tags_is_undoable(qtbot, window, article, library):
    pane = open_one(qtbot, window, article)
    panel = window.annotation_panel
    select(pane, "swing bridge")
    panel.annotate_selection("first thought")
    rec = panel.model.record(0)

    panel.undo.edit(rec, note="second thought", tags=["roads"])
    assert panel.model.data(panel.model.index(0, 2)) == "second thought"
    assert panel.model.data(panel.model.index(0, 3)) == "roads"

    window.annotation_actions.act_undo.trigger()
    (now,) = library.annotations(article_id=article)
    assert (now.note, now.tags) == ("first thought", [])


def test_chosen_colour_shows_at_the_span_and_is_remembered(qtbot, window, article, settings):
    pane = open_one(qtbot, window, article)
    actions = window.annotation_actions
    select(pane, "inner harbour")
    actions.colour_actions["green"].trigger()
    assert drawn(pane)["inner harbour"] == QColor(SWATCHES["green"])

    # The next plain highlight (Ctrl+H) uses the colour chosen last.
    select(pane, "county roads office")
    window.act_highlight.trigger()
    assert drawn(pane)["county roads office"] == QColor(SWATCHES["green"])
    assert window.settings.get("annotations/colour") == "green"
    assert "green" in actions.highlight_button.toolTip()


def test_markdown_note_is_rendered_and_its_remote_image_never_loaded(qtbot, window, article):
    pane = open_one(qtbot, window, article)
    panel = window.annotation_panel
    select(pane, "Shopkeepers on the quay")
    url = "http://pixel.example.net/t.gif"
    panel.annotate_selection(f"Two **traders** quoted.\n\n![spy]({url})")
    panel.view.selectRow(0)
    view = panel.note_view
    view.viewport().repaint()
    doc = view.document()
    doc.documentLayout().documentSize()

    assert "**" not in doc.toPlainText()
    cursor = doc.find("traders")
    assert not cursor.isNull()
    assert cursor.charFormat().fontWeight() == QFont.Weight.Bold
    assert url in [u.toString() for u in view.refused]
    assert doc.resource(QTextDocument.ResourceType.ImageResource, url) is None
    # The list shows the note as plain words, without the Markdown marks.
    assert panel.model.data(panel.model.index(0, 2)).startswith("Two traders quoted.")


def test_filter_by_tag_colour_and_words(qtbot, window, article, qtmodeltester):
    pane = open_one(qtbot, window, article)
    panel = window.annotation_panel
    select(pane, "swing bridge")
    panel.annotate_selection("engineering", "blue", ["roads"])
    select(pane, "Shopkeepers on the quay")
    panel.annotate_selection("lost trade", "yellow", ["economy"])
    assert panel.model.rowCount() == 2

    panel.tag_box.setCurrentIndex(panel.tag_box.findData("economy"))
    assert [panel.model.record(r).quote for r in range(panel.model.rowCount())] == [
        "Shopkeepers on the quay"
    ]
    qtmodeltester.check(panel.model)
    panel.tag_box.setCurrentIndex(0)
    panel.colour_box.setCurrentIndex(panel.colour_box.findData("blue"))
    assert panel.model.rowCount() == 1 and panel.model.record(0).quote == "swing bridge"
    panel.colour_box.setCurrentIndex(0)
    panel.filter_edit.setText("trade")
    assert panel.model.rowCount() == 1 and panel.model.record(0).note == "lost trade"
    panel.filter_edit.clear()
    assert panel.model.rowCount() == 2


def test_clicking_an_annotation_scrolls_to_it_and_flashes_it(qtbot, window, article):
    pane = open_one(qtbot, window, article)
    panel = window.annotation_panel
    select(pane, "Millbrook")
    panel.annotate_selection()
    pane.browser.moveCursor(QTextCursor.MoveOperation.Start)

    panel.view.clicked.emit(panel.model.index(0, 1))

    browser = pane.browser
    assert browser.viewport().rect().contains(browser.cursorRect().center())
    assert pane.detail.text[pane.offsets.to_text(browser.textCursor().position()) :].startswith(
        "Millbrook"
    )
    assert drawn(pane)["Millbrook"] != QColor(SWATCHES["yellow"])  # flashing
    qtbot.waitUntil(lambda: drawn(pane)["Millbrook"] == QColor(SWATCHES["yellow"]), timeout=3000)


def test_ctrl_z_in_a_text_box_is_the_box_own_undo(qtbot, window, article, library):
    pane = open_one(qtbot, window, article)
    select(pane, "swing bridge")
    window.act_highlight.trigger()
    box = window.annotation_panel.filter_edit
    box.setFocus()
    qtbot.keyClicks(box, "zz")
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(library.annotations(article_id=article)) == 1

    pane.browser.setFocus()
    qtbot.keyClick(pane.browser, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert library.annotations(article_id=article) == []


def test_annotation_dialog_returns_note_colour_and_tags(qtbot):
    dialog = AnnotationDialog(
        "the swing bridge", note="old", colour="orange", tags=["a"], known_tags=["roads"]
    )
    qtbot.addWidget(dialog)
    assert dialog.colours.colour() == "orange"
    dialog.note_edit.setPlainText("line one\nline two")
    dialog.colours.buttons["purple"].click()
    dialog.tag_edit.setText("roads, harbour,  roads , ")
    values = dialog.values()
    assert (values.note, values.colour, values.tags) == (
        "line one\nline two",
        "purple",
        ["roads", "harbour"],
    )
    assert [b.text() for b in dialog.colours.buttons.values()] == [
        "Yellow",
        "Green",
        "Blue",
        "Pink",
        "Orange",
        "Purple",
    ]


def test_tag_edit_completes_the_tag_being_typed(qtbot):
    edit = TagEdit(["economy", "engineering", "roads"])
    qtbot.addWidget(edit)
    edit.setText("roads, eco")
    edit.setCursorPosition(len(edit.text()))
    edit.tag_completer.activated.emit("economy")
    assert split_tags(edit.text()) == ["roads", "economy"]


def test_empty_models_are_well_behaved(qtmodeltester):
    model = AnnotationTableModel()
    model.set_annotations([], [])
    model.set_filter("x", "y", "blue")
    qtmodeltester.check(model)


def test_undo_and_redo_pressed_quickly_with_real_worker_threads(qtbot, library, article, tmp_path):
    settings = Settings(QSettings(str(tmp_path / "t.ini"), QSettings.Format.IniFormat))
    pools = Pools.threaded()
    win = MainWindow(AppContext(library, pools), settings)
    qtbot.addWidget(win)
    win.show()
    try:
        win.compare.open_articles([article])
        qtbot.waitUntil(lambda: len(win.compare.panes) == 1)
        pane = win.compare.panes[0]
        actions = win.annotation_actions
        select(pane, "swing bridge")
        win.act_highlight.trigger()
        # Undo and redo queue behind the create on the writer thread, in order.
        actions.act_undo.trigger()
        actions.act_redo.trigger()
        actions.act_undo.trigger()
        pools.wait(10_000)
        qtbot.waitUntil(lambda: not actions.act_undo.isEnabled())
        qtbot.wait(50)
        assert library.annotations(article_id=article) == []
        actions.act_redo.trigger()
        pools.wait(10_000)
        qtbot.waitUntil(lambda: "swing bridge" in drawn(pane))
        assert [r.quote for r in library.annotations(article_id=article)] == ["swing bridge"]
    finally:
        pools.wait(10_000)


def test_delete_key_in_the_list_deletes_and_ctrl_z_restores(qtbot, window, article, library):
    pane = open_one(qtbot, window, article)
    panel = window.annotation_panel
    select(pane, "swing bridge")
    panel.annotate_selection("keep me", tags=["roads"])
    panel.view.setFocus()
    panel.view.selectRow(0)
    qtbot.keyClick(panel.view, Qt.Key.Key_Delete)
    assert library.annotations(article_id=article) == []
    qtbot.keyClick(panel.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (back,) = library.annotations(article_id=article)
    assert (back.note, back.tags) == ("keep me", ["roads"])
