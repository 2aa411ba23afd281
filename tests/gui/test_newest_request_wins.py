"""Two quick searches or pane openings: the newest request's answer is the one shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from reader.gui.mainwindow import MainWindow
from reader.gui.ops import AppContext
from reader.gui.settings import Settings
from reader.gui.workers import Pools, SyncPool, Task

GUI_FIXTURES = Path(__file__).parents[1] / "fixtures" / "gui"


class HeldPool(SyncPool):
    """Keeps reads until the test releases them, in the order it chooses."""

    def __init__(self) -> None:
        self.held: list[Task] = []

    def submit(self, task: Task) -> None:
        self.held.append(task)

    def run_all(self, order: list[int]) -> None:
        tasks, self.held = self.held, []
        for i in order:
            tasks[i].run()


def _window(qtbot, library, tmp_path, reads: HeldPool) -> MainWindow:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(AppContext(library, Pools(read=reads, write=SyncPool())), settings)
    qtbot.addWidget(window)
    window.show()
    reads.run_all(list(range(len(reads.held))))  # the start-up reads
    return window


def test_a_slow_first_search_does_not_overwrite_the_second(qtbot, library, tmp_path):
    library.import_paths([GUI_FIXTURES / "ferry-fares.txt", GUI_FIXTURES / "ferry-fares-2.txt"])
    reads = HeldPool()
    window = _window(qtbot, library, tmp_path, reads)
    model = window.library_view.model

    window.search_edit.setText("ferry OR fares")  # both articles
    window.run_search()
    window.search_edit.setText("councillors")  # one article
    window.run_search()
    searches = len(reads.held)
    assert searches >= 2
    reads.run_all(list(reversed(range(searches))))  # the first search finishes last

    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)).startswith("Island ferry fares")


def test_the_last_articles_asked_for_are_the_ones_opened(qtbot, library, tmp_path):
    report = library.import_paths(
        [GUI_FIXTURES / "ferry-fares.txt", GUI_FIXTURES / "ferry-fares-2.txt"]
    )
    first, second = (int(r["id"]) for r in report.imported)
    reads = HeldPool()
    window = _window(qtbot, library, tmp_path, reads)

    window.compare.open_articles([first])
    window.compare.open_articles([second])
    opened = len(reads.held)
    reads.run_all(list(reversed(range(opened))))
    reads.run_all(list(range(len(reads.held))))  # follow-up reads (coverage, annotations)

    assert window.compare.open_ids == [second]
