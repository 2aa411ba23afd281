"""Markdown export of annotations, grouped per article."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.annotations.records import AnnotationLink, AnnotationRecord, parse_target

# A quote line starting like this would turn into a heading, list or nested
# quote inside the blockquote; a backslash keeps it literal.
_BLOCK_MARKER = re.compile(r"^(#|>|[-*+] |[0-9]+[.)] )")


def export_markdown(records: Iterable[AnnotationRecord], title: str = "Annotations") -> str:
    """Render annotations as a Markdown document.

    One section per article (in the order articles first appear), with its
    outlet and source; under it each annotation in text order: the quote as
    a blockquote, the note as written, then tags, colour, date and links.
    """
    records = list(records)
    by_id = {r.id: r for r in records if r.id is not None}
    groups: dict[object, list[AnnotationRecord]] = {}
    for record in records:
        groups.setdefault(_article_key(record), []).append(record)
    lines = [f"# {title}", ""]
    if not records:
        lines += ["No annotations.", ""]
    for group in groups.values():
        lines += _article_section(group, by_id)
    return "\n".join(lines).rstrip("\n") + "\n"


def _article_key(record: AnnotationRecord) -> object:
    return (
        record.article_sha256
        or record.article_id
        or record.article_url
        or record.article_title
        or "untitled"
    )


def _article_section(
    group: list[AnnotationRecord], by_id: dict[int, AnnotationRecord]
) -> list[str]:
    first = group[0]
    lines = [f"## {_one_line(first.article_title) or 'Untitled article'}", ""]
    about = [f"*{_one_line(first.outlet)}*"] if first.outlet else []
    if first.article_url:
        about.append(f"<{first.article_url}>")
    if first.article_sha256:
        about.append(f"`sha256:{first.article_sha256[:12]}`")
    if about:
        lines += [" · ".join(about), ""]
    ordered = sorted(group, key=lambda r: (r.start is None, r.start or 0, r.end or 0))
    for record in ordered:
        lines += _annotation(record, by_id)
    return lines


def _annotation(record: AnnotationRecord, by_id: dict[int, AnnotationRecord]) -> list[str]:
    lines = [_blockquote(record.quote), ""]
    if record.note.strip():
        lines += [record.note.strip(), ""]
    facts = []
    if record.tags:
        facts.append("Tags: " + ", ".join(f"`{tag}`" for tag in record.tags))
    if record.colour:
        facts.append(f"Colour: {record.colour}")
    if record.created:
        facts.append(f"Created: {record.created}")
    if record.author:
        facts.append(f"By: {record.author}")
    if record.start is not None and record.end is not None:
        facts.append(f"Characters {record.start}–{record.end}")
    if facts:
        lines += [" · ".join(facts), ""]
    for link in record.links:
        lines += [f"- {_describe_link(link, by_id)}"]
    if record.links:
        lines.append("")
    return lines


def _blockquote(quote: str) -> str:
    out = []
    for line in quote.strip().splitlines() or [""]:
        line = line.strip()
        if _BLOCK_MARKER.match(line):
            line = "\\" + line
        out.append(f"> {line}" if line else ">")
    return "\n".join(out)


def _describe_link(link: AnnotationLink, by_id: dict[int, AnnotationRecord]) -> str:
    label = link.label or "linked to"
    target = parse_target(link.target)
    if target.kind == "annotation" and target.annotation_id in by_id:
        other = by_id[target.annotation_id]
        where = _one_line(other.article_title) or "another article"
        return f"{label}: “{_shorten(other.quote)}” ({where})"
    if target.kind == "article" and target.start is not None:
        return f"{label}: characters {target.start}–{target.end} of <{link.target}>"
    return f"{label}: <{link.target}>"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def _shorten(text: str, limit: int = 80) -> str:
    text = _one_line(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
