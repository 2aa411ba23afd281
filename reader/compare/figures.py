"""Figures several articles give for the same thing, by what they count, disagreements marked."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from whoosh.lang.porter import stem
from wordfreq import zipf_frequency

from reader.compare.story import (
    STOP,
    Article,
    as_articles,
    content_stems,
    rarity,
    senses,
    sentence_at,
)
from reader.compare.timeline import find_dates

_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}
# Vague plurals: "dozens" is more than two dozen and fewer than a hundred.
_VAGUE = {"dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2e3, 9999),
          "millions": (2e6, 999e6), "billions": (2e9, 999e9)}  # fmt: skip
_WORD_NUM = "|".join(["a", "an", "dozen", *_SMALL, *_TENS, *_SCALES])
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_NUMBER = (
    rf"(?:{_DIGITS})(?:\s*(?:{'|'.join(_SCALES)}|{'|'.join(_SHORT_SCALES)})\b)?"
    rf"|\b(?:{_WORD_NUM})(?:[\s-]+(?:and\s+)?(?:{_WORD_NUM}))*\b"
    rf"|\b(?:tens\s+of\s+thousands|hundreds\s+of\s+thousands|{'|'.join(_VAGUE)})\b"
)
_QUALIFIER = (
    r"about|around|approximately|roughly|some|an estimated|estimated|nearly|almost|up to|"
    r"at least|more than|over|fewer than|less than|under|between|from|as many as|close to"
)
_CURRENCY = r"[$€£]|US\$|USD|EUR|GBP"
_QUANTITY = re.compile(
    rf"(?:\b(?P<qual>{_QUALIFIER})\s+)?(?P<cur>{_CURRENCY})?\s?(?P<low>{_NUMBER})"
    rf"(?:\s*(?:-|–|—|to|and)\s*(?:{_CURRENCY})?\s?(?P<high>{_NUMBER}))?"
    r"(?:\s*(?P<unit>%|percent\b|per\s+cent\b|km\b|kilomet(?:re|er)s?\b|miles?\b|"
    r"met(?:re|er)s?\b|m\b|kg\b|kilograms?\b|tonnes?\b|tons?\b|dollars\b|euros\b|pounds\b|"
    r"sq\s*km\b|square\s+kilomet(?:re|er)s\b|hectares\b))?",
    re.IGNORECASE,
)
_UNITS = {
    "%": ("percent", 1.0), "percent": ("percent", 1.0), "per cent": ("percent", 1.0),
    "km": ("km", 1.0), "kilometre": ("km", 1.0), "kilometer": ("km", 1.0),
    "mile": ("km", 1.609), "metre": ("km", 0.001), "meter": ("km", 0.001), "m": ("km", 0.001),
    "kg": ("kg", 1.0), "kilogram": ("kg", 1.0), "tonne": ("kg", 1000.0), "ton": ("kg", 1000.0),
    "dollar": ("$", 1.0), "euro": ("€", 1.0), "pound": ("£", 1.0),
    "sq km": ("km2", 1.0), "square kilometre": ("km2", 1.0), "square kilometer": ("km2", 1.0),
    "hectare": ("km2", 0.01),
}  # fmt: skip
_CURRENCIES = {"$": "$", "us$": "$", "usd": "$", "€": "€", "eur": "€", "£": "£", "gbp": "£"}
_ROUGH = {"about", "around", "approximately", "roughly", "some", "an estimated", "estimated",
          "close to"}  # fmt: skip
_CLAUSE = re.compile(r"[,;:()]|\s[–—-]\s|\b(?:and|but|while|whereas)\b")
# Nouns this common ("people", "years", "times", "children") count many different
# things in one story; "soldiers", "seats" and "jobs" (below 5.3) rarely do.
_GENERIC_ZIPF = 5.3
_BEFORE = re.compile(
    r"([A-Za-z][\w-]*)\s+(?:(?:had|has|have|was|is)\s+)?"
    r"(?:of|at|was|is|stood at|reached|rose to|fell to|climbed to)\s+$"
)
# Nouns news reports use for the same count ("soldiers" and "troops"): general vocabulary.
_SAME_COUNT = {
    stem(word): stem(words.split()[0])
    for words in (
        "soldier troop servicemen serviceman",
        "worker employe staff",
        "ship vessel",
        "home house dwell",
        "vehicl car",
        "resid inhabit",
    )
    for word in words.split()
}
# Figures further apart than this count different things (a force of hundreds and two
# men seen in one place) unless their clauses plainly say the same ("killed" and "killed").
_APART = 10.0
_STRONG = 0.5
# An estimate (a range, "about", "up to") and an exact count this far apart are not
# joined on the strength of being each article's only figure for the noun.
_ROLE_APART = 3.0
_ESTIMATE = re.compile(
    rf"(?i)^(?:{_QUALIFIER})\b|\d\s*(?:-|–|—|to|and)\s*\S|^(?:tens|hundreds|{'|'.join(_VAGUE)})\b"
)
_IRREGULAR = {"people": "person", "men": "man", "women": "woman", "children": "child"}
_HEAD_WORD = re.compile(r"[A-Za-z][\w'’-]*")


@dataclass(frozen=True)
class Figure:
    """One figure in one article.

    Attributes:
        article: the article's id.
        outlet: its outlet.
        surface: the figure as written ("between 300 and 500", "sixteen").
        span: (start, end) of the figure in the article text.
        low: the lowest value it allows (after unit conversion).
        high: the highest (``math.inf`` for "more than 300").
        unit: "percent", "km", "kg", "km2", a currency sign, or "" for a count.
        counts: what it counts, as written ("soldiers"), "" if nothing follows.
        key: the stemmed head the grouping uses.
        sentence: (start, end) of its sentence.
        text: the sentence text.
    """

    article: int
    outlet: str
    surface: str
    span: tuple[int, int]
    low: float
    high: float
    unit: str
    counts: str
    key: str
    sentence: tuple[int, int]
    text: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict (an open upper bound is null)."""
        return {
            "article": self.article,
            "outlet": self.outlet,
            "surface": self.surface,
            "span": list(self.span),
            "low": self.low,
            "high": None if math.isinf(self.high) else self.high,
            "unit": self.unit,
            "counts": self.counts,
            "sentence": list(self.sentence),
            "text": self.text,
        }


@dataclass
class FigureGroup:
    """Figures of two or more articles for the same thing.

    Attributes:
        key: what they count (stemmed head noun, with the unit).
        figures: the figures, by article.
        disagreements: pairs of indices into ``figures``, from different
            articles, whose values cannot both be right.
    """

    key: str
    figures: list[Figure] = field(default_factory=list)
    disagreements: list[tuple[int, int]] = field(default_factory=list)

    @property
    def disagree(self) -> bool:
        """Whether the articles give figures that do not overlap."""
        return bool(self.disagreements)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict."""
        return {
            "key": self.key,
            "disagree": self.disagree,
            "figures": [f.to_json() for f in self.figures],
            "disagreements": [list(pair) for pair in self.disagreements],
        }


def find_figures(article: Article) -> list[Figure]:
    """The figures in one article, dates, times and years left out."""
    text = article.text
    spans = article.sentences()
    dates = find_dates(text, article.published)
    found = []
    for match in _QUANTITY.finditer(text):
        start, end = match.start("low"), match.end()
        if match.group("qual"):
            start = match.start()
        if match.group("cur"):
            start = min(start, match.start("cur"))
        if any(s < end and start < e for s, e, _, _ in dates) or _not_a_figure(text, match):
            continue
        if not any(s <= start < e for s, e in spans):
            continue  # in a caption or another block not read
        figure = _figure(article, match, start, end, spans)
        if figure is not None:
            found.append(figure)
    return found


def _not_a_figure(text: str, match: re.Match[str]) -> bool:
    low = match.group("low")
    before, after = text[max(0, match.start("low") - 1) : match.start("low")], text[match.end() :]
    if before and (before.isalnum() or before in ":/.") and not match.group("cur"):
        return True  # part of a code, a time or a decimal
    if re.match(r"(?:[:/]\d|st\b|nd\b|rd\b|th\b|\s*[ap]\.?m\b)", after, re.IGNORECASE):
        return True  # a time, a ratio or an ordinal
    if (
        re.fullmatch(r"(?:1[89]|20)\d\d", low)
        and not match.group("unit")
        and not match.group("cur")
    ):
        return True  # a year
    if not re.match(r"\d", low):
        # "a" and "one" are only figures when a count follows, not in "one of the".
        head = _HEAD_WORD.match(after.lstrip())
        if low.lower() in ("a", "an", "one", "zero") and (not head or head.group() == "of"):
            return True
        if low.lower() in ("a", "an") and not match.group("high"):
            return True
    return False


def _figure(
    article: Article, match: re.Match[str], start: int, end: int, spans: list[tuple[int, int]]
) -> Figure | None:
    low_value = _value(match.group("low"))
    if low_value is None:
        return None
    low, high = low_value
    if match.group("high"):
        high_value = _value(match.group("high"))
        if high_value is None:
            return None
        # "300-500" and "1.5 to 2 million": the scale written last applies to both ends.
        high = high_value[1]
        if low < high / 1000 and re.search(r"[a-z]", match.group("high")):
            low *= high_value[1] / _bare(match.group("high"))
        if high < low:
            # "300 - a", "5-3": not a range; the first number stands alone.
            high, end = low, match.end("low")
    unit, factor = "", 1.0
    if match.group("unit") and end >= match.end("unit"):
        name = re.sub(r"\s+", " ", match.group("unit").lower())
        name = re.sub(r"(?<=[a-z])s$", "", name) if name not in ("%",) else name
        unit, factor = _UNITS.get(name, (name, 1.0))
        if name == "m" and match.group("cur"):
            unit, factor = _CURRENCIES[match.group("cur").lower()], 1e6
    if match.group("cur"):
        unit = _CURRENCIES[match.group("cur").lower()]
    if unit == "percent" and "." not in match.group(0):
        # "41%" is a rounded "41.3 percent".
        low, high = low - 0.5, high + 0.5
    low, high = low * factor, high * factor
    qualifier = (match.group("qual") or "").lower()
    if qualifier in _ROUGH:
        low, high = low * 0.9, high * 1.1
    elif qualifier in ("nearly", "almost", "close to"):
        low = low * 0.85
    elif qualifier in ("more than", "over", "at least"):
        high = math.inf
    elif qualifier in ("up to", "fewer than", "less than", "under", "as many as"):
        low = 0.0
    counts = _head(article.text, end) or _head_before(article.text, start)
    s, e = sentence_at(spans, start)
    # A unit says what kind of figure it is; the noun after it is often just context
    # ("62% turnout" against "turnout was 62%"), so unit figures group by unit.
    key = unit + ":" if unit else (_stem(counts) if counts else "")
    return Figure(
        article.id, article.outlet, article.text[start:end].strip(), (start, end), low, high,
        unit, counts, key, (s, e), article.text[s:e],
    )  # fmt: skip


def _value(surface: str) -> tuple[float, float] | None:
    words = re.sub(r"[\s-]+", " ", surface.lower().replace(",", "")).split()
    if not words:
        return None
    phrase = " ".join(words)
    if phrase in _VAGUE:
        return _VAGUE[phrase]
    if phrase.startswith(("tens of", "hundreds of")):
        return (2e4, 99999) if phrase.startswith("tens") else (2e5, 999999)
    if re.match(r"\d", words[0]):
        number = re.match(r"[\d.]+", words[0])
        assert number is not None
        value = float(number.group())
        suffix = words[0][number.end() :] or (words[1] if len(words) > 1 else "")
        value *= _SCALES.get(suffix, _SHORT_SCALES.get(suffix, 1))
        return value, value
    total, current = 0.0, 0.0
    for word in words:
        if word in ("and",):
            continue
        if word in ("a", "an"):
            current = max(current, 1)
        elif word == "dozen":
            current = max(current, 1) * 12
        elif word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
    value = total + current
    return value, value


def _bare(surface: str) -> float:
    number = re.match(r"[\d.,]+", surface)
    return float(number.group().replace(",", "")) if number else 1.0


def _head(text: str, end: int) -> str:
    """What a figure counts: the noun right after it ("Russian soldiers" -> "soldiers")."""
    rest = text[end : end + 80]
    rest = re.sub(r"^\s*(?:of\s+(?:the\s+|their\s+|its\s+)?)?", "", rest)
    head, previous = "", 0
    for position, match in enumerate(_HEAD_WORD.finditer(rest)):
        word = match.group()
        lowered = word.lower()
        if rest[previous : match.start()].strip(" -") or lowered in STOP or lowered in _SCALES:
            break  # punctuation or a function word ends the noun phrase
        if position and (lowered.endswith(("ed", "ing")) or position >= 3):
            break  # a verb after the noun: "300 soldiers killed"
        head, previous = word, match.end()
        if _plural(lowered):
            break  # "troops remain": a plural noun ends the phrase
    return head


def _plural(word: str) -> bool:
    return word in _IRREGULAR or (word.endswith("s") and not word.endswith(("ss", "us", "is")))


def _head_before(text: str, start: int) -> str:
    """The noun a figure is the value of: "a death toll of 12", "the population was 18,000"."""
    match = _BEFORE.search(text[max(0, start - 60) : start])
    if match is None or match.group(1).lower() in STOP:
        return ""
    return match.group(1)


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s$", "", word)
    # Irregular plurals stems would miss.
    word = stem(_IRREGULAR.get(word, word))
    return _SAME_COUNT.get(word, word)


def figures(
    articles: Iterable[Article | Mapping[str, Any]], threshold: float = 0.2
) -> list[FigureGroup]:
    """Groups of figures, from two or more articles, that count the same thing.

    Figures are candidates when they count the same stemmed noun in the same
    unit. Within those, a figure is linked to the figure of another article
    whose clause shares the most words (if at least ``threshold``), or to the
    only such figure of that article when it is the only one of its own article
    too and they share a word or a unit; linked figures form a group. Two
    figures of different articles in a group disagree when their value ranges
    do not overlap.
    """
    items = as_articles(articles)
    all_figures = [f for a in items for f in find_figures(a)]
    contexts = [_context(f) for f in all_figures]
    # Words every sentence of the story uses (its sides, its place) say little
    # about which two figures count the same thing.
    weights = rarity(a.text[s:e] for a in items for s, e in a.sentences())
    totals = [sum(weights.get(w, 1.0) for w in context) for context in contexts]

    def similarity(i: int, j: int) -> float:
        # overlap() with weights, each figure's own total computed once.
        shared = sum(weights.get(w, 1.0) for w in contexts[i] & contexts[j])
        return 2 * shared / (totals[i] + totals[j]) if shared else 0.0

    parent = list(range(len(all_figures)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_key: dict[str, list[int]] = {}
    for i, fig in enumerate(all_figures):
        if fig.key:
            by_key.setdefault(fig.key, []).append(i)
    for members in by_key.values():
        for i in members:
            others: dict[int, list[int]] = {}
            for j in members:
                if all_figures[j].article != all_figures[i].article:
                    others.setdefault(all_figures[j].article, []).append(j)
            for candidates in others.values():
                scored = [(similarity(i, j), j) for j in candidates]
                score, best = max(scored)
                first, second = all_figures[i], all_figures[best]
                apart = _ratio(first, second)
                if apart >= _APART and score < _STRONG:
                    continue  # an order of magnitude apart: different things
                # The only "km" or "seats" figure of each of two articles is the same
                # thing more often than not; the only "people" figure of each is not,
                # nor is an estimate of a force against an exact count far from it.
                alone = (
                    len(candidates) == 1
                    and _alone(i, members, all_figures)
                    and (_estimate(first) == _estimate(second) or apart < _ROLE_APART)
                )
                if score >= threshold or (alone and (score > 0 or _specific(first))):
                    parent[find(i)] = find(best)
    groups: dict[int, FigureGroup] = {}
    for i, fig in enumerate(all_figures):
        groups.setdefault(find(i), FigureGroup(fig.key)).figures.append(fig)
    result = [g for g in groups.values() if len({f.article for f in g.figures}) > 1]
    for group in result:
        for a, first in enumerate(group.figures):
            for b in range(a + 1, len(group.figures)):
                second = group.figures[b]
                if first.article != second.article and not _overlaps(first, second):
                    group.disagreements.append((a, b))
    result.sort(key=lambda g: (not g.disagree, g.figures[0].article, g.figures[0].span))
    return result


def _ratio(a: Figure, b: Figure) -> float:
    """How many times the larger figure exceeds the smaller (1 when their ranges overlap)."""
    if _overlaps(a, b):
        return 1.0
    smaller, larger = (a, b) if a.high < b.low else (b, a)
    return larger.low / smaller.high if smaller.high > 0 else math.inf


def _estimate(fig: Figure) -> bool:
    """Whether a figure is written as an estimate: a qualifier, a range, a vague plural."""
    if _ESTIMATE.search(fig.surface):
        return True
    # "it is estimated that between ..." / "an estimated 300"
    before = fig.text[: fig.span[0] - fig.sentence[0]]
    return bool(re.search(r"(?i)\bestimat\w*\W+(?:[\w'-]+\W+){0,3}$", before))


def _specific(fig: Figure) -> bool:
    """Whether a figure counts something specific: a unit, or a noun rarer than "people"."""
    return bool(fig.unit) or zipf_frequency(fig.counts.lower(), "en") < _GENERIC_ZIPF


def _alone(i: int, members: list[int], all_figures: list[Figure]) -> bool:
    return sum(all_figures[j].article == all_figures[i].article for j in members) == 1


def _context(fig: Figure) -> set[str]:
    """Content words of the figure's own clause: "3 killed, 40 hurt" gives each its verb."""
    start, end = fig.span[0] - fig.sentence[0], fig.span[1] - fig.sentence[0]
    before = _CLAUSE.split(fig.text[:start])[-1]
    after = _CLAUSE.split(fig.text[end:])[0]
    words = re.findall(r"[\w'-]+", before)[-6:] + re.findall(r"[\w'-]+", after)[:6]
    context = senses(content_stems(" ".join(words)))
    # A counted noun is already the key; for a unit figure it is the best context.
    return context if fig.unit else context - {fig.key} - content_stems(fig.counts)


def _overlaps(a: Figure, b: Figure) -> bool:
    # Half a percent of slack: "1.2 million" and "1,204,000" are the same figure.
    slack = 0.005
    return a.low <= b.high * (1 + slack) and b.low <= a.high * (1 + slack)
