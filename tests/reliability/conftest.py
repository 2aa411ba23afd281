"""Reliability suite setup: helper modules importable, a shared fork server for child processes."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))

from reliability_children import ForkServer  # noqa: E402


@pytest.fixture(scope="session")
def fork_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ForkServer]:
    """A process with the whole app (NER model, place names) loaded, forking CLI children."""
    server = ForkServer(tmp_path_factory.mktemp("fork-server"))
    yield server
    server.close()
