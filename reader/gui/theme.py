"""Light and dark themes: a Fusion palette plus a stylesheet read from resources/styles."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QDir, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from reader.bundled import bundled_dir

log = logging.getLogger("reader.gui.theme")

RESOURCES = bundled_dir("resources")
THEMES = ("system", "light", "dark")


def register_resources(resources: Path = RESOURCES) -> None:
    """Make `icons:name.svg` resolve to resources/icons (plain files, no compiled qrc)."""
    folder = str(resources / "icons")
    if folder not in QDir.searchPaths("icons"):
        QDir.addSearchPath("icons", folder)


def icon(name: str) -> QIcon:
    """An icon from resources/icons (registering the search path on first use)."""
    register_resources()
    return QIcon(f"icons:{name}")


def system_is_dark() -> bool:
    """Whether the desktop asks for a dark theme."""
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(theme: str) -> str:
    """'light' or 'dark' for a theme setting (following the system for 'system')."""
    if theme == "system":
        return "dark" if system_is_dark() else "light"
    return theme if theme in ("light", "dark") else "light"


def _palette(name: str) -> QPalette:
    p = QPalette()
    R = QPalette.ColorRole  # noqa: N806 (a short alias keeps the table readable)
    if name == "dark":
        colours = {
            R.Window: "#1f2226",
            R.WindowText: "#e4e6ea",
            R.Base: "#17191c",
            R.AlternateBase: "#22252a",
            R.Text: "#e4e6ea",
            R.Button: "#2a2e34",
            R.ButtonText: "#e4e6ea",
            R.Highlight: "#3d6fb6",
            R.HighlightedText: "#ffffff",
            R.ToolTipBase: "#2a2e34",
            R.ToolTipText: "#e4e6ea",
            R.PlaceholderText: "#9aa0a8",
            R.Link: "#8ab4f8",
            R.Mid: "#3a3f46",
        }
    else:
        colours = {
            R.Window: "#f3f3f1",
            R.WindowText: "#1d1f22",
            R.Base: "#ffffff",
            R.AlternateBase: "#f6f6f4",
            R.Text: "#1d1f22",
            R.Button: "#ebebe8",
            R.ButtonText: "#1d1f22",
            R.Highlight: "#2f62b0",
            R.HighlightedText: "#ffffff",
            R.ToolTipBase: "#fffff4",
            R.ToolTipText: "#1d1f22",
            R.PlaceholderText: "#6b7078",
            R.Link: "#1a56b0",
            R.Mid: "#c9c9c4",
        }
    for role, colour in colours.items():
        p.setColor(role, QColor(colour))
    return p


def apply_theme(app: QApplication, theme: str, resources: Path = RESOURCES) -> str:
    """Apply a theme setting; returns the concrete theme used ('light' or 'dark')."""
    name = resolve(theme)
    app.setStyle("Fusion")
    app.setPalette(_palette(name))
    qss = resources / "styles" / f"{name}.qss"
    try:
        app.setStyleSheet(qss.read_text(encoding="utf-8"))
    except OSError as exc:
        log.warning("stylesheet %s not loaded: %s", qss, exc)
        app.setStyleSheet("")
    return name
