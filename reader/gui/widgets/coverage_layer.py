"""A reader pane's passage layer: aligned passages lit up, and passages only this outlet tells.

Painted under the text (in the viewport's paint event, before the document), so entity
colours and underlines stay visible on top of the tint. Aligned passages get a solid bar
in the left margin and the passages no other open article has a dashed one, so the two
differ in shape as well as colour.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPalette, QPen, QTextCursor
from PySide6.QtWidgets import QToolTip

if TYPE_CHECKING:
    from reader.gui.widgets.reader_pane import ReaderPane

Span = tuple[int, int]

BAR_X = 5
BAR_WIDTH = 4
GUTTER = 16  # the document margin is 18 px: the bars live in it
ONLY_TIP = "<b>Only in this outlet</b><br>No passage of the other open articles tells this."

# (light theme, dark theme): soft tints that keep the pane's own ink readable.
LIT_TINT = (QColor("#DCEBF7"), QColor("#1D3A4E"))
SOURCE_TINT = (QColor("#E9F1F9"), QColor("#2A3640"))
LIT_BAR = (QColor("#2E7CB8"), QColor("#6DB6EA"))
ONLY_BAR = (QColor("#B26B00"), QColor("#F0B450"))


def _dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class PassageLayer(QObject):
    """Alignment tints and margin marks for one ReaderPane (text offsets, like its other layers).

    Attributes:
        lit: passages lit up as counterparts of the passage hovered elsewhere.
        source: the passage of this pane whose counterparts are lit, if any.
        only: passages no other open article tells (a dashed margin mark each).
        known: every passage the alignment knows (their margin explains them).

    Signals:
        hovered(int): the text offset under the mouse (once per paragraph), -1 on leaving.
    """

    hovered = Signal(int)

    def __init__(self, pane: ReaderPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.lit: list[Span] = []
        self.source: Span | None = None
        self.only: list[Span] = []
        self.known: list[Span] = []
        self._explain: Callable[[Span], str] = lambda _span: ""
        self._block = -1
        viewport = pane.browser.viewport()
        viewport.setMouseTracking(True)
        viewport.installEventFilter(self)

    def clear(self) -> None:
        """Forget everything (a new article is shown)."""
        self.lit, self.source, self.only, self.known = [], None, [], []
        self._block = -1
        self.pane.browser.viewport().update()

    def set_only(
        self, spans: list[Span], known: list[Span], explain: Callable[[Span], str]
    ) -> None:
        """Mark the passages no other open article tells; `explain` gives a margin tooltip."""
        self.only = list(spans)
        self.known = list(known)
        self._explain = explain
        self.pane.browser.viewport().update()

    def tip(self, span: Span) -> str:
        """The margin tooltip of a passage: only here, or where else it is told."""
        return self._explain(span) if span in self.known else ""

    def set_lit(self, lit: list[Span], source: Span | None = None) -> None:
        """Light up counterpart passages (and the passage they answer, in its own pane)."""
        if lit == self.lit and source == self.source:
            return
        self.lit = list(lit)
        self.source = source
        self.pane.browser.viewport().update()

    # -- geometry -------------------------------------------------------------

    def band(self, span: Span) -> QRect | None:
        """Where a passage sits in the viewport (full width), or None if it is not shown."""
        doc_span = self.pane.offsets.span(*span)
        if doc_span is None:
            return None
        browser = self.pane.browser
        cursor = QTextCursor(browser.document())
        cursor.setPosition(doc_span[0])
        top = browser.cursorRect(cursor).top()
        cursor.setPosition(doc_span[1])
        bottom = browser.cursorRect(cursor).bottom()
        return QRect(0, top - 2, browser.viewport().width(), bottom - top + 5)

    def passage_at_y(self, y: int) -> Span | None:
        """The marked or explained passage at a height in the viewport."""
        for span in [*self.known, *self.lit]:
            rect = self.band(span)
            if rect is not None and rect.top() <= y <= rect.bottom():
                return span
        return None

    # -- events ---------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Paint under the text, report hovering, explain the margin marks."""
        kind = event.type()
        if kind == QEvent.Type.Paint:
            if (self.lit or self.only or self.source) and not self.pane.showing_original:
                self._paint()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent):
            self._moved(event.position().toPoint())
        elif kind == QEvent.Type.Leave:
            self._block = -1
            self.hovered.emit(-1)
        elif kind == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            if event.pos().x() <= GUTTER:
                span = self.passage_at_y(event.pos().y())
                tip = self.tip(span) if span is not None else None
                if tip:
                    QToolTip.showText(event.globalPos(), tip, self.pane.browser.viewport())
                    return True
        return super().eventFilter(watched, event)

    def _moved(self, pos: QPoint) -> None:
        if self.pane.showing_original:
            return
        cursor = self.pane.browser.cursorForPosition(pos)
        block = cursor.blockNumber()
        if block == self._block:
            return
        self._block = block
        offset = self.pane.offsets.to_text(cursor.position())
        self.hovered.emit(-1 if offset is None else offset)

    def _paint(self) -> None:
        viewport = self.pane.browser.viewport()
        dark = int(_dark(viewport.palette()))
        painter = QPainter(viewport)
        try:
            visible = viewport.rect()
            if self.source is not None:
                self._tint(painter, self.source, SOURCE_TINT[dark], visible)
            for span in self.lit:
                self._tint(painter, span, LIT_TINT[dark], visible)
                self._bar(painter, span, LIT_BAR[dark], visible, dashed=False)
            if self.source is not None:
                self._outline(painter, self.source, LIT_BAR[dark], visible)
            for span in self.only:
                self._bar(painter, span, ONLY_BAR[dark], visible, dashed=True)
        finally:
            painter.end()

    def _tint(self, painter: QPainter, span: Span, colour: QColor, visible: QRect) -> None:
        rect = self.band(span)
        if rect is not None and rect.intersects(visible):
            painter.fillRect(rect.adjusted(GUTTER - 4, 0, -4, 0), colour)

    def _outline(self, painter: QPainter, span: Span, colour: QColor, visible: QRect) -> None:
        """The passage whose counterparts are lit: a hollow bar (lit ones get a solid one)."""
        rect = self.band(span)
        if rect is None or not rect.intersects(visible):
            return
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRect(BAR_X, rect.top() + 2, BAR_WIDTH, rect.height() - 5))

    def _bar(
        self, painter: QPainter, span: Span, colour: QColor, visible: QRect, *, dashed: bool
    ) -> None:
        rect = self.band(span)
        if rect is None or not rect.intersects(visible):
            return
        bar = QRect(BAR_X, rect.top() + 2, BAR_WIDTH, rect.height() - 4)
        if not dashed:
            painter.fillRect(bar, colour)
            return
        pen = QPen(colour, BAR_WIDTH, Qt.PenStyle.CustomDashLine, Qt.PenCapStyle.FlatCap)
        pen.setDashPattern([1.5, 1.0])
        painter.setPen(pen)
        x = bar.left() + BAR_WIDTH // 2
        painter.drawLine(x, bar.top(), x, bar.bottom())
