"""`parallax` and `main.py` open the app when no command is given, the CLI otherwise."""

from __future__ import annotations

import pytest

from reader.launch import _opens_app


@pytest.mark.parametrize(
    "argv",
    [[], ["--archive", "/tmp/a"], ["--archive=/tmp/a"], ["--db-url=sqlite:///x", "--archive", "d"]],
)
def test_no_command_opens_the_app(argv: list[str]) -> None:
    assert _opens_app(argv)


@pytest.mark.parametrize(
    "argv",
    [["list"], ["--archive", "/tmp/a", "list"], ["--archive"], ["--archive=/a", "import", "f"]],
)
def test_a_command_runs_the_cli(argv: list[str]) -> None:
    assert not _opens_app(argv)
