"""Start the desktop app: QApplication, resources, theme, the archive and the main window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

# isort: off
# The Qt-free core first: once PySide6 is imported, its import hook reads the source
# of every module imported after it (to look for `__feature__` use), which costs
# ~0.2 s over SQLAlchemy's hundreds of modules at start-up.
from reader.library import Library
from reader.library.import_process import ImportProcess
from reader.paths import APP_NAME, resolve_archive_dir

# isort: on
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from reader.gui import theme
from reader.gui.mainwindow import MainWindow
from reader.gui.ops import AppContext, QueryOp
from reader.gui.settings import Settings
from reader.gui.workers import Pools

log = logging.getLogger("reader.gui.app")

# Hidden switches for screenshots and benchmarks, never needed by a user.
ENV_SETTINGS = "PARALLAX_SETTINGS"  # an INI file instead of the user's settings
ENV_COMPARE = "PARALLAX_COMPARE"  # "3,7" opens those articles side by side at start
# Milliseconds after the window shows before the search index is warmed.
WARM_UP_DELAY_MS = 1500


def _parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="parallax", add_help=False)
    parser.add_argument("--archive", default=None)
    parser.add_argument("--db-url", default=None)
    args, _unknown = parser.parse_known_args(list(argv))
    return args


def make_settings() -> Settings:
    """The user's settings (or the INI file named by $PARALLAX_SETTINGS)."""
    path = os.environ.get(ENV_SETTINGS)
    if path:
        return Settings(QSettings(path, QSettings.Format.IniFormat))
    return Settings(QSettings(APP_NAME, APP_NAME))


def open_library(archive: str | None, db_url: str | None) -> Library:
    """Open the archive (raises with a readable message when it cannot)."""
    return Library(resolve_archive_dir(archive), db_url=db_url)


def warm_search_index(ctx: AppContext) -> None:
    """Open the search index and load its caches on the read pool; failures are only logged."""

    def failed(error: BaseException) -> None:
        log.warning("search index not warmed: %s", error)

    QueryOp(
        ctx, lambda lib: lib.search_index.warm(), lambda _r: None, on_failure=failed
    ).run_in_background()


def run_app(argv: Sequence[str]) -> int:
    """Run the desktop app until its window closes; returns the exit status."""
    args = _parse(argv)
    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    theme.register_resources()
    settings = make_settings()
    theme.apply_theme(app, str(settings.get("appearance/theme")))

    try:
        library = open_library(args.archive, args.db_url)
    except Exception as exc:  # any failure to open must reach the user as words
        log.exception("cannot open the archive")
        where = args.db_url or str(resolve_archive_dir(args.archive))
        QMessageBox.critical(
            None,
            "Parallax cannot open the archive",
            f"The archive at\n{where}\ncould not be opened.\n\nReason: {exc}\n\n"
            "Check that the folder exists and is writable, or choose another one with "
            "--archive DIR.",
        )
        return 1

    pools = Pools.threaded()
    ctx = AppContext(library, pools, ImportProcess.for_library(library))

    def set_theme(name: str) -> None:
        theme.apply_theme(app, name)

    window = MainWindow(ctx, settings, set_theme)

    def follow_system(_scheme: Qt.ColorScheme) -> None:
        if settings.get("appearance/theme") == "system":
            window.set_theme("system")

    QGuiApplication.styleHints().colorSchemeChanged.connect(follow_system)
    compare = os.environ.get(ENV_COMPARE)
    if compare:
        window.compare.open_articles([int(x) for x in compare.split(",") if x.strip()])
    window.show()
    # After the first paint, not before it: the index's per-segment columns (a second
    # or more on a big archive) load on the read pool, so the first search is quick.
    QTimer.singleShot(WARM_UP_DELAY_MS, lambda: warm_search_index(ctx))
    try:
        return app.exec()
    finally:
        pools.wait(30_000)
        ctx.close()
        library.close()
