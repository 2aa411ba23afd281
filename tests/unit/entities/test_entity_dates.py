"""DATE mentions normalised to ISO at the precision written."""

from __future__ import annotations

from datetime import date

import pytest

from reader.entities.dates import normalise_date

WEDNESDAY = date(2025, 12, 3)


@pytest.mark.parametrize(
    ("surface", "iso"),
    [
        ("Dec. 2", "2025-12-02"),
        ("October", "2025-10"),
        ("2023", "2023"),
        ("Sept. 9, 2024", "2024-09-09"),
        ("4 March 2022", "2022-03-04"),
        ("December 2025", "2025-12"),
        ("mid-2024", "2024"),
        ("on Tuesday", "2025-12-02"),
        ("yesterday", "2025-12-02"),
        ("last week", "2025-W48"),
        ("last month", "2025-11"),
        ("two days ago", "2025-12-01"),
        ("January", "2025-01"),  # a month named in December without a year is past
    ],
)
def test_dates_against_publication(surface: str, iso: str) -> None:
    assert normalise_date(surface, WEDNESDAY) == iso


def test_relative_dates_need_a_publication_date() -> None:
    assert normalise_date("on Tuesday") is None
    assert normalise_date("October") is None
    assert normalise_date("Sept. 9, 2024") == "2024-09-09"


def test_durations_are_not_dates() -> None:
    assert normalise_date("three months", WEDNESDAY) is None
    assert normalise_date("a year and a half", WEDNESDAY) is None
