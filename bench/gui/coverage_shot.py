"""Screenshot of the comparison with passage alignment lit up and the Coverage dock.

Usage:
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui/coverage_shot.py --archive /tmp/guiarch \
        --compare 1,2,3 --out docs/screenshots/coverage.png [--theme dark] [--tab Timeline]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from reader.gui import theme
from reader.gui.mainwindow import MainWindow
from reader.gui.ops import AppContext
from reader.gui.settings import Settings
from reader.gui.workers import Pools
from reader.library import Library


def settle(ms: int = 300) -> None:
    """Let the event loop run for a while (script only, never in the app)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--archive", required=True)
    parser.add_argument("--compare", default="1,2,3")
    parser.add_argument("--out", default="docs/screenshots/coverage.png")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--tab", default="Timeline")
    parser.add_argument("--pane", type=int, default=0, help="pane whose passage is lit")
    parser.add_argument("--nth", type=int, default=0, help="which of its matched passages")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    theme.register_resources()
    theme.apply_theme(app, args.theme)
    ini = Path(tempfile.mkdtemp()) / "settings.ini"
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    lib = Library(Path(args.archive))
    ctx = AppContext(lib, Pools.synchronous())
    window = MainWindow(ctx, settings, lambda name: theme.apply_theme(app, name))
    window.resize(1600, 1000)
    window.show()
    settle()
    t = time.perf_counter()
    window.compare.open_articles([int(x) for x in args.compare.split(",")])
    print(f"open + coverage (synchronous): {(time.perf_counter() - t) * 1000:.0f} ms")
    settle()
    dock = window.coverage_dock  # type: ignore[attr-defined]
    dock.show()
    names = [dock.tabs.tabText(i).split(" ")[0] for i in range(dock.tabs.count())]
    dock.tabs.setCurrentIndex(names.index(args.tab))
    control = window.compare.coverage_control
    pane = window.compare.panes[args.pane]
    matched = [
        span
        for span in control.coverage.passages(pane.article_id)
        if control.coverage.counterparts(pane.article_id, *span)
    ]
    if matched:
        start, end = matched[min(args.nth, len(matched) - 1)]
        lit = control.light(args.pane, start)
        pane.go_to(start, start)
        for index, s, _e in lit[:1]:
            window.compare.panes[index].go_to(s, s)
        control.light(args.pane, start)
    settle(500)
    window.grab().save(args.out)
    print(args.out, dock.tabs.tabText(dock.tabs.currentIndex()), dock.status.text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
