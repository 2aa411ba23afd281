"""The command line: argparse commands over the Library façade (the contract in DESIGN.md)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from reader.library import Library
from reader.paths import resolve_archive_dir
from reader.progress import TerminalProgress

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Wrong arguments or a malformed query: exit status 2 with a short message."""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="print one JSON document on stdout")
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

    p = sub.add_parser("import", parents=[common], help="import files and folders")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument(
        "--max-size",
        type=float,
        default=20,
        metavar="MB",
        help="refuse files larger than this (default 20 MB)",
    )
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("list", parents=[common], help="list the archive's articles")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", parents=[common], help="show one article")
    p.add_argument("id", type=int)
    p.add_argument("--raw", action="store_true", help="print the original file as imported")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("extract", parents=[common], help="extract one file without importing")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser(
        "check",
        parents=[common],
        help="verify originals, database and index; --repair fixes what it can",
    )
    p.add_argument("--repair", action="store_true")
    p.set_defaults(handler=cmd_check)

    p = sub.add_parser("annotate", parents=[common], help="annotate the first match of a quote")
    p.add_argument("id", type=int)
    p.add_argument("--quote", required=True)
    p.add_argument("--note", default="")
    p.add_argument("--tag", action="append", default=[], dest="tags")
    p.add_argument("--colour", "--color", default="yellow")
    p.set_defaults(handler=cmd_annotate)

    annotations = sub.add_parser("annotations", parents=[common], help="list, export, import")
    asub = annotations.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = asub.add_parser("list", parents=[common])
    p.add_argument("--article", type=int)
    p.add_argument("--tag")
    p.set_defaults(handler=cmd_annotations_list)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="parallax: %(message)s")
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return int(args.handler(args))
    except UsageError as exc:
        print(f"parallax: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("parallax: interrupted", file=sys.stderr)
        return 130


def open_library(args: argparse.Namespace, **kwargs: Any) -> Library:
    """The Library named by --archive / --db-url / $PARALLAX_ARCHIVE."""
    archive = resolve_archive_dir(getattr(args, "archive", None))
    return Library(archive, db_url=getattr(args, "db_url", None), **kwargs)


def emit(args: argparse.Namespace, document: Any, text: str) -> None:
    """Print `document` as JSON with --json, else the human-readable `text`."""
    if args.json:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif text:
        print(text)


def cmd_import(args: argparse.Namespace) -> int:
    """import PATH...: files and folders, recursively."""
    with open_library(args, max_file_bytes=int(args.max_size * 1_000_000)) as lib:
        bar = TerminalProgress(sys.stderr, enabled=not args.json)
        report = lib.import_paths(args.paths, progress=bar.update)
        bar.finish()
    lines = [f"imported {r['id']}: {r['title']}" for r in report.imported]
    lines += [f"duplicate of {r['id']}: {r['path']}" for r in report.duplicates]
    lines += [f"failed: {r['path']}: {r['error']}" for r in report.failed]
    lines.append(
        f"{len(report.imported)} imported, {len(report.duplicates)} duplicates, "
        f"{len(report.failed)} failed"
    )
    emit(args, report.to_json(), "\n".join(lines))
    return EXIT_PARTIAL if report.failed else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    """list: the archive's articles."""
    with open_library(args) as lib:
        rows = lib.list_articles()
    text = "\n".join(
        f"{r.id:>6}  {r.published or '':<16.16}  {r.outlet or '':<22.22}  {r.title}" for r in rows
    )
    emit(args, [r.to_json() for r in rows], text or "the archive is empty")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    """show ID: one article (or its original with --raw)."""
    with open_library(args) as lib:
        article = lib.get_article(args.id)
        raw = lib.original_bytes(args.id) if args.raw else None
    if article is None:
        raise UsageError(f"no article with id {args.id}")
    if args.raw and raw is not None:
        if args.json:
            emit(
                args,
                {
                    "id": article.id,
                    "sha256": article.sha256,
                    "media_type": article.media_type,
                    "original": raw.decode("utf-8", "replace"),
                },
                "",
            )
        else:
            sys.stdout.buffer.write(raw)
        return EXIT_OK
    header = [article.title]
    meta = ", ".join(
        x for x in (article.outlet, ", ".join(article.authors), article.published) if x
    )
    if meta:
        header.append(meta)
    emit(args, article.to_json(), "\n".join(header) + "\n\n" + article.text)
    return EXIT_OK


def cmd_extract(args: argparse.Namespace) -> int:
    """extract FILE: extraction only, the archive untouched."""
    from reader.ingest.sniff import RejectedFile
    from reader.ingest.walk import read_limited
    from reader.library import DEFAULT_MAX_FILE_BYTES, extraction_json

    try:
        data = read_limited(args.file, DEFAULT_MAX_FILE_BYTES)
        doc = extraction_json(data, args.file)
    except OSError as exc:
        print(f"parallax: {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_PARTIAL
    except (RejectedFile, ValueError) as exc:
        print(f"parallax: {args.file}: {exc}", file=sys.stderr)
        return EXIT_PARTIAL
    text = "\n".join(
        f"{k}: {doc[k]}"
        for k in ("title", "authors", "published", "outlet", "url", "language")
        if doc.get(k)
    )
    emit(args, doc, text + "\n\n" + doc["text"])
    return EXIT_OK


def cmd_annotate(args: argparse.Namespace) -> int:
    """annotate ID --quote TEXT [--note T] [--tag T]...: highlight the first match."""
    from reader.annotations.store import AnnotationError

    with open_library(args) as lib:
        try:
            record = lib.annotate(
                args.id, quote=args.quote, note=args.note, tags=args.tags, colour=args.colour
            )
        except AnnotationError as exc:
            raise UsageError(str(exc)) from exc
    emit(
        args,
        record.to_json(),
        f"annotation {record.id} on article {record.article} [{record.start}:{record.end}]",
    )
    return EXIT_OK


def cmd_annotations_list(args: argparse.Namespace) -> int:
    """annotations list [--article ID] [--tag T]."""
    with open_library(args) as lib:
        rows = lib.annotations(article_id=args.article, tag=args.tag)
    text = "\n".join(
        f"{r.id:>5}  article {r.article}  “{r.quote[:60]}”"
        + (f"  — {r.note[:40]}" if r.note else "")
        + (f"  [{', '.join(r.tags)}]" if r.tags else "")
        + ("  (orphaned)" if r.orphaned else "")
        for r in rows
    )
    emit(args, [r.to_json() for r in rows], text or "no annotations")
    return EXIT_OK


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
