"""Properties of pasted-text cleanup: no crash, stable on its own output, no prose lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.ingest.pasted import extract_pasted

FIXTURES = Path(__file__).parents[2] / "fixtures" / "pasted"

# Plain news vocabulary: function words and content words, so that generated
# sentences have English's density of function words (about every other word),
# as every real sentence does.
FUNCTION = "the a of to in and on for with at from by after before over under between".split()
NOUNS = (
    "council river city mayor workers union village report bridge road station market "
    "farmers week month year morning evening officials residents police court plan"
).split()
VERBS = "said told agreed voted opened closed rose fell waited built moved warned expected".split()
OTHERS = "new old long short quiet busy early late slowly quickly again still".split()
CONTENT = NOUNS + VERBS + OTHERS
WORDS = FUNCTION + CONTENT
# Words page widgets also use; in long sentences they must not make prose look like chrome.
WIDGET_WORDS = "video members share home search comments photos latest".split()
NAMES = ["Tallinn", "Porto", "Ghent", "Lyon", "Bergen", "Ines", "Marek", "Sofia"]

word = st.sampled_from(WORDS)
phrase = st.tuples(st.sampled_from(FUNCTION), st.sampled_from(CONTENT + WIDGET_WORDS)).map(" ".join)
plain_phrase = st.tuples(st.sampled_from(FUNCTION), st.sampled_from(CONTENT)).map(" ".join)
sentence = st.builds(
    lambda first, rest, name: f"{first.capitalize()} {' '.join(rest)} {name}.",
    word,
    st.lists(phrase, min_size=3, max_size=8),
    st.sampled_from(NAMES),
)
paragraph = st.lists(sentence, min_size=2, max_size=4).map(" ".join)
article = st.lists(paragraph, min_size=3, max_size=8, unique=True)
# "The council agreed.", "A village waited at the bridge.": a short paragraph is still prose.
short_sentence = st.builds(
    lambda first, noun, verb, rest: f"{first.capitalize()} {noun} {verb}{rest}.",
    st.sampled_from(FUNCTION[:2]),
    st.sampled_from(NOUNS),
    st.sampled_from(VERBS),
    st.lists(plain_phrase, max_size=2).map(lambda ps: "".join(" " + p for p in ps)),
)
article_with_short_paragraphs = st.lists(
    st.one_of(paragraph, paragraph, short_sentence), min_size=4, max_size=9, unique=True
).filter(lambda ps: sum(len(p.split()) > 20 for p in ps) >= 2)

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=3000))
def test_any_text_is_handled(text: str) -> None:
    doc = extract_pasted(text)
    assert all(b.text and "\n" not in b.text for b in doc.blocks)


@SETTINGS
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8"), max_size=200), max_size=40))
def test_any_lines_are_handled(lines: list[str]) -> None:
    extract_pasted("\n".join(lines))


@SETTINGS
@given(article)
def test_no_sentence_of_a_clean_article_is_dropped(paragraphs: list[str]) -> None:
    body = extract_pasted("\n\n".join(paragraphs)).body_text
    for para in paragraphs:
        for sent in para.split(". "):
            assert sent.rstrip(".") in body


@SETTINGS
@given(article_with_short_paragraphs)
def test_short_paragraphs_between_long_ones_survive(paragraphs: list[str]) -> None:
    body = extract_pasted("\n\n".join(paragraphs)).body_text
    long_ones = [i for i, p in enumerate(paragraphs) if len(p.split()) > 20]
    for para in paragraphs[long_ones[0] : long_ones[-1] + 1]:
        assert para in body


@SETTINGS
@given(article)
def test_cleanup_is_stable_on_its_own_output(paragraphs: list[str]) -> None:
    once = extract_pasted("\n\n".join(paragraphs)).body_text
    assert extract_pasted(once).body_text == once


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.txt")))
def test_fixture_cleanup_is_stable_on_its_own_output(name: str) -> None:
    once = extract_pasted((FIXTURES / name).read_text("utf-8")).body_text
    assert extract_pasted(once).body_text == once
