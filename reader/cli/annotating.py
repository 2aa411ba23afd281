"""Annotation commands: annotate, annotations list|export|import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reader.cli.common import (
    EXIT_OK,
    UsageError,
    emit,
    open_library,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's commands to the parser."""
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
    p = asub.add_parser("export", parents=[common])
    p.add_argument("--format", choices=("jsonld", "md", "csv"), default="jsonld")
    p.add_argument("--article", type=int)
    p.add_argument("-o", "--output", type=Path, help="write to a file instead of stdout")
    p.set_defaults(handler=cmd_annotations_export)
    p = asub.add_parser("import", parents=[common])
    p.add_argument("file", type=Path)
    p.set_defaults(handler=cmd_annotations_import)


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


def cmd_annotations_export(args: argparse.Namespace) -> int:
    """annotations export --format jsonld|md|csv [-o FILE]."""
    with open_library(args) as lib:
        document = lib.export_annotations(args.format, article_id=args.article)
    if args.output:
        args.output.write_text(document, encoding="utf-8")
        if args.json:
            emit(args, {"written": str(args.output), "format": args.format}, "")
    else:
        sys.stdout.write(document if document.endswith("\n") else document + "\n")
    return EXIT_OK


def cmd_annotations_import(args: argparse.Namespace) -> int:
    """annotations import FILE: W3C JSON-LD back in, re-anchored by quote."""
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.file}: {exc.strerror or exc}") from exc
    with open_library(args) as lib:
        try:
            result = lib.import_annotations(data)
        except ValueError as exc:
            raise UsageError(f"{args.file}: {exc}") from exc
    lines = [
        f"{result['imported']} imported, {result['orphaned']} orphaned, "
        f"{result['skipped']} already here"
    ] + result["problems"]
    emit(args, result, "\n".join(lines))
    return EXIT_OK
