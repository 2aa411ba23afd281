"""The annotation dock: the open articles' annotations per pane, filtered, with undo."""

from __future__ import annotations

import logging
import re
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMenu,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reader.gui.annotation_commands import AnnotationUndo
from reader.gui.models.annotations import (
    DEFAULT_COLOUR,
    SWATCHES,
    AnnotationTableModel,
    NoteDocument,
    swatch,
)
from reader.gui.ops import AppContext, QueryOp
from reader.gui.widgets.annotation_dialog import AnnotationDialog, colour_icon, fill_tag_box
from reader.gui.widgets.compare_view import CompareView
from reader.gui.widgets.reader_pane import ArticleBrowser, ReaderPane
from reader.records import AnnotationView
from reader.types import ArticleId

log = logging.getLogger("reader.gui.annotations")

FLASH = QColor("#FF7043")
LINK_SCHEME = "parallax-link"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~<])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


class NoteView(ArticleBrowser):
    """The selected annotation: quote, note rendered from Markdown, tags and links.

    An ArticleBrowser, so images a note names are refused, never fetched.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("annotationNote")
        self.setPlaceholderText("Select an annotation to read its note.")

    def show_record(self, record: AnnotationView | None, titles: dict[int, str]) -> None:
        """Render one annotation (None clears the view)."""
        if record is None:
            self.clear()
            return
        parts = [f"> {_md_escape(record.quote)}"]
        if record.orphaned:
            parts.append("*Orphaned: its passage was not found after re-extraction.*")
        if record.note:
            parts.append(record.note)
        if record.tags:
            parts.append("Tags: " + ", ".join(f"`{t}`" for t in record.tags))
        for link in record.links:
            title = titles.get(int(link["article"] or 0), f"article {link['article']}")
            parts.append(
                f"[Link: {_md_escape(str(link['label']))} → {_md_escape(title)}]"
                f"({LINK_SCHEME}:{int(link['annotation'])})"
            )
        document = NoteDocument(self)
        document.setMarkdown("\n\n".join(parts))
        # Refusals of the document itself count as the view's (tests read `refused`).
        self.refused = document.refused
        self.setDocument(document)


def link_tooltip(link: dict[str, Any], titles: dict[int, str]) -> str:
    """What a linked passage's tooltip says: label and the other article."""
    title = titles.get(int(link["article"] or 0), f"article {link['article']}")
    return f"Link: {link['label']} → {title}"


class AnnotationPanel(QWidget):
    """Lists the open articles' annotations, draws them in the panes, edits them with undo.

    Attributes:
        undo: the undo stack of annotation changes (commands write on the writer pool).
        titles: article titles by id, for links and tooltips.
        last_colour: the colour a plain highlight uses (the last one chosen).

    Signals:
        linksChanged(): annotations were reloaded (the panes' link marks with them).
    """

    linksChanged = Signal()

    def __init__(self, ctx: AppContext, compare: CompareView, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.compare = compare
        self.undo = AnnotationUndo(ctx, self)
        self.undo.changed.connect(self.refresh)
        self.titles: dict[int, str] = {}
        self.last_colour = DEFAULT_COLOUR
        self._go_after_load: int | None = None
        self._flash_timer = QTimer(self)
        self._flash_timer.setSingleShot(True)
        self._flash_timer.timeout.connect(self._draw)

        self.model = AnnotationTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("annotationTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # The dock is narrow: note and tags are read in the view below the list.
        self.view.setColumnHidden(2, True)
        self.view.setColumnHidden(3, True)
        self.view.clicked.connect(self._go)
        self.view.activated.connect(self._go)
        self.view.selectionModel().currentRowChanged.connect(lambda _c, _p: self._show_current())
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        for key, slot in (("Delete", self._delete_current), ("F2", self._edit_current)):
            shortcut = QShortcut(QKeySequence(key), self.view)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("annotationFilter")
        self.filter_edit.setPlaceholderText("Filter notes and quotes")
        self.filter_edit.setClearButtonEnabled(True)
        self.tag_box = QComboBox()
        self.tag_box.setObjectName("annotationTagFilter")
        self.tag_box.addItem("All tags", "")
        self.colour_box = QComboBox()
        self.colour_box.setObjectName("annotationColourFilter")
        self.colour_box.addItem("All colours", "")
        for name in SWATCHES:
            self.colour_box.addItem(colour_icon(name), name.capitalize(), name)
        self.filter_edit.textChanged.connect(lambda _t: self._refilter())
        self.tag_box.currentIndexChanged.connect(lambda _i: self._refilter())
        self.colour_box.currentIndexChanged.connect(lambda _i: self._refilter())

        self.note_view = NoteView()
        self.note_view.anchorClicked.connect(self._anchor)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.note_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)

        filters = QHBoxLayout()
        filters.addWidget(self.tag_box, 1)
        filters.addWidget(self.colour_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter_edit)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        compare.comparisonChanged.connect(self.refresh)

    # -- loading and drawing -------------------------------------------------------

    def refresh(self) -> None:
        """Reload the annotations of the open articles (and the titles their links name)."""
        ids = list(self.compare.open_ids)

        def load(lib: Any) -> tuple[list[AnnotationView], dict[int, str]]:
            records: list[AnnotationView] = []
            for aid in ids:
                records.extend(lib.annotations(article_id=int(aid)))
            wanted = {int(link["article"]) for r in records for link in r.links if link["article"]}
            titles = {int(s.id): s.title or "(untitled)" for s in lib.summaries(sorted(wanted))}
            return records, titles

        QueryOp(
            self.ctx, load, lambda result: self._show(ids, *result), parent=self
        ).run_in_background()

    def _show(
        self, ids: list[ArticleId], records: list[AnnotationView], titles: dict[int, str]
    ) -> None:
        if ids != list(self.compare.open_ids):
            return  # the panes changed while loading; a newer refresh is on its way
        current = self.current_record()
        self.titles.update(titles)
        for aid, detail in self.compare.comparison.details.items():
            self.titles[int(aid)] = detail.title or "(untitled)"
        self.model.set_annotations(ids, records)
        self._fill_tags()
        self._draw()
        target = self._go_after_load
        if target is not None and self.go_to_annotation(target):
            self._go_after_load = None
        elif current is not None and (row := self.model.row_of(current.id)) >= 0:
            self.view.selectRow(row)
        self._show_current()
        self.linksChanged.emit()

    def _draw(self, flash: int | None = None) -> None:
        """Colour every annotation in its pane (one in the flash colour) and mark links."""
        records = self.model.records()
        for pane in self.compare.panes:
            mine = [r for r in records if r.article == pane.article_id and not r.orphaned]
            pane.set_annotations(
                [(r.start, r.end, FLASH if r.id == flash else swatch(r.colour)) for r in mine]
            )
            pane.set_links(
                [
                    (r.start, r.end, "\n".join(link_tooltip(k, self.titles) for k in r.links))
                    for r in mine
                    if r.links
                ]
            )

    def link_tooltip_at(self, pane: ReaderPane, offset: int) -> str:
        """The link tooltip of the annotation covering a text offset of a pane, if any."""
        for r in self.model.records():
            if r.article == pane.article_id and r.links and r.start <= offset < r.end:
                return "\n".join(link_tooltip(k, self.titles) for k in r.links)
        return ""

    def annotation_at(self, pane: ReaderPane, offset: int) -> AnnotationView | None:
        """The annotation covering a text offset of a pane, if any."""
        for r in self.model.records():
            if r.article == pane.article_id and not r.orphaned and r.start <= offset < r.end:
                return r
        return None

    def _fill_tags(self) -> None:
        if not fill_tag_box(self.tag_box, self.model.all_tags()):
            self._refilter()  # the chosen tag is gone: show everything again

    def _refilter(self) -> None:
        self.model.set_filter(
            self.filter_edit.text(),
            self.tag_box.currentData() or "",
            self.colour_box.currentData() or "",
        )
        self._show_current()

    def current_record(self) -> AnnotationView | None:
        """The annotation selected in the list."""
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def _show_current(self) -> None:
        self.note_view.show_record(self.current_record(), self.titles)

    # -- going places ----------------------------------------------------------------

    def _go(self, index: QModelIndex) -> None:
        if index.isValid():
            self.go_to_annotation(self.model.record(index.row()).id)

    def go_to_annotation(self, annotation_id: int) -> bool:
        """Scroll the annotation's pane to it, select it in the list and flash it."""
        row = self.model.row_of(annotation_id)
        if row < 0:
            return False
        rec = self.model.record(row)
        if self.view.currentIndex().row() != row:
            self.view.selectRow(row)
        pane = self.model.pane_of(rec)
        if not 0 <= pane < len(self.compare.panes) or rec.orphaned:
            return True
        self.compare.focus_pane(pane)
        shown = self.compare.panes[pane]
        if shown.go_to(rec.start, rec.end):
            # A selection would hide the colour: leave the caret at the start, flash the span.
            cursor = shown.browser.textCursor()
            cursor.setPosition(cursor.selectionStart())
            shown.browser.setTextCursor(cursor)
        self._draw(flash=rec.id)
        self._flash_timer.start(700)
        return True

    def open_annotation(self, article_id: int, annotation_id: int) -> None:
        """Open an article beside the others (if it is not open) and go to an annotation."""
        self._go_after_load = annotation_id
        if ArticleId(article_id) in self.compare.open_ids:
            self.refresh()
        else:
            self.compare.open_articles([article_id], replace=False)

    def follow_link(self, link: dict[str, Any]) -> None:
        """Open the linked article side by side and scroll to the linked passage."""
        if link.get("article") is not None:
            self.open_annotation(int(link["article"]), int(link["annotation"]))

    def _anchor(self, url: QUrl) -> None:
        if url.scheme() != LINK_SCHEME:
            return  # links inside notes are shown, never opened
        target = int(url.path())
        rec = self.current_record()
        for link in rec.links if rec else []:
            if int(link["annotation"]) == target:
                self.follow_link(link)
                return

    # -- changes (all through the undo stack) -------------------------------------------

    def active_pane(self) -> ReaderPane | None:
        """The pane with the keyboard focus (or the first)."""
        panes = self.compare.panes
        return panes[min(self.compare.active, len(panes) - 1)] if panes else None

    def annotate_selection(
        self, note: str = "", colour: str | None = None, tags: list[str] | None = None
    ) -> bool:
        """Highlight the active pane's selection; False when nothing is selected."""
        pane = self.active_pane()
        span = pane.selected_span() if pane else None
        if pane is None or span is None or pane.detail is None:
            return False
        colour = colour or self.last_colour
        self.last_colour = colour
        self.undo.create(
            int(pane.detail.id),
            span[0],
            span[1],
            quote=pane.detail.text[span[0] : span[1]],
            note=note,
            tags=tags or [],
            colour=colour,
        )
        return True

    def annotate_with_note(self) -> bool:
        """Ask for a note, colour and tags, then highlight the selection."""
        pane = self.active_pane()
        span = pane.selected_span() if pane else None
        if pane is None or span is None or pane.detail is None:
            return False
        dialog = AnnotationDialog(
            pane.detail.text[span[0] : span[1]],
            colour=self.last_colour,
            known_tags=self.model.all_tags(),
            title="Highlight with note",
            parent=self,
        )
        if dialog.exec() != AnnotationDialog.DialogCode.Accepted:
            return False
        values = dialog.values()
        return self.annotate_selection(values.note, values.colour, values.tags)

    def edit(self, rec: AnnotationView) -> None:
        """Edit note, colour and tags in the annotation dialog."""
        dialog = AnnotationDialog(
            rec.quote,
            note=rec.note,
            colour=rec.colour,
            tags=rec.tags,
            known_tags=self.model.all_tags(),
            title="Edit annotation",
            parent=self,
        )
        if dialog.exec() == AnnotationDialog.DialogCode.Accepted:
            values = dialog.values()
            self.undo.edit(rec, note=values.note, tags=values.tags, colour=values.colour)

    def recolour(self, rec: AnnotationView, colour: str) -> None:
        """Give an annotation another colour (undoable)."""
        self.last_colour = colour
        self.undo.edit(rec, colour=colour)

    def delete(self, annotation_id: int) -> None:
        """Delete an annotation (undoable)."""
        row = self.model.row_of(annotation_id)
        if row >= 0:
            self.undo.delete(self.model.record(row))

    def _delete_current(self) -> None:
        rec = self.current_record()
        if rec is not None:
            self.delete(rec.id)

    def _edit_current(self) -> None:
        rec = self.current_record()
        if rec is not None:
            self.edit(rec)

    def _menu(self, pos: QPoint) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        rec = self.model.record(index.row())
        menu = QMenu(self)
        self.fill_menu(menu, rec)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def fill_menu(self, menu: QMenu, rec: AnnotationView) -> None:
        """Edit, colour, follow or remove links, delete: the actions on one annotation."""
        menu.addAction("Edit note, colour and tags…\tF2", lambda: self.edit(rec))
        colours = menu.addMenu("Colour")
        for name in SWATCHES:
            act = colours.addAction(colour_icon(name), name.capitalize())
            act.setCheckable(True)
            act.setChecked(name == rec.colour)
            act.triggered.connect(lambda _c=False, n=name: self.recolour(rec, n))
        for link in rec.links:
            follow = menu.addAction(f"Follow {link_tooltip(link, self.titles)}")
            follow.triggered.connect(lambda _c=False, k=link: self.follow_link(k))
        for link in rec.links:
            remove = menu.addAction(f"Remove {link_tooltip(link, self.titles)}")
            remove.triggered.connect(lambda _c=False, k=link: self.undo.unlink(k))
        menu.addSeparator()
        menu.addAction("Delete annotation\tDel", lambda: self.delete(rec.id))
