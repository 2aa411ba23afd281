"""The reading area: 1-4 ReaderPanes side by side, shared entities in one colour each."""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPalette, QTextCharFormat
from PySide6.QtWidgets import QLabel, QSplitter, QStackedLayout, QWidget

from reader.gui.comparison import Comparison, EntityInfo, build_comparison
from reader.gui.models.articles import ids_from_mime
from reader.gui.ops import AppContext, Latest, QueryOp
from reader.gui.palette import UNDERLINE_NAMES, EntityStyle, assign_styles
from reader.gui.widgets.coverage_controller import CoverageController
from reader.gui.widgets.reader_pane import Highlight, ReaderPane
from reader.library import decode_original
from reader.types import ArticleId, EntityId

log = logging.getLogger("reader.gui.compare")

MAX_PANES = 4
NO_LINE = QTextCharFormat.UnderlineStyle.NoUnderline


def is_dark(palette: QPalette) -> bool:
    """Whether the window background is dark (the theme in use)."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


class CompareView(QWidget):
    """Panes side by side; drop library rows here to add them.

    Attributes:
        comparison: what is shown now (articles, mentions, entities).
        styles: the look of each shared entity, by canonical name.
        sync_scroll: scroll all panes together, by relative position.

    Signals:
        comparisonChanged(): panes were opened, closed or re-highlighted.
        activePaneChanged(int): the focused pane's index.
    """

    comparisonChanged = Signal()
    activePaneChanged = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setAcceptDrops(True)
        self.comparison = Comparison((), {})
        self.styles: dict[str, EntityStyle] = {}
        self.sync_scroll = True
        self.panes: list[ReaderPane] = []
        self.active = 0
        self._syncing = False
        self._marked: EntityId | None = None
        self._mark_stops: list[tuple[int, int, int]] = []  # (pane, start, end)
        self._mark_pos = -1
        self._search_query = ""
        self._search_variants = True
        self.openings = Latest()  # the newest set of articles asked for is the one shown
        # Alignment, timeline, figures and claims of the open articles (on a worker).
        self.coverage_control = CoverageController(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.placeholder = QLabel(
            "<h3>Nothing open</h3><p>Double-click an article to read it, or select two to "
            "four and press <b>Compare</b> (Ctrl+Return).<br>You can also drag articles here."
            "</p><p>Import files with <b>File › Import files</b> (Ctrl+O) or drop them on "
            "the window.</p>"
        )
        self.placeholder.setObjectName("placeholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self.placeholder)
        self._stack.addWidget(self.splitter)

    # -- opening and closing ---------------------------------------------------

    @property
    def open_ids(self) -> list[ArticleId]:
        """Article ids in pane order."""
        return [p.article_id for p in self.panes if p.article_id is not None]

    def open_articles(self, ids: Sequence[int], *, replace: bool = True) -> None:
        """Show these articles (replacing the panes, or added to them), at most four."""
        wanted = [] if replace else list(self.open_ids)
        for raw in ids:
            if ArticleId(int(raw)) not in wanted:
                wanted.append(ArticleId(int(raw)))
        wanted = wanted[-MAX_PANES:] if not replace else wanted[:MAX_PANES]
        QueryOp(
            self.ctx,
            lambda lib: build_comparison(lib, wanted),
            self.show_comparison,
            parent=self,
            title="Could not open the articles",
            latest=self.openings,
        ).run_in_background()

    def open_in_active(self, article_id: int) -> None:
        """Show an article in the active pane (or the first pane)."""
        ids = list(self.open_ids)
        if not ids:
            ids = [ArticleId(article_id)]
        elif ArticleId(article_id) not in ids:
            ids[min(self.active, len(ids) - 1)] = ArticleId(article_id)
        self.open_articles(ids)

    def close_pane(self, index: int | None = None) -> None:
        """Close a pane (the active one by default)."""
        index = self.active if index is None else index
        ids = list(self.open_ids)
        if 0 <= index < len(ids):
            del ids[index]
            self.active = max(0, min(self.active, len(ids) - 1))
            self.show_comparison(
                Comparison(
                    tuple(ids),
                    {i: self.comparison.details[i] for i in ids},
                    {i: self.comparison.mentions.get(i, ()) for i in ids},
                    _restrict(self.comparison, ids),
                )
            )

    def show_comparison(self, comparison: Comparison) -> None:
        """Lay out one pane per article and apply highlights."""
        self.comparison = comparison
        self.styles = assign_styles([e.name for e in comparison.shared])
        while len(self.panes) > len(comparison.ids):
            pane = self.panes.pop()
            pane.hide()
            pane.setParent(None)
            pane.deleteLater()
        while len(self.panes) < len(comparison.ids):
            self._add_pane()
        for pane, aid in zip(self.panes, comparison.ids, strict=True):
            pane.show_article(comparison.details[aid], self._highlights_for(aid))
        self.splitter.setSizes([1000] * len(self.panes))
        self._stack.setCurrentWidget(self.splitter if self.panes else self.placeholder)
        self.active = min(self.active, max(0, len(self.panes) - 1))
        self._renumber()
        if self._marked is not None and self._marked in comparison.entities:
            self.mark_entity(self._marked)
        else:
            self._marked = None
            self._mark_stops = []
        if self._search_query:
            self.show_matches(self._search_query, self._search_variants)
        self.comparisonChanged.emit()
        self.coverage_control.follow()

    def _add_pane(self) -> None:
        pane = ReaderPane()
        index = len(self.panes)
        self.panes.append(pane)
        self.splitter.addWidget(pane)
        pane.closeRequested.connect(lambda p=pane: self.close_pane(self.panes.index(p)))
        pane.originalRequested.connect(lambda aid, p=pane: self._load_original(p, aid))
        pane.entityClicked.connect(lambda eid: self.mark_entity(EntityId(eid)))
        pane.activated.connect(lambda p=pane: self._set_active(self.panes.index(p)))
        bar = pane.browser.verticalScrollBar()
        bar.valueChanged.connect(lambda _v, p=pane: self._scrolled(p))
        self.coverage_control.watch(pane)
        del index

    def _renumber(self) -> None:
        for i, pane in enumerate(self.panes):
            pane.set_number(i + 1, i == self.active and len(self.panes) > 1)

    def _set_active(self, index: int) -> None:
        if index != self.active:
            self.active = index
            self._renumber()
            self.activePaneChanged.emit(index)

    def pane_of(self, article_id: int) -> int | None:
        """The index of the pane showing an article, if it is open."""
        for i, pane in enumerate(self.panes):
            if pane.article_id == article_id:
                return i
        return None

    def go_to_text(self, article_id: int, start: int, end: int) -> bool:
        """Make the article's pane active and select a text span in it (a sentence, a figure)."""
        index = self.pane_of(article_id)
        if index is None:
            return False
        self._set_active(index)
        return self.panes[index].go_to(start, end)

    def scroll_alone(self, index: int, value: int) -> None:
        """Scroll one pane without the others following (synchronised scrolling held back)."""
        self._syncing = True
        try:
            self.panes[index].browser.verticalScrollBar().setValue(value)
        finally:
            self._syncing = False

    def focus_pane(self, index: int) -> bool:
        """Give keyboard focus to pane `index`; False if there is no such pane."""
        if not 0 <= index < len(self.panes):
            return False
        self._set_active(index)
        self.panes[index].browser.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return True

    def next_pane(self) -> None:
        """Focus the next pane, wrapping around."""
        if self.panes:
            self.focus_pane((self.active + 1) % len(self.panes))

    def _load_original(self, pane: ReaderPane, article_id: int) -> None:
        def shown(data: bytes | None) -> None:
            if data is None or pane.article_id != article_id:
                return
            pane.show_original_text(decode_original(data))

        QueryOp(
            self.ctx, lambda lib: lib.original_bytes(article_id), shown, parent=self
        ).run_in_background()

    # -- highlights -------------------------------------------------------------

    def _highlights_for(self, article_id: ArticleId) -> list[Highlight]:
        dark = is_dark(self.palette())
        out: list[Highlight] = []
        for m in self.comparison.mentions.get(article_id, ()):
            info = self.comparison.entities.get(m.entity_id)
            if info is None:
                continue
            style = self.styles.get(info.name) if info.shared else None
            out.append(
                Highlight(
                    m.start,
                    m.end,
                    m.entity_id,
                    style.background(dark) if style else None,
                    style.hue if style else None,
                    style.underline if style else NO_LINE,
                    self.tooltip(info),
                )
            )
        return out

    def tooltip(self, info: EntityInfo) -> str:
        """Canonical name, type, spellings seen and mentions per pane, as rich text."""
        rows = []
        for i, aid in enumerate(self.comparison.ids):
            count = info.counts.get(aid, 0)
            forms = ", ".join(info.spellings.get(aid, ())) or "—"
            outlet = self.comparison.details[aid].outlet or "untitled"
            rows.append(
                f"<tr><td>Pane {i + 1} ({html.escape(outlet)})</td>"
                f"<td align='right'>{count}×</td><td>{html.escape(forms)}</td></tr>"
            )
        style = self.styles.get(info.name) if info.shared else None
        look = (
            f"<br><i>{UNDERLINE_NAMES[style.underline]} underline</i>" if style is not None else ""
        )
        spellings = ", ".join(html.escape(s) for s in info.all_spellings())
        return (
            f"<b>{html.escape(info.name)}</b> <i>{html.escape(info.type)}</i>{look}"
            f"<br>Spellings: {spellings}<table>{''.join(rows)}</table>"
        )

    def rehighlight(self) -> None:
        """Re-apply highlights (after a theme change)."""
        for pane, aid in zip(self.panes, self.comparison.ids, strict=True):
            pane.set_highlights(self._highlights_for(aid))

    def mark_entity(self, entity_id: EntityId | None) -> None:
        """Mark every mention of an entity in every pane (None clears the marks)."""
        self._marked = entity_id
        self._mark_stops = []
        self._mark_pos = -1
        for i, (pane, aid) in enumerate(zip(self.panes, self.comparison.ids, strict=True)):
            spans = [
                (m.start, m.end)
                for m in self.comparison.mentions.get(aid, ())
                if m.entity_id == entity_id
            ]
            pane.set_marks(spans)
            self._mark_stops.extend((i, s, e) for s, e in spans)

    @property
    def marked_entity(self) -> EntityId | None:
        """The entity whose mentions are marked."""
        return self._marked

    def step_mention(self, forward: bool = True) -> tuple[int, int, int] | None:
        """Go to the next (or previous) mention of the marked entity, across panes."""
        if not self._mark_stops:
            return None
        step = 1 if forward else -1
        if self._mark_pos < 0 and not forward:
            self._mark_pos = 0
        self._mark_pos = (self._mark_pos + step) % len(self._mark_stops)
        pane, start, end = self._mark_stops[self._mark_pos]
        self._set_active(pane)
        self.panes[pane].go_to(start, end)
        return self._mark_stops[self._mark_pos]

    def show_matches(self, query: str, variants: bool = True) -> None:
        """Highlight where a search query matches in each open article.

        With variants off only what was typed is marked, as in the hit list.
        """
        self._search_query = query
        self._search_variants = variants
        matcher = getattr(self.ctx.library, "match_spans", None)
        for pane in self.panes:
            if pane.detail is None:
                continue
            spans = (
                list(matcher(query, pane.detail.text, variants=variants))
                if matcher and query
                else []
            )
            pane.set_matches([(int(s), int(e)) for s, e in spans])

    # -- synchronised scrolling ------------------------------------------------

    def _scrolled(self, source: ReaderPane) -> None:
        if not self.sync_scroll or self._syncing:
            return
        bar = source.browser.verticalScrollBar()
        ratio = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self._syncing = True
        try:
            for pane in self.panes:
                if pane is not source:
                    other = pane.browser.verticalScrollBar()
                    other.setValue(round(ratio * other.maximum()))
        finally:
            self._syncing = False

    # -- drag and drop from the library ------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if ids_from_mime(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragEnterEvent) -> None:  # type: ignore[override]
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        ids = ids_from_mime(event.mimeData())
        if not ids:
            event.ignore()
            return
        event.acceptProposedAction()
        self.open_articles(ids, replace=False)


def _restrict(comparison: Comparison, ids: list[ArticleId]) -> dict[EntityId, EntityInfo]:
    out: dict[EntityId, EntityInfo] = {}
    for eid, info in comparison.entities.items():
        counts = {a: n for a, n in info.counts.items() if a in ids}
        if counts:
            spellings = {a: f for a, f in info.spellings.items() if a in ids}
            out[eid] = EntityInfo(eid, info.name, info.type, counts, spellings, info.aliases)
    return out
