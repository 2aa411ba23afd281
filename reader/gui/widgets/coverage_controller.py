"""Coverage of the open comparison: computed once per set of articles on a worker, shown in panes.

The CompareView owns one CoverageController. When the panes change it asks the library
for the alignment, timeline, figures and claims of the open articles (off the GUI
thread, cached per set of articles so closing and reopening a pane costs nothing), then
marks the passages only one outlet tells and lights up counterparts as the user hovers
or clicks into a passage.
"""

from __future__ import annotations

import html
import logging
from collections import OrderedDict
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from reader.gui.comparison import Comparison, Coverage, build_coverage
from reader.gui.ops import QueryOp
from reader.gui.widgets.coverage_layer import ONLY_TIP
from reader.types import ArticleId

if TYPE_CHECKING:
    from reader.gui.widgets.compare_view import CompareView
    from reader.gui.widgets.reader_pane import ReaderPane

log = logging.getLogger("reader.gui.coverage")

CACHE_SIZE = 8
START_DELAY_MS = 60
CacheKey = tuple[tuple[int, int], ...]


def coverage_key(comparison: Comparison) -> CacheKey:
    """What the coverage depends on: the set of articles and their texts."""
    return tuple(sorted((int(a), hash(d.text)) for a, d in comparison.details.items()))


class CoverageController(QObject):
    """Coverage for the CompareView's panes.

    Attributes:
        coverage: what is known for the open articles (empty until the worker answers).
        pending: a computation for the open articles is under way.
        cache: coverages computed before, by set of articles (most recent last).

    Signals:
        coverageChanged(): `coverage` or `pending` changed.
    """

    coverageChanged = Signal()

    def __init__(self, view: CompareView) -> None:
        super().__init__(view)
        self.view = view
        self.coverage = Coverage()
        self.pending = False
        self.failed = ""
        self.cache: OrderedDict[CacheKey, Coverage] = OrderedDict()
        self._hover: tuple[int, int] | None = None  # (pane index, text offset)
        self._pinned: tuple[int, int] | None = None
        self._queued: CacheKey | None = None
        self._starter = QTimer(self)
        self._starter.setSingleShot(True)
        self._starter.setInterval(START_DELAY_MS)
        self._starter.timeout.connect(self._start)

    def watch(self, pane: ReaderPane) -> None:
        """Follow the mouse and the text cursor in a new pane."""
        pane.passages.hovered.connect(lambda offset, p=pane: self._hovered(p, offset))
        pane.browser.cursorPositionChanged.connect(lambda p=pane: self._cursor_moved(p))

    # -- computing --------------------------------------------------------------

    def follow(self) -> None:
        """The panes changed: show the cached coverage, or compute it on a worker."""
        comparison = self.view.comparison
        self._hover = self._pinned = None
        self.failed = ""
        key = coverage_key(comparison)
        if len(comparison.ids) < 2:
            self._show(Coverage(comparison.ids), pending=False)
            return
        cached = self.cache.get(key)
        if cached is not None:
            self.cache.move_to_end(key)
            self._show(cached, pending=False)
            return
        self._show(Coverage(comparison.ids), pending=True)
        # Started a moment later: the panes paint first without a worker competing for
        # the interpreter, and opening several sets in a row computes only the last.
        self._queued = key
        self._starter.start()

    def _start(self) -> None:
        key, self._queued = self._queued, None
        comparison = self.view.comparison
        if key is None or coverage_key(comparison) != key or key in self.cache:
            return
        ids = [int(i) for i in comparison.ids]

        def done(result: Coverage) -> None:
            self.cache[key] = result
            while len(self.cache) > CACHE_SIZE:
                self.cache.popitem(last=False)
            if coverage_key(self.view.comparison) == key:
                self._show(result, pending=False)

        def failed(error: BaseException) -> None:
            # Coverage enriches the comparison; the panes are useful without it.
            log.warning("coverage of %s failed: %s", ids, error)
            if coverage_key(self.view.comparison) == key:
                self.failed = str(error)
                self._show(Coverage(comparison.ids), pending=False)

        QueryOp(
            self.view.ctx,
            lambda lib: build_coverage(lib, ids),
            done,
            parent=self.view,
            on_failure=failed,
        ).run_in_background()

    def _show(self, coverage: Coverage, *, pending: bool) -> None:
        self.coverage = coverage
        self.pending = pending
        for pane in self.view.panes:
            aid = pane.article_id
            if aid is None:
                continue
            pane.passages.set_only(
                list(coverage.only.get(aid, ())),
                coverage.passages(aid),
                partial(self._tip, aid),
            )
            pane.passages.set_lit([])
        self.coverageChanged.emit()

    def _tip(self, article_id: ArticleId, span: tuple[int, int]) -> str:
        if self.coverage.is_only(article_id, *span):
            return ONLY_TIP
        lines = []
        for match in self.coverage.counterparts(article_id, *span):
            index = self.view.pane_of(match.article_id)
            if index is None:
                continue
            detail = self.view.comparison.details[match.article_id]
            evidence = ", ".join(match.shared[:5])
            lines.append(
                f"Pane {index + 1} ({html.escape(detail.outlet or 'untitled')}), "
                f"match {match.score:.2f}"
                + (f": <i>{html.escape(evidence)}</i>" if evidence else "")
            )
        return "<b>Also told in</b><br>" + "<br>".join(lines) if lines else ""

    # -- lighting up counterparts -------------------------------------------------

    def _hovered(self, pane: ReaderPane, offset: int) -> None:
        index = self.view.panes.index(pane) if pane in self.view.panes else -1
        self._hover = (index, offset) if index >= 0 and offset >= 0 else None
        self._light()

    def _cursor_moved(self, pane: ReaderPane) -> None:
        if pane not in self.view.panes:
            return
        # The start of a selection: go_to selects a whole sentence and ends after it.
        offset = pane.offsets.to_text(pane.browser.textCursor().selectionStart())
        if offset is None or pane.article_id is None:
            return
        index = self.view.panes.index(pane)
        before = self._pinned_passage()
        self._pinned = (index, offset)
        lit = self._light()
        after = self._pinned_passage()
        if after is not None and after != before:
            # After the source pane has scrolled to its own cursor (go_to scrolls after
            # moving it), so the counterparts line up with where the passage ends up.
            QTimer.singleShot(0, lambda: self.bring_into_view(index, after, lit))

    def _pinned_passage(self) -> tuple[int, int, int] | None:
        if self._pinned is None or self._pinned[0] >= len(self.view.panes):
            return None
        aid = self.view.panes[self._pinned[0]].article_id
        span = self.coverage.passage_at(aid, self._pinned[1]) if aid is not None else None
        return None if span is None else (self._pinned[0], *span)

    def bring_into_view(
        self, source: int, passage: tuple[int, int, int], lit: list[tuple[int, int, int]]
    ) -> None:
        """Scroll each other pane so its best counterpart sits level with the passage.

        Panes whose counterpart is already in full view are left alone, and the
        synchronised scrolling is held back so the source pane does not move.
        """
        band = self.view.panes[source].passages.band(passage[1:])
        if band is None:
            return
        done: set[int] = set()
        for index, start, end in lit:
            if index in done or index == source:
                continue
            done.add(index)
            pane = self.view.panes[index]
            target = pane.passages.band((start, end))
            if target is None or pane.browser.viewport().rect().contains(target):
                continue
            bar = pane.browser.verticalScrollBar()
            self.view.scroll_alone(index, bar.value() + target.top() - max(0, band.top()))

    def light(self, pane_index: int, offset: int) -> list[tuple[int, int, int]]:
        """Light up the counterparts of the passage at `offset` in a pane.

        Returns:
            (pane index, start, end) of each counterpart lit.
        """
        self._pinned = (pane_index, offset)
        return self._light()

    def _light(self) -> list[tuple[int, int, int]]:
        lit: list[tuple[int, int, int]] = []
        where = self._hover or self._pinned
        source = None
        if where is not None and where[0] < len(self.view.panes):
            aid = self.view.panes[where[0]].article_id
            if aid is not None:
                source = self.coverage.passage_at(aid, where[1])
                for match in self.coverage.counterparts(aid, *source) if source else []:
                    index = self.view.pane_of(match.article_id)
                    if index is not None:
                        lit.append((index, match.start, match.end))
        for i, pane in enumerate(self.view.panes):
            spans = [(s, e) for j, s, e in lit if j == i]
            is_source = where is not None and i == where[0] and bool(lit)
            pane.passages.set_lit(spans, source if is_source else None)
        return lit
