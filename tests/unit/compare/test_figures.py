"""Figures: numbers for the same thing across articles, with ranges, words and units."""

from __future__ import annotations

import math
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.compare.figures import figures, find_figures
from reader.compare.story import Article

# Two accounts of a mine accident, written for these tests.
FIRST = Article(
    1,
    "Highland Star",
    date(2024, 9, 12),
    "Rescuers reach trapped miners at Kessel\n"
    "Between 30 and 40 miners were trapped when a tunnel collapsed at the Kessel mine on "
    "Tuesday.\n"
    "Three miners died and 12 were injured, the company said.\n"
    "The mine, which employs 2,300 people, lies 18 km north of Velden.\n"
    "The rescue cost $4.5 million, and output fell 20% in September.",
)
SECOND = Article(
    2,
    "Mining Review",
    date(2024, 9, 13),
    "Some 55 miners were trapped after the roof of a tunnel gave way at Kessel.\n"
    "Three miners were killed and dozens were hurt.\n"
    "The mine, about 11 miles from Velden, employs 2,300 people.\n"
    "Production dropped 20 percent, and rescue work cost $4.5m.",
)


def figure(article: Article, surface: str):
    return next(f for f in find_figures(article) if f.surface == surface)


def groups_by_article_surfaces(groups) -> dict[frozenset, bool]:
    return {frozenset((f.article, f.surface) for f in g.figures): g.disagree for g in groups}


def test_ranges_words_and_qualifiers_become_value_ranges() -> None:
    between = figure(FIRST, "Between 30 and 40")
    assert (between.low, between.high, between.counts) == (30, 40, "miners")
    assert figure(FIRST, "Three").low == 3
    some = figure(SECOND, "Some 55")
    assert some.low < 55 < some.high
    dozens = figure(SECOND, "dozens")
    assert dozens.low > 12 and dozens.high < 100
    text = "More than 200 homes and 300-500 soldiers; a thousand volunteers and sixteen months."
    article = Article(3, "", None, text)
    found = {f.surface: (f.low, f.high, f.counts) for f in find_figures(article)}
    assert found["More than 200"] == (200, math.inf, "homes")
    assert found["300-500"] == (300, 500, "soldiers")
    assert found["a thousand"] == (1000, 1000, "volunteers")
    assert found["sixteen"] == (16, 16, "months")


def test_units_are_converted_so_km_and_miles_compare() -> None:
    km = figure(FIRST, "18 km")
    miles = figure(SECOND, "about 11 miles")
    assert km.unit == miles.unit == "km"
    assert miles.low < 18 < miles.high
    assert figure(FIRST, "$4.5 million").low == figure(SECOND, "$4.5m").low == 4_500_000
    assert figure(FIRST, "20%").unit == figure(SECOND, "20 percent").unit == "percent"


def test_dates_years_and_times_are_not_figures() -> None:
    text = "On 12 March 2023 at 10:30, in 2021, the 3rd unit moved 40 tanks."
    surfaces = [f.surface for f in find_figures(Article(4, "", date(2024, 1, 1), text))]
    assert surfaces == ["40"]


def test_figures_for_the_same_thing_are_grouped_and_disagreements_marked() -> None:
    groups = groups_by_article_surfaces(figures([FIRST, SECOND]))
    assert groups[frozenset({(1, "Between 30 and 40"), (2, "Some 55")})] is True
    assert groups[frozenset({(1, "Three"), (2, "Three")})] is False
    assert groups[frozenset({(1, "2,300"), (2, "2,300")})] is False
    assert groups[frozenset({(1, "18 km"), (2, "about 11 miles")})] is False
    assert groups[frozenset({(1, "$4.5 million"), (2, "$4.5m")})] is False


def test_different_counts_of_the_same_noun_are_kept_apart() -> None:
    # The trapped, the dead and the employees are all counted in people or miners.
    for group in figures([FIRST, SECOND]):
        sentences = {f.text for f in group.figures}
        assert not any("trapped" in s for s in sentences) or all("trapped" in s for s in sentences)


def test_disagreement_lists_the_pairs_that_do_not_overlap() -> None:
    groups = figures([FIRST, SECOND])
    trapped = next(g for g in groups if g.figures[0].counts == "miners" and g.disagree)
    for a, b in trapped.disagreements:
        first, second = trapped.figures[a], trapped.figures[b]
        assert first.article != second.article
        assert first.high < second.low or second.high < first.low
    encoded = trapped.to_json()
    assert encoded["disagree"] is True and encoded["figures"][0]["outlet"]


def test_a_common_noun_needs_shared_context_to_group() -> None:
    # The only "people" figure of each article, but a crowd and a count of arrests.
    crowd = Article(5, "", None, "A rally in the square drew 9,000 people.")
    arrests = Article(6, "", None, "Police said 60 people were detained overnight.")
    assert figures([crowd, arrests]) == []
    # The only "seats" figure of each: a rarer noun, grouped though worded differently.
    first = Article(7, "", None, "Polls suggest they will hold 41 seats.")
    second = Article(8, "", None, "Official results gave the party 38 seats.")
    (group,) = figures([first, second])
    assert group.disagree


def test_figures_of_one_article_only_are_not_reported() -> None:
    alone = figures([FIRST])
    assert alone == []


def test_no_crash_without_numbers() -> None:
    assert figures([]) == []
    assert figures([Article(1, "", None, ""), Article(2, "", None, "No figures at all.")]) == []
    assert find_figures(Article(3, "", None, "One of the guards said a man left.")) == []


def test_soldiers_and_troops_are_one_count() -> None:
    first = Article(10, "", None, "The army lost 400 soldiers near the river crossing.")
    second = Article(11, "", None, "Around 150 troops were lost near the river crossing.")
    (group,) = figures([first, second])
    assert {f.counts for f in group.figures} == {"soldiers", "troops"}
    assert group.disagree


def test_the_noun_before_a_figure_names_it_when_none_follows() -> None:
    first = Article(12, "", None, "By Friday the death toll had reached 31.")
    second = Article(13, "", None, "Officials put the death toll at 27 on Friday.")
    assert figure(first, "31").counts == "toll"
    (group,) = figures([first, second])
    assert group.disagree


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "300",
                "-",
                "to",
                "between",
                "and",
                "a",
                "dozen",
                "km",
                "%",
                "$",
                "2.5bn",
                "of",
                "people",
                "sixteen",
                "hundred",
                ",",
                ".",
                " ",
                "\n",
                "More than",
                "May 3",
                "1,2",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_any_jumble_of_number_words_gives_sane_figures(text: str) -> None:
    article = Article(1, "", None, text)
    for found in find_figures(article):
        assert 0 <= found.span[0] < found.span[1] <= len(text)
        assert found.low <= found.high
    figures([article, Article(2, "", None, text)])


# A story about a refinery held by a militia, written for the tests below.
_REFINERY = [
    "The militia has held the refinery at Dorn since the spring.",
    "Army units have surrounded the refinery and cut its roads.",
    "Aid convoys have not reached Dorn for weeks.",
    "The refinery produced most of the region's fuel before the war.",
]


def test_an_estimate_of_a_force_is_not_a_count_of_two_men_in_a_photo() -> None:
    estimate = Article(
        21,
        "",
        None,
        "\n".join(
            [
                "Officials estimate that some 2,000 militia fighters are dug in around "
                "the refinery at Dorn.",
                *_REFINERY,
            ]
        ),
    )
    photo = Article(
        22,
        "",
        None,
        "\n".join(
            [
                "A drone video showed the three militia fighters at the refinery gate, "
                "waving a flag.",
                *_REFINERY,
            ]
        ),
    )
    assert figures([estimate, photo]) == []


def test_figures_far_apart_still_disagree_when_their_clauses_say_the_same() -> None:
    claimed = Article(
        23,
        "",
        None,
        "\n".join(
            ["Rescuers said about 300 miners were trapped underground after the blast.", *_REFINERY]
        ),
    )
    counted = Article(
        24,
        "",
        None,
        "\n".join(
            ["The company said 12 miners were trapped underground after the blast.", *_REFINERY]
        ),
    )
    (group,) = figures([claimed, counted])
    assert group.disagree


def test_an_estimate_and_an_exact_count_close_together_still_disagree() -> None:
    # Each article's only "drones" figure, worded differently, a range against a count.
    first = Article(25, "", None, "Between 40 and 50 drones hit the port overnight.")
    second = Article(26, "", None, "Air defences reported 70 drones over the coast.")
    (group,) = figures([first, second])
    assert group.disagree
