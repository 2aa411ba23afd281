"""Build the main window over an archive, open a comparison, and save screenshots.

Usage:
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui/screenshot.py --archive /tmp/guiarch \
        --compare 1,2,3 --out docs/screenshots [--theme dark] [--mark 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
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
    parser.add_argument("--compare", default="")
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--theme", default="light")
    parser.add_argument("--size", default="1600x1000")
    parser.add_argument("--mark", type=int, default=0, help="mark the n-th shared entity")
    parser.add_argument("--prefix", default="")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    theme.register_resources()
    theme.apply_theme(app, args.theme)
    ini = Path(tempfile.mkdtemp()) / "settings.ini"
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    lib = Library(Path(args.archive))
    ctx = AppContext(lib, Pools.synchronous())
    window = MainWindow(ctx, settings, lambda name: theme.apply_theme(app, name))
    w, h = (int(x) for x in args.size.split("x"))
    window.resize(w, h)
    window.show()
    settle()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out / f"{args.prefix}library.png"))
    if args.compare:
        window.compare.open_articles([int(x) for x in args.compare.split(",")])
        if args.mark:
            shared = window.compare.comparison.shared
            if len(shared) >= args.mark:
                window.compare.mark_entity(shared[args.mark - 1].entity_id)
                window.entity_panel.refresh()
        settle()
        window.grab().save(str(out / f"{args.prefix}compare.png"))
    window.close()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
