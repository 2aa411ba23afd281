"""Reading title, standfirst, byline and date from the lines above an article."""

from __future__ import annotations

from reader.ingest.boilerplate import classify_line
from reader.ingest.header import read_header
from reader.ingest.language import stopwords
from reader.ingest.lines import normalise_line

EN = stopwords("en")
BODY = [
    "The regional council approved the new tram line on Thursday after a year of debate.",
    "Construction is due to start in the spring and should take about three years.",
]


def _header(lines: list[str]):
    infos = [classify_line(x, EN, frozenset(), normalise_line(x)) for x in lines]
    return read_header(infos, len(lines) - len(BODY), "en"), infos


def test_title_after_menu_standfirst_byline_and_date() -> None:
    lines = [
        "News",
        "Sport",
        "Culture",
        "Weather",
        "Council approves tram line after year of debate",
        "The route will cut through a park that families have used for decades",
        "By Jana Horak and Piotr Zielinski",
        "Thursday 6 June 2024 18:20 CEST",
        *BODY,
    ]
    header, _ = _header(lines)
    assert header.title == "Council approves tram line after year of debate"
    assert (
        header.subtitle == "The route will cut through a park that families have used for decades"
    )
    assert header.authors == ["Jana Horak", "Piotr Zielinski"]
    assert header.published == "2024-06-06T18:20"
    assert {4, 5, 6, 7} <= header.used


def test_repeated_headline_wins_over_a_section_label() -> None:
    lines = [
        "Transport and Cities Weekly Review",
        "Council approves tram line after year of debate",
        "4 min read",
        "Council approves tram line after year of debate",
        *BODY,
    ]
    header, _ = _header(lines)
    assert header.title == "Council approves tram line after year of debate"
    assert {1, 3} <= header.used


def test_author_found_from_bio_box_when_no_byline() -> None:
    lines = ["Council approves tram line after year of debate", *BODY, "Jana Horak", "Reporter"]
    infos = [classify_line(x, EN, frozenset(), normalise_line(x)) for x in lines]
    header = read_header(infos, 1, "en")
    assert header.authors == ["Jana Horak"]


def test_headline_is_the_first_heading_that_echoes_the_body() -> None:
    lines = [
        "Weekend Edition Podcasts",
        "Council approves tram line after year of debate",
        "Opponents of the tram line fear for the park the route crosses",
        "Opponents of the tram line fear for the park the route crosses",
        "Council approves tram line after year of debate",
        *BODY,
    ]
    header, _ = _header(lines)
    assert header.title == "Council approves tram line after year of debate"
    assert header.subtitle == "Opponents of the tram line fear for the park the route crosses"


def test_menu_entries_that_look_like_names_are_not_authors() -> None:
    lines = [
        "Council approves tram line after year of debate",
        "Print Edition",
        "Weekend Magazine",
        *BODY,
        "Privacy Policy",
        "Privacy Policy",
    ]
    header, _ = _header(lines)
    assert header.authors == []


def test_name_next_to_a_date_stamp_is_the_byline() -> None:
    lines = [
        "Council approves tram line after year of debate",
        "Jana Horak",
        "6 June 2024",
        *BODY,
    ]
    header, _ = _header(lines)
    assert header.authors == ["Jana Horak"]
    assert header.published == "2024-06-06"
