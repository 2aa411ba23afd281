"""Start-up errors in words, themes from plain files, and the keyboard a user relies on."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPalette

from reader.gui import app as gui_app
from reader.gui import theme
from reader.gui.mainwindow import MainWindow
from reader.gui.settings import Settings


def test_unopenable_archive_shows_a_message_not_a_traceback(qapp, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the archive folder should be")
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        gui_app.QMessageBox, "critical", lambda _p, title, text: shown.append((title, text))
    )
    monkeypatch.setenv(gui_app.ENV_SETTINGS, str(tmp_path / "s.ini"))
    assert gui_app.run_app(["--archive", str(blocker)]) == 1
    title, text = shown[0]
    assert "cannot open the archive" in title
    assert str(blocker) in text and "Reason:" in text


@pytest.mark.parametrize("name", ["light", "dark"])
def test_themes_load_their_stylesheet_and_palette(qapp, name):
    assert theme.apply_theme(qapp, name) == name
    assert "#readerPane" in qapp.styleSheet()
    base = qapp.palette().color(QPalette.ColorRole.Base).lightness()
    assert (base < 128) == (name == "dark")
    theme.apply_theme(qapp, "light")


def test_icons_resolve_from_resource_files(qapp):
    assert not theme.icon("compare.svg").isNull()
    assert (theme.RESOURCES / "icons" / "compare.svg").is_file()


@pytest.fixture
def window(qtbot, ctx, tmp_path: Path, two_article_comparison) -> MainWindow:
    settings = Settings(QSettings(str(tmp_path / "k.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ctx, settings)
    qtbot.addWidget(win)
    win.resize(1300, 800)
    win.show()
    qtbot.waitExposed(win)
    win.compare.show_comparison(two_article_comparison)
    return win


def test_pane_keys_focus_and_close(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.compare.active == 1
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.compare.active == 0
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert window.compare.open_ids == [2]


def test_f3_steps_through_marked_mentions(qtbot, window):
    window.compare.mark_entity(10)
    window.act_next_mention.trigger()
    window.act_next_mention.trigger()
    window.act_next_mention.trigger()
    pane = window.compare.panes[window.compare.active]
    assert window.compare.active == 1
    assert pane.browser.textCursor().selectedText() == "Pt. Elden"


def test_shortcuts_are_shown_in_the_menus(window):
    shortcuts = {
        a.shortcut().toString()
        for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
        for a in menu.actions()
    }
    for key in ("Ctrl+O", "Ctrl+F", "Ctrl+W", "Ctrl+Tab", "Ctrl+1", "Ctrl+4", "F3", "F1"):
        assert key in shortcuts


def test_open_articles_are_remembered(window):
    window.save_state()
    assert window.settings.get("compare/open_articles") == [1, 2]
