"""Passage alignment between articles: matching paragraphs and what only one outlet says."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.compare.alignment import Alignment, ArticleText, align, paragraph_spans

# Two outlets on the same flood, written for these tests: paraphrased, in a
# different order, with one paragraph each that the other does not have.
FIRST = "\n\n".join(
    [
        "Floodwater cuts off villages along the Sava",
        "The river Sava burst its banks near Slavonski Brod on Saturday night, cutting off "
        "seven villages and forcing 1,200 people from their homes, the civil protection "
        "office said.",
        "Soldiers and volunteers filled sandbags through the night to protect the hospital, "
        "which moved 85 patients to upper floors.",
        "The water level peaked at 9.4 metres on Sunday morning, the highest reading since 2014.",
        "Local bakers handed out free bread at the evacuation centre in the school gym.",
    ]
)
SECOND = "\n\n".join(
    [
        "Hospital patients moved upstairs as Sava rises",
        "Readings at the Slavonski Brod gauge reached 9.4 metres early on Sunday, a level not "
        "seen since the floods of 2014.",
        "Some 1,200 residents of seven villages were evacuated after the Sava overflowed on "
        "Saturday night, according to civil protection officials.",
        "At the city hospital, 85 patients were carried to higher floors while troops and "
        "volunteers stacked sandbags around the building.",
        "Insurers said they expected claims to run into tens of millions of euros.",
    ]
)


def paragraph_of(text: str, start: int) -> int:
    for index, (s, e) in enumerate(paragraph_spans(text)):
        if s <= start < e:
            return index
    raise AssertionError(start)


def matched(result: Alignment, texts: dict[int, str]) -> set[tuple[int, int]]:
    return {
        (paragraph_of(texts[p.a.article], p.a.start), paragraph_of(texts[p.b.article], p.b.start))
        for p in result.pairs
    }


def test_paraphrased_paragraphs_are_matched_across_a_different_order() -> None:
    result = align([ArticleText(1, FIRST), ArticleText(2, SECOND)])
    pairs = matched(result, {1: FIRST, 2: SECOND})
    assert {(1, 2), (2, 3), (3, 1)} <= pairs
    assert (1, 1) not in pairs and (3, 2) not in pairs


def test_paragraphs_only_one_outlet_has_are_reported() -> None:
    result = align([ArticleText(1, FIRST), ArticleText(2, SECOND)])
    only_first = [FIRST[s:e] for s, e in result.only[1]]
    only_second = [SECOND[s:e] for s, e in result.only[2]]
    assert any(t.startswith("Local bakers") for t in only_first)
    assert any(t.startswith("Insurers said") for t in only_second)
    assert not any(t.startswith("The river Sava burst") for t in only_first)


def test_spans_are_the_paragraphs_themselves() -> None:
    result = align([ArticleText(1, FIRST), ArticleText(2, SECOND)])
    for pair in result.pairs:
        for passage, text in ((pair.a, FIRST), (pair.b, SECOND)):
            assert (passage.start, passage.end) in paragraph_spans(text)
        assert 0.0 < pair.score <= 1.0


def test_shared_figures_are_given_as_evidence() -> None:
    result = align([ArticleText(1, FIRST), ArticleText(2, SECOND)])
    level = next(p for p in result.pairs if FIRST[p.a.start :].startswith("The water level"))
    assert "9.4" in level.shared
    assert "2014" in level.shared


def test_json_shape_for_compare() -> None:
    doc = align([ArticleText(10, FIRST), ArticleText(20, SECOND)]).to_json()
    first = doc["alignment"][0]
    assert first["a"][0] == 10 and first["b"][0] == 20
    assert isinstance(first["a"][1], int) and first["a"][1] < first["a"][2]
    assert isinstance(first["score"], float)
    assert set(doc["only"]) == {"10", "20"}
    assert all(len(span) == 2 for span in doc["only"]["10"])


def test_figures_written_differently_still_match() -> None:
    a = "The club paid 71 million euros for the striker on Friday.\n\nFans were not convinced."
    b = "Tickets sold out within hours.\n\nA fee of 71m euros was agreed for the forward."
    result = align([ArticleText(1, a), ArticleText(2, b)])
    assert [(a[p.a.start : p.a.end][:8], b[p.b.start : p.b.end][:5]) for p in result.pairs] == [
        ("The club", "A fee")
    ]


def test_transliterated_names_meet() -> None:
    a = "Shelling hit Kharkiv overnight, the regional governor said.\n\nPrices rose again in May."
    b = "The mayor of Kharkov reported shelling overnight.\n\nSchools reopened in the capital."
    result = align([ArticleText(1, a), ArticleText(2, b)], threshold=0.1)
    assert len(result.pairs) == 1
    assert result.pairs[0].a.start == 0 and result.pairs[0].b.start == 0


def test_entity_keys_from_the_linker_are_used() -> None:
    # Spellings too far apart for a name guess; the linker knows they are one place.
    a = "Troops withdrew from Artemivsk on Monday.\n\nA new ceasefire proposal was published."
    b = "Bakhmut was abandoned by the defenders on Monday.\n\nGrain exports rose in March."
    keys_a = [{"place:bakhmut"}, set()]
    keys_b = [{"place:bakhmut"}, set()]
    without = align([ArticleText(1, a), ArticleText(2, b)], threshold=0.3)
    with_keys = align(
        [ArticleText(1, a, entities=keys_a), ArticleText(2, b, entities=keys_b)], threshold=0.3
    )
    assert without.pairs == []
    assert [(p.a.start, p.b.start) for p in with_keys.pairs] == [(0, 0)]


def test_three_articles_give_pairs_between_each_two() -> None:
    third = "Civil protection said 1,200 people had left seven villages on the Sava on Saturday."
    result = align([ArticleText(1, FIRST), ArticleText(2, SECOND), ArticleText(3, third)])
    combos = {(p.a.article, p.b.article) for p in result.pairs}
    assert combos == {(1, 2), (1, 3), (2, 3)}
    assert result.only[3] == []


def test_sentences_can_be_the_unit() -> None:
    a = "The bridge was closed to traffic at noon on Friday. Engineers found cracks in two piers."
    b = "Inspectors discovered cracks in two of the piers, engineers confirmed."
    result = align([ArticleText(1, a), ArticleText(2, b)], unit="sentence")
    assert [a[p.a.start : p.a.end] for p in result.pairs] == [
        "Engineers found cracks in two piers."
    ]
    assert [a[s:e] for s, e in result.only[1]] == [
        "The bridge was closed to traffic at noon on Friday."
    ]


def test_short_lines_are_neither_matched_nor_reported() -> None:
    a = "Advertisement\n\n" + FIRST
    result = align([ArticleText(1, a), ArticleText(2, SECOND)])
    assert (0, len("Advertisement")) not in result.only[1]


def test_given_paragraph_spans_are_respected() -> None:
    text = "One long line with the Sava river flooding seven villages. And 1,200 people left."
    spans = [(0, 58), (59, len(text))]
    result = align([ArticleText(1, text, paragraphs=spans), ArticleText(2, SECOND)])
    assert all((p.a.start, p.a.end) in spans for p in result.pairs)


def test_bad_input_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="ids must differ"):
        align([ArticleText(1, FIRST), ArticleText(1, SECOND)])
    with pytest.raises(ValueError, match="entity sets"):
        align([ArticleText(1, FIRST, entities=[set()]), ArticleText(2, SECOND)])


def test_empty_articles_align_to_nothing() -> None:
    result = align([ArticleText(1, ""), ArticleText(2, SECOND)])
    assert result.pairs == []
    assert result.only[1] == []


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.text(max_size=300), min_size=2, max_size=4),
    st.sampled_from(["paragraph", "sentence"]),
)
def test_any_texts_give_spans_inside_them(texts: list[str], unit: str) -> None:
    articles = [ArticleText(i, t) for i, t in enumerate(texts)]
    result = align(articles, unit=unit)  # type: ignore[arg-type]
    for pair in result.pairs:
        assert pair.a.article < pair.b.article
        for p in (pair.a, pair.b):
            assert 0 <= p.start < p.end <= len(texts[p.article])
        assert 0.0 <= pair.score <= 1.0 + 1e-9
    for article, spans in result.only.items():
        assert all(0 <= s < e <= len(texts[article]) for s, e in spans)
