"""Restoring lost paragraph breaks without breaking mixed-case words."""

from __future__ import annotations

import pytest

from reader.ingest.glue import DocumentVocabulary, split_glued


def _split(line: str, context: str = "") -> list[str]:
    vocab = DocumentVocabulary.from_lines([line, *context.splitlines()])
    return split_glued(line, vocab)


def test_dateline_glued_to_sentence_start_is_split() -> None:
    assert _split("BergenThe ferry strike entered its third day on Monday.") == [
        "Bergen",
        "The ferry strike entered its third day on Monday.",
    ]


def test_lowercase_word_glued_to_a_name_is_split() -> None:
    pieces = _split("crews had to wait for spare partsOslo has since sent two engineers.")
    assert pieces == ["crews had to wait for spare parts", "Oslo has since sent two engineers."]


def test_missing_space_after_full_stop_starts_a_new_paragraph() -> None:
    assert _split("The vote was close.She said a recount was likely.") == [
        "The vote was close.",
        "She said a recount was likely.",
    ]


def test_byline_glued_to_weekday_is_split() -> None:
    assert _split("Hana KovacFriday 3 May 2024") == ["Hana Kovac", "Friday 3 May 2024"]


def test_closing_bracket_glued_to_next_paragraph_is_split() -> None:
    pieces = _split("Harbour cranes at dusk (Getty)Officials said the port would reopen.")
    assert pieces[-1] == "Officials said the port would reopen."


def test_name_used_alone_elsewhere_glued_to_a_word_is_split() -> None:
    context = "The river rose fastest near Linz on Friday."
    assert _split("LinzResidents were told to leave their homes.", context)[0] == "Linz"


@pytest.mark.parametrize(
    "line",
    [
        "She bought an iPhone and a MacBook with her first salary.",
        "He once managed a McDonald's outlet near the station.",
        "The clip was viewed on YouTube and shared on LinkedIn and WhatsApp.",
        "The shop's software is written in JavaScript and sold on eBay.",
        "She holds a PhD from a university in Porto.",
        "The figures came from the DeepState project and RBK-Ukraine.",
        "Rates rose by 0.5 percentage points.U.S. markets fell.",
        "See www.example.com.It is free.",
    ],
)
def test_real_mixed_case_words_are_not_broken(line: str) -> None:
    for word in ("iPhone", "MacBook", "McDonald", "YouTube", "LinkedIn", "JavaScript", "eBay"):
        if word in line:
            assert any(word in piece for piece in _split(line))
    if "U.S." in line or "www." in line:
        assert len(_split(line)) == 1
    else:
        assert _split(line) == [line]


def test_made_up_name_used_repeatedly_is_kept() -> None:
    context = "Analysts at GridWatch said the outage spread.\nGridWatch later revised its map."
    assert _split("Data from GridWatch showed the gap.", context) == [
        "Data from GridWatch showed the gap."
    ]


def test_clean_text_is_left_alone() -> None:
    line = "Officials in Tartu said the bridge would reopen on Thursday."
    assert _split(line) == [line]


def test_word_run_into_an_acronym_gets_a_space_not_a_break() -> None:
    line = "Sources told the weeklyTVN-Poland the talks had stalled."
    assert _split(line) == ["Sources told the weekly TVN-Poland the talks had stalled."]


def test_year_or_counter_glued_to_the_next_block_is_split() -> None:
    assert _split("Thursday March 7, 2024Our ferry left at dawn.") == [
        "Thursday March 7, 2024",
        "Our ferry left at dawn.",
    ]
    assert _split("12Winter storms close the pass") == ["12", "Winter storms close the pass"]
    assert _split("The 4Motion model was sold in 2019 only.") == [
        "The 4Motion model was sold in 2019 only."
    ]


def test_hashtags_are_not_split() -> None:
    line = "Volunteers shared the #CleanRiverNow campaign online."
    assert _split(line) == [line]


def test_repeated_glue_of_a_lowercase_word_is_still_split() -> None:
    context = "Stretch after your workoutRest for a day.\nWalk after your workoutRest for a day."
    assert _split("Cool down after your workoutRest for a day.", context) == [
        "Cool down after your workout",
        "Rest for a day.",
    ]


def test_opening_quote_glued_to_the_previous_block_is_split() -> None:
    assert _split("Rail strike to go ahead in 2025“We have no choice,” the union said.") == [
        "Rail strike to go ahead in 2025",
        "“We have no choice,” the union said.",
    ]
    assert _split('The talks went nowhere"We will strike," she said.') == [
        "The talks went nowhere",
        '"We will strike," she said.',
    ]
    line = 'He called it "Project Blue" in the memo.'
    assert _split(line) == [line]


def test_bracketed_credit_glued_to_the_next_paragraph_is_split() -> None:
    assert _split("Queues at the border [File: AFP]Two lorries were turned back.")[-1] == (
        "Two lorries were turned back."
    )


def test_quote_glued_after_an_acronym_is_split() -> None:
    assert (
        _split('Artist impression of the lander. Credit: ESA"We looked at the data," he said.')[-1]
        == '"We looked at the data," he said.'
    )
