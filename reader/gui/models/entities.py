"""The entity panel's tree: shared entities first, then those unique to each open article."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from reader.gui.comparison import Comparison, EntityInfo
from reader.gui.palette import EntityStyle
from reader.types import EntityId

Index = QModelIndex | QPersistentModelIndex
FIXED_COLUMNS = ("Entity", "Type")


class EntityTreeModel(QAbstractItemModel):
    """Groups (top level) of entity rows; each row holds only an entity id.

    Group rows have internal id 0; an entity row's internal id is its group
    number + 1, which is all `parent()` needs.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._comparison = Comparison((), {})
        self._styles: dict[str, EntityStyle] = {}
        self._groups: list[tuple[str, list[EntityInfo]]] = []

    def set_comparison(self, comparison: Comparison, styles: dict[str, EntityStyle]) -> None:
        """Show the entities of this comparison."""
        self.beginResetModel()
        self._comparison = comparison
        self._styles = styles
        self._groups = []
        shared = comparison.shared
        if shared:
            self._groups.append((f"Shared ({len(shared)})", shared))
        for n, aid in enumerate(comparison.ids, start=1):
            unique = comparison.unique(aid)
            if unique:
                outlet = comparison.details[aid].outlet or comparison.details[aid].title[:30]
                label = f"Only in {n}: {outlet} ({len(unique)})"
                self._groups.append((label, unique))
        self.endResetModel()

    def entity(self, index: Index) -> EntityInfo | None:
        """The entity of a row, or None for a group row."""
        if not index.isValid() or index.internalId() == 0:
            return None
        return self._groups[index.internalId() - 1][1][index.row()]

    def index_of(self, entity_id: EntityId) -> QModelIndex:
        """The first row showing this entity."""
        for g, (_label, items) in enumerate(self._groups):
            for r, info in enumerate(items):
                if info.entity_id == entity_id:
                    return self.createIndex(r, 0, g + 1)
        return QModelIndex()

    # -- Qt model API ------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == 0:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, 0)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        del parent
        return len(FIXED_COLUMNS) + len(self._comparison.ids)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or section < 0:
            return None
        if section >= self.columnCount():
            return None
        pane = section - len(FIXED_COLUMNS)
        if role == Qt.ItemDataRole.DisplayRole:
            return FIXED_COLUMNS[section] if pane < 0 else str(pane + 1)
        if role == Qt.ItemDataRole.ToolTipRole and pane >= 0:
            detail = self._comparison.details[self._comparison.ids[pane]]
            return f"Mentions in pane {pane + 1}: {detail.title}"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = index.column()
        if index.internalId() == 0:
            label = self._groups[index.row()][0]
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return label
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        info = self.entity(index)
        if info is None:
            return None
        pane = column - len(FIXED_COLUMNS)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return info.name
            if column == 1:
                return info.type
            count = info.counts.get(self._comparison.ids[pane], 0)
            return str(count) if count else "·"
        if role == Qt.ItemDataRole.UserRole:
            return int(info.entity_id)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            style = self._styles.get(info.name) if info.shared else None
            return QColor(style.hue) if style is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return "Spellings: " + ", ".join(info.all_spellings())
        if role == Qt.ItemDataRole.TextAlignmentRole and pane >= 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == 0:
            return Qt.ItemFlag.ItemIsEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
