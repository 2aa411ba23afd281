"""Parallax entry point: no arguments opens the desktop app; a sub-command runs the CLI."""

from __future__ import annotations

import sys


def run(argv: list[str]) -> int:
    """Dispatch to the GUI or the CLI."""
    if not argv or argv[0] in ("--archive", "--db-url") and len(argv) == 2:
        from reader.gui.app import run_app

        return run_app(argv)
    from reader.cli import main

    return main(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
