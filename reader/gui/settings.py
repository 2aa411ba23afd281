"""Declared, typed, versioned settings over QSettings, and a geometry-restoring mixin."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

log = logging.getLogger("reader.gui.settings")

SETTINGS_VERSION = 2


@dataclass(frozen=True)
class Option:
    """One declared setting: its key, Python type and default."""

    key: str
    type: type
    default: Any
    doc: str = ""


OPTIONS: dict[str, Option] = {
    o.key: o
    for o in (
        Option("window/geometry", QByteArray, QByteArray(), "main window geometry"),
        Option("window/state", QByteArray, QByteArray(), "dock and toolbar layout"),
        Option("window/splitter", QByteArray, QByteArray(), "library | reading area split"),
        Option("compare/open_articles", list, [], "article ids open in panes, left to right"),
        Option("compare/sync_scroll", bool, True, "scroll panes together"),
        Option("appearance/theme", str, "system", "system, light or dark"),
        Option("library/sort_column", int, -1, "sorted column, -1 for import order"),
        Option("library/sort_descending", bool, False, "sort direction"),
        Option("search/variants", bool, True, "searches also match other spellings of a name"),
    )
}


def _upgrade_1_to_2(store: QSettings) -> None:
    # Version 1 kept a single "reader/open_article"; panes now hold a list.
    old = store.value("reader/open_article")
    if old not in (None, ""):
        store.setValue("compare/open_articles", json.dumps([int(str(old))]))
    store.remove("reader/open_article")


UPGRADES: dict[int, Callable[[QSettings], None]] = {1: _upgrade_1_to_2}


class Settings:
    """Typed access to the declared options, stored in a QSettings.

    Attributes:
        store: the underlying QSettings (an INI file in tests).
    """

    def __init__(self, store: QSettings) -> None:
        self.store = store
        self._upgrade()

    def _upgrade(self) -> None:
        raw = self.store.value("meta/version")
        version = int(str(raw)) if raw not in (None, "") else None
        if version is None:
            # A fresh store has nothing to upgrade; an old unversioned one is v1.
            version = 1 if self.store.allKeys() else SETTINGS_VERSION
        while version < SETTINGS_VERSION:
            log.info("upgrading settings from version %d", version)
            UPGRADES[version](self.store)
            version += 1
        self.store.setValue("meta/version", SETTINGS_VERSION)

    def get(self, key: str) -> Any:
        """The stored value of a declared option, converted to its type, or its default."""
        option = OPTIONS[key]
        raw = self.store.value(key)
        if raw is None:
            return option.default
        try:
            if option.type is bool:
                return raw if isinstance(raw, bool) else str(raw).lower() in ("true", "1")
            if option.type is int:
                return int(str(raw))
            if option.type is list:
                value = json.loads(str(raw))
                return value if isinstance(value, list) else option.default
            if option.type is QByteArray:
                return raw if isinstance(raw, QByteArray) else QByteArray(raw)
            return option.type(raw)
        except (ValueError, TypeError):
            log.warning("ignoring unreadable setting %s=%r", key, raw)
            return option.default

    def set(self, key: str, value: Any) -> None:
        """Store a declared option (lists as JSON: never pickled)."""
        option = OPTIONS[key]
        if option.type is list:
            value = json.dumps(list(value))
        self.store.setValue(key, value)

    def sync(self) -> None:
        """Write to disk now."""
        self.store.sync()


class PreserveGeometry:
    """Mixin for a QMainWindow: restore and save geometry, dock state and splitters."""

    def restore_geometry(self, settings: Settings, splitter: QSplitter | None = None) -> None:
        """Apply the saved window layout, if any."""
        window = self._as_window()
        geometry = settings.get("window/geometry")
        if not geometry.isEmpty():
            window.restoreGeometry(geometry)
        else:
            # First run: most of the screen, centred, rather than the bare size hint.
            screen = window.screen().availableGeometry()
            window.resize(int(screen.width() * 0.9), int(screen.height() * 0.9))
            window.move(screen.center() - window.rect().center())
        state = settings.get("window/state")
        if not state.isEmpty():
            window.restoreState(state)
        split = settings.get("window/splitter")
        if splitter is not None and not split.isEmpty():
            splitter.restoreState(split)

    def save_geometry(self, settings: Settings, splitter: QSplitter | None = None) -> None:
        """Remember the window layout."""
        window = self._as_window()
        settings.set("window/geometry", window.saveGeometry())
        settings.set("window/state", window.saveState())
        if splitter is not None:
            settings.set("window/splitter", splitter.saveState())

    def _as_window(self) -> QMainWindow:
        assert isinstance(self, QMainWindow)
        return self
