"""Test setup: Qt offscreen, GUI tests auto-marked, a temporary archive per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# urllib3 (pulled in by trafilatura) probes IPv6 support by creating a socket when
# first imported; import it before pytest-socket blocks sockets so that the probe
# is not reported as a network attempt. It connects to nothing.
import urllib3  # noqa: F401
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The archive under test never lands in the user's real data folder.
os.environ.pop("PARALLAX_ARCHIVE", None)

FIXTURES = Path(__file__).parent / "fixtures"

# The suite gates every commit, so property tests replay the same examples each run;
# HYPOTHESIS_PROFILE=explore draws new ones (worth doing after changing cleanup rules).
settings.register_profile("gate", derandomize=True)
settings.register_profile("explore", max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "gate"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses a Qt fixture as `gui` (so `-m "not gui"` runs headless)."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if {"qtbot", "qapp", "qtmodeltester"} & set(fixtures):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def fixtures_dir() -> Path:
    """The folder of hand-written fixture files."""
    return FIXTURES


@pytest.fixture
def archive_dir(tmp_path: Path) -> Path:
    """An empty folder for a fresh archive."""
    path = tmp_path / "archive"
    path.mkdir()
    return path


@pytest.fixture
def library(archive_dir: Path) -> Iterator[object]:
    """A Library over a fresh archive, closed afterwards."""
    from reader.library import Library

    lib = Library(archive_dir)
    yield lib
    lib.close()
