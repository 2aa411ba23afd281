"""Baseline for RESULTS.md: trafilatura 2.3 with default settings on one saved page."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import trafilatura


def main() -> None:
    """Print trafilatura.extract's default output for the page given on the command line."""
    markup = Path(sys.argv[1]).read_bytes().decode("utf-8", errors="replace")
    print(json.dumps({"text": trafilatura.extract(markup) or ""}, ensure_ascii=False))


if __name__ == "__main__":
    main()
