"""Bylines: names only, split on commas and "and", no "By", no roles."""

from __future__ import annotations

import pytest

from reader.ingest.byline import clean_author, parse_byline, split_authors


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Petra Novak and Lukas Brenner", ["Petra Novak", "Lukas Brenner"]),
        ("Maria Lindqvist,Tomás Ortega", ["Maria Lindqvist", "Tomás Ortega"]),
        ("By Jane Okafor, Political Editor", ["Jane Okafor"]),
        ("By ANNA WEISS & Karl J. Hoffmann in Vienna", ["Anna Weiss", "Karl J. Hoffmann"]),
        ("Words by Samir Haddad", ["Samir Haddad"]),
    ],
)
def test_bylines_give_clean_names(line: str, names: list[str]) -> None:
    assert parse_byline(line) == names


@pytest.mark.parametrize(
    "line",
    [
        "How long could the strike last?",
        "Read more",
        "The port reopened on Tuesday after a week of talks.",
        "Reporter",
    ],
)
def test_headings_and_sentences_are_not_bylines(line: str) -> None:
    assert parse_byline(line) is None


def test_clean_author_drops_handles_and_roles() -> None:
    assert clean_author("By Lena Moss @lenamoss, Senior Correspondent") == "Lena Moss"


def test_split_authors_drops_non_names() -> None:
    assert split_authors("Ines Carvalho, Staff Writer and Paulo Reis") == [
        "Ines Carvalho",
        "Paulo Reis",
    ]


def test_agency_acronyms_are_not_names() -> None:
    assert split_authors("By Tom Krisher, AP Auto Writer") == ["Tom Krisher"]
