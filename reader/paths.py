"""Where the archive lives: --archive, then $PARALLAX_ARCHIVE, then the platform's data dir."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "Parallax"
ENV_ARCHIVE = "PARALLAX_ARCHIVE"
DB_NAME = "archive.sqlite3"
INDEX_DIR = "index"


def default_archive_dir() -> Path:
    """The archive folder when none is given on the command line."""
    env = os.environ.get(ENV_ARCHIVE)
    if env:
        return Path(env).expanduser()
    return user_data_path(APP_NAME, appauthor=False) / "archive"


def resolve_archive_dir(explicit: str | os.PathLike[str] | None) -> Path:
    """The archive folder to use, honouring an explicit choice first."""
    return Path(explicit).expanduser() if explicit else default_archive_dir()
