"""The archive's annotations in one window: all of them (filtered), and the orphans."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.gui.models.annotations import SWATCHES, ArchiveAnnotationModel
from reader.gui.ops import QueryOp
from reader.gui.widgets.annotation_dialog import colour_icon, fill_tag_box
from reader.gui.widgets.annotation_panel import AnnotationPanel
from reader.records import AnnotationView


def _table(model: ArchiveAnnotationModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setShowGrid(False)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    for column, width in enumerate((220, 320, 220, 110, 80, 90)):
        header.resizeSection(column, width)
    return view


class AllAnnotationsDialog(QDialog):
    """A table of every annotation in the archive; double-click opens it in a pane.

    The Orphans tab lists annotations whose passage re-extraction lost: delete
    them, or re-attach one to the text selected in its article's pane.
    """

    def __init__(self, panel: AnnotationPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.setWindowTitle("All annotations")
        self.setObjectName("allAnnotations")
        self.setModal(False)
        self.model = ArchiveAnnotationModel(self)
        self.orphans = ArchiveAnnotationModel(self)
        self.table = _table(self.model, "allAnnotationsTable")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.doubleClicked.connect(self._open)
        self.orphan_table = _table(self.orphans, "orphanTable")
        self.orphan_table.doubleClicked.connect(self._open)
        self.orphan_table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by words in the title, quote, note or tags")
        self.filter_edit.setClearButtonEnabled(True)
        self.tag_box = QComboBox()
        self.tag_box.addItem("All tags", "")
        self.colour_box = QComboBox()
        self.colour_box.addItem("All colours", "")
        for name in SWATCHES:
            self.colour_box.addItem(colour_icon(name), name.capitalize(), name)
        self.filter_edit.textChanged.connect(lambda _t: self._refilter())
        self.tag_box.currentIndexChanged.connect(lambda _i: self._refilter())
        self.colour_box.currentIndexChanged.connect(lambda _i: self._refilter())
        filters = QHBoxLayout()
        filters.addWidget(self.filter_edit, 3)
        filters.addWidget(self.tag_box, 1)
        filters.addWidget(self.colour_box, 1)
        self.count_label = QLabel("")
        all_tab = QWidget()
        box = QVBoxLayout(all_tab)
        box.addLayout(filters)
        box.addWidget(self.table, 1)
        box.addWidget(self.count_label)

        self.delete_button = QPushButton("Delete")
        self.delete_button.clicked.connect(self.delete_orphan)
        self.reattach_button = QPushButton("Re-attach to selection")
        self.reattach_button.setToolTip(
            "Open the article, select the passage the note belongs to, then press this"
        )
        self.reattach_button.clicked.connect(self.reattach_orphan)
        open_button = QPushButton("Open article")
        open_button.clicked.connect(lambda: self._open(self.orphan_table.currentIndex()))
        buttons = QHBoxLayout()
        buttons.addWidget(open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.reattach_button)
        buttons.addWidget(self.delete_button)
        orphan_tab = QWidget()
        box = QVBoxLayout(orphan_tab)
        hint = QLabel(
            "These annotations lost their place when their article was extracted again. "
            "They are kept here until you delete them or re-attach them to a passage."
        )
        hint.setWordWrap(True)
        box.addWidget(hint)
        box.addWidget(self.orphan_table, 1)
        self.orphan_status = QLabel("")
        self.orphan_status.setWordWrap(True)
        box.addWidget(self.orphan_status)
        box.addLayout(buttons)

        self.tabs = QTabWidget()
        self.tabs.addTab(all_tab, "All annotations")
        self.tabs.addTab(orphan_tab, "Orphans")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(1100, 560)
        panel.undo.changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        """Read every annotation and the titles of their articles."""

        def load(lib: Any) -> tuple[list[AnnotationView], dict[int, str]]:
            records = lib.annotations()
            ids = sorted({r.article for r in records})
            return records, {int(s.id): s.title or "(untitled)" for s in lib.summaries(ids)}

        QueryOp(self.panel.ctx, load, lambda r: self._loaded(*r), parent=self).run_in_background()

    def _loaded(self, records: list[AnnotationView], titles: dict[int, str]) -> None:
        self.model.set_records(records, titles)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.orphans.set_records([r for r in records if r.orphaned], titles)
        self.tabs.setTabText(1, f"Orphans ({self.orphans.rowCount()})")
        fill_tag_box(self.tag_box, self.model.all_tags())
        self._refilter()

    def _refilter(self) -> None:
        self.model.set_filter(
            self.filter_edit.text(),
            self.tag_box.currentData() or "",
            self.colour_box.currentData() or "",
        )
        total = len(self.model._all)
        shown = self.model.rowCount()
        count = f"{total} annotations" if shown == total else f"{shown} of {total} annotations"
        self.count_label.setText(f"{count} · double-click one to open it beside the open articles")
        self._enable()

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        model = index.model()
        assert isinstance(model, ArchiveAnnotationModel)
        rec = model.record(index.row())
        self.panel.open_annotation(rec.article, rec.id)

    def _orphan(self) -> AnnotationView | None:
        index = self.orphan_table.currentIndex()
        return self.orphans.record(index.row()) if index.isValid() else None

    def _selection_for(self, rec: AnnotationView) -> tuple[int, int, str] | None:
        pane = self.panel.active_pane()
        if pane is None or pane.detail is None or pane.article_id != rec.article:
            return None
        span = pane.selected_span()
        return None if span is None else (*span, pane.detail.text[span[0] : span[1]])

    def _enable(self) -> None:
        rec = self._orphan()
        self.delete_button.setEnabled(rec is not None)
        self.reattach_button.setEnabled(rec is not None)

    def delete_orphan(self) -> None:
        """Delete the chosen orphan (undoable)."""
        rec = self._orphan()
        if rec is not None:
            self.panel.undo.delete(rec)

    def reattach_orphan(self) -> bool:
        """Attach the chosen orphan's note, tags and links to the selected passage (undoable)."""
        rec = self._orphan()
        selection = self._selection_for(rec) if rec is not None else None
        if rec is None or selection is None:
            self.orphan_status.setText(
                "Open the orphan's article (double-click it), select the passage, then press "
                "Re-attach again."
            )
            return False
        self.orphan_status.setText("")
        start, end, quote = selection
        self.panel.undo.reattach(rec, start, end, quote)
        return True
