"""CSV export: one row per annotation, readable by spreadsheets and csv readers."""

from __future__ import annotations

import csv
import io

from reader.annotations.records import AnnotationLink, AnnotationRecord
from reader.annotations.table import COLUMNS, export_csv

TRICKY = AnnotationRecord(
    id=4,
    article_id=12,
    article_title='Talks fail, "strike on"',
    outlet="Harbour Daily",
    quote="He said: “we stay out”,\nand left.",
    note="Line one\nline two, with a comma",
    tags=["quotes", "union"],
    colour="blue",
    start=10,
    end=44,
    links=[AnnotationLink("urn:parallax:annotation:8", "same claim")],
)
HOSTILE = AnnotationRecord(
    id=5,
    article_id=12,
    quote='=HYPERLINK("http://evil.example")',
    note="-40 degrees overnight",
    start=50,
    end=83,
)


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_header_and_one_row_per_annotation() -> None:
    text = export_csv([TRICKY, HOSTILE])
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    rows = read(text)
    assert [row["id"] for row in rows] == ["4", "5"]


def test_commas_quotes_and_line_breaks_survive() -> None:
    [row, _] = read(export_csv([TRICKY, HOSTILE]))
    assert row["quote"] == "He said: “we stay out”,\nand left."
    assert row["note"] == "Line one\nline two, with a comma"
    assert row["article_title"] == 'Talks fail, "strike on"'
    assert row["tags"] == "quotes; union"
    assert row["links"] == "same claim -> urn:parallax:annotation:8"
    assert (row["start"], row["end"], row["colour"]) == ("10", "44", "blue")


def test_missing_values_are_empty_cells() -> None:
    [_, row] = read(export_csv([TRICKY, HOSTILE]))
    assert row["outlet"] == ""
    assert row["tags"] == ""
    assert row["created"] == ""


def test_formulas_from_article_text_are_defused_but_numbers_kept() -> None:
    [_, row] = read(export_csv([TRICKY, HOSTILE]))
    assert row["quote"] == '\'=HYPERLINK("http://evil.example")'
    assert row["note"] == "'-40 degrees overnight"
    numeric = AnnotationRecord(id=6, quote="-40", start=0, end=3)
    assert read(export_csv([numeric]))[0]["quote"] == "-40"


def test_empty_export_has_only_the_header() -> None:
    assert read(export_csv([])) == []
    assert export_csv([]).startswith("id,article_id,")
