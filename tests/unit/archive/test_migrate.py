"""Opening an archive that is already at head does not load Alembic (a faster start)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

_OPEN_AND_REPORT = """
import sys
from pathlib import Path
from reader.library import Library
with Library(Path(sys.argv[1])) as lib:
    lib.count_articles()
print("alembic" in sys.modules)
"""


def _open_in_fresh_process(archive: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _OPEN_AND_REPORT, str(archive)],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def test_an_archive_at_head_opens_without_loading_alembic(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    # Creating the archive needs Alembic; opening it again does not.
    assert _open_in_fresh_process(archive) == "True"
    assert _open_in_fresh_process(archive) == "False"
