"""Entity commands: entities of an article, corrections, and compare."""

from __future__ import annotations

import argparse
from typing import Any

from reader.cli.common import (
    EXIT_OK,
    UsageError,
    emit,
    open_library,
)


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    """Add this module's commands to the parser."""
    p = sub.add_parser(
        "entities",
        parents=[common],
        help="entities of an article, or corrections: merge|split|rename|hide|distinct",
    )
    p.add_argument("args", nargs="+", metavar="ID | ACTION ARGS")
    p.set_defaults(handler=cmd_entities)

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


ENTITY_ACTIONS = {
    "merge": ("merge_entities", "SOURCE TARGET", (int, int)),
    "split": ("split_mention", "ENTITY MENTION", (int, int)),
    "rename": ("rename_entity", "ENTITY NAME", (int, str)),
    "hide": ("hide_entity", "ENTITY", (int,)),
    "distinct": ("mark_distinct", "A B", (int, int)),
}


def cmd_entities(args: argparse.Namespace) -> int:
    """entities ID, or entities merge|split|rename|hide|distinct ARGS."""
    from reader.library.entity_store import EntityError

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
