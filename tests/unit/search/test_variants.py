"""Variant-aware search: one spelling of an entity finds the others, only when asked."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.search import SearchDocument, SearchIndex

CLUSTERS = [["Zelenopil", "Zelenopol", "Selenopolye"], ["Kryvyi Rih", "Krivoy Rog"]]
DOCS = [
    SearchDocument(id=1, outlet="A", text="Shelling hit Zelenopil overnight, officials said."),
    SearchDocument(id=2, outlet="B", text="Residents of Zelenopol boarded evacuation trains."),
    SearchDocument(id=3, outlet="C", text="Selenopolye was quiet; the market reopened."),
    SearchDocument(id=4, outlet="D", text="Trains to Krivoy Rog were cancelled on Friday."),
    SearchDocument(id=5, outlet="E", text="The mayor of Kryvyi Rih spoke on Friday."),
]


def expand(text: str) -> list[str]:
    """What the entity layer would answer: the other spellings in the same cluster."""
    for cluster in CLUSTERS:
        if text.casefold() in (name.casefold() for name in cluster):
            return [n for n in cluster if n.casefold() != text.casefold()]
    return []


@pytest.fixture
def ix(tmp_path: Path) -> SearchIndex:
    index = SearchIndex(tmp_path / "ix")
    index.add(DOCS)
    return index


def found(index: SearchIndex, query: str, **kwargs) -> set[int]:
    return {h.id for h in index.search(query, **kwargs).hits}


def test_without_expansion_only_the_typed_spelling_matches(ix):
    assert found(ix, "Zelenopil") == {1}
    assert found(ix, "zelenopol") == {2}


def test_expansion_finds_every_spelling(ix):
    assert found(ix, "Zelenopil", expand=expand) == {1, 2, 3}
    assert found(ix, "Zelenopil AND trains", expand=expand) == {2}


def test_expansion_works_for_multiword_names_typed_without_quotes(ix):
    assert found(ix, "Kryvyi Rih") == {5}
    assert found(ix, "Kryvyi Rih", expand=expand) == {4, 5}
    assert found(ix, '"Krivoy Rog"', expand=expand) == {4, 5}


def test_not_excludes_every_spelling_when_expanding(ix):
    assert found(ix, "trains NOT Zelenopil") == {2, 4}
    assert found(ix, "trains NOT Zelenopil", expand=expand) == {4}


def test_field_qualified_words_other_than_entity_are_not_expanded(ix):
    assert found(ix, "outlet:Zelenopil", expand=expand) == set()


def test_variant_matches_are_highlighted(ix):
    texts = {d.id: d.text for d in DOCS}
    hit = ix.search(
        "Zelenopil AND trains",
        expand=expand,
        text_for=texts.__getitem__ and (lambda ids: {i: texts[i] for i in ids}),
    ).hits[0]
    assert "«Zelenopol»" in hit.snippet
    assert ix.match_spans("zelenopil", DOCS[1].text, expand=expand) == [(13, 22)]
