"""Annotation tables: the open articles' annotations per pane, and the whole archive's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QUrl
from PySide6.QtGui import QColor, QTextDocument

from reader.records import AnnotationView
from reader.types import ArticleId

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Pane", "Quote", "Note", "Tags")
ARCHIVE_COLUMNS = ("Article", "Quote", "Note", "Tags", "Colour", "Date")
# The six colours the core accepts (reader.annotations.store.COLOURS), light enough for black ink.
SWATCHES = {
    "yellow": "#F4D03F",
    "green": "#58D68D",
    "blue": "#5DADE2",
    "pink": "#F1948A",
    "orange": "#F5B041",
    "purple": "#AF7AC5",
}
DEFAULT_COLOUR = "yellow"


def swatch(colour: str) -> QColor:
    """The QColor of a highlight colour name (unknown names draw as the default)."""
    return QColor(SWATCHES.get(colour, SWATCHES[DEFAULT_COLOUR]))


class NoteDocument(QTextDocument):
    """A document for rendering notes that never loads a resource, local or remote.

    Attributes:
        refused: the URLs the Markdown asked for (images), none of them loaded.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.refused: list[QUrl] = []

    def loadResource(self, type: int, name: QUrl | str) -> Any:  # noqa: A002 (Qt's name)
        """Refuse: a note may name a tracker image; Parallax stays offline."""
        del type
        self.refused.append(QUrl(name))
        return None


def note_plain(note: str) -> str:
    """A note's Markdown as plain text on one line (for table cells)."""
    if not note.strip():
        return ""
    doc = NoteDocument()
    doc.setMarkdown(note)
    return " ".join(doc.toPlainText().split())


@dataclass(frozen=True)
class Filter:
    """What the user narrowed annotations to: words, a tag, a colour (empty = any)."""

    text: str = ""
    tag: str = ""
    colour: str = ""

    def accepts(self, record: AnnotationView, title: str = "") -> bool:
        """Whether the annotation passes every part of the filter."""
        if self.tag and self.tag not in record.tags:
            return False
        if self.colour and record.colour != self.colour:
            return False
        if self.text:
            haystack = " ".join([record.quote, record.note, title, *record.tags]).casefold()
            return all(word in haystack for word in self.text.casefold().split())
        return True


class _AnnotationRows(QAbstractTableModel):
    """Rows are annotation ids (after filtering); records are plain dataclasses."""

    columns: Sequence[str] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[AnnotationView] = []
        self._ids: list[int] = []
        self._rows: dict[int, AnnotationView] = {}
        self.filter = Filter()

    def _title(self, record: AnnotationView) -> str:
        del record
        return ""

    def _refilter(self) -> None:
        self.beginResetModel()
        shown = [r for r in self._all if self.filter.accepts(r, self._title(r))]
        self._ids = [r.id for r in shown]
        self._rows = {r.id: r for r in shown}
        self.endResetModel()

    def set_filter(self, text: str = "", tag: str = "", colour: str = "") -> None:
        """Show only annotations matching all of these (empty parts match anything)."""
        self.filter = Filter(text.strip(), tag, colour)
        self._refilter()

    def all_tags(self) -> list[str]:
        """Every tag on the listed annotations (filtered or not), sorted."""
        return sorted({t for r in self._all for t in r.tags}, key=str.casefold)

    def record(self, row: int) -> AnnotationView:
        """The annotation in `row`."""
        return self._rows[self._ids[row]]

    def row_of(self, annotation_id: int) -> int:
        """The row showing an annotation, or -1."""
        try:
            return self._ids.index(annotation_id)
        except ValueError:
            return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def _common(self, rec: AnnotationView, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            note = note_plain(rec.note)
            return f"“{rec.quote}”\n\n{note}" if note else f"“{rec.quote}”"
        if role == Qt.ItemDataRole.UserRole:
            return rec.id
        return None


def _quote_cell(rec: AnnotationView) -> str:
    quote = " ".join(rec.quote.split())
    marks = "⇄ " if rec.links else ""
    return ("⚠ orphaned: " if rec.orphaned else "") + marks + quote


class AnnotationTableModel(_AnnotationRows):
    """The open articles' annotations, grouped by pane, then in text order."""

    columns = COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._pane_of: dict[ArticleId, int] = {}

    def set_annotations(self, ids: list[ArticleId], records: list[AnnotationView]) -> None:
        """Show these annotations, grouped by pane (in `ids` order), then by position."""
        self._pane_of = {aid: n for n, aid in enumerate(ids)}
        self._all = sorted(
            (r for r in records if ArticleId(r.article) in self._pane_of),
            key=lambda r: (self._pane_of[ArticleId(r.article)], r.orphaned, r.start),
        )
        self._refilter()

    def records(self) -> list[AnnotationView]:
        """Every annotation of the open articles (ignoring the filter)."""
        return list(self._all)

    def pane_of(self, record: AnnotationView) -> int:
        """The pane index showing the annotation's article."""
        return self._pane_of[ArticleId(record.article)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        rec = self.record(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(self.pane_of(rec) + 1)
            if column == 1:
                return _quote_cell(rec)
            if column == 2:
                return note_plain(rec.note)
            return ", ".join(rec.tags)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return swatch(rec.colour)
        return self._common(rec, role)


class ArchiveAnnotationModel(_AnnotationRows):
    """Every annotation in the archive with its article's title; sortable."""

    columns = ARCHIVE_COLUMNS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.titles: dict[int, str] = {}

    def _title(self, record: AnnotationView) -> str:
        return self.titles.get(record.article, f"Article {record.article}")

    def set_records(self, records: list[AnnotationView], titles: dict[int, str]) -> None:
        """Show these annotations; `titles` names their articles."""
        self.titles = dict(titles)
        self._all = list(records)
        self._refilter()

    def _key(self, rec: AnnotationView, column: int) -> Any:
        return (
            self._title(rec).casefold(),
            rec.quote.casefold(),
            rec.note.casefold(),
            ", ".join(rec.tags).casefold(),
            rec.colour,
            rec.created,
        )[column]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self._all.sort(
            key=lambda r: (self._key(r, column), r.article, r.start),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._refilter()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        rec = self.record(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                self._title(rec),
                _quote_cell(rec),
                note_plain(rec.note),
                ", ".join(rec.tags),
                rec.colour,
                rec.created[:16].replace("T", " "),
            )[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 4:
            return swatch(rec.colour)
        return self._common(rec, role)
