"""The help dialog lists every key the menus offer, so it cannot fall behind them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from reader.gui.mainwindow import MainWindow
from reader.gui.settings import Settings
from reader.gui.widgets.dialogs import HelpDialog


def test_help_lists_the_keys_of_every_menu_including_installed_features(qtbot, ctx, tmp_path):
    settings = Settings(QSettings(str(Path(tmp_path) / "h.ini"), QSettings.Format.IniFormat))
    win = MainWindow(ctx, settings)
    qtbot.addWidget(win)
    dialog = HelpDialog(win._menus(), win)
    qtbot.addWidget(dialog)
    keys = {k for k, _ in dialog.rows}
    for key in ("Ctrl+O", "Ctrl+F", "Ctrl+W", "Ctrl+Tab", "Ctrl+1", "F3", "F1", "Ctrl+H"):
        assert any(key in k.split(" / ") for k in keys), key
    # Undo comes from the annotations feature's own install(), not from the window.
    assert any("Ctrl+Z" in k.split(" / ") for k in keys)
    labels = {label for _, label in dialog.rows}
    assert "Import files" in labels and not any("&" in label for label in labels)
