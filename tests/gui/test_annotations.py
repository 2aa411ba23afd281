"""Highlighting a selection saves an annotation, lists it in the panel and draws it in the pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor

from reader.gui.mainwindow import MainWindow
from reader.gui.models.annotations import AnnotationTableModel
from reader.gui.settings import Settings

FERRY = Path(__file__).parents[1] / "fixtures" / "gui" / "ferry-fares.txt"


def test_ctrl_h_highlights_the_selection(qtbot, ctx, tmp_path, qtmodeltester):
    (imported,) = ctx.library.import_paths([FERRY]).imported
    settings = Settings(QSettings(str(tmp_path / "a.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    window.compare.open_articles([imported["id"]])
    pane = window.compare.panes[0]
    start = pane.detail.text.index("eight percent")
    span = pane.offsets.span(start, start + len("eight percent"))
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(span[0])
    cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
    pane.browser.setTextCursor(cursor)

    window.act_highlight.trigger()

    (saved,) = ctx.library.annotations(article_id=imported["id"])
    assert saved.quote == "eight percent"
    model = window.annotation_panel.model
    assert model.rowCount() == 1
    assert "eight percent" in model.data(model.index(0, 1))
    qtmodeltester.check(model)
    drawn = [s.cursor.selectedText() for s in pane.browser.extraSelections()]
    assert "eight percent" in drawn

    window.annotation_panel.delete(saved.id)
    assert ctx.library.annotations(article_id=imported["id"]) == []
    assert model.rowCount() == 0


def test_empty_annotation_model_is_well_behaved(qtmodeltester):
    model = AnnotationTableModel()
    model.set_annotations([], [])
    qtmodeltester.check(model)
