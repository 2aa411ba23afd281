"""Language guessing from frequent words."""

from __future__ import annotations

import pytest

from reader.ingest.language import detect_language, stopwords


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The council said that the new bridge would be open to traffic in the spring.", "en"),
        ("Le conseil a dit que le nouveau pont sera ouvert à la circulation au printemps.", "fr"),
        ("Der Rat sagte, dass die neue Brücke im Frühling für den Verkehr geöffnet wird.", "de"),
        ("O conselho disse que a nova ponte vai abrir ao trânsito na primavera.", "pt"),
        (
            "新しい橋は春に開通する予定だと市議会は発表した。これはとても大事なニュースです。" * 2,
            "ja",
        ),
    ],
)
def test_common_languages_are_recognised(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_little_text_gives_none() -> None:
    assert detect_language("OK") is None
    assert detect_language("") is None


def test_stopwords_for_known_and_unknown_languages() -> None:
    assert "the" in stopwords("en")
    assert stopwords(None) == frozenset()
