"""Outlet, date-range and tag filters above the library list."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QToolButton,
    QWidget,
)

from reader.library import ArticleFilter

ANY_OUTLET = "All outlets"
ANY_TAG = "All tags"
# A QDateEdit cannot be empty: its minimum date stands for "no limit" and shows "any".
_NO_DATE = QDate(1800, 1, 1)
_ISO = "yyyy-MM-dd"


class _FreshCombo(QComboBox):
    """A combo box that asks for fresh choices just before it opens."""

    def __init__(self, owner: LibraryFilters) -> None:
        super().__init__()
        self._owner = owner

    def showPopup(self) -> None:
        if self._owner.before_popup is not None:
            self._owner.before_popup()
        super().showPopup()


class _DateBox(QDateEdit):
    """A date edit whose lowest value means 'no limit'."""

    def __init__(self, tip: str, unset: str) -> None:
        super().__init__()
        self.setCalendarPopup(True)
        self.setDisplayFormat(_ISO)
        self.setMinimumDate(_NO_DATE)
        self.setSpecialValueText(unset)
        self.setDate(_NO_DATE)
        self.setToolTip(tip)

    def iso(self) -> str | None:
        """The chosen day, or None for no limit."""
        day = self.date()
        return None if day == _NO_DATE else day.toString(_ISO)

    def set_iso(self, value: str | None) -> None:
        """Set a day ("YYYY-MM-DD") or clear the limit (None)."""
        day = QDate.fromString(value, _ISO) if value else _NO_DATE
        self.setDate(day if day.isValid() else _NO_DATE)

    def open_near(self, iso: str | None) -> None:
        """Make the calendar open on this day while the value stays 'any'."""
        day = QDate.fromString(iso, _ISO) if iso else QDate()
        if day.isValid():
            self.calendarWidget().setCurrentPage(day.year(), day.month())


class LibraryFilters(QWidget):
    """Combo boxes and date edits that narrow the library (and search hits).

    Signals:
        changed(): the filter changed; read it from `current()`.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        #: Called before a combo box opens (the library re-reads outlets and tags).
        self.before_popup: Callable[[], None] | None = None
        self.outlet_box = _FreshCombo(self)
        self.outlet_box.setObjectName("outletFilter")
        self.outlet_box.setToolTip("Only articles from this outlet")
        self.tag_box = _FreshCombo(self)
        self.tag_box.setObjectName("tagFilter")
        self.tag_box.setToolTip("Only articles with an annotation carrying this tag")
        self.date_from = _DateBox("Published on or after this day", "from any")
        self.date_from.setObjectName("dateFrom")
        self.date_to = _DateBox("Published on or before this day", "to any")
        self.date_to.setObjectName("dateTo")
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("Show all outlets, dates and tags again")
        self.clear_button.clicked.connect(self.clear)
        for box in (self.outlet_box, self.tag_box):
            box.setMinimumContentsLength(8)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.currentIndexChanged.connect(lambda _i: self._emit())
        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(lambda _d: self._emit())
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(3)
        # Clear sits beside the boxes, not the dates: in a narrow library the
        # date boxes need every pixel to show a whole date.
        grid.addWidget(self.outlet_box, 0, 0, 1, 2)
        grid.addWidget(self.tag_box, 0, 2, 1, 2)
        grid.addWidget(self.clear_button, 0, 4)
        # The unset dates read "from any" / "to any": no labels to squeeze them.
        dates = QHBoxLayout()
        dates.setSpacing(4)
        dates.addWidget(self.date_from, 1)
        dates.addWidget(self.date_to, 1)
        grid.addLayout(dates, 1, 0, 1, 5)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(2, 1)
        self._quiet = False
        self.set_choices([], [], (None, None))

    def set_choices(
        self,
        outlets: Sequence[tuple[str, int]],
        tags: Sequence[tuple[str, int]],
        span: tuple[str | None, str | None],
    ) -> None:
        """Fill the boxes (keeping the current choice when it still exists)."""
        keep = self.current()
        self._quiet = True
        try:
            self.outlet_box.clear()
            self.outlet_box.addItem(ANY_OUTLET, None)
            for name, count in outlets:
                self.outlet_box.addItem(f"{name}  ({count:,})", name)
            self.tag_box.clear()
            self.tag_box.addItem(ANY_TAG, None)
            for name, count in tags:
                self.tag_box.addItem(f"{name}  ({count:,})", name)
            self._select(self.outlet_box, keep.outlet)
            self._select(self.tag_box, keep.tag)
            self.date_from.open_near(span[0])
            self.date_to.open_near(span[1])
        finally:
            self._quiet = False
        if self.current() != keep:
            self.changed.emit()

    @staticmethod
    def _select(box: QComboBox, value: str | None) -> None:
        index = box.findData(value) if value is not None else 0
        box.setCurrentIndex(max(0, index))

    def current(self) -> ArticleFilter:
        """The outlet, date and tag filter chosen now."""
        return ArticleFilter(
            outlet=self.outlet_box.currentData(),
            date_from=self.date_from.iso(),
            date_to=self.date_to.iso(),
            tag=self.tag_box.currentData(),
        )

    def set_current(self, flt: ArticleFilter) -> None:
        """Choose an outlet, dates and tag (values not offered are left at 'all')."""
        self._quiet = True
        try:
            self._select(self.outlet_box, flt.outlet)
            self._select(self.tag_box, flt.tag)
            self.date_from.set_iso(flt.date_from)
            self.date_to.set_iso(flt.date_to)
        finally:
            self._quiet = False
        self.changed.emit()

    def clear(self) -> None:
        """Back to every outlet, date and tag."""
        self.set_current(ArticleFilter())

    def _emit(self) -> None:
        if not self._quiet:
            self.changed.emit()
