"""End-to-end search behaviour on hand-written articles: each syntax, sorting, facets."""

from __future__ import annotations

import pytest

from reader.search import QuerySyntaxError, SearchIndex


def found(index: SearchIndex, query: str, **kwargs) -> set[int]:
    return {h.id for h in index.search(query, **kwargs).hits if h.kind == "article"}


def test_plain_word_finds_only_articles_containing_it(index):
    assert found(index, "shelling") == {1}
    assert found(index, "inflation") == {3}


def test_search_is_case_and_accent_insensitive(index):
    assert found(index, "evora") == {4}
    assert found(index, "ÉVORA") == {4}
    assert found(index, "CAFE") == {1}


def test_english_stemming_matches_other_forms(index):
    assert found(index, "evacuate") == {2}
    assert found(index, "festival") == {4}
    assert found(index, "played") == {4}


def test_phrase_needs_adjacent_words(index):
    # Both words occur in article 2, but not next to each other.
    assert found(index, "ceasefire talks") == {1, 2}
    assert found(index, '"ceasefire talks"') == {1}
    assert found(index, '"shelling ceasefire"') == set()


def test_phrase_ignores_stop_words_between(index):
    assert found(index, '"residents of Zelenopol"') == {2}


def test_boolean_operators_and_parentheses(index):
    assert found(index, "governor AND shelters") == {1}
    assert found(index, "inflation OR festival") == {3, 4}
    assert found(index, "governor NOT inflation") == {1}
    assert found(index, "(inflation OR festival) AND crowds") == {4}
    assert found(index, "governor AND (geneva OR traders)") == {1, 3}
    assert found(index, "NOT governor") >= {2, 4}
    assert 1 not in found(index, "NOT governor")


def test_field_filters(index):
    assert found(index, "title:zelenopol") == {2}
    assert found(index, 'outlet:"kyiv ledger"') == {1, 4}
    assert found(index, "author:marchuk") == {1, 4}
    assert found(index, "author:kovalenko") == {2}
    assert found(index, "entity:geneva") == {1}
    # "Markets" is in the title and text of 3 only; title: must not look at the text.
    assert found(index, "title:governor") == set()
    assert found(index, "title:(markets OR festival)") == {3, 4}


def test_tag_and_note_fields_find_annotations(index):
    hits = index.search("tag:logistics").hits
    assert [(h.kind, h.id, h.article_id) for h in hits] == [("annotation", 10, 2)]
    assert [h.id for h in index.search("note:timetable").hits] == [10]


def test_plain_words_find_annotation_notes(index):
    result = index.search("timetable")
    assert [(h.kind, h.article_id) for h in result.hits] == [("annotation", 2)]
    assert found(index, "timetable", kinds=("article",)) == set()


def test_date_filters(index):
    assert found(index, "date:2025-12-02") == {2}
    assert found(index, "date:2025-12-01..2025-12-02") == {1, 2}
    assert found(index, "date:2025-12-02..") == {2, 4}
    assert found(index, "date:..2025-11-30") == {3}
    assert found(index, "date:2025-11") == {3}
    assert found(index, "governor date:2025-12") == {1}


def test_prefix_and_fuzzy(index):
    assert found(index, "evac*") == {2}
    assert found(index, "festiv*") == {4}
    # One typo away from both spellings of the town.
    assert found(index, "Zelenopel~") == {1, 2}
    assert found(index, "inflaton~") == {3}
    assert found(index, "inflaton") == set()


def test_sort_by_date_puts_newest_first(index):
    hits = index.search("governor OR festival OR residents", sort="date", kinds=["article"]).hits
    dates = [h.published for h in hits]
    assert dates == sorted(dates, reverse=True)
    assert hits[0].id == 4


def test_relevance_ranks_title_match_above_passing_mention(index):
    hits = index.search("zelenopol").hits
    assert hits[0].id == 2


def test_total_counts_all_matches_beyond_the_limit(index):
    result = index.search("governor OR festival OR residents", limit=1, kinds=("article",))
    assert result.total == 4
    assert len(result.hits) == 1
    page2 = index.search("governor OR festival OR residents", limit=1, offset=1, kinds=("article",))
    assert page2.hits[0].id != result.hits[0].id


def test_facets_count_outlets_months_and_entities(index):
    facets = index.search("governor OR festival").facets
    assert facets["outlet"] == {"Kyiv Ledger": 2, "Business Daily": 1}
    assert facets["month"] == {"2025-11": 1, "2025-12": 2}
    assert facets["entity"] == {
        "Zelenopil": 1,
        "Olena Marchuk": 1,
        "Geneva": 1,
        "Priya Natarajan": 1,
        "Évora": 1,
    }


def test_hits_carry_article_metadata_and_marked_snippet(index, text_for):
    hit = index.search("shelters", text_for=text_for).hits[0]
    assert (hit.id, hit.kind, hit.article_id) == (1, "article", 1)
    assert hit.outlet == "Kyiv Ledger"
    assert hit.published == "2025-12-01"
    assert "«shelters»" in hit.snippet
    assert hit.score > 0


def test_stop_word_only_query_finds_nothing_without_error(index):
    assert index.search("the of").total == 0


@pytest.mark.parametrize(
    "query",
    [
        '"unclosed phrase',
        "(governor",
        "governor)",
        "governor AND",
        "OR governor",
        "colour:red",
        "date:yesterday",
        "date:2025-13-01",
        "gov*nor",
        "g*",
        "title:",
        "()",
    ],
)
def test_malformed_query_raises_query_syntax_error(index, query):
    with pytest.raises(QuerySyntaxError) as err:
        index.search(query)
    message = str(err.value)
    assert message and "\n" not in message and "Traceback" not in message


def test_annotations_are_not_found_by_their_articles_title(index):
    hits = index.search("flee").hits  # a word of article 2's title only
    assert [(h.kind, h.id) for h in hits] == [("article", 2)]
