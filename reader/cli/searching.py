"""Search commands: search, saved-search, reindex."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reader.cli.common import (
    EXIT_OK,
    UsageError,
    emit,
    open_library,
)

if TYPE_CHECKING:
    from reader.library import Library


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's commands to the parser."""
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

    p = sub.add_parser("reindex", parents=[common], help="rebuild the search index")
    p.set_defaults(handler=cmd_reindex)


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


def cmd_reindex(args: argparse.Namespace) -> int:
    """reindex: rebuild the search index from the archive."""
    with open_library(args) as lib:
        count = lib.reindex()
    emit(args, {"indexed": count}, f"{count} documents indexed")
    return EXIT_OK
