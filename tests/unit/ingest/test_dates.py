"""Date and time lines in their many formats, rendered as ISO 8601."""

from __future__ import annotations

import pytest

from reader.ingest.dates import find_date, is_date_line


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("2024-03-09 07:45", "2024-03-09T07:45"),
        ("Saturday 09 March 2024 07:45 GMT", "2024-03-09T07:45"),
        ("Mar 9, 2024, 7:45 pm EST", "2024-03-09T19:45"),
        ("07:45 09.03.2024", "2024-03-09T07:45"),
        ("Published: 9 March 2024", "2024-03-09"),
        ("March 9, 2024", "2024-03-09"),
        ("Dec. 3, 2025 at 9:15 a.m.", "2025-12-03T09:15"),
        ("2024-03-09T07:45:12Z", "2024-03-09T07:45"),
    ],
)
def test_date_lines_parse_to_iso(line: str, iso: str) -> None:
    found = is_date_line(line)
    assert found is not None
    assert found.iso == iso


def test_update_stamp_is_flagged() -> None:
    found = is_date_line("Updated 14:05 BST, 5 June 2023")
    assert found is not None and found.is_update


def test_sentence_mentioning_a_date_is_not_a_date_line() -> None:
    line = "The council voted on 3 March 2024 to close the library for good."
    assert is_date_line(line) is None
    assert find_date(line) is not None


@pytest.mark.parametrize("line", ["", "Read more", "99 problems", "32:15:99", "Room 12/45"])
def test_non_dates_are_ignored(line: str) -> None:
    assert is_date_line(line) is None
