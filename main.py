"""Parallax entry point: no arguments opens the desktop app; a sub-command runs the CLI."""

from __future__ import annotations

import sys

from reader.launch import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
