"""spaCy extraction end to end (loads the model once per session)."""

from __future__ import annotations

from typing import Any

import pytest

from reader.entities.ner import EXCLUDED_COMPONENTS, extract_mentions

pytestmark = pytest.mark.slow

ARTICLE = (
    "Kherson, Ukraine - Ukrainian President Volodymyr Zelensky visited Kherson on Friday, "
    "three days after Russian shelling hit the city's port.\n\n"
    "Zelensky met Governor Oleksandr Prokudin and officials from the United Nations. "
    "The World Food Programme said it would send more aid in March.\n\n"
    "Photo: Volodymyr Zelensky in Kherson. Credit: Ukrainian Presidential Office"
)


def test_only_ner_components_run(nlp: Any) -> None:
    assert "ner" in nlp.pipe_names
    assert not set(nlp.pipe_names) & set(EXCLUDED_COMPONENTS)


def test_mentions_have_exact_offsets_and_kept_labels(nlp: Any) -> None:
    (mentions,) = extract_mentions([(ARTICLE, [])])
    texts = {m.text for m in mentions}
    assert {"Volodymyr Zelensky", "Kherson", "United Nations"} <= texts
    for m in mentions:
        assert ARTICLE[m.start : m.end] == m.text
        assert "\n" not in m.text
        assert m.label in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE"}
    assert not any(m.text.startswith(("the ", "The ")) for m in mentions)


def test_caption_mentions_are_dropped(nlp: Any) -> None:
    caption = (ARTICLE.index("Photo:"), len(ARTICLE))
    (with_caption,) = extract_mentions([(ARTICLE, [])])
    (without,) = extract_mentions([(ARTICLE, [caption])])
    assert any(m.start >= caption[0] for m in with_caption)
    assert all(m.end <= caption[0] for m in without)
    assert len(without) < len(with_caption)


def test_batch_returns_one_list_per_text_in_order(nlp: Any) -> None:
    docs = [("Talks in Geneva ended.", []), ("", []), ("Angela Merkel spoke in Berlin.", [])]
    results = extract_mentions(docs, batch_size=2)
    assert [[m.text for m in r] for r in results][1] == []
    assert "Geneva" in {m.text for m in results[0]}
    assert "Berlin" in {m.text for m in results[2]}
