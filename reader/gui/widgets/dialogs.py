"""Small dialogs: the import summary and the keyboard help."""

from __future__ import annotations

import html
from collections.abc import Iterable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.records import ImportReport

# Keys that belong to a widget rather than to a menu action.
WIDGET_KEYS: tuple[tuple[str, str], ...] = (
    ("Return", "Open the selected article in the active pane"),
    ("F2 / Del", "Edit / delete the annotation selected in the Annotations panel"),
)


def shortcut_rows(menus: Iterable[QMenu]) -> list[tuple[str, str]]:
    """(keys, description) for every menu action with a shortcut, in menu order.

    Read from the menus themselves so the help can never disagree with them.
    """
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            submenu = action.menu()
            if isinstance(submenu, QMenu):
                walk(submenu)
                continue
            keys = " / ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            label = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
            label = label.rstrip("…").strip()
            if keys and keys not in seen:
                seen.add(keys)
                rows.append((keys, label))

    for menu in menus:
        walk(menu)
    return rows + list(WIDGET_KEYS)


def _list(items: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>" if items else "<p>None.</p>"


class ImportSummaryDialog(QDialog):
    """What an import did: counts, and every duplicate and failure with its reason."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import finished" if not report.cancelled else "Import cancelled")
        self.report = report
        counts = (
            f"<b>{len(report.imported)}</b> imported, <b>{len(report.duplicates)}</b> "
            f"already in the archive, <b>{len(report.failed)}</b> failed"
        )
        if report.cancelled:
            counts += " — cancelled before the end; the files listed landed whole."
        self.summary = QLabel(counts)
        self.summary.setWordWrap(True)
        tabs = QTabWidget()
        for title, items in (
            (
                "Failed",
                [
                    f"<b>{html.escape(f['path'])}</b>: {html.escape(str(f.get('error', '')))}"
                    for f in report.failed
                ],
            ),
            (
                "Duplicates",
                [
                    f"{html.escape(d['path'])} — same text as article #{d.get('id')}"
                    for d in report.duplicates
                ],
            ),
            (
                "Imported",
                [
                    f"{html.escape(str(i.get('title') or '(untitled)'))} "
                    f"<span style='color:gray'>{html.escape(i['path'])}</span>"
                    for i in report.imported
                ],
            ),
        ):
            view = QTextBrowser()
            view.setOpenLinks(False)
            view.setHtml(_list(items))
            tabs.addTab(view, f"{title} ({len(items)})")
        # Open on the tab most worth reading: failures first.
        tabs.setCurrentIndex(0 if report.failed else (1 if report.duplicates else 2))
        self.tabs = tabs
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)


class HelpDialog(QDialog):
    """The keyboard shortcuts and how to compare articles."""

    def __init__(self, menus: Iterable[QMenu] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Parallax — keyboard and help")
        self.rows = shortcut_rows(menus)
        rows = "".join(
            f"<tr><td style='padding-right:16px'><b>{html.escape(k)}</b></td>"
            f"<td>{html.escape(v)}</td></tr>"
            for k, v in self.rows
        )
        text = QTextBrowser()
        text.setOpenLinks(False)
        text.setHtml(
            "<h3>Comparing articles</h3><p>Select two to four articles in the library and "
            "press <b>Compare</b>, or drag them onto the reading area. Entities mentioned by "
            "at least two open articles share one colour and underline style in every pane; "
            "hover one for its spellings and counts. Click an entity in the Entities panel to "
            "mark all its mentions, then step through them with F3.</p>"
            f"<h3>Keyboard</h3><table>{rows}</table>"
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text, 1)
        layout.addWidget(buttons)
        self.resize(560, 520)
