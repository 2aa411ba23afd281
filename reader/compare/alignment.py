"""Passage alignment: which paragraphs of 2-4 articles say the same, and which no other does."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

from anyascii import anyascii
from whoosh.lang.porter import stem
from whoosh.lang.stopwords import stoplists
from wordfreq import zipf_frequency

Unit = Literal["paragraph", "sentence"]

# Words every news report uses whatever it is about: they say nothing about
# which passage matches which.
_STOP = frozenset(stoplists["en"]) | frozenset(
    "said says say told according also would could may might one new year years "
    "last first just like including since however still even many much well "
    "mr mrs ms per cent percent ".split()
)
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")
_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "m": 1e6, "mn": 1e6, "bn": 1e9, "k": 1e3}
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
     "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200,
     "thousands": 2000}  # fmt: skip
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december"
        .split()
    )
} | {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
     "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_NAME = re.compile(r"\b[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|of|de|la|al|von|van))*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")

# Feature weights relative to an ordinary word: shared figures, dates and
# names are much stronger evidence of "the same fact" than shared vocabulary.
_WEIGHTS = {"w": 1.0, "n": 2.0, "d": 1.5, "e": 2.0}


@dataclass(frozen=True)
class ArticleText:
    """One article to align, as plain data.

    Attributes:
        id: the article's id.
        text: its stored text.
        paragraphs: (start, end) spans of its paragraphs; None splits on blank lines.
        entities: entity keys per paragraph (the same keys for the same entity
            in every article, e.g. from the alias linker); None guesses names
            from capitalised words.
    """

    id: int
    text: str
    paragraphs: Sequence[tuple[int, int]] | None = None
    entities: Sequence[frozenset[str] | set[str]] | None = None


@dataclass(frozen=True)
class Passage:
    """A span of one article."""

    article: int
    start: int
    end: int


@dataclass(frozen=True)
class AlignedPair:
    """Two passages, in two articles, that tell the same thing.

    Attributes:
        a: the passage in the article given first.
        b: the passage in the other article.
        score: similarity in [0, 1].
        shared: the strongest shared evidence (names, figures, dates, words).
    """

    a: Passage
    b: Passage
    score: float
    shared: tuple[str, ...] = ()


@dataclass
class Alignment:
    """The result: matching passages, and each article's passages matched nowhere."""

    pairs: list[AlignedPair] = field(default_factory=list)
    only: dict[int, list[tuple[int, int]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The ``compare --json`` shape: ``{"alignment": [...], "only": {...}}``."""
        return {
            "alignment": [
                {
                    "a": [p.a.article, p.a.start, p.a.end],
                    "b": [p.b.article, p.b.start, p.b.end],
                    "score": p.score,
                    "shared": list(p.shared),
                }
                for p in self.pairs
            ],
            "only": {str(k): [list(span) for span in v] for k, v in self.only.items()},
        }


@dataclass
class _Piece:
    article: int
    start: int
    end: int
    features: Counter[str]
    surfaces: dict[str, str]
    words: int
    vector: dict[str, float] = field(default_factory=dict)


def align(
    articles: Sequence[ArticleText],
    unit: Unit = "paragraph",
    threshold: float = 0.2,
    relative: float = 0.6,
    min_words: int = 4,
) -> Alignment:
    """Align the passages of 2-4 articles.

    Each passage becomes a TF-IDF vector of stemmed content words, figures,
    dates and entity keys (the last three weighted up), with IDF over all
    passages of all the articles. A pair is kept when its cosine is at least
    ``threshold`` and at least ``relative`` times the best score of either
    passage, so one paragraph may match two that split the same content.

    Args:
        articles: the articles; ids must differ.
        unit: align paragraphs or sentences.
        threshold: the lowest cosine that counts as a match.
        relative: how close to a passage's best match another match must be.
        min_words: passages with fewer content words (datelines, "Advertisement")
            are neither aligned nor reported as only in one article.

    Returns:
        Pairs ordered by article then position, and per article the spans
        matched by no passage of any other article.
    """
    if len({a.id for a in articles}) != len(articles):
        raise ValueError("article ids must differ")
    pieces = {a.id: [p for p in _pieces(a, unit) if p.words >= min_words] for a in articles}
    _weigh([p for ps in pieces.values() for p in ps])
    result = Alignment()
    matched: set[tuple[int, int]] = set()
    for first, second in combinations(articles, 2):
        for pair in _pairs(pieces[first.id], pieces[second.id], threshold, relative):
            result.pairs.append(pair)
            matched.add((pair.a.article, pair.a.start))
            matched.add((pair.b.article, pair.b.start))
    result.pairs.sort(key=lambda p: (p.a.article, p.a.start, p.b.article, p.b.start))
    for article in articles:
        result.only[article.id] = [
            (p.start, p.end) for p in pieces[article.id] if (p.article, p.start) not in matched
        ]
    return result


# --- passages and their features ----------------------------------------------


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text`` (a stored text has one paragraph per line)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text)]


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``."""
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _pieces(article: ArticleText, unit: Unit) -> list[_Piece]:
    spans = (
        list(article.paragraphs)
        if article.paragraphs is not None
        else paragraph_spans(article.text)
    )
    entities = article.entities
    if entities is not None and len(entities) != len(spans):
        raise ValueError(
            f"article {article.id}: {len(entities)} entity sets for {len(spans)} paragraphs"
        )
    pieces = []
    for index, (start, end) in enumerate(spans):
        keys = None if entities is None else entities[index]
        parts = sentence_spans(article.text, start, end) if unit == "sentence" else [(start, end)]
        for s, e in parts:
            chunk = article.text[s:e]
            features, surfaces, words = _features(chunk, keys)
            pieces.append(_Piece(article.id, s, e, features, surfaces, words))
    return pieces


def _features(
    text: str, entity_keys: frozenset[str] | set[str] | None
) -> tuple[Counter[str], dict[str, str], int]:
    features: Counter[str] = Counter()
    surfaces: dict[str, str] = {}
    ascii_text = anyascii(text)
    lowered = ascii_text.lower()
    words = 0
    for token in _WORD.findall(lowered):
        token = token.strip("'-")
        if len(token) < 2 or token in _STOP:
            continue
        words += 1
        if token in _NUMBER_WORDS or token in _MONTHS or token in _WEEKDAYS:
            continue  # counted as figures and dates below
        key = "w:" + stem(token)
        features[key] += 1
        surfaces.setdefault(key, token)
    for value, surface in _numbers(lowered):
        key = f"n:{value:g}"
        features[key] += 1
        surfaces.setdefault(key, surface)
        words += 1
    for key, surface in _dates(lowered):
        features[key] += 1
        surfaces.setdefault(key, surface)
    if entity_keys is not None:
        names = {(k.lower(), k) for k in entity_keys}
    else:
        names = {(n, s) for n, s in _guess_names(ascii_text)}
    for name, surface in names:
        key = "e:" + name
        features[key] += 1
        surfaces.setdefault(key, surface)
    return features, surfaces, words


def _numbers(lowered: str) -> list[tuple[float, str]]:
    found = []
    for match in _NUMBER.finditer(lowered):
        raw = match.group()
        value = float(raw.replace(",", ""))
        # "71 million", "71m" and "71mn" are the same figure; "300 m" (metres) is not.
        scale = re.match(r"\s*(thousand|million|billion)\b|(m|mn|bn|k)\b", lowered[match.end() :])
        if scale:
            value *= _SCALE[scale.group(1) or scale.group(2)]
            raw += scale.group()
        if 1900 <= value <= 2100 and "." not in raw:
            continue  # a year: handled as a date
        found.append((value, raw.strip()))
    for match in re.finditer(r"[a-z]+", lowered):
        word = match.group()
        if word in _NUMBER_WORDS and _NUMBER_WORDS[word] >= 2:
            found.append((float(_NUMBER_WORDS[word]), word))
    return found


def _dates(lowered: str) -> list[tuple[str, str]]:
    found = []
    for match in re.finditer(r"\b(1[89]\d\d|20\d\d)\b", lowered):
        found.append((f"d:{match.group()}", match.group()))
    for match in re.finditer(r"\b([a-z]+)\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([a-z]+)\b", lowered):
        month = match.group(1) or match.group(4)
        day = match.group(2) or match.group(3)
        if month in _MONTHS and 1 <= int(day) <= 31:
            found.append((f"d:{_MONTHS[month]:02d}-{int(day):02d}", match.group()))
    for word in re.findall(r"[a-z]+", lowered):
        if word in _WEEKDAYS:
            found.append((f"d:{word}", word))
    return found


def _guess_names(ascii_text: str) -> list[tuple[str, str]]:
    """Capitalised words that look like names, keyed by their first five letters.

    A capitalised common word at the start of a sentence ("Engineers said")
    is not taken for a name. The five-letter key lets transliterations meet
    (Kharkiv and Kharkov, Zelensky and Zelenskyy) without a gazetteer.
    """
    names = []
    for match in _NAME.finditer(ascii_text):
        before = ascii_text[: match.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?:;\"'([-"
        for position, word in enumerate(match.group().split()):
            lowered = word.lower().strip("'-")
            lowered = re.sub(r"'s$", "", lowered)
            if len(lowered) < 3 or lowered in _STOP or lowered in _MONTHS or lowered in _WEEKDAYS:
                continue
            if position == 0 and sentence_start and _common(lowered):
                continue
            names.append((lowered[:5], word))
    return names


def _common(word: str) -> bool:
    # Zipf 3.5 = about 3 uses per million words: "engineers", "heating" are
    # above it; "Dresden", "Tavares" are below it.
    return bool(zipf_frequency(word, "en") >= 3.5)


def _weigh(pieces: list[_Piece]) -> None:
    """Turn feature counts into unit-length TF-IDF vectors."""
    count = len(pieces)
    seen: Counter[str] = Counter()
    for piece in pieces:
        seen.update(piece.features.keys())
    for piece in pieces:
        vector = {}
        for key, tf in piece.features.items():
            idf = math.log((1 + count) / (1 + seen[key])) + 1
            vector[key] = (1 + math.log(tf)) * idf * _WEIGHTS[key[0]]
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        piece.vector = {k: v / norm for k, v in vector.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def _pairs(
    left: list[_Piece], right: list[_Piece], threshold: float, relative: float
) -> list[AlignedPair]:
    if not left or not right:
        return []
    scores = [[_cosine(p.vector, q.vector) for q in right] for p in left]
    row_best = [max(row) for row in scores]
    col_best = [max(scores[i][j] for i in range(len(left))) for j in range(len(right))]
    pairs = []
    for i, p in enumerate(left):
        for j, q in enumerate(right):
            score = scores[i][j]
            if score < threshold:
                continue
            if score < relative * row_best[i] or score < relative * col_best[j]:
                continue
            pairs.append(
                AlignedPair(
                    Passage(p.article, p.start, p.end),
                    Passage(q.article, q.start, q.end),
                    round(score, 3),
                    _evidence(p, q),
                )
            )
    return pairs


def _evidence(p: _Piece, q: _Piece) -> tuple[str, ...]:
    shared = sorted(
        (k for k in p.vector if k in q.vector),
        key=lambda k: p.vector[k] * q.vector[k],
        reverse=True,
    )
    return tuple(p.surfaces[k] for k in shared[:5])
