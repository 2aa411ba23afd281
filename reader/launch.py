"""Start Parallax: no command opens the desktop app, a sub-command runs the CLI."""

from __future__ import annotations

import sys

# Options that may stand alone before the app opens: `--archive DIR`, `--archive=DIR`.
_APP_OPTIONS = ("--archive", "--db-url")


def _opens_app(argv: list[str]) -> bool:
    """True when `argv` names no command, only where the app's archive is."""
    rest = list(argv)
    while rest:
        head = rest.pop(0)
        name, eq, _value = head.partition("=")
        if name not in _APP_OPTIONS:
            return False
        if not eq:
            if not rest:
                return False  # `--archive` without its folder: let the CLI explain
            rest.pop(0)
    return True


def run(argv: list[str]) -> int:
    """Dispatch to the GUI or the CLI; returns the exit status."""
    if _opens_app(argv):
        from reader.gui.app import run_app

        return run_app(argv)
    from reader.cli import main as cli_main

    return cli_main(argv)


def main() -> None:
    """Console-script entry point."""
    sys.exit(run(sys.argv[1:]))
