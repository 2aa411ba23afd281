"""What every command shares: exit statuses, errors, opening the archive, printing."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.paths import resolve_archive_dir

if TYPE_CHECKING:
    # The façade pulls in the whole core; commands import it only when they need it,
    # so that `extract` (run once per page by the benchmarks) starts quickly.
    from reader.library import Library

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Wrong arguments or a malformed query: exit status 2 with a short message."""


def open_library(args: argparse.Namespace, **kwargs: Any) -> Library:
    """The Library named by --archive / --db-url / $PARALLAX_ARCHIVE."""
    from reader.library import Library

    archive = resolve_archive_dir(getattr(args, "archive", None))
    return Library(archive, db_url=getattr(args, "db_url", None), **kwargs)


def emit(args: argparse.Namespace, document: Any, text: str) -> None:
    """Print `document` as JSON with --json, else the human-readable `text`."""
    if args.json:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif text:
        print(text)
