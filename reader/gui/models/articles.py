"""The library table: article ids with a lazy row cache (Anki's browser DataModel idea)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from reader.library import SORT_KEYS, ArticleFilter
from reader.records import ArticleSummary
from reader.types import ArticleId

log = logging.getLogger("reader.gui.models")

ARTICLE_IDS_MIME = "application/x-parallax-article-ids"
COLUMNS = ("Title", "Outlet", "Date", "Authors", "Words", "≈")
NEAR_COLUMN = 5
CHUNK = 200  # rows fetched per cache miss: one screenful and some slack

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[list[int]], list[ArticleSummary]]
#: Library.filter_article_ids: (filter, within=, sort=, descending=) -> ids.
Select = Callable[..., list[ArticleId]]
#: Library.near_duplicates: the other articles of one article's group.
Near = Callable[[int], list[ArticleSummary]]


def _sort_key(column: int, sizes: dict[int, int]) -> Callable[[ArticleSummary], Any]:
    keys: tuple[Callable[[ArticleSummary], Any], ...] = (
        lambda s: s.title.casefold(),
        lambda s: (s.outlet or "").casefold(),
        lambda s: s.published or "",
        lambda s: ", ".join(s.authors).casefold(),
        lambda s: s.words,
        lambda s: sizes.get(s.near_group or 0, 0),
    )
    return keys[column]


def _matches(summary: ArticleSummary, needle: str) -> bool:
    hay = " ".join([summary.title, summary.outlet or "", " ".join(summary.authors)])
    return needle in hay.casefold()


def _keeps(summary: ArticleSummary, flt: ArticleFilter) -> bool:
    """The outlet and date parts of a filter, for models without SQL behind them."""
    day = (summary.published or "")[:10]
    if flt.outlet is not None and (summary.outlet or "") != flt.outlet:
        return False
    if flt.date_from and not (day and day >= flt.date_from):
        return False
    return not (flt.date_to and not (day and day <= flt.date_to))


class ArticleTableModel(QAbstractTableModel):
    """Rows are article ids; their summaries are fetched in chunks when first shown.

    With a `select` function (Library.filter_article_ids) filtering and sorting
    run in SQL, so 100k rows never become Python objects; without one they run
    over the fetched summaries.

    Attributes:
        snippets: optional per-id text shown as the tooltip (search hits).
        variant_only: hits found only through another spelling of an entity.
        group_sizes: {near-duplicate group: articles in it}.
    """

    def __init__(
        self,
        fetch: Fetch,
        parent: Any = None,
        *,
        select: Select | None = None,
        near: Near | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._select = select
        self._near = near
        self._all_ids: list[ArticleId] = []  # the source list (archive or search hits)
        self._ids: list[ArticleId] = []  # after filter and sort
        self._cache: dict[ArticleId, ArticleSummary] = {}
        self._filter = ""
        self._constraints = ArticleFilter()
        self._is_archive = False
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.snippets: dict[ArticleId, str] = {}
        self.variant_only: set[ArticleId] = set()
        self.group_sizes: dict[int, int] = {}

    # -- loading ----------------------------------------------------------

    def set_ids(
        self,
        ids: Sequence[int],
        snippets: dict[ArticleId, str] | None = None,
        *,
        archive: bool = False,
        variant_only: Sequence[int] = (),
    ) -> None:
        """Show these ids: the whole archive (`archive`), or search hits in rank order."""
        self.beginResetModel()
        self._all_ids = [ArticleId(int(i)) for i in ids]
        self._is_archive = archive
        self._cache.clear()
        self.snippets = dict(snippets or {})
        self.variant_only = {ArticleId(int(i)) for i in variant_only}
        self._ids = self._apply(self._all_ids)
        self.endResetModel()

    def set_constraints(self, flt: ArticleFilter) -> None:
        """Keep only rows of this outlet, date range and tag (its text part is ignored)."""
        flt = ArticleFilter(
            outlet=flt.outlet, date_from=flt.date_from, date_to=flt.date_to, tag=flt.tag
        )
        if flt == self._constraints:
            return
        self.beginResetModel()
        self._constraints = flt
        self._ids = self._apply(self._all_ids)
        self.endResetModel()

    @property
    def constraints(self) -> ArticleFilter:
        """The outlet, date and tag filter in force."""
        return self._constraints

    def set_group_sizes(self, sizes: dict[int, int]) -> None:
        """Near-duplicate group sizes, for the ≈ column."""
        self.group_sizes = dict(sizes)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, NEAR_COLUMN), self.index(len(self._ids) - 1, NEAR_COLUMN)
            )

    def near_count(self, summary: ArticleSummary) -> int:
        """How many other articles are near-duplicates of this one."""
        if summary.near_group is None:
            return 0
        return max(0, self.group_sizes.get(summary.near_group, 1) - 1)

    def set_filter(self, text: str) -> None:
        """Keep rows whose title, outlet or authors contain `text` (case-insensitive)."""
        needle = " ".join(text.casefold().split())
        if needle == self._filter:
            return
        self.beginResetModel()
        self._filter = needle
        self._ids = self._apply(self._all_ids)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column; a negative column restores the source order."""
        wanted = (column, order) if 0 <= column < len(COLUMNS) else None
        if wanted == self._sort:
            return  # QTableView.sortByColumn asks twice; at 100k rows each costs a query
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_ids = [self._ids[p.row()] if p.isValid() else None for p in persistent]
        self._sort = wanted
        self._ids = self._apply(self._all_ids)
        keep = {aid for aid in old_ids if aid is not None}
        rows = {aid: row for row, aid in enumerate(self._ids) if aid in keep} if keep else {}
        for p, aid in zip(persistent, old_ids, strict=True):
            if aid is None or aid not in rows:
                self.changePersistentIndex(p, QModelIndex())
            else:
                self.changePersistentIndex(p, self.index(rows[aid], p.column()))
        self.layoutChanged.emit()

    def _apply(self, ids: list[ArticleId]) -> list[ArticleId]:
        constrained = not self._constraints.is_empty()
        if not self._filter and self._sort is None and not constrained:
            return list(ids)
        if self._select is not None:
            return self._apply_sql(ids)
        # Filtering and sorting need every row's fields; fetch the missing ones once.
        self._ensure_cached(ids)
        out = [i for i in ids if i in self._cache]
        if self._filter:
            out = [i for i in out if _matches(self._cache[i], self._filter)]
        if constrained:
            out = [i for i in out if _keeps(self._cache[i], self._constraints)]
        if self._sort is not None:
            column, order = self._sort
            key = _sort_key(column, self.group_sizes)
            out.sort(key=lambda i: key(self._cache[i]))
            if order == Qt.SortOrder.DescendingOrder:
                out.reverse()
        return out

    def _apply_sql(self, ids: list[ArticleId]) -> list[ArticleId]:
        assert self._select is not None
        c = self._constraints
        flt = ArticleFilter(self._filter, c.outlet, c.date_from, c.date_to, c.tag)
        sort = SORT_KEYS[self._sort[0]] if self._sort is not None else None
        descending = self._sort is not None and self._sort[1] == Qt.SortOrder.DescendingOrder
        within = None if self._is_archive else ids
        return list(self._select(flt, within=within, sort=sort, descending=descending))

    def _ensure_cached(self, ids: Sequence[ArticleId]) -> None:
        missing = [int(i) for i in ids if i not in self._cache]
        # SQLite caps bound parameters; stay well below it.
        for start in range(0, len(missing), 900):
            for summary in self._fetch(missing[start : start + 900]):
                self._cache[summary.id] = summary

    def _summary(self, row: int) -> ArticleSummary | None:
        aid = self._ids[row]
        summary = self._cache.get(aid)
        if summary is None:
            lo = max(0, row - CHUNK // 4)
            self._ensure_cached(self._ids[lo : lo + CHUNK])
            summary = self._cache.get(aid)
        return summary

    # -- queries by the GUI -------------------------------------------------

    def article_id(self, row: int) -> ArticleId:
        """The id shown in `row`."""
        return self._ids[row]

    def row_of(self, article_id: int) -> int:
        """The row of an id, or -1 when it is not shown."""
        try:
            return self._ids.index(ArticleId(article_id))
        except ValueError:
            return -1

    def source_count(self) -> int:
        """Rows before filtering: the archive's articles or the search hits."""
        return len(self._all_ids)

    def shown_variant_only(self) -> int:
        """How many shown rows came only through another spelling of a name."""
        if not self.variant_only:
            return 0
        return sum(1 for i in self._ids if i in self.variant_only)

    def cached_rows(self) -> int:
        """How many summaries are in memory (the lazy cache at work)."""
        return len(self._cache)

    # -- Qt model API ----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == 4:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ToolTipRole and section == NEAR_COLUMN:
                return "Near-duplicates: other copies of the same story in the archive"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == Qt.ItemDataRole.UserRole:
            return int(self._ids[index.row()])
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole) and not (
            role == Qt.ItemDataRole.TextAlignmentRole
        ):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 4:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == NEAR_COLUMN:
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        summary = self._summary(index.row())
        if summary is None:
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, column)
        near = self.near_count(summary)
        values = (
            summary.title or "(untitled)",
            summary.outlet or "",
            (summary.published or "")[:10],
            ", ".join(summary.authors),
            f"{summary.words:,}",
            f"≈{near}" if near else "",
        )
        return values[column]

    def _tooltip(self, summary: ArticleSummary, column: int) -> str:
        if column == NEAR_COLUMN and self.near_count(summary):
            others = self._near(int(summary.id)) if self._near is not None else []
            lines = [
                f"• {o.title} — {o.outlet or 'unknown outlet'}, {(o.published or '')[:10]}"
                for o in others
            ]
            return "\n".join(
                [f"{len(others)} near-duplicate(s) of this article:", *lines]
                + ["", "Right-click: Compare with near-duplicates"]
            )
        text = summary.title
        if summary.id in self.variant_only:
            text += "\n(found through another spelling of a name in the query)"
        snippet = self.snippets.get(summary.id)
        return f"{text}\n\n{snippet}" if snippet else text

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def mimeTypes(self) -> list[str]:
        return [ARTICLE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: list[int] = []
        for index in indexes:
            if index.isValid() and int(self._ids[index.row()]) not in ids:
                ids.append(int(self._ids[index.row()]))
        mime = QMimeData()
        mime.setData(ARTICLE_IDS_MIME, json.dumps(ids).encode("ascii"))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction


def ids_from_mime(mime: QMimeData) -> list[ArticleId]:
    """Article ids carried by a drag from the library, or []."""
    if not mime.hasFormat(ARTICLE_IDS_MIME):
        return []
    try:
        raw = json.loads(bytes(mime.data(ARTICLE_IDS_MIME).data()).decode("ascii"))
    except ValueError:
        return []
    return [ArticleId(int(i)) for i in raw if isinstance(i, int)]
