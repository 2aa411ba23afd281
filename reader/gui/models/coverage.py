"""Table models of the Coverage dock: entity grid, timeline, figures and claims.

Every row can say where it points in the text (TARGET_ROLE: article id, start, end) so a
click takes the reader there; SORT_ROLE gives a proxy something to sort by that is not
the displayed text (counts as numbers, dates as ISO strings).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from reader.gui.comparison import Comparison, Coverage, EntityInfo
from reader.types import ArticleId

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
TARGET_ROLE = Qt.ItemDataRole.UserRole + 2  # (article id, start, end) to go to
ENTITY_ROLE = Qt.ItemDataRole.UserRole + 3  # (entity id, article id or None) in the grid
CONFLICT_ROLE = Qt.ItemDataRole.UserRole + 4  # True on rows that disagree with another outlet

# Translucent, so it reads on light and dark bases alike; always paired with a ⚠ text.
CONFLICT_BG = QColor(255, 152, 0, 70)
WARN = "⚠"
Index = QModelIndex | QPersistentModelIndex


def pane_labels(comparison: Comparison) -> dict[ArticleId, str]:
    """'2 · Outlet' for each open article (the pane number the user sees)."""
    labels = {}
    for i, aid in enumerate(comparison.ids):
        detail = comparison.details[aid]
        name = detail.outlet or detail.title or "untitled"
        labels[aid] = f"{i + 1} · {name if len(name) <= 28 else name[:26] + '…'}"
    return labels


def _numberer(comparison: Comparison) -> Callable[[int], str]:
    """The pane number ('2') an article id is shown in, '?' if none."""
    numbers = {int(aid): str(i + 1) for i, aid in enumerate(comparison.ids)}
    return lambda aid: numbers.get(int(aid), "?")


def _title(comparison: Comparison, aid: ArticleId) -> str:
    detail = comparison.details[aid]
    title = detail.title or "untitled"
    return f"{title} ({detail.outlet})" if detail.outlet else title


@dataclass(frozen=True)
class Column:
    """One column: its header and how a row shows and sorts in it."""

    header: str
    show: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None
    tip: Callable[[Any], str] | None = None
    header_tip: str = ""


class RowsModel(QAbstractTableModel):
    """A read-only table of plain rows described by Columns."""

    columns: Sequence[Column] = ()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any], columns: Sequence[Column] | None = None) -> None:
        """Replace the rows (and the columns, if given)."""
        self.beginResetModel()
        self.rows = rows
        if columns is not None:
            self.columns = columns
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.columns[section].header_tip or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if not 0 <= index.column() < len(self.columns):
            return None
        row = self.rows[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.show(row)
        if role == SORT_ROLE:
            return column.sort(row) if column.sort else column.show(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tip(row) if column.tip else None
        return self.row_data(row, index.column(), role)

    def row_data(self, row: Any, column: int, role: int) -> Any:
        """Other roles for a row (targets, conflict colours); None by default."""
        del row, column, role
        return None


# -- entity grid ------------------------------------------------------------------


def _count_column(key: int, label: str, title: str, where: str) -> Column:
    def count(e: EntityInfo) -> int:
        return e.counts.get(ArticleId(key), 0)

    def tip(e: EntityInfo) -> str:
        forms = ", ".join(e.spellings.get(ArticleId(key), ()))
        return f"{e.name}: {count(e)} mention(s) in {where} {label}" + (
            f", as {forms}" if forms else ""
        )

    return Column(
        label, lambda e: str(count(e)) if count(e) else "–", count, tip, f"Mentions in {title}"
    )


class EntityGridModel(RowsModel):
    """Entities (rows) x open articles or outlets (columns): how often each mentions each.

    Attributes:
        keys: the column keys after Entity and Type (article ids, or outlet numbers).
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: tuple[int, ...] = ()

    def set_comparison(self, comparison: Comparison) -> None:
        """Show the entities of the open articles, most widely mentioned first."""
        labels = pane_labels(comparison)
        self.set_grid(
            list(comparison.entities.values()),
            [(int(a), labels[a], _title(comparison, a)) for a in comparison.ids],
            "pane",
        )

    def set_grid(
        self, entities: Sequence[EntityInfo], columns: Sequence[tuple[int, str, str]], where: str
    ) -> None:
        """Show entities whose `counts` are keyed by the first item of each column.

        Args:
            columns: (key, header, header tooltip) per count column.
            where: what a column is, for tooltips ("pane", "outlet").
        """
        self.keys = tuple(key for key, _label, _title in columns)
        header = [
            Column("Entity", lambda e: e.name, lambda e: e.name.casefold()),
            Column("Type", lambda e: e.type),
            *(_count_column(key, label, title, where) for key, label, title in columns),
            Column(
                "Total", lambda e: str(sum(e.counts.values())), lambda e: sum(e.counts.values())
            ),
        ]
        rows = sorted(
            entities, key=lambda e: (-len(e.counts), -sum(e.counts.values()), e.name.casefold())
        )
        self.set_rows(rows, header)

    def row_data(self, row: EntityInfo, column: int, role: int) -> Any:
        key = self.keys[column - 2] if 2 <= column < 2 + len(self.keys) else None
        if role == ENTITY_ROLE:
            return (int(row.entity_id), key)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


# -- timeline -----------------------------------------------------------------------


def happening_labels(events: Sequence[dict[str, Any]]) -> dict[int, str]:
    """'A', 'B', ... for the groups of events that tell the same happening, in date order."""
    labels: dict[int, str] = {}
    for event in events:
        group = event.get("group")
        if group is not None and group not in labels:
            n = len(labels)
            labels[group] = chr(ord("A") + n) if n < 26 else f"#{n + 1}"
    return labels


class TimelineModel(RowsModel):
    """Dated events of the open articles in date order; differing dates for one happening marked."""

    def set_coverage(self, coverage: Coverage, comparison: Comparison) -> None:
        """Show the coverage's timeline."""
        labels = pane_labels(comparison)
        number = _numberer(comparison)
        events = sorted(
            coverage.timeline,
            key=lambda e: (str(e["date"]), labels.get(ArticleId(e["article"]), ""), e["start"]),
        )
        happening = happening_labels(events)

        def pane(aid: int) -> str:
            return labels.get(ArticleId(aid), f"article {aid}")

        def check(e: dict[str, Any]) -> str:
            if not e.get("conflict"):
                return ""
            others = "; ".join(f"pane {number(a)} says {d}" for a, d in e.get("conflicts", ()))
            return f"{WARN} differs: {others}"

        columns = [
            Column("Date", lambda e: str(e["date"]), lambda e: f"{e['date']}|{e['start']:09d}"),
            Column(
                "Event",
                lambda e: happening.get(e["group"], "") if e.get("group") is not None else "",
                lambda e: happening.get(e["group"], "~") if e.get("group") is not None else "~",
                lambda _e: "Sentences with the same letter tell the same happening",
            ),
            Column("Pane", lambda e: pane(e["article"])),
            Column("Written", lambda e: str(e.get("surface", ""))),
            Column("Sentence", lambda e: str(e.get("sentence", "")), tip=lambda e: e["sentence"]),
            Column("Check", check, lambda e: f"{0 if e.get('conflict') else 1}|{e['date']}", check),
        ]
        self.set_rows(events, columns)

    def row_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        del column
        if role == TARGET_ROLE:
            return (int(row["article"]), int(row["start"]), int(row["end"]))
        if role == CONFLICT_ROLE:
            return bool(row.get("conflict"))
        if role == Qt.ItemDataRole.BackgroundRole and row.get("conflict"):
            return CONFLICT_BG
        return None


# -- figures ------------------------------------------------------------------------


def _value(fig: dict[str, Any]) -> str:
    low, high, unit = fig.get("low"), fig.get("high"), fig.get("unit") or ""
    if low is None:
        return ""
    text = f"{low:g}" if high == low else f"{low:g}–{'…' if high is None else f'{high:g}'}"
    return f"{text} {unit}".strip()


class FiguresModel(RowsModel):
    """Figures the articles give for the same thing, one row per figure, disagreements marked."""

    def set_coverage(self, coverage: Coverage, comparison: Comparison) -> None:
        """Show the coverage's figure groups (disagreeing groups first)."""
        labels = pane_labels(comparison)
        number = _numberer(comparison)
        rows = []
        order = sorted(
            range(len(coverage.figures)), key=lambda g: not coverage.figures[g]["disagree"]
        )
        for g, index in enumerate(order):
            group = coverage.figures[index]
            figures = group.get("figures", [])
            for i, fig in enumerate(figures):
                against = [
                    b if a == i else a for a, b in group.get("disagreements", ()) if i in (a, b)
                ]
                rows.append(
                    {
                        **fig,
                        "group": g,
                        "what": fig.get("counts") or group.get("key", ""),
                        "differs": [
                            f"pane {number(figures[j]['article'])} says {figures[j]['surface']}"
                            for j in against
                        ],
                    }
                )

        def pane(f: dict[str, Any]) -> str:
            return labels.get(ArticleId(f["article"]), f"article {f['article']}")

        def check(f: dict[str, Any]) -> str:
            return f"{WARN} differs: {'; '.join(f['differs'])}" if f["differs"] else "agrees"

        columns = [
            Column("Counts", lambda f: str(f["what"]), lambda f: f"{f['group']:05d}|{f['what']}"),
            Column("Figure", lambda f: str(f["surface"]), lambda f: f.get("low") or 0.0),
            Column("Value", _value, lambda f: f.get("low") or 0.0),
            Column("Pane", pane),
            Column("Sentence", lambda f: str(f.get("text", "")), tip=lambda f: f.get("text", "")),
            Column("Check", check, lambda f: f"{0 if f['differs'] else 1}|{f['group']:05d}", check),
        ]
        self.set_rows(rows, columns)

    def row_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        del column
        if role == TARGET_ROLE:
            start, end = row["sentence"]
            return (int(row["article"]), int(start), int(end))
        if role == CONFLICT_ROLE:
            return bool(row["differs"])
        if role == Qt.ItemDataRole.BackgroundRole and row["differs"]:
            return CONFLICT_BG
        return None


# -- claims -------------------------------------------------------------------------


class ClaimsModel(RowsModel):
    """Attributed claims grouped by who made them (speakers in several outlets first)."""

    def set_coverage(self, coverage: Coverage, comparison: Comparison) -> None:
        """Show the coverage's claim groups."""
        labels = pane_labels(comparison)
        groups = sorted(
            enumerate(coverage.claims),
            key=lambda gi: (-len(gi[1].get("articles", ())), -len(gi[1].get("claims", ())), gi[0]),
        )
        rows = []
        for g, group in groups:
            who = (group.get("speakers") or [group.get("key", "")])[0]
            for claim in group.get("claims", ()):
                rows.append(
                    {**claim, "group": g, "who": who, "outlets": len(group.get("articles", ()))}
                )

        def pane(c: dict[str, Any]) -> str:
            return labels.get(ArticleId(c["article"]), f"article {c['article']}")

        columns = [
            Column(
                "Speaker",
                lambda c: str(c["who"]),
                lambda c: f"{99 - c['outlets']:02d}|{c['group']:05d}",
                lambda c: f"{c['who']}: quoted by {c['outlets']} of the open articles",
            ),
            Column(
                "Outlets",
                lambda c: str(c["outlets"]),
                lambda c: c["outlets"],
                header_tip="How many of the open articles quote this speaker",
            ),
            Column("Verb", lambda c: str(c.get("verb", ""))),
            Column("Pane", pane),
            Column(
                "Sentence",
                lambda c: str(c.get("sentence", "")),
                tip=lambda c: c.get("sentence", ""),
            ),
        ]
        self.set_rows(rows, columns)

    def row_data(self, row: dict[str, Any], column: int, role: int) -> Any:
        del column
        if role == TARGET_ROLE:
            start, end = row["span"]
            return (int(row["article"]), int(start), int(end))
        return None
