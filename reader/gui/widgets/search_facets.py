"""Facet counts of a search (outlet, month, entity); clicking one refines the query."""

from __future__ import annotations

import re
from collections.abc import Mapping

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

#: Facet kinds in display order, with their headings.
FACETS = (("outlet", "Outlet"), ("month", "Month"), ("entity", "Entity"))
#: Values listed per facet before the rest are summed up as "n more".
SHOWN = 8
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_TOP_LEVEL_OR = re.compile(r"\bOR\b")
_MORE_ROLE = Qt.ItemDataRole.UserRole + 1


def facet_term(kind: str, value: str) -> str:
    """The query term that keeps only documents with this facet value."""
    if kind == "month" and _MONTH.match(value):
        return f"date:{value}"
    field = "outlet" if kind == "outlet" else "entity"
    return f'{field}:"{" ".join(value.replace(chr(34), " ").split())}"'


def refine_query(query: str, kind: str, value: str) -> str:
    """`query` narrowed to a facet value: the term is ANDed on, visibly and editably.

    A query with OR is put in parentheses first, so the new term narrows all of it.
    """
    term = facet_term(kind, value)
    query = query.strip()
    if term.casefold() in query.casefold():
        return query
    if not query:
        return term
    if _TOP_LEVEL_OR.search(query):
        query = f"({query})"
    return f"{query} {term}"


class FacetPanel(QWidget):
    """A collapsible tree: Outlet / Month / Entity, each value with its count.

    Signals:
        refine(str, str): the user picked (kind, value).
    """

    refine = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.toggle = QToolButton()
        self.toggle.setObjectName("facetToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.setText("Refine by outlet, month, entity")
        self.toggle.toggled.connect(self._expand)
        self.tree = QTreeWidget()
        self.tree.setObjectName("facetTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setMaximumHeight(230)
        self.tree.setToolTip("Click a value to add it to the query")
        self.tree.itemActivated.connect(self._picked)
        self.tree.itemClicked.connect(self._picked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toggle, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.tree)
        self.hide()

    def _expand(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.tree.setVisible(on)

    def show_facets(self, facets: Mapping[str, Mapping[str, int]]) -> None:
        """List the counts of a search result; hidden when there are none."""
        self.tree.clear()
        for kind, heading in FACETS:
            counts = dict(facets.get(kind) or {})
            if not counts:
                continue
            if kind == "month":
                ordered = sorted(counts.items(), reverse=True)  # newest first
            else:
                ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].casefold()))
            group = QTreeWidgetItem(self.tree, [heading, ""])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = group.font(0)
            font.setBold(True)
            group.setFont(0, font)
            self._fill(group, kind, ordered, SHOWN)
            group.setExpanded(True)
        self.setVisible(self.tree.topLevelItemCount() > 0)

    def _fill(
        self, group: QTreeWidgetItem, kind: str, ordered: list[tuple[str, int]], shown: int
    ) -> None:
        group.takeChildren()
        for value, count in ordered[:shown]:
            item = QTreeWidgetItem(group, [value, f"{count:,}"])
            item.setData(0, Qt.ItemDataRole.UserRole, (kind, value))
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
            item.setToolTip(0, f"Add {facet_term(kind, value)} to the query")
        if len(ordered) > shown:
            rest = QTreeWidgetItem(group, [f"{len(ordered) - shown} more…", ""])
            rest.setToolTip(0, "Show them all")
            # Clicking "more" lists the rest in place.
            rest.setData(0, _MORE_ROLE, (kind, ordered))

    def _show_all(self, group: QTreeWidgetItem, kind: str, ordered: list[tuple[str, int]]) -> None:
        if shiboken6.isValid(group):  # not if a new search replaced the tree meanwhile
            self._fill(group, kind, ordered, len(ordered))

    def values(self, kind: str) -> list[tuple[str, str]]:
        """(value, count text) rows listed under one facet (what the user sees)."""
        heading = dict(FACETS)[kind]
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is not None and group.text(0) == heading:
                children = [group.child(j) for j in range(group.childCount())]
                return [
                    (c.text(0), c.text(1))
                    for c in children
                    if c is not None and c.data(0, Qt.ItemDataRole.UserRole)
                ]
        return []

    def item_for(self, kind: str, value: str) -> QTreeWidgetItem | None:
        """The tree row of one facet value, if listed."""
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is None:
                continue
            for j in range(group.childCount()):
                child = group.child(j)
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole) == (kind, value):
                    return child
        return None

    def _picked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        more = item.data(0, _MORE_ROLE)
        group = item.parent()
        if more and group is not None:
            kind, ordered = more
            # After this click is handled: the clicked row is replaced.
            QTimer.singleShot(0, lambda: self._show_all(group, str(kind), list(ordered)))
            return
        data = item.data(0, Qt.ItemDataRole.UserRole)
        if data:
            kind, value = data
            self.refine.emit(str(kind), str(value))
