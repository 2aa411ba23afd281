"""The annotation panel's table: annotations of the open articles, per pane in text order."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reader.records import AnnotationView
from reader.types import ArticleId

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Pane", "Quote", "Note", "Tags")
SWATCHES = {
    "yellow": "#F4D03F",
    "green": "#58D68D",
    "blue": "#5DADE2",
    "pink": "#F1948A",
    "orange": "#F5B041",
    "purple": "#AF7AC5",
}


class AnnotationTableModel(QAbstractTableModel):
    """Rows are annotation ids; records are small plain dataclasses from the Library."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: dict[int, AnnotationView] = {}
        self._pane_of: dict[ArticleId, int] = {}

    def set_annotations(self, ids: list[ArticleId], records: list[AnnotationView]) -> None:
        """Show these annotations, grouped by pane (in `ids` order), then by position."""
        self.beginResetModel()
        self._pane_of = {aid: n for n, aid in enumerate(ids)}
        ordered = sorted(
            (r for r in records if ArticleId(r.article) in self._pane_of),
            key=lambda r: (self._pane_of[ArticleId(r.article)], r.start),
        )
        self._ids = [r.id for r in ordered]
        self._rows = {r.id: r for r in ordered}
        self.endResetModel()

    def record(self, row: int) -> AnnotationView:
        """The annotation in `row`."""
        return self._rows[self._ids[row]]

    def pane_of(self, record: AnnotationView) -> int:
        """The pane index showing the annotation's article."""
        return self._pane_of[ArticleId(record.article)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        rec = self.record(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(self.pane_of(rec) + 1)
            if column == 1:
                quote = " ".join(rec.quote.split())
                return ("⚠ orphaned: " if rec.orphaned else "") + quote
            if column == 2:
                return rec.note.splitlines()[0] if rec.note else ""
            return ", ".join(rec.tags)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(SWATCHES.get(rec.colour, "#F4D03F"))
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"“{rec.quote}”\n\n{rec.note}" if rec.note else f"“{rec.quote}”"
        if role == Qt.ItemDataRole.UserRole:
            return rec.id
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
