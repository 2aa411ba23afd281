"""Commands about articles: import, list, show, extract, reextract."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli.common import (
    EXIT_OK,
    EXIT_PARTIAL,
    UsageError,
    emit,
    open_library,
)
from reader.cli.progress import TerminalProgress


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's commands to the parser."""
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
    p.add_argument(
        "--group",
        type=int,
        metavar="ID",
        help="only the near-duplicates of article ID (the same story re-saved or syndicated)",
    )
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", parents=[common], help="show one article")
    p.add_argument("id", type=int)
    p.add_argument("--raw", action="store_true", help="print the original file as imported")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("extract", parents=[common], help="extract one file without importing")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser(
        "reextract",
        parents=[common],
        help="derive articles again from their originals (all without ids)",
    )
    p.add_argument("ids", type=int, nargs="*", metavar="ID")
    p.set_defaults(handler=cmd_reextract)


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
        if args.group is not None:
            article = lib.get_article(args.group)
            if article is None:
                raise UsageError(f"no article with id {args.group}")
            group = article.near_group
            rows = [r for r in rows if r.id == args.group or (group and r.near_group == group)]
    text = "\n".join(
        f"{r.id:>6}  {r.published or '':<16.16}  {r.outlet or '':<22.22}  {r.title}"
        + (f"  [near-duplicates: group {r.near_group}]" if r.near_group else "")
        for r in rows
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
    from reader.ingest.document import extraction_json
    from reader.ingest.sniff import RejectedFile
    from reader.ingest.walk import read_limited
    from reader.library.limits import DEFAULT_MAX_FILE_BYTES

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


def cmd_reextract(args: argparse.Namespace) -> int:
    """reextract [ID...]: re-run extraction and entities; annotations re-anchor."""
    with open_library(args) as lib:
        report = lib.reextract(args.ids or None)
    lines = [
        f"{report['updated']} article(s) re-extracted; annotations: {report['placed']} "
        f"placed, {report['orphaned']} orphaned"
    ]
    lines += [f"failed: article {f['id']}: {f['error']}" for f in report["failed"]]
    emit(args, report, "\n".join(lines))
    return EXIT_PARTIAL if report["failed"] else EXIT_OK
