"""One reading pane: the article as a read-only document that never fetches anything."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reader.gui.document import OffsetMap, build_document
from reader.gui.widgets.coverage_layer import PassageLayer
from reader.records import ArticleDetail
from reader.types import ArticleId, EntityId

log = logging.getLogger("reader.gui.reader")

ENTITY_PROPERTY = QTextFormat.Property.UserProperty + 1
MARK_BG = QColor("#FFB300")
SEARCH_BG = QColor("#7FDBEA")
INK = QColor("#111111")


@dataclass(frozen=True)
class Highlight:
    """One span to decorate: text offsets, the entity, its look and tooltip."""

    start: int
    end: int
    entity_id: EntityId
    background: QColor | None
    underline_color: QColor | None
    underline: QTextCharFormat.UnderlineStyle
    tooltip: str


class ArticleBrowser(QTextBrowser):
    """A QTextBrowser that refuses every resource: nothing is loaded, local or remote.

    Attributes:
        refused: the URLs the document asked for (kept for tests and diagnostics).

    Signals:
        entityClicked(int): an entity highlight was clicked.
    """

    entityClicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.refused: list[QUrl] = []
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.viewport().installEventFilter(self)

    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: A002 (Qt's name)
        """Never fetch: stored HTML may point at trackers; the reader stays offline."""
        del type
        self.refused.append(QUrl(name) if isinstance(name, str) else name)
        return None

    def entity_at(self, position: int) -> EntityId | None:
        """The entity whose highlight covers a document position, if any."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position + 1, self.document().characterCount() - 1))
        value = cursor.charFormat().property(ENTITY_PROPERTY)
        return EntityId(int(value)) if isinstance(value, int) and value > 0 else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Tooltips and clicks on highlighted entities."""
        if watched is self.viewport():
            if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
                cursor = self.cursorForPosition(event.pos())
                fmt = self._format_at(cursor.position())
                tip = fmt.toolTip()
                if tip:
                    QToolTip.showText(event.globalPos(), tip, self.viewport())
                else:
                    QToolTip.hideText()
                    event.ignore()
                return True
            if (
                event.type() == QEvent.Type.MouseButtonRelease
                and isinstance(event, QMouseEvent)
                and not self.textCursor().hasSelection()
            ):
                cursor = self.cursorForPosition(event.position().toPoint())
                entity = self.entity_at(cursor.position() - 1)
                if entity is not None:
                    self.entityClicked.emit(int(entity))
        return super().eventFilter(watched, event)

    def _format_at(self, position: int) -> QTextCharFormat:
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position + 1, self.document().characterCount() - 1))
        return cursor.charFormat()


class ElidedLabel(QLabel):
    """A one-line label that elides instead of widening its pane."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(40)

    def paintEvent(self, event: QPaintEvent) -> None:
        del event
        painter = QPainter(self)
        metrics = self.fontMetrics()
        text = metrics.elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignVCenter), text)


class ReaderPane(QFrame):
    """A header bar (title, Original switch, close) over an ArticleBrowser.

    Signals:
        closeRequested(): the user closed this pane.
        originalRequested(int): show the original file of this article id.
        entityClicked(int): an entity highlight was clicked.
        activated(): the pane got focus.
    """

    closeRequested = Signal()
    originalRequested = Signal(int)
    entityClicked = Signal(int)
    activated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readerPane")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail: ArticleDetail | None = None
        self.offsets = OffsetMap()
        self._highlights: list[Highlight] = []
        self._marks: list[tuple[int, int]] = []
        self._matches: list[tuple[int, int]] = []
        self._notes: list[tuple[int, int, QColor]] = []
        self._showing_original = False

        self.label = ElidedLabel("No article open")
        self.label.setObjectName("paneTitle")
        self.number = QLabel("")
        self.number.setObjectName("paneNumber")
        self.original_button = QToolButton()
        self.original_button.setText("Original")
        self.original_button.setCheckable(True)
        self.original_button.setToolTip("Show the original file as plain text")
        self.original_button.toggled.connect(self._toggle_original)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Close this pane (Ctrl+W)")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.closeRequested)
        bar = QHBoxLayout()
        bar.setContentsMargins(8, 4, 4, 4)
        bar.addWidget(self.number)
        bar.addWidget(self.label, 1)
        bar.addWidget(self.original_button)
        bar.addWidget(self.close_button)
        header = QWidget()
        header.setObjectName("paneHeader")
        header.setLayout(bar)

        self.browser = ArticleBrowser()
        self.browser.setMinimumWidth(220)
        self.browser.entityClicked.connect(self.entityClicked)
        self.browser.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(self.browser, 1)
        # Aligned passages and passages only this outlet tells (see CompareView).
        self.passages = PassageLayer(self)

    @property
    def article_id(self) -> ArticleId | None:
        """The id shown, or None."""
        return None if self.detail is None else self.detail.id

    @property
    def showing_original(self) -> bool:
        """Whether the original file is shown instead of the article."""
        return self._showing_original

    def set_number(self, number: int, active: bool) -> None:
        """Show the pane's number (the Ctrl+1..4 key) and whether it is active."""
        self.number.setText(f"{number}")
        self.setProperty("active", active)
        self.style().unpolish(self)
        self.style().polish(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Report focus so the window knows the active pane."""
        if watched is self.browser and event.type() == QEvent.Type.FocusIn:
            self.activated.emit()
        return super().eventFilter(watched, event)

    # -- content ------------------------------------------------------------

    def show_article(self, detail: ArticleDetail, highlights: Iterable[Highlight] = ()) -> None:
        """Render the article, with entity highlights applied."""
        self.detail = detail
        self._highlights = list(highlights)
        self._marks = []
        self._matches = []
        self._notes = []
        title = detail.title or "(untitled)"
        self.label.setText(f"{title} — {detail.outlet}" if detail.outlet else title)
        self.label.setToolTip(title)
        self.original_button.blockSignals(True)
        self.original_button.setChecked(False)
        self.original_button.blockSignals(False)
        self._showing_original = False
        self.passages.clear()
        self._render()

    def set_highlights(self, highlights: Iterable[Highlight]) -> None:
        """Replace the entity highlights (keeps the scroll position)."""
        self._highlights = list(highlights)
        if self.detail is not None and not self._showing_original:
            bar = self.browser.verticalScrollBar()
            value = bar.value()
            self._render()
            bar.setValue(value)

    def _render(self) -> None:
        assert self.detail is not None
        doc, self.offsets = build_document(self.detail, self.palette())
        doc.setParent(self.browser)
        cursor = QTextCursor(doc)
        for h in self._highlights:
            span = self.offsets.span(h.start, h.end)
            if span is None:
                continue
            fmt = QTextCharFormat()
            if h.background is not None:
                fmt.setBackground(h.background)
            if h.underline_color is not None:
                fmt.setUnderlineStyle(h.underline)
                fmt.setUnderlineColor(h.underline_color)
            fmt.setToolTip(h.tooltip)
            fmt.setProperty(ENTITY_PROPERTY, int(h.entity_id))
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(fmt)
        self.browser.setDocument(doc)
        self._apply_extra()

    def show_original_text(self, text: str) -> None:
        """Show the original file's text verbatim (HTML is shown as source, never rendered)."""
        self._showing_original = True
        self.browser.setPlainText(text)
        self.browser.setCurrentFont(QFont("monospace"))

    def _toggle_original(self, on: bool) -> None:
        if self.detail is None:
            return
        if on:
            self.originalRequested.emit(int(self.detail.id))
        else:
            self._showing_original = False
            self._render()

    # -- marks (entity clicked in the panel) and search matches --------------

    def set_marks(self, spans: list[tuple[int, int]]) -> None:
        """Mark these text spans (all mentions of the chosen entity)."""
        self._marks = spans
        self._apply_extra()

    def set_matches(self, spans: list[tuple[int, int]]) -> None:
        """Highlight search matches (text spans)."""
        self._matches = spans
        self._apply_extra()

    def set_annotations(self, spans: list[tuple[int, int, QColor]]) -> None:
        """Draw the user's highlights (text spans with their colours)."""
        self._notes = spans
        self._apply_extra()

    def set_links(
        self, links: list[tuple[int, int, str]] | None = None
    ) -> list[QTextEdit.ExtraSelection]:
        """Mark linked passages (start, end, tooltip) with a line over the text.

        Called with None (by `_apply_extra`) it only builds the overlays for the
        document shown now; links given for another article are not drawn.
        """
        if links is not None:
            self._links = (self.article_id, links)
            self._apply_extra()
            return []
        article, spans = getattr(self, "_links", (None, []))
        out = []
        for start, end, tip in spans if article == self.article_id else []:
            span = self.offsets.span(start, end)
            if span is None:
                continue
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.browser.document())
            cursor.setPosition(span[0])
            cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            fmt = QTextCharFormat()
            # Entities already use every underline style: a line over the text is free.
            fmt.setFontOverline(True)
            fmt.setToolTip(tip)
            sel.format = fmt
            out.append(sel)
        return out

    def _apply_extra(self) -> None:
        if self._showing_original:
            return
        layers = [
            [((start, end), colour) for start, end, colour in self._notes],
            [(span, SEARCH_BG) for span in self._matches],
            [(span, MARK_BG) for span in self._marks],
        ]
        selections = []
        for layer in layers:
            for (start, end), colour in layer:
                sel = self._selection(start, end, colour)
                if sel is not None:
                    selections.append(sel)
        selections.extend(self.set_links())
        self.browser.setExtraSelections(selections)

    def _selection(self, start: int, end: int, colour: QColor) -> QTextEdit.ExtraSelection | None:
        """A coloured overlay on a text span (notes, search matches, marked mentions)."""
        span = self.offsets.span(start, end)
        if span is None:
            return None
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        fmt = QTextCharFormat()
        fmt.setBackground(colour)
        fmt.setForeground(INK)
        sel.format = fmt
        return sel

    def go_to(self, start: int, end: int) -> bool:
        """Select a text span and scroll it into view; False if it is not shown."""
        span = self.offsets.span(start, end)
        if span is None or self._showing_original:
            return False
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        return True

    def selected_span(self) -> tuple[int, int] | None:
        """The text span of the user's selection, if any."""
        cursor = self.browser.textCursor()
        if not cursor.hasSelection():
            return None
        a = self.offsets.to_text(cursor.selectionStart())
        b = self.offsets.to_text(cursor.selectionEnd())
        return None if a is None or b is None or b <= a else (a, b)
