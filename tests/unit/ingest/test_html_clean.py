"""Boilerplate filtering of extracted paragraphs."""

from __future__ import annotations

from reader.ingest.html_blocks import Candidate
from reader.ingest.html_clean import clean_candidates

PROSE = (
    "The harbour master said the new pontoon would be installed before the summer season, "
    "when visiting yachts double the number of boats in the bay."
)


def body(text: str, link_chars: int = 0) -> Candidate:
    return Candidate(text, "body", link_chars, "p")


def texts(cands: list[Candidate]) -> list[str]:
    return [c.text for c in cands]


def test_leading_headline_byline_and_date_lines_go():
    cands = [
        body("Pontoon plan approved"),
        body("By Ana Lima"),
        body("March 14, 2023 10:42"),
        body(PROSE),
    ]
    kept = clean_candidates(cands, "Pontoon plan approved", ["Ana Lima"])
    assert texts(kept) == [PROSE]


def test_short_first_paragraph_with_a_year_is_not_a_date_line():
    first = "In 2019 the bay had no pontoon at all."
    kept = clean_candidates([body(first), body(PROSE)], None, [])
    assert texts(kept) == [first, PROSE]


def test_byline_words_later_in_the_article_are_kept():
    late = "By noon the crane had lifted the first section into place."
    kept = clean_candidates([body(PROSE), body(late), body(PROSE)], None, [])
    assert late in texts(kept)


def test_single_link_paragraph_inside_the_article_is_kept_but_link_lists_go():
    link = "Harbour authority planning documents"
    related = [body(f"Another story about boats number {n}", 34) for n in range(3)]
    cands = [body(PROSE), body(link, len(link)), body(PROSE), *related, body(PROSE)]
    kept = texts(clean_candidates(cands, None, []))
    assert link in kept
    assert not any(t.startswith("Another story") for t in kept)


def test_trailing_links_and_filing_notes_go():
    cands = [body(PROSE), body("Read the full council report", 28), body("Filed under: Harbour")]
    assert texts(clean_candidates(cands, None, [])) == [PROSE]


def test_newsletter_box_goes_but_long_prose_mentioning_subscribers_stays():
    promo = "Sign up for our newsletter and get the harbour news in your inbox."
    long_prose = PROSE + " Newsletter subscribers were told first. " + PROSE
    kept = texts(clean_candidates([body(PROSE), body(promo), body(long_prose)], None, []))
    assert promo not in kept
    assert long_prose in kept


def test_follow_us_line_goes_but_follow_up_sentence_stays():
    follow = "Follow the Harbour Gazette on Instagram and Facebook."
    follow_up = "Follow-up inspections found no further damage."
    cands = [body(PROSE), body(follow), body(follow_up), body(PROSE)]
    kept = texts(clean_candidates(cands, None, []))
    assert follow not in kept
    assert follow_up in kept
