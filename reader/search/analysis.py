"""Text analysis shared by indexing, querying and highlighting: fold, tokenize, stem."""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Sequence

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem as _porter_stem

# "us" is the country far more often than the pronoun in news text.
STOPWORDS = frozenset(STOP_WORDS) - {"us"}
#: Positions left empty between two values of a multi-valued field.
VALUE_GAP = 100
#: Positions are stored as 16-bit numbers; later words share the last position.
MAX_POSITION = 65_535
_WORD_RE = re.compile(r"\w+")
_JOIN = "\x00"


def _fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {
        cp: None for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))
    }
    # Letters without a Unicode decomposition that readers still treat as plain ASCII.
    for src, dst in {
        "ø": "o",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
        "ı": "i",
        "ħ": "h",
        "ŀ": "l",
        "’": "'",
    }.items():
        table[ord(src)] = dst
    return table


_FOLD = _fold_table()
_STEMS: dict[str, str] = {}


def fold(text: str) -> str:
    """Lower-case and strip accents: "Mýrnohrád" -> "myrnohrad"."""
    return unicodedata.normalize("NFKD", text.casefold()).translate(_FOLD)


def stem(word: str) -> str:
    """Porter stem of an already folded word, memoised (the vocabulary is bounded)."""
    got = _STEMS.get(word)
    if got is None:
        if len(_STEMS) > 500_000:
            _STEMS.clear()
        got = _STEMS[word] = sys.intern(_porter_stem(word))
    return got


def _keep(word: str) -> bool:
    return len(word) > 1 and word not in STOPWORDS


def folded_words(text: str) -> list[str]:
    """Folded tokens of `text`, stop words included (positions are those of the text)."""
    raw = _WORD_RE.findall(text)
    if not raw:
        return []
    # One fold call over the joined tokens runs in C; per-token calls would dominate indexing.
    return fold(_JOIN.join(raw)).split(_JOIN)


def stems(text: str) -> list[str]:
    """Indexable stems of `text` in order, stop words and one-letter tokens removed."""
    return [stem(w) for w in folded_words(text) if _keep(w)]


def index_terms(values: str | Sequence[str]) -> tuple[dict[str, list[int]], int]:
    """Positions of each stem in one field, and the field length in stems.

    Positions count indexable stems only (stop words removed), so "battle for
    Pokrovsk" is a phrase of two adjacent stems. Values of a multi-valued field
    (two authors, several entity names) are kept `VALUE_GAP` positions apart so a
    phrase never spans two of them.
    """
    if isinstance(values, str):
        values = (values,)
    positions: dict[str, list[int]] = {}
    pos = 0
    for value in values:
        for st in stems(value):
            got = positions.get(st)
            if got is None:
                positions[st] = [pos]
            else:
                got.append(pos)
            pos += 1
        pos += VALUE_GAP
    length = pos - VALUE_GAP * len(values) if values else 0
    return positions, length


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, folded word) of every token of `text`, stop words included."""
    spans = [(m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    if not spans:
        return []
    words = fold(_JOIN.join(text[s:e] for s, e in spans)).split(_JOIN)
    return [(s, e, w) for (s, e), w in zip(spans, words, strict=True)]


def is_indexed_word(word: str) -> bool:
    """Whether a folded word survives analysis (not a stop word, not one letter)."""
    return _keep(word)
