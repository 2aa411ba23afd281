"""Anchoring quotes and re-attaching them after the article text is re-extracted."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.annotations.anchors import Anchor, Placement, find_quote, make_anchor, reanchor

# A pasted article the way readers' copy-paste produces it: a sign-up prompt,
# a dateline glued to the first sentence, a caption glued to a paragraph.
PASTED = (
    "Subscribe to our morning briefing\n\n"
    "RotterdamDock workers at the port of Rotterdam walked out on Tuesday, halting "
    "container traffic at the largest harbour in Europe. The union said 4,000 members "
    "joined the strike after talks on automation broke down late on Monday.\n\n"
    "Cranes stand idle at the Maasvlakte terminal. Photo: Harbour Press AgencyShipping "
    "lines diverted at least 30 vessels to Antwerp and Hamburg, according to the port "
    "authority. A spokeswoman for the employers said the walkout was “illegal under the "
    "collective agreement” and that the companies would seek an injunction.\n\n"
    "The union said the strike would last 48 hours. Economists warned that a longer "
    "stoppage could cost Dutch exporters tens of millions of euros a day.\n\n"
    "Read more: Why ports are betting on robots"
)

# The same article after a better extraction: boilerplate and caption gone,
# the glued dateline and caption split off, paragraph breaks changed.
REEXTRACTED = (
    "Rotterdam\n\n"
    "Dock workers at the port of Rotterdam walked out on Tuesday, halting container "
    "traffic at the largest harbour in Europe.\n\n"
    "The union said 4,000 members joined the strike after talks on automation broke down "
    "late on Monday. Shipping lines diverted at least 30 vessels to Antwerp and Hamburg, "
    "according to the port authority. A spokeswoman for the employers said the walkout was "
    "“illegal under the collective agreement” and that the companies would seek an "
    "injunction.\n\n"
    "The union said the strike would last 48 hours. Economists warned that a longer stoppage "
    "could cost Dutch exporters tens of millions of euros a day."
)


def anchor_on(text: str, quote: str, occurrence: int = 1) -> Anchor:
    found = find_quote(text, quote, occurrence)
    assert found is not None, quote
    return found


def placed_text(anchor: Anchor, text: str) -> str | None:
    placement = reanchor(anchor, text)
    return None if placement is None else text[placement.start : placement.end]


# --- make_anchor -----------------------------------------------------------


def test_anchor_keeps_quote_and_32_characters_of_context() -> None:
    start = PASTED.index("4,000 members")
    anchor = make_anchor(PASTED, start, start + len("4,000 members"))
    assert anchor.quote == "4,000 members"
    assert anchor.prefix == PASTED[start - 32 : start]
    assert anchor.prefix.endswith("The union said ")
    assert anchor.suffix.startswith(" joined the strike")
    assert len(anchor.suffix) == 32


def test_anchor_context_is_cut_at_the_edges_of_the_text() -> None:
    anchor = make_anchor("Short note.", 0, 5)
    assert (anchor.prefix, anchor.quote, anchor.suffix) == ("", "Short", " note.")


@pytest.mark.parametrize("span", [(5, 5), (7, 3), (-1, 4), (0, 999)])
def test_anchor_rejects_empty_or_out_of_range_spans(span: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="span"):
        make_anchor(PASTED, *span)


# --- find_quote ------------------------------------------------------------


def test_find_quote_anchors_the_first_match() -> None:
    anchor = anchor_on(PASTED, "The union said")
    assert anchor.start == PASTED.index("The union said")
    assert PASTED[anchor.start : anchor.end] == "The union said"


def test_find_quote_can_pick_a_later_occurrence() -> None:
    second = anchor_on(PASTED, "The union said", occurrence=2)
    assert second.start == PASTED.rindex("The union said")
    assert find_quote(PASTED, "The union said", occurrence=3) is None


def test_find_quote_tolerates_line_breaks_typed_as_spaces() -> None:
    anchor = anchor_on(PASTED, "broke down late on Monday. Cranes stand idle")
    assert anchor.quote == "broke down late on Monday.\n\nCranes stand idle"


def test_find_quote_tolerates_a_space_the_pasted_text_lost() -> None:
    anchor = anchor_on(PASTED, "Agency Shipping lines")
    assert anchor.quote == "AgencyShipping lines"


def test_find_quote_tolerates_straight_quotes_for_curly_ones() -> None:
    anchor = anchor_on(PASTED, 'was "illegal under the collective agreement"')
    assert anchor.quote == "was “illegal under the collective agreement”"


def test_find_quote_prefers_a_whole_word_over_a_match_inside_a_word() -> None:
    text = "The passport office was closed. The port reopened on Friday."
    anchor = anchor_on(text, "port")
    assert anchor.start == text.index("The port") + len("The ")


def test_find_quote_falls_back_to_other_case() -> None:
    anchor = anchor_on(PASTED, "dock workers at the port")
    assert anchor.quote == "Dock workers at the port"


def test_find_quote_returns_none_for_text_that_is_not_there() -> None:
    assert find_quote(PASTED, "the harbour master resigned") is None


@pytest.mark.parametrize("bad", ["", "   \n"])
def test_find_quote_rejects_a_blank_quote(bad: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        find_quote(PASTED, bad)


# --- reanchor: unchanged and changed texts ---------------------------------


def test_unchanged_text_keeps_the_exact_offsets() -> None:
    anchor = anchor_on(PASTED, "seek an injunction")
    assert reanchor(anchor, PASTED) == Placement(anchor.start, anchor.end, "exact", 1.0)


def test_boilerplate_removed_before_the_quote_moves_it() -> None:
    anchor = anchor_on(PASTED, "Economists warned that a longer stoppage")
    placement = reanchor(anchor, REEXTRACTED)
    assert placement is not None
    assert placement.method == "quote"
    assert placement.start == REEXTRACTED.index("Economists warned")
    assert placement.start != anchor.start


def test_quote_across_a_paragraph_that_was_joined() -> None:
    old = "Talks broke down late on Monday.\n\nShipping lines diverted 30 vessels."
    new = "Talks broke down late on Monday. Shipping lines diverted 30 vessels."
    anchor = anchor_on(old, "on Monday. Shipping lines")
    assert anchor.quote == "on Monday.\n\nShipping lines"
    assert placed_text(anchor, new) == "on Monday. Shipping lines"


def test_quote_across_a_paragraph_that_was_split() -> None:
    anchor = anchor_on(PASTED, "largest harbour in Europe. The union said 4,000 members")
    assert placed_text(anchor, REEXTRACTED) == (
        "largest harbour in Europe.\n\nThe union said 4,000 members"
    )


def test_quote_with_a_glued_word_finds_the_fixed_text() -> None:
    anchor = anchor_on(PASTED, "RotterdamDock workers at the port")
    placement = reanchor(anchor, REEXTRACTED)
    assert placement is not None
    assert REEXTRACTED[placement.start : placement.end] == "Rotterdam\n\nDock workers at the port"


def test_quote_with_a_word_fixed_by_punctuation_is_found_fuzzily() -> None:
    old = (
        "The ministry said 120 staffThe embassy would stay open through the weekend, "
        "a spokesman told reporters in the capital."
    )
    new = (
        "The ministry said 120 staff. The embassy would stay open through the weekend, "
        "a spokesman told reporters in the capital."
    )
    anchor = anchor_on(old, "120 staffThe embassy would stay open")
    placement = reanchor(anchor, new)
    assert placement is not None
    assert placement.method == "fuzzy"
    assert new[placement.start : placement.end] == "120 staff. The embassy would stay open"
    assert 0.9 <= placement.score < 1.0


def test_caption_removed_from_inside_a_long_quote_is_still_placed() -> None:
    anchor = anchor_on(
        PASTED,
        "joined the strike after talks on automation broke down late on Monday. Cranes stand "
        "idle at the Maasvlakte terminal. Photo: Harbour Press AgencyShipping lines diverted "
        "at least 30 vessels to Antwerp",
    )
    assert placed_text(anchor, REEXTRACTED) == (
        "joined the strike after talks on automation broke down late on Monday. Shipping lines "
        "diverted at least 30 vessels to Antwerp"
    )


def test_quote_that_lost_most_of_its_words_becomes_an_orphan() -> None:
    anchor = anchor_on(
        PASTED,
        "Cranes stand idle at the Maasvlakte terminal. Photo: Harbour Press AgencyShipping",
    )
    assert reanchor(anchor, REEXTRACTED) is None


def test_repeated_quote_stays_on_the_occurrence_the_user_chose() -> None:
    second = anchor_on(PASTED, "The union said", occurrence=2)
    placement = reanchor(second, REEXTRACTED)
    assert placement is not None
    assert placement.start == REEXTRACTED.rindex("The union said")
    first = anchor_on(PASTED, "The union said")
    placement = reanchor(first, REEXTRACTED)
    assert placement is not None
    assert placement.start == REEXTRACTED.index("The union said")


def test_repeated_quote_is_chosen_by_context_not_by_distance() -> None:
    body = "Residents were told to boil water."
    first = f"Alert one: {body} It was issued at noon by the water board. "
    second = f"Alert two: {body} It was repeated at dusk after new tests. "
    old = "Latest updates. " + first + second
    # The re-extracted page puts the second alert first, so the old offsets
    # of the first alert now hold the second one.
    new = "Latest updates. " + second + "Earlier in the day:\n\n" + first
    anchor = anchor_on(old, body)
    placement = reanchor(anchor, new)
    assert placement is not None
    assert placement.method == "quote"
    assert new[: placement.start].endswith("Alert one: ")


def test_deleted_quote_becomes_an_orphan() -> None:
    anchor = anchor_on(PASTED, "Why ports are betting on robots")
    assert reanchor(anchor, REEXTRACTED) is None


def test_deleted_quote_is_not_moved_to_a_similar_sentence() -> None:
    old = (
        "The river rose by two metres overnight in the lower town. Farther north, "
        "the river rose by three metres overnight near the old mill."
    )
    new = "Farther north, the river rose by three metres overnight near the old mill."
    anchor = anchor_on(old, "The river rose by two metres overnight")
    assert reanchor(anchor, new) is None


def test_deleted_short_quote_is_not_moved_to_another_occurrence() -> None:
    old = "Officials in Lyon met the mayor. Later, Lyon fans marched through the square."
    new = "Later, Lyon fans marched through the square."
    anchor = anchor_on(old, "Lyon")
    assert reanchor(anchor, new) is None


def test_short_quote_follows_its_context_after_a_word_fix() -> None:
    old = "He met officials in Tbilisi on Friday.Tbilisi airport was closed."
    new = "He met officials in Tbilisi on Friday. Tbilisi airport was closed."
    anchor = anchor_on(old, "Tbilisi", occurrence=2)
    placement = reanchor(anchor, new)
    assert placement is not None
    assert placement.start == new.rindex("Tbilisi")


def test_reanchoring_into_an_empty_text_orphans() -> None:
    assert reanchor(anchor_on(PASTED, "container traffic"), "") is None


# --- properties --------------------------------------------------------------

WORDS = st.sampled_from(
    "the port union strike said on Tuesday workers 4,000 vessels Antwerp harbour "
    "“illegal” de-facto naïve Ölüdeniz Straße İzmir — … \u00ad".split()
)
ARTICLE = st.lists(
    st.tuples(WORDS, st.sampled_from([" ", " ", "\n\n", "", ". "])), min_size=1, max_size=80
).map(lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(ARTICLE, st.text(min_size=1)), data=st.data())
def test_anchor_then_reanchor_on_the_same_text_is_exact(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    anchor = make_anchor(text, start, end)
    assert reanchor(anchor, text) == Placement(start, end, "exact", 1.0)


@settings(max_examples=300)
@given(
    quote=st.text(),
    prefix=st.text(max_size=40),
    suffix=st.text(max_size=40),
    start=st.integers(-5, 200),
    end=st.integers(-5, 200),
    new_text=st.one_of(ARTICLE, st.text()),
)
def test_reanchor_never_crashes_and_places_inside_the_text(
    quote: str, prefix: str, suffix: str, start: int, end: int, new_text: str
) -> None:
    placement = reanchor(Anchor(quote, prefix, suffix, start, end), new_text)
    if placement is not None:
        assert 0 <= placement.start < placement.end <= len(new_text)
        assert placement.method in ("exact", "quote", "fuzzy")
        assert 0.0 <= placement.score <= 1.0


@settings(max_examples=300)
@given(text=st.one_of(ARTICLE, st.text()), quote=st.one_of(WORDS, st.text(min_size=1)))
def test_find_quote_never_crashes_and_finds_the_text_it_returns(text: str, quote: str) -> None:
    try:
        anchor = find_quote(text, quote)
    except ValueError:
        assert not quote.strip()
        return
    if anchor is not None:
        assert text[anchor.start : anchor.end] == anchor.quote
        assert anchor.quote.strip()


VISIBLE_ARTICLE = ARTICLE.filter(lambda text: "\u00ad" not in text)


@settings(max_examples=100)
@given(text=VISIBLE_ARTICLE, data=st.data())
def test_quote_survives_boilerplate_added_in_front(text: str, data: st.DataObject) -> None:
    words = text.split()
    if len(words) < 6:
        return
    first = data.draw(st.integers(0, len(words) - 6))
    quote = " ".join(words[first : first + 6])
    anchor = find_quote(text, quote)
    assert anchor is not None
    shifted = "SIGN UP for alerts\n\nAdvertisement\n\n" + text
    placement = reanchor(anchor, shifted)
    assert placement is not None
    assert shifted[placement.start : placement.end] == anchor.quote


@settings(max_examples=150)
@given(
    words=st.lists(WORDS.filter(lambda w: w.strip("\u00ad")), min_size=3, max_size=60),
    data=st.data(),
)
def test_paragraph_breaks_changed_keep_every_anchor_on_its_words(
    words: list[str], data: st.DataObject
) -> None:
    # Re-extraction joins and splits paragraphs: only whitespace changes.
    breaks = st.sampled_from([" ", "\n\n", "\n", "  "])
    old_seps = data.draw(st.lists(breaks, min_size=len(words), max_size=len(words)))
    new_seps = data.draw(st.lists(breaks, min_size=len(words), max_size=len(words)))

    def build(seps: list[str]) -> tuple[str, list[int]]:
        starts, parts, pos = [], [], 0
        for word, sep in zip(words, seps, strict=True):
            starts.append(pos)
            parts.append(word + sep)
            pos += len(word) + len(sep)
        return "".join(parts), starts

    old, old_starts = build(old_seps)
    new, new_starts = build(new_seps)
    first = data.draw(st.integers(0, len(words) - 1))
    last = data.draw(st.integers(first, len(words) - 1))
    anchor = make_anchor(old, old_starts[first], old_starts[last] + len(words[last]))
    placement = reanchor(anchor, new)
    assert placement is not None
    assert (placement.start, placement.end) == (
        new_starts[first],
        new_starts[last] + len(words[last]),
    )
