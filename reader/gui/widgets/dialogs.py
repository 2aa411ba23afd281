"""Small dialogs: the import summary and the keyboard help."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.records import ImportReport

SHORTCUTS: tuple[tuple[str, str], ...] = (
    ("Ctrl+O", "Import files"),
    ("Ctrl+Shift+O", "Import a folder"),
    ("Ctrl+F", "Search the archive"),
    ("Ctrl+L", "Filter the library list"),
    ("Return", "Open the selected article in the active pane"),
    ("Ctrl+Return", "Compare the selected articles (2 to 4) side by side"),
    ("Ctrl+H / Ctrl+Shift+H", "Highlight the selection (with a note)"),
    ("Ctrl+W", "Close the active pane"),
    ("Ctrl+Tab", "Next pane"),
    ("Ctrl+1 … Ctrl+4", "Focus pane 1 … 4"),
    ("F3 / Shift+F3", "Next / previous mention of the marked entity, across panes"),
    ("Ctrl+Shift+S", "Synchronised scrolling on or off"),
    ("Ctrl+Shift+T", "Light / dark theme"),
    ("F1", "This help"),
)


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

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Parallax — keyboard and help")
        rows = "".join(
            f"<tr><td style='padding-right:16px'><b>{k}</b></td><td>{v}</td></tr>"
            for k, v in SHORTCUTS
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
