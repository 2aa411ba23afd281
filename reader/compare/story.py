"""What the coverage views share: articles as sentences and paragraphs, content words, weights."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from anyascii import anyascii
from whoosh.lang.porter import stem
from whoosh.lang.stopwords import stoplists

from reader.compare.alignment import paragraph_spans

# Mentions as (start, end, surface, iso value); the iso value may be None.
DateMention = tuple[int, int, str, str | None]

STOP = frozenset(stoplists["en"]) | frozenset(
    "said says say told according also would could may might just like including since "
    "however still even much well mr mrs ms per cent percent about around nearly some "
    "more than less least over under almost roughly approximately".split()
)
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")
# Abbreviations that end in a full stop without ending the sentence.
_ABBREV = frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mr mrs ms dr st gen col lt sgt "
    "capt maj gov sen rep prof no vs etc inc corp co ltd jr sr u.s u.k e.g i.e approx".split()
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Article:
    """One article to compare, as plain data.

    Attributes:
        id: the article's id.
        outlet: its outlet (site or publication name); "" if unknown.
        published: its publication date, or None.
        text: its stored text.
        dates: DATE mentions (start, end, surface, iso or None) from the entity
            layer; date expressions the text holds outside them are found too.
        paragraphs: (start, end) of the blocks to read (captions left out);
            None reads every line of the text.
    """

    id: int
    outlet: str
    published: date | None
    text: str
    dates: Sequence[DateMention] | None = None
    paragraphs: Sequence[tuple[int, int]] | None = None

    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans of the paragraphs to read."""
        return sentences(self.text, self.paragraphs)


def as_article(item: Article | Mapping[str, Any]) -> Article:
    """Accept an :class:`Article` or a dict with the same keys (``published`` may be ISO)."""
    if isinstance(item, Article):
        return item
    published = item.get("published")
    if isinstance(published, str):
        published = date.fromisoformat(published[:10]) if published else None
    dates = item.get("dates")
    paragraphs = item.get("paragraphs")
    return Article(
        id=item["id"],
        outlet=item.get("outlet") or "",
        published=published,
        text=item.get("text") or "",
        dates=None if dates is None else [(int(s), int(e), str(t), v) for s, e, t, v in dates],
        paragraphs=None if paragraphs is None else [(int(s), int(e)) for s, e in paragraphs],
    )


def as_articles(items: Iterable[Article | Mapping[str, Any]]) -> list[Article]:
    """Every item as an :class:`Article`."""
    return [as_article(item) for item in items]


def sentences(
    text: str, paragraphs: Sequence[tuple[int, int]] | None = None
) -> list[tuple[int, int]]:
    """Sentence spans of ``text`` (of its ``paragraphs`` only, if given; else of every line).

    A sentence does not end after "Dec." or "Mr.".
    """
    spans = []
    for start, end in paragraph_spans(text) if paragraphs is None else paragraphs:
        cursor = start
        for match in _SENTENCE_END.finditer(text, start, end):
            before = re.search(r"([\w.]+)[.]$", text[cursor : match.start()])
            if before and (before.group(1).lower() in _ABBREV or len(before.group(1)) == 1):
                continue
            spans.append((cursor, match.start()))
            cursor = match.end()
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentence_at(spans: Sequence[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The span in ``spans`` that holds ``offset`` (the nearest one before it otherwise)."""
    best = spans[0] if spans else (offset, offset)
    for span in spans:
        if span[0] <= offset:
            best = span
        if span[0] <= offset < span[1]:
            return span
    return best


def content_stems(text: str) -> set[str]:
    """Stemmed content words of ``text``: what two sentences about the same thing share."""
    lowered = anyascii(text).lower()
    words = (w.strip("'-") for w in _WORD.findall(lowered))
    return {_stem(w) for w in words if len(w) > 1 and w not in STOP}


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    # Cached: a story's sentences are stemmed by the timeline, the figures and the claims.
    return stem(re.sub(r"'s$", "", word))


# News reports say the same happening with different verbs; these classes let
# "killed" meet "died" and "seized" meet "captured". General newswire vocabulary.
_SENSES = {
    word: name
    for name, words in {
        "=death": "kill di die dead death drown fatal perish lost live bodi",
        "=injury": "injur wound hurt casualti hospit",
        "=flight": "evacu flee fled displac left home forc rescu",
        "=capture": "captur seiz took taken fell fallen enter overran control",
        "=attack": "attack strike struck shell bomb hit",
        "=arrest": "arrest detain held custodi",
        "=cost": "cost damag loss spent price worth",
        "=breach": "burst fail gave collaps breach broke gave",
        "=start": "began begin start launch open",
        "=end": "end ceas finish conclud close shut",
        "=vote": "vote voter poll ballot elect",
        "=meet": "meet met talk negoti summit",
    }.items()
    for word in words.split()
}


def senses(stems: set[str]) -> set[str]:
    """``stems`` plus the sense classes they belong to (see ``_SENSES``).

    Stems of four letters or more also match longer stems they begin
    ("evacu" takes "evacuat"), since the stemmer treats inflections unevenly.
    """
    found = set()
    for word in stems:
        if word in _SENSES:
            found.add(_SENSES[word])
            continue
        for prefix in (word[:n] for n in range(len(word) - 1, 3, -1)):
            if prefix in _SENSES:
                found.add(_SENSES[prefix])
                break
    return stems | found


def overlap(a: set[str], b: set[str], weights: Mapping[str, float] | None = None) -> float:
    """Dice overlap of two word sets, each word counted by its weight (1 by default)."""
    if not a or not b:
        return 0.0
    if weights is None:
        return 2 * len(a & b) / (len(a) + len(b))
    total = sum(weights.get(w, 1.0) for w in a) + sum(weights.get(w, 1.0) for w in b)
    return 2 * sum(weights.get(w, 1.0) for w in a & b) / total if total else 0.0


def rarity(texts: Iterable[str]) -> dict[str, float]:
    """IDF of the content stems of ``texts``: words in every sentence of a story weigh little.

    Articles on one story all name its place and sides; those words say
    nothing about which two sentences tell the same happening.
    """
    seen: dict[str, int] = {}
    count = 0
    for text in texts:
        count += 1
        for word in content_stems(text):
            seen[word] = seen.get(word, 0) + 1
    return {w: math.log((1 + count) / (1 + n)) + 0.1 for w, n in seen.items()}
