"""The command line: argparse commands over the Library façade (the contract in DESIGN.md)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from reader.archive.errors import ArchiveUnavailable
from reader.cli import annotating, articles, entities, maintenance, searching
from reader.cli.common import EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, UsageError

__all__ = ["EXIT_OK", "EXIT_PARTIAL", "EXIT_USAGE", "UsageError", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS, so that a sub-command's default never overwrites `--json` given before it.
    common.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print one JSON document on stdout",
    )
    common.add_argument(
        "--archive",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="archive folder (default: $PARALLAX_ARCHIVE or the user data dir)",
    )
    common.add_argument(
        "--db-url",
        default=argparse.SUPPRESS,
        help="SQLAlchemy URL of another database (e.g. PostgreSQL)",
    )

    parser = argparse.ArgumentParser(
        prog="parallax",
        parents=[common],
        description="Parallax: read one story across many outlets. "
        "Without a command, opens the desktop app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (articles, searching, entities, annotating, maintenance):
        module.register(sub, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.json = getattr(args, "json", False)
    logging.basicConfig(level=logging.WARNING, format="parallax: %(message)s")
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.handler(args))
    except UsageError as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ArchiveUnavailable as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return EXIT_PARTIAL
    except KeyboardInterrupt:
        print("parallax: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:  # never a traceback for the user; PARALLAX_DEBUG=1 shows it
        if os.environ.get("PARALLAX_DEBUG"):
            raise
        print(f"parallax: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_PARTIAL
