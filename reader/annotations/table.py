"""CSV export of annotations: one row per annotation."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from reader.annotations.records import AnnotationRecord

COLUMNS = (
    "id",
    "article_id",
    "article_title",
    "outlet",
    "article_url",
    "article_sha256",
    "quote",
    "note",
    "tags",
    "colour",
    "start",
    "end",
    "created",
    "updated",
    "author",
    "links",
    "prefix",
    "suffix",
)
TAG_SEPARATOR = "; "
LINK_SEPARATOR = " | "

# Spreadsheets run a cell that starts with these as a formula; a leading
# apostrophe keeps a hostile article's text from doing so (OWASP advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_csv(records: Iterable[AnnotationRecord]) -> str:
    """Render annotations as CSV text with a header row.

    Fields with commas, quotes or line breaks are quoted as RFC 4180 says;
    tags are joined with "; " and links written as "label -> target" joined
    with " | ". Write the result to a file opened with ``newline=""``.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        writer.writerow([_cell(value) for value in _row(record)])
    return buffer.getvalue()


def _row(record: AnnotationRecord) -> list[object]:
    links = LINK_SEPARATOR.join(
        f"{link.label or 'linked to'} -> {link.target}" for link in record.links
    )
    return [
        record.id,
        record.article_id,
        record.article_title,
        record.outlet,
        record.article_url,
        record.article_sha256,
        record.quote,
        record.note,
        TAG_SEPARATOR.join(record.tags),
        record.colour,
        record.start,
        record.end,
        record.created,
        record.updated,
        record.author,
        links,
        record.prefix,
        record.suffix,
    ]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if text.startswith(_FORMULA_START) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True
