"""Line hygiene: sanitising, splitting and normalising pasted lines."""

from __future__ import annotations

from reader.ingest.lines import normalise_line, sanitise, split_lines


def test_every_kind_of_line_break_splits_lines() -> None:
    text = "one\r\ntwo\rthree\u2028four\u2029five\x0bsix"
    assert split_lines(sanitise(text)) == ["one", "two", "three", "four", "five", "six"]


def test_invisible_and_control_characters_are_removed() -> None:
    text = "Tal\u00adlinn\u200b port\x00 reopened\ufeff"
    assert split_lines(sanitise(text)) == ["Tallinn port reopened"]


def test_blank_lines_and_odd_spaces_are_collapsed() -> None:
    assert split_lines(sanitise("  a\u00a0\u00a0b \t\n\n   \n c  ")) == ["a b", "c"]


def test_normalised_lines_match_across_articles_of_one_outlet() -> None:
    assert normalise_line("Sign up: 3 free articles!") == normalise_line("SIGN UP 12 free articles")
    assert normalise_line("Ｓｉｇｎ up") == normalise_line("sign up")
    assert normalise_line("Sign up") != normalise_line("Log in")
