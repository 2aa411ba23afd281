"""The query parser: structure of valid queries and messages for malformed ones."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.search import QuerySyntaxError, parse
from reader.search.query import And, DateRange, Fuzzy, Not, Or, Prefix, Words


def test_implicit_and_binds_tighter_than_or():
    node = parse("shelling governor OR festival")
    assert isinstance(node, Or)
    assert isinstance(node.items[0], And)


def test_words_are_folded_and_stemmed_and_stop_words_dropped():
    assert parse("The Évacuations") == Words(None, ("evacu",), "Évacuations")


def test_phrase_keeps_word_order():
    assert parse('"front line moved"').stems == ("front", "line", "move")


def test_fields_prefix_fuzzy_and_not():
    node = parse("title:bank NOT rates evac* inflaton~2")
    assert isinstance(node, And)
    title, neg, prefix, fuzzy = node.items
    assert title == Words("title", ("bank",), "bank")
    assert isinstance(neg, Not)
    assert prefix == Prefix(None, "evac")
    assert isinstance(fuzzy, Fuzzy) and fuzzy.maxdist == 2


@pytest.mark.parametrize(
    ("value", "lo", "hi"),
    [
        ("2025-12-02", 20251202, 20251202),
        ("2025-12", 20251201, 20251231),
        ("2024-02", 20240201, 20240229),
        ("2025", 20250101, 20251231),
        ("2025-12-01..2025-12-03", 20251201, 20251203),
        ("2025-12-01..", 20251201, 99_999_999),
        ("..2025-12-03", 0, 20251203),
    ],
)
def test_date_values(value, lo, hi):
    assert parse(f"date:{value}") == DateRange(lo, hi)


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        ('"open phrase', "unclosed quote"),
        ("(a OR b", "missing ')'"),
        ("a OR b)", "unmatched ')'"),
        ("war AND", "needs a word"),
        ("AND war", "needs a word"),
        ("war OR OR peace", "needs a word"),
        ("NOT", "needs a word"),
        ("colour:red", "unknown field 'colour'"),
        ("date:tomorrow", "dates look like"),
        ("date:2025-02-30", "not a real date"),
        ("date:2025-12-05..2025-12-01", "ends before it starts"),
        ("date:..", "cannot read date"),
        ("wa*r", "end of a word"),
        ("w*", "at least 2 letters"),
        ("war~5", "between 1 and 2"),
        ("title:(war title:peace)", "inside a title: group"),
        ("", "empty query"),
        ("   ", "empty query"),
    ],
)
def test_malformed_queries_say_what_is_wrong(query, hint):
    with pytest.raises(QuerySyntaxError, match=hint.replace("(", r"\(").replace(")", r"\)")):
        parse(query)


def test_lowercase_operators_are_ordinary_words():
    # "and"/"or"/"not" are stop words, so only the content words remain.
    assert parse("war and peace") == And(
        (Words(None, ("war",), "war"), Words(None, ("peac",), "peace"))
    )


@given(
    st.lists(
        st.sampled_from(
            [
                "war",
                "Évora",
                '"',
                "(",
                ")",
                "AND",
                "OR",
                "NOT",
                "title:",
                "date:",
                "2025-12",
                "..",
                "*",
                "~",
                "~2",
                "x",
                " ",
                "tag:",
                ":",
                "-",
                "ab*",
                "the",
            ]
        ),
        max_size=12,
    ).map("".join)
)
@settings(max_examples=300, deadline=None)
def test_any_query_either_parses_or_raises_query_syntax_error(query):
    try:
        parse(query)
    except QuerySyntaxError as err:
        assert str(err)


@given(st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_arbitrary_text_never_crashes_the_parser(query):
    try:
        parse(query)
    except QuerySyntaxError:
        pass
