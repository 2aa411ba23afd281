"""Ctrl+F: hits fill the library list and matches are marked in the open panes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from reader.gui.mainwindow import MainWindow
from reader.gui.settings import Settings

GUI_FIXTURES = Path(__file__).parents[1] / "fixtures" / "gui"


def test_search_results_fill_the_list_and_highlight_matches(qtbot, ctx, tmp_path):
    report = ctx.library.import_paths(
        [GUI_FIXTURES / "ferry-fares.txt", GUI_FIXTURES / "ferry-fares-2.txt"]
    )
    assert len(report.imported) == 2
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(ctx, settings)
    qtbot.addWidget(window)
    window.show()
    assert window.library_view.model.rowCount() == 2

    window.compare.open_articles([report.imported[0]["id"]])
    window.search_edit.setText("councillors")
    window.run_search()

    model = window.library_view.model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)).startswith("Island ferry fares")
    assert "councillors" in window.library_view.status.text()
    marked = [s.cursor.selectedText() for s in window.compare.panes[0].browser.extraSelections()]
    assert [m.lower() for m in marked] == ["councillors"]

    window.search_edit.setFocus()
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert model.rowCount() == 2
