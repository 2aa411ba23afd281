"""Timeline: dated events across articles, relative dates resolved, conflicting dates marked."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.compare.coverage import Article, coverage
from reader.compare.timeline import find_dates, timeline

# Two accounts of a bridge collapse, written for these tests. The first is
# published on Thursday 2024-05-16, the second on Friday 2024-05-17.
FIRST = Article(
    1,
    "Lakeside Echo",
    date(2024, 5, 16),
    "Bridge collapse in Orvel\n"
    "The old rail bridge over the Orvel canal collapsed on Tuesday, injuring four workers.\n"
    "Repairs on the bridge had started in March.\n"
    "The city council will meet next Monday to discuss a replacement.",
)
SECOND = Article(
    2,
    "Canal Weekly",
    date(2024, 5, 17),
    "The rail bridge across the Orvel canal collapsed on May 13, according to the city.\n"
    "Repair work on the bridge began in March 2024.\n"
    "A similar bridge in the region was closed last week.",
)


def events_in(article: int, events: list) -> dict[str, str]:
    return {e.surface: e.date for e in events if e.article == article}


def test_relative_dates_resolve_against_each_articles_own_publication_date() -> None:
    events = timeline([FIRST, SECOND])
    assert events_in(1, events)["Tuesday"] == "2024-05-14"
    assert events_in(1, events)["next Monday"] == "2024-05-20"
    assert events_in(2, events)["last week"] == "2024-W19"
    # The same "Tuesday" in an article of a week later is a week later.
    later = Article(3, "X", date(2024, 5, 23), "The tunnel was closed on Tuesday.")
    assert events_in(3, timeline([later]))["Tuesday"] == "2024-05-21"


def test_each_event_carries_its_sentence_span_and_outlet() -> None:
    events = timeline([FIRST])
    tuesday = next(e for e in events if e.surface == "Tuesday")
    assert FIRST.text[tuesday.start : tuesday.end] == tuesday.sentence
    assert tuesday.sentence.startswith("The old rail bridge") and tuesday.sentence.endswith(".")
    assert FIRST.text[tuesday.mention[0] : tuesday.mention[1]] == "Tuesday"
    assert tuesday.outlet == "Lakeside Echo"


def test_the_same_happening_dated_differently_is_a_conflict() -> None:
    events = timeline([FIRST, SECOND])
    collapse = [e for e in events if "collapsed" in e.sentence]
    assert len(collapse) == 2
    assert collapse[0].group is not None and collapse[0].group == collapse[1].group
    assert all(e.conflict for e in collapse)
    assert (2, "2024-05-13") in next(e for e in collapse if e.article == 1).conflicts


def test_dates_at_different_precision_that_overlap_do_not_conflict() -> None:
    events = timeline([FIRST, SECOND])
    repairs = [e for e in events if "epair" in e.sentence]
    assert {e.date for e in repairs} == {"2024-03"}
    assert repairs[0].group == repairs[1].group and repairs[0].group is not None
    assert not any(e.conflict for e in repairs)


def test_unrelated_events_are_not_grouped() -> None:
    events = timeline([FIRST, SECOND])
    meeting = next(e for e in events if e.surface == "next Monday")
    closed = next(e for e in events if e.surface == "last week")
    assert meeting.group is None and closed.group is None


def test_events_are_ordered_oldest_first() -> None:
    surfaces = [e.surface for e in timeline([FIRST, SECOND])]
    assert set(surfaces[:2]) == {"March", "March 2024"}
    assert surfaces.index("May 13") < surfaces.index("Tuesday") < surfaces.index("next Monday")
    assert surfaces[-1] == "next Monday"


def test_given_mentions_win_and_the_patterns_fill_in() -> None:
    text = "Elections were held on 2 June, officials said."
    given = Article(5, "Y", date(2024, 6, 10), text, dates=[(23, 29, "2 June", "2024-06-02")])
    (event,) = timeline([given])
    assert event.date == "2024-06-02" and event.mention == (23, 29)
    # A mention the entity layer could not resolve is resolved here or dropped.
    unresolved = Article(6, "Y", None, "It rained on Monday.", dates=[(12, 18, "Monday", None)])
    assert timeline([unresolved]) == []
    # A date the entity layer missed is still found.
    partial = Article(
        7, "Y", date(2024, 6, 10), text + " Counting ended on 4 June.", dates=given.dates
    )
    assert [e.date for e in timeline([partial])] == ["2024-06-02", "2024-06-04"]


def test_only_the_given_paragraphs_are_read() -> None:
    text = "Troops left the port on 3 May.\nA ship in the port on 9 May 2019 (file photo)."
    article = Article(8, "Z", date(2024, 5, 20), text, paragraphs=[(0, text.index("\n"))])
    assert [e.date for e in timeline([article])] == ["2024-05-03"]


def test_finds_explicit_and_relative_date_expressions() -> None:
    text = (
        "The deal signed on Sept. 3, 2023 was revised on 14 February and again in 2021. "
        "Two days ago the firm said yesterday's figures were wrong."
    )
    found = {surface: iso for _, _, surface, iso in find_dates(text, date(2024, 3, 1))}
    assert found["Sept. 3, 2023"] == "2023-09-03"
    assert found["14 February"] == "2024-02-14"
    assert found["2021"] == "2021"
    assert found["Two days ago"] == "2024-02-28"
    assert found["yesterday"] == "2024-02-29"


def test_without_publication_date_only_explicit_dates_are_placed() -> None:
    article = Article(7, "", None, "Fighting resumed on Friday. The truce began on 1 May 2024.")
    assert [e.date for e in timeline([article])] == ["2024-05-01"]


def test_empty_and_dateless_texts_give_no_events() -> None:
    assert timeline([]) == []
    assert timeline([Article(1, "", None, "")]) == []
    assert timeline([Article(2, "", date(2024, 1, 1), "Nothing happened here at all.")]) == []


def test_coverage_accepts_dicts_and_returns_json() -> None:
    result = coverage(
        [
            {"id": 1, "outlet": "A", "published": "2024-05-16", "text": FIRST.text},
            {"id": 2, "outlet": "B", "published": "2024-05-17", "text": SECOND.text},
        ]
    )
    assert set(result) == {"timeline", "figures", "claims"}
    decoded = json.loads(json.dumps(result))
    assert any(event["conflict"] for event in decoded["timeline"])
    assert coverage([]) == {"timeline": [], "figures": [], "claims": []}


def test_words_every_sentence_shares_do_not_make_events_alike() -> None:
    # Every sentence names the Orvel council; only the floods are one happening.
    first = Article(
        8,
        "A",
        date(2024, 5, 16),
        "The Orvel council said the mayor opened a new school on Monday.\n"
        "Floods damaged the harbour wall on May 2, the Orvel council said.",
    )
    second = Article(
        9,
        "B",
        date(2024, 5, 17),
        "The Orvel council said the harbour wall was damaged by floods on May 3.\n"
        "Residents protested outside the Orvel council offices on Tuesday.",
    )
    events = {e.surface: e for e in timeline([first, second])}
    assert events["May 2"].group == events["May 3"].group is not None
    assert events["May 2"].conflict
    assert events["Monday"].group is None and events["Tuesday"].group is None


def test_weekday_followed_by_its_date_is_one_mention() -> None:
    text = "The strike started on Thursday, June 19, and ended on Friday."
    surfaces = [surface for _, _, surface, _ in find_dates(text, date(2025, 6, 25))]
    assert surfaces == ["June 19", "Friday"]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "on",
                "Monday",
                "last",
                "week",
                "Dec.",
                "2",
                ",",
                "2024",
                "ago",
                "two",
                "days",
                "in",
                "March",
                "yesterday",
                "the",
                "town",
                ".",
                "\n",
                "31",
                "Feb.",
            ]
        ),
        max_size=30,
    ).map(" ".join)
)
def test_any_jumble_of_date_words_gives_valid_events(text: str) -> None:
    article = Article(1, "", date(2024, 3, 1), text)
    for event in timeline([article, Article(2, "", None, text)]):
        assert text[event.mention[0] : event.mention[1]] == event.surface
        assert event.start <= event.mention[0] < event.end


# A story about a besieged harbour, written for the false-alarm tests below: many
# sentences, so the harbour's name and the sides are common words of the story.
_SIEGE = [
    "Coalition ships shelled the harbour of Seltra on Monday, port workers said.",
    "The rebels hold most of the old town and the rail yard.",
    "Food prices in the town have tripled, according to aid groups.",
    "The coalition says its ships keep the sea lanes open.",
    "Aid groups have asked both sides for a corridor to the town.",
]
SIEGE_FIRST = Article(
    31,
    "Coast Courier",
    date(2025, 4, 11),
    "\n".join(
        [
            "The harbour of Seltra became the main supply base of the rebels in late 2023, "
            "when the coalition navy started its blockade of the northern coast.",
            *_SIEGE,
        ]
    ),
)
SIEGE_SECOND = Article(
    32,
    "Harbour Times",
    date(2025, 4, 11),
    "\n".join(
        [
            "A coalition spokesman on Wednesday announced that the main supply harbour of "
            "Seltra was now under coalition control.",
            "The shelling of the harbour of Seltra by coalition ships began on Sunday.",
            "Ministers met in the border town of Kessin on Thursday.",
            *_SIEGE[1:],
        ]
    ),
)
SIEGE_THIRD = Article(
    33,
    "Border Post",
    date(2025, 4, 11),
    "\n".join(
        [
            "Protesters blocked the border town of Kessin on Wednesday, police said.",
            *_SIEGE[1:],
        ]
    ),
)


def test_a_year_and_a_weekday_are_not_one_happening() -> None:
    # "late 2023" (when a blockade started) and "Wednesday" (when a spokesman spoke)
    # share the harbour's name and "main supply", not a happening.
    events = timeline([SIEGE_FIRST, SIEGE_SECOND])
    background = next(e for e in events if e.surface == "late 2023")
    spoke = next(e for e in events if e.surface == "Wednesday")
    assert not background.conflict and not spoke.conflict
    assert background.group is None or background.group != spoke.group


def test_conflicting_dates_need_the_same_happening_not_just_the_same_place() -> None:
    # Ministers meeting in a town and protesters blocking it are two happenings.
    events = timeline([SIEGE_SECOND, SIEGE_THIRD])
    meeting = next(e for e in events if e.surface == "Thursday")
    blockade = next(e for e in events if e.surface == "Wednesday" and e.article == 33)
    assert not meeting.conflict and not blockade.conflict


def test_the_same_happening_told_with_other_words_still_conflicts() -> None:
    # "shelled ... on Monday" against "the shelling ... began on Sunday": one attack.
    events = timeline([SIEGE_FIRST, SIEGE_SECOND])
    first = next(e for e in events if e.surface == "Monday")
    second = next(e for e in events if e.surface == "Sunday")
    assert first.group is not None and first.group == second.group
    assert (32, "2025-04-06") in first.conflicts


def test_a_fire_that_broke_out_is_one_that_started() -> None:
    first = Article(
        41, "", date(2025, 2, 7), "A fire broke out at the Arlon paper mill on Tuesday."
    )
    second = Article(
        42, "", date(2025, 2, 7), "The blaze at the Arlon paper mill started on Monday."
    )
    events = timeline([first, second])
    assert all(e.conflict for e in events) and len(events) == 2


def test_one_happening_told_with_different_verbs_conflicts_when_all_else_is_shared() -> None:
    rest = [
        "Firefighters worked through the night.",
        "No one was hurt, the police said.",
        "The cause is not yet known.",
    ]
    first = Article(
        43,
        "",
        date(2025, 5, 6),
        "\n".join(
            [
                "The old tram depot on Velt Lane in Harnow burned down on 3 May, neighbours said.",
                *rest,
            ]
        ),
    )
    second = Article(
        44,
        "",
        date(2025, 5, 6),
        "\n".join(["Flames destroyed the old tram depot on Velt Lane in Harnow on 4 May.", *rest]),
    )
    events = timeline([first, second])
    assert len(events) == 2 and all(e.conflict for e in events)
