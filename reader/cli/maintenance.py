"""Keeping the archive sound: check, backup, restore, export-archive, import-archive."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    UsageError,
    emit,
    open_library,
)
from reader.paths import resolve_archive_dir

if TYPE_CHECKING:
    from reader.library import Library


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser(
        "check",
        parents=[common],
        help="verify originals, database and index; --repair fixes what it can",
    )
    p.add_argument("--repair", action="store_true")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("backup", parents=[common], help="consistent copy of the archive")
    p.add_argument("dest", type=Path, metavar="DEST")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", parents=[common], help="bring a backup back")
    p.add_argument("source", type=Path, metavar="SRC")
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("export-archive", parents=[common], help="the whole archive as one file")
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_export_archive)

    p = sub.add_parser(
        "import-archive", parents=[common], help="merge an archive file into this archive"
    )
    p.add_argument("file", type=Path, metavar="FILE")
    p.set_defaults(handler=cmd_import_archive)


def _report_text(report: dict[str, Any]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in report.items())


def _with_library(
    args: argparse.Namespace, action: Callable[[Library], dict[str, Any]]
) -> dict[str, Any]:
    """Run a portability action on the open archive; its refusals are usage errors."""
    from reader.library.portability import PortabilityError

    with open_library(args) as lib:
        try:
            report = action(lib)
        except PortabilityError as exc:
            raise UsageError(str(exc)) from exc
    emit(args, report, _report_text(report))
    return report


def cmd_backup(args: argparse.Namespace) -> int:
    """backup DEST: a consistent copy, safe while the app runs."""
    from reader.library.portability import backup

    _with_library(args, lambda lib: backup(lib, args.dest))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """restore SRC: replace the archive by a backup (the current one is kept aside)."""
    from reader.library.portability import PortabilityError, restore

    archive = resolve_archive_dir(getattr(args, "archive", None))
    try:
        report = restore(args.source, archive)
    except PortabilityError as exc:
        raise UsageError(str(exc)) from exc
    with open_library(args) as lib:
        report["articles"] = lib.count_articles()
        report["indexed"] = lib.reindex(entities=False)
    emit(args, report, _report_text(report))
    return EXIT_OK


def cmd_export_archive(args: argparse.Namespace) -> int:
    """export-archive FILE: database, originals and annotations in one file."""
    from reader.library.portability import export_archive

    _with_library(args, lambda lib: export_archive(lib, args.file))
    return EXIT_OK


def cmd_import_archive(args: argparse.Namespace) -> int:
    """import-archive FILE: merge another archive in, without duplicates."""
    from reader.library.portability import import_archive

    report = _with_library(args, lambda lib: import_archive(lib, args.file))
    return EXIT_PARTIAL if report["articles_failed"] else EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    """check [--repair]: verify archive, originals and index."""
    with open_library(args) as lib:
        report = lib.check(repair=args.repair)
    lines = [f"{report.articles} articles, {report.originals} originals checked"]
    lines += [f"problem: {p}" for p in report.problems]
    lines += [f"repaired: {r}" for r in report.repaired]
    lines.append("ok" if report.ok else f"{len(report.problems)} problem(s)")
    emit(args, report.to_json(), "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_PARTIAL
