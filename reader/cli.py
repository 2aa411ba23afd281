"""The command line: argparse commands over the Library façade (the contract in DESIGN.md)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.paths import resolve_archive_dir
from reader.progress import TerminalProgress

if TYPE_CHECKING:
    # The façade pulls in the whole core; commands import it only when they need it,
    # so that `extract` (run once per page by the benchmarks) starts quickly.
    from reader.library import Library

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Wrong arguments or a malformed query: exit status 2 with a short message."""


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

    p = sub.add_parser(
        "entities",
        parents=[common],
        help="entities of an article, or corrections: merge|split|rename|hide|distinct",
    )
    p.add_argument("args", nargs="+", metavar="ID | ACTION ARGS")
    p.set_defaults(handler=cmd_entities)

    p = sub.add_parser("search", parents=[common], help="full-text search")
    _search_options(p)
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("saved-search", parents=[common], help="add|list|run|delete saved searches")
    ssub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    q = ssub.add_parser("add", parents=[common])
    q.add_argument("name")
    q.add_argument("query")
    q.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    q.add_argument("--no-variants", dest="variants", action="store_false")
    q.set_defaults(handler=cmd_saved_add)
    q = ssub.add_parser("list", parents=[common])
    q.set_defaults(handler=cmd_saved_list)
    q = ssub.add_parser("run", parents=[common])
    q.add_argument("name")
    q.add_argument("--limit", type=int, default=20)
    q.set_defaults(handler=cmd_saved_run)
    q = ssub.add_parser("delete", parents=[common])
    q.add_argument("name")
    q.set_defaults(handler=cmd_saved_delete)

    p = sub.add_parser(
        "reextract",
        parents=[common],
        help="derive articles again from their originals (all without ids)",
    )
    p.add_argument("ids", type=int, nargs="*", metavar="ID")
    p.set_defaults(handler=cmd_reextract)

    p = sub.add_parser("reindex", parents=[common], help="rebuild the search index")
    p.set_defaults(handler=cmd_reindex)

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

    p = sub.add_parser("compare", parents=[common], help="shared and unique entities, alignment")
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p.add_argument("--no-alignment", dest="alignment", action="store_false")
    p.add_argument(
        "--no-coverage",
        dest="coverage",
        action="store_false",
        help="leave out the timeline, figures and claims",
    )
    p.set_defaults(handler=cmd_compare)

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
    from reader.ingest.document import extraction_json
    from reader.ingest.sniff import RejectedFile
    from reader.ingest.walk import read_limited
    from reader.limits import DEFAULT_MAX_FILE_BYTES

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


def _search_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("query")
    p.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument(
        "--no-variants",
        dest="variants",
        action="store_false",
        help="match only the spelling typed, not other spellings of an entity",
    )
    p.add_argument("--articles-only", action="store_true", help="leave annotations out")


def _run_search(
    lib: Library, args: argparse.Namespace, query: str, sort: str, variants: bool
) -> int:
    from reader.search.errors import QuerySyntaxError

    kinds = ("article",) if getattr(args, "articles_only", False) else ("article", "annotation")
    try:
        result = lib.search(
            query,
            sort=sort,
            limit=args.limit,
            offset=getattr(args, "offset", 0),
            variants=variants,
            kinds=kinds,
        )
    except QuerySyntaxError as exc:
        raise UsageError(f"bad query: {exc}") from exc
    hits = [
        {
            "id": h.id,
            "kind": h.kind,
            "article": h.article_id,
            "title": h.title,
            "outlet": h.outlet or None,
            "published": h.published,
            "score": h.score,
            "snippet": h.snippet,
        }
        for h in result.hits
    ]
    lines = [f"{result.total} match(es)"]
    for h in result.hits:
        where = "" if h.kind == "article" else f" (annotation {h.id})"
        lines.append(f"{h.article_id:>6}  {h.title}{where}\n        {h.snippet}")
    emit(
        args,
        {"query": query, "total": result.total, "hits": hits, "facets": result.facets},
        "\n".join(lines),
    )
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    """search QUERY: words, "phrases", AND/OR/NOT, field:value, dates, prefix*, fuzzy~."""
    with open_library(args) as lib:
        return _run_search(lib, args, args.query, args.sort, args.variants)


def cmd_saved_add(args: argparse.Namespace) -> int:
    """saved-search add NAME QUERY."""
    from reader.search.errors import QuerySyntaxError

    with open_library(args) as lib:
        try:
            saved = lib.save_search(args.name, args.query, sort=args.sort, variants=args.variants)
        except QuerySyntaxError as exc:
            raise UsageError(f"bad query: {exc}") from exc
    emit(args, saved, f"saved {saved['name']!r}: {saved['query']}")
    return EXIT_OK


def cmd_saved_list(args: argparse.Namespace) -> int:
    """saved-search list."""
    with open_library(args) as lib:
        rows = lib.saved_searches()
    emit(args, rows, "\n".join(f"{r['name']}: {r['query']}" for r in rows) or "none saved")
    return EXIT_OK


def cmd_saved_run(args: argparse.Namespace) -> int:
    """saved-search run NAME."""
    with open_library(args) as lib:
        saved = lib.saved_search(args.name)
        if saved is None:
            raise UsageError(f"no saved search named {args.name!r}")
        return _run_search(lib, args, saved["query"], saved["sort"], saved["variants"])


def cmd_saved_delete(args: argparse.Namespace) -> int:
    """saved-search delete NAME."""
    with open_library(args) as lib:
        if not lib.delete_saved_search(args.name):
            raise UsageError(f"no saved search named {args.name!r}")
    emit(args, {"deleted": args.name}, f"deleted {args.name!r}")
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


def cmd_reindex(args: argparse.Namespace) -> int:
    """reindex: rebuild the search index from the archive."""
    with open_library(args) as lib:
        count = lib.reindex()
    emit(args, {"indexed": count}, f"{count} documents indexed")
    return EXIT_OK


ENTITY_ACTIONS = {
    "merge": ("merge_entities", "SOURCE TARGET", (int, int)),
    "split": ("split_mention", "ENTITY MENTION", (int, int)),
    "rename": ("rename_entity", "ENTITY NAME", (int, str)),
    "hide": ("hide_entity", "ENTITY", (int,)),
    "distinct": ("mark_distinct", "A B", (int, int)),
}


def cmd_entities(args: argparse.Namespace) -> int:
    """entities ID, or entities merge|split|rename|hide|distinct ARGS."""
    from reader.entity_store import EntityError

    first, rest = args.args[0], args.args[1:]
    if first not in ENTITY_ACTIONS:
        if rest or not first.isdigit():
            raise UsageError(f"expected an article id or one of {', '.join(ENTITY_ACTIONS)}")
        with open_library(args) as lib:
            if lib.get_article(int(first)) is None:
                raise UsageError(f"no article with id {first}")
            rows = lib.article_entities(int(first))
        text = "\n".join(
            f"{r['entity_id']:>6}  {r['type']:<7} {r['entity']}  ×{len(r['mentions'])}"
            + (
                f"  ({', '.join(sorted({m['text'] for m in r['mentions']} - {r['entity']}))})"
                if {m["text"] for m in r["mentions"]} - {r["entity"]}
                else ""
            )
            for r in rows
        )
        emit(args, rows, text or "no entities")
        return EXIT_OK
    method, usage, types = ENTITY_ACTIONS[first]
    if first == "rename" and len(rest) > 2:
        rest = [rest[0], " ".join(rest[1:])]
    if len(rest) != len(types):
        raise UsageError(f"usage: entities {first} {usage}")
    try:
        values = [t(v) for t, v in zip(types, rest, strict=True)]
    except ValueError as exc:
        raise UsageError(f"usage: entities {first} {usage}") from exc
    with open_library(args) as lib:
        try:
            result = getattr(lib, method)(*values)
        except EntityError as exc:
            raise UsageError(str(exc)) from exc
    changed = result if isinstance(result, list) else [result]
    text = "\n".join(
        f"{e['id']:>6}  {e['type']:<7} {e['entity']}  ({', '.join(e['aliases'])})" for e in changed
    )
    emit(args, changed, text)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    """compare ID ID [ID...]: what the articles share, what only one has."""
    if not 2 <= len(args.ids) <= 4:
        raise UsageError("compare takes 2 to 4 article ids")
    with open_library(args) as lib:
        try:
            doc = lib.compare(args.ids, alignment=args.alignment, coverage=args.coverage)
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    lines = ["shared:"]
    for e in doc["shared"]:
        seen = "; ".join(f"{k}: {', '.join(v)}" for k, v in e["mentions"].items())
        lines.append(f"  {e['type']:<7} {e['entity']}  ({seen})")
    for article_id, entries in doc["unique"].items():
        names = ", ".join(e["entity"] for e in entries[:15])
        more = f" … +{len(entries) - 15}" if len(entries) > 15 else ""
        lines.append(f"only in {article_id}: {names}{more}")
    if "alignment" in doc:
        lines.append(f"{len(doc['alignment'])} aligned passage pair(s)")
    if "timeline" in doc:
        conflicts = sum(1 for e in doc["timeline"] if e.get("conflicts"))
        differing = sum(1 for g in doc["figures"] if g.get("disagreements"))
        lines.append(
            f"timeline: {len(doc['timeline'])} dated event(s), {conflicts} with "
            f"conflicting dates; figures: {len(doc['figures'])} group(s), "
            f"{differing} disagreeing; claims: {len(doc['claims'])} speaker(s)"
        )
    emit(args, doc, "\n".join(lines))
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


def _report_text(report: dict[str, Any]) -> str:
    return "\n".join(f"{k}: {v}" for k, v in report.items())


def cmd_backup(args: argparse.Namespace) -> int:
    """backup DEST: a consistent copy, safe while the app runs."""
    from reader.portability import PortabilityError, backup

    with open_library(args) as lib:
        try:
            report = backup(lib, args.dest)
        except PortabilityError as exc:
            raise UsageError(str(exc)) from exc
    emit(args, report, _report_text(report))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """restore SRC: replace the archive by a backup (the current one is kept aside)."""
    from reader.portability import PortabilityError, restore

    archive = resolve_archive_dir(getattr(args, "archive", None))
    try:
        report = restore(args.source, archive)
    except PortabilityError as exc:
        raise UsageError(str(exc)) from exc
    with open_library(args) as lib:
        report["articles"] = lib.count_articles()
        report["indexed"] = lib.reindex()
    emit(args, report, _report_text(report))
    return EXIT_OK


def cmd_export_archive(args: argparse.Namespace) -> int:
    """export-archive FILE: database, originals and annotations in one file."""
    from reader.portability import PortabilityError, export_archive

    with open_library(args) as lib:
        try:
            report = export_archive(lib, args.file)
        except PortabilityError as exc:
            raise UsageError(str(exc)) from exc
    emit(args, report, _report_text(report))
    return EXIT_OK


def cmd_import_archive(args: argparse.Namespace) -> int:
    """import-archive FILE: merge another archive in, without duplicates."""
    from reader.portability import PortabilityError, import_archive

    with open_library(args) as lib:
        try:
            report = import_archive(lib, args.file)
        except PortabilityError as exc:
            raise UsageError(str(exc)) from exc
    emit(args, report, _report_text(report))
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
