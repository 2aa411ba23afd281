"""Annotation wiring of the main window: undo, colours, links, pane menus, export and import."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QHelpEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QMenu,
    QMessageBox,
    QToolButton,
    QToolTip,
)

from reader.gui.annotation_commands import Passage
from reader.gui.models.annotations import DEFAULT_COLOUR, SWATCHES
from reader.gui.ops import QueryOp
from reader.gui.settings import OPTIONS, Option
from reader.gui.widgets.annotation_archive import AllAnnotationsDialog
from reader.gui.widgets.annotation_dialog import LinkChoice, LinkDialog, colour_icon
from reader.gui.widgets.annotation_panel import AnnotationPanel
from reader.gui.widgets.reader_pane import ReaderPane
from reader.library import Library

if TYPE_CHECKING:
    from reader.gui.mainwindow import MainWindow

log = logging.getLogger("reader.gui.annotations")

COLOUR_KEY = "annotations/colour"
OPTIONS.setdefault(COLOUR_KEY, Option(COLOUR_KEY, str, DEFAULT_COLOUR, "last highlight colour"))
EXPORT_FILTERS = {
    "Markdown (*.md)": "md",
    "CSV (*.csv)": "csv",
    "W3C Web Annotation JSON-LD (*.jsonld)": "jsonld",
}
SUFFIXES = {".md": "md", ".markdown": "md", ".csv": "csv", ".jsonld": "jsonld", ".json": "jsonld"}
MAX_IMPORT_BYTES = 64 << 20
HOOKS_NAME = "annotationPaneHooks"


def export_format(path: str, chosen_filter: str) -> tuple[Path, str]:
    """The format a path asks for by its suffix, else by the chosen filter (suffix added)."""
    target = Path(path)
    fmt = SUFFIXES.get(target.suffix.lower())
    if fmt is None:
        fmt = EXPORT_FILTERS.get(chosen_filter, "md")
        target = target.with_name(target.name + "." + fmt)
    return target, fmt


@dataclass
class Source:
    """The passage a link starts from."""

    pane: ReaderPane
    choice: LinkChoice


class PaneHooks(QObject):
    """Context menu and link tooltips of one pane's text (an event filter on its viewport)."""

    def __init__(self, annotations: AnnotationActions, pane: ReaderPane) -> None:
        super().__init__(pane)
        self.setObjectName(HOOKS_NAME)
        self.a = annotations
        self.pane = pane
        pane.browser.viewport().installEventFilter(self)
        pane.browser.installEventFilter(self)  # the menu key goes to the browser itself

    def _offset(self, pos: QPoint) -> int | None:
        cursor = self.pane.browser.cursorForPosition(pos)
        return self.pane.offsets.to_text(cursor.position())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            offset = self._offset(event.pos())
            tip = self.a.panel.link_tooltip_at(self.pane, offset) if offset is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.pane.browser.viewport())
                return True
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent):
            viewport = self.pane.browser.viewport()
            pos = event.pos()
            if watched is not viewport:
                pos = viewport.mapFrom(self.pane.browser, pos)
            self.a.pane_menu(self.pane, pos, event.globalPos())
            return True
        return super().eventFilter(watched, event)


class AnnotationActions(QObject):
    """The window's annotation actions; one per window (`window.annotation_actions`).

    Attributes:
        panel: the annotation dock's panel (owns the undo stack).
        pending: a passage waiting for its link target (Link to… with no target yet).
        all_dialog: the All annotations window, once opened.
        last_summary: the message box of the last import or export.
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel: AnnotationPanel = window.annotation_panel
        self.pending: Source | None = None
        self.all_dialog: AllAnnotationsDialog | None = None
        self.last_summary: QMessageBox | None = None
        saved = str(window.settings.get(COLOUR_KEY))
        self.panel.last_colour = saved if saved in SWATCHES else DEFAULT_COLOUR
        self._build()
        window.compare.comparisonChanged.connect(self._hook_panes)
        # Room for the list and the note under it (a saved layout still wins later).
        window.resizeDocks(
            [window.entity_dock, window.annotation_dock], [5, 4], Qt.Orientation.Vertical
        )

    # -- actions and menus ---------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _c=False: slot())
        self.window.addAction(action)
        return action

    def _build(self) -> None:
        w = self.window
        stack = self.panel.undo.stack
        self.act_undo = stack.createUndoAction(w, "&Undo")
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = stack.createRedoAction(w, "&Redo")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for act in (self.act_undo, self.act_redo):
            # Text boxes keep their own Ctrl+Z: they claim it first (ShortcutOverride).
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            w.addAction(act)
        first = w.edit_menu.actions()[0] if w.edit_menu.actions() else None
        w.edit_menu.insertActions(first, [self.act_undo, self.act_redo])  # type: ignore[arg-type]
        w.edit_menu.insertSeparator(first)  # type: ignore[arg-type]

        self.colour_actions: dict[str, QAction] = {}
        self.colour_menu = QMenu("Highlight in &colour", w)
        for n, name in enumerate(SWATCHES, start=1):
            act = self._action(
                f"&{n} {name.capitalize()}",
                lambda c=name: self.highlight(c),
                f"Alt+Shift+{n}",
            )
            act.setIcon(colour_icon(name))
            self.colour_actions[name] = act
            self.colour_menu.addAction(act)
        self.act_link = self._action("&Link to…", self.link_to, "Ctrl+Shift+K")
        self.act_link.setToolTip(
            "Link the selected passage to a passage or annotation in another pane"
        )
        self.act_all = self._action("&All annotations…", self.show_all, "Ctrl+Shift+A")
        self.act_export = self._action("&Export annotations…", self.export_annotations)
        self.act_import = self._action("Import &annotations…", self.import_annotations)

        highlight_note = getattr(w, "act_highlight_note", None)
        after = w.edit_menu.actions()
        anchor = (
            next(
                (a for a in after[after.index(highlight_note) + 1 :] if a.isSeparator()),
                None,
            )
            if highlight_note in after
            else None
        )
        w.edit_menu.insertMenu(anchor, self.colour_menu)  # type: ignore[arg-type]
        w.edit_menu.insertAction(anchor, self.act_link)  # type: ignore[arg-type]
        w.view_menu.addAction(self.act_all)
        quit_action = getattr(w, "act_quit", None)
        file_actions = w.file_menu.actions()
        before = quit_action if quit_action in file_actions else None
        w.file_menu.insertActions(before, [self.act_export, self.act_import])  # type: ignore[arg-type]
        w.file_menu.insertSeparator(before)  # type: ignore[arg-type]

        self.highlight_button = QToolButton()
        self.highlight_button.setObjectName("highlightButton")
        self.highlight_button.setText("Highlight")
        self.highlight_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.highlight_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.highlight_button.clicked.connect(lambda: self.highlight(None))
        button_menu = QMenu(self.highlight_button)
        button_menu.addActions(list(self.colour_actions.values()))
        button_menu.addSeparator()
        if highlight_note is not None:
            button_menu.addAction(highlight_note)
        button_menu.addAction(self.act_link)
        self.highlight_button.setMenu(button_menu)
        w.toolbar.addSeparator()
        w.toolbar.addWidget(self.highlight_button)
        self._show_colour()

    def _show_colour(self) -> None:
        colour = self.panel.last_colour
        self.highlight_button.setIcon(colour_icon(colour))
        self.highlight_button.setToolTip(
            f"Highlight the selection in {colour} (Ctrl+H); the arrow picks another colour"
        )

    def highlight(self, colour: str | None) -> bool:
        """Highlight the active pane's selection (in the last colour when None)."""
        done = self.panel.annotate_selection(colour=colour)
        if done and colour is not None:
            self.window.settings.set(COLOUR_KEY, colour)
            self._show_colour()
        elif not done:
            self.window.statusBar().showMessage("Select some text in a pane first", 4000)
        return done

    # -- panes: context menu and link tooltips -----------------------------------------

    def _hook_panes(self) -> None:
        for pane in self.window.compare.panes:
            if pane.findChild(QObject, HOOKS_NAME) is None:
                PaneHooks(self, pane)

    def pane_menu(self, pane: ReaderPane, pos: QPoint, global_pos: QPoint) -> QMenu:
        """The pane's text menu (copy, select all) with highlight, link and annotation actions."""
        compare = self.window.compare
        if pane in compare.panes:
            compare.focus_pane(compare.panes.index(pane))
        menu = pane.browser.createStandardContextMenu(pos)
        menu.addSeparator()
        selected = pane.selected_span() is not None
        act = menu.addAction(
            colour_icon(self.panel.last_colour), "Highlight\tCtrl+H", lambda: self.highlight(None)
        )
        act.setEnabled(selected)
        colours = menu.addMenu("Highlight in colour")
        colours.setEnabled(selected)
        colours.addActions(list(self.colour_actions.values()))
        note = menu.addAction("Highlight with note…\tCtrl+Shift+H", self.panel.annotate_with_note)
        note.setEnabled(selected)
        menu.addAction(self.act_link)
        offset = pane.offsets.to_text(pane.browser.cursorForPosition(pos).position())
        rec = self.panel.annotation_at(pane, offset) if offset is not None else None
        if rec is not None:
            menu.addSeparator()
            self.panel.fill_menu(menu.addMenu("This annotation"), rec)
        menu.popup(global_pos)
        return menu

    # -- links ------------------------------------------------------------------------

    def _source(self) -> Source | None:
        pane = self.panel.active_pane()
        if pane is None or pane.detail is None:
            return None
        span = pane.selected_span()
        if span is not None:
            quote = pane.detail.text[span[0] : span[1]]
            return Source(pane, LinkChoice(quote, int(pane.detail.id), *span))
        rec = self.panel.current_record()
        if rec is not None and rec.article == pane.article_id and not rec.orphaned:
            return Source(pane, LinkChoice(rec.quote, rec.article, rec.start, rec.end, rec.id))
        return None

    def link_choices(self, source: Source) -> list[LinkChoice]:
        """Passages in the other panes a link from `source` can point at."""
        out: list[LinkChoice] = []
        panes = self.window.compare.panes
        for n, pane in enumerate(panes, start=1):
            if pane.detail is None or pane.article_id == source.choice.article_id:
                continue
            span = pane.selected_span()
            if span is not None:
                quote = " ".join(pane.detail.text[span[0] : span[1]].split())
                out.append(
                    LinkChoice(f"Selection in pane {n}: “{quote[:80]}”", int(pane.detail.id), *span)
                )
        for rec in self.panel.model.records():
            if rec.orphaned or rec.article == source.choice.article_id:
                continue
            pane_no = self.panel.model.pane_of(rec) + 1
            quote = " ".join(rec.quote.split())
            out.append(
                LinkChoice(
                    f"Annotation in pane {pane_no}: “{quote[:80]}”",
                    rec.article,
                    rec.start,
                    rec.end,
                    rec.id,
                )
            )
        return out

    def link_to(self) -> bool:
        """Link the selected passage to one in another pane (asks which, and the label)."""
        bar = self.window.statusBar()
        source = self._source()
        if self.pending is not None and (
            source is None or source.choice.article_id != self.pending.choice.article_id
        ):
            source = self.pending
        if source is None:
            bar.showMessage("Select the passage to link from in a pane first", 5000)
            return False
        choices = self.link_choices(source)
        if not choices:
            self.pending = source
            bar.showMessage(
                "Now select the passage to link to in another pane and choose Link to… again",
                10000,
            )
            return False
        dialog = LinkDialog(source.choice.text, choices, self.window)
        if dialog.exec() != LinkDialog.DialogCode.Accepted or dialog.choice() is None:
            return False
        target = dialog.choice()
        assert target is not None
        self.pending = None
        self.link(source.choice, target, dialog.label())
        return True

    def link(self, source: LinkChoice, target: LinkChoice, label: str) -> None:
        """Link two passages (undoable; either not yet highlighted is highlighted first)."""

        def passage(choice: LinkChoice, quote: str = "") -> Passage:
            return Passage(choice.article_id, choice.start, choice.end, quote, choice.annotation_id)

        self.panel.undo.link(
            passage(source, source.text), passage(target), label, self.panel.last_colour
        )
        self.window.statusBar().showMessage(f"Linked: {label}", 5000)

    # -- all annotations, export and import ------------------------------------------------

    def show_all(self) -> AllAnnotationsDialog:
        """The All annotations window (with its Orphans tab)."""
        if self.all_dialog is None:
            self.all_dialog = AllAnnotationsDialog(self.panel, self.window)
        elif self.all_dialog.isVisible():
            self.all_dialog.reload()
            self.all_dialog.raise_()
            return self.all_dialog
        else:
            self.all_dialog.reload()
        self.all_dialog.show()
        return self.all_dialog

    def _summary(self, title: str, text: str, problems: list[str] | None = None) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=self.window)
        if problems:
            box.setDetailedText("\n".join(problems))
        self.last_summary = box
        box.open()

    def export_annotations(self) -> None:
        """Ask for a file and write every annotation to it as Markdown, CSV or JSON-LD."""
        path, chosen = QFileDialog.getSaveFileName(
            self.window, "Export annotations", "annotations", ";;".join(EXPORT_FILTERS)
        )
        if not path:
            return
        target, fmt = export_format(path, chosen)

        def work(lib: Library) -> int:
            target.write_text(lib.export_annotations(fmt), encoding="utf-8")
            return len(lib.annotations())

        def done(count: int) -> None:
            self.window.statusBar().showMessage(f"Exported {count} annotations to {target}", 8000)
            self._summary("Annotations exported", f"{count} annotations written to\n{target}")

        QueryOp(
            self.window.ctx, work, done, self.window, "Could not export the annotations"
        ).run_in_background()

    def import_annotations(self) -> None:
        """Ask for a JSON-LD file and bring its annotations in, re-anchored by quote."""
        path, _chosen = QFileDialog.getOpenFileName(
            self.window,
            "Import annotations",
            "",
            "W3C Web Annotation JSON-LD (*.jsonld *.json);;All files (*)",
        )
        if not path:
            return
        source = Path(path)

        def work(lib: Library) -> dict[str, Any]:
            if source.stat().st_size > MAX_IMPORT_BYTES:
                raise ValueError(f"{source.name} is larger than {MAX_IMPORT_BYTES >> 20} MB")
            return lib.import_annotations(source.read_bytes())

        def done(result: dict[str, Any]) -> None:
            unmatched = int(result.get("unmatched", 0))
            orphaned = int(result["orphaned"]) - unmatched
            text = (
                f"{result['imported']} imported\n"
                f"{orphaned} orphaned (their article is here, their passage is not: "
                "see All annotations › Orphans)\n"
                f"{unmatched} unmatched (their article is not in this archive)\n"
                f"{result['skipped']} already here"
            )
            self.window.statusBar().showMessage(
                f"Annotations: {result['imported']} imported, {orphaned} orphaned, "
                f"{unmatched} unmatched",
                8000,
            )
            self._summary("Annotations imported", text, list(result.get("problems", [])))
            if self.all_dialog is not None:
                self.all_dialog.reload()

        self.panel.undo.run(work, "Could not import the annotations", done)


def install(window: MainWindow) -> AnnotationActions:
    """Add undo/redo, colours, links, All annotations, export and import to the window."""
    actions = AnnotationActions(window)
    window.annotation_actions = actions  # type: ignore[attr-defined]
    return actions
