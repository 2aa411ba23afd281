"""What a user sees on the first start: room to read, filters that fit."""

from __future__ import annotations

from PySide6.QtCore import Qt


def test_first_start_gives_the_panes_the_height_and_the_docks_their_corner(qtbot, window):
    window.resize(1600, 1000)
    qtbot.wait(50)  # the dock is sized after the layout is restored
    dock = window.coverage_dock
    assert dock.isVisible()
    # Coverage sits under library and panes; Entities and Annotations keep full height.
    assert window.corner(Qt.Corner.BottomRightCorner) == Qt.DockWidgetArea.RightDockWidgetArea
    assert dock.height() * 2 < window.compare.height()


def test_unset_date_filters_say_so_without_labels(window):
    filters = window.library_view.filters
    assert filters.date_from.text() == "from any"
    assert filters.date_to.text() == "to any"
