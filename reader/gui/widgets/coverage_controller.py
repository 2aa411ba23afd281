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

from PySide6.QtCore import QObject, Signal

from reader.gui.comparison import Comparison, Coverage, build_coverage
from reader.gui.ops import QueryOp
from reader.gui.widgets.coverage_layer import ONLY_TIP
from reader.types import ArticleId

if TYPE_CHECKING:
    from reader.gui.widgets.compare_view import CompareView
    from reader.gui.widgets.reader_pane import ReaderPane

log = logging.getLogger("reader.gui.coverage")

CACHE_SIZE = 8
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
        offset = pane.offsets.to_text(pane.browser.textCursor().position())
        if offset is not None:
            self._pinned = (self.view.panes.index(pane), offset)
            self._light()

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
