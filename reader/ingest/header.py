"""Read an article's header out of pasted lines: title, standfirst, byline and date."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from .boilerplate import LineInfo
from .byline import looks_like_name, parse_byline, split_authors
from .captions import is_placeholder, looks_like_caption
from .dates import DateMatch, is_date_line
from .language import stopwords
from .lines import normalise_line

_MAX_TITLE_WORDS = 30
# Bylines and dates may follow a standfirst that reads like the first paragraph.
_BYLINE_REACH = 6
_BODY_SAMPLE = 8
_MIN_ECHO = 0.3
_STEM = 5
_LOGO = re.compile(r"\blogo\b", re.IGNORECASE)
_IN_LINE_BY = re.compile(r"(?:^|(?<=[\s\w]))[Bb]y\s+(?P<names>[A-Z].{2,120})$")
_BY_WORD = re.compile(r"(?:^|[\s\w])[Bb]y\s+[A-Z]")
_ROLE_LINE = re.compile(
    r"^(?:senior |chief |deputy |staff |special |political |foreign |business )?"
    r"(?:reporter|correspondent|editor|writer|journalist|columnist|contributor|analyst"
    r"|producer|photographer)\b",
    re.IGNORECASE,
)


@dataclass
class Header:
    """What the header told us, and which lines it used up.

    Attributes:
        title: the headline.
        subtitle: the standfirst.
        authors: clean author names.
        published: ISO 8601 date or date-time.
        used: indices of lines that belong to the header (not body text).
    """

    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    used: set[int] = field(default_factory=set)


def _heading_like(info: LineInfo, lang: str | None) -> bool:
    text = info.text
    if info.cls == "bad" or not 3 <= info.words <= _MAX_TITLE_WORDS:
        return False
    if text.endswith((".", ",", ";", ")")) and not text.endswith("..."):
        return False
    if (
        _LOGO.search(text)
        or is_placeholder(text)
        or looks_like_caption(text)
        or is_date_line(text, lang)
    ):
        return False
    if parse_byline(text) is not None:
        return False
    letters = sum(c.isalpha() for c in text)
    return letters >= 0.6 * len(text.replace(" ", ""))


def _is_nav(info: LineInfo) -> bool:
    return info.words <= 3 and not info.text.endswith((".", "?", "!"))


def _content_words(text: str, stops: frozenset[str]) -> set[str]:
    """Content-word stems (a 5-letter prefix is enough: Ukraine ~ Ukrainian)."""
    words = re.findall(r"[^\W\d_]{4,}", text.lower())
    return {w[:_STEM] for w in words if w not in stops}


def _find_title(infos: Sequence[LineInfo], body_start: int, lang: str | None) -> int | None:
    """The headline: a heading-like line above the body that the body talks about.

    A headline summarises its story, so it shares words with the first
    paragraphs; menu entries, section names and teaser titles mostly do not.
    Pages often print the headline twice, which counts too.
    """
    zone = range(0, min(body_start, len(infos)))
    counts = Counter(normalise_line(i.text) for i in infos)
    candidates = [i for i in zone if _heading_like(infos[i], lang)]
    if not candidates:
        return None
    stops = stopwords(lang)
    body = [x.text for x in infos[body_start:] if x.cls == "good"][:_BODY_SAMPLE]
    body_words = _content_words(" ".join(body), stops)

    def overlap(i: int) -> float:
        words = _content_words(infos[i].text, stops)
        return len(words & body_words) / max(1, len(words))

    def score(i: int) -> float:
        # A repeated line that shares nothing with the body is the site's name.
        repeated = counts[normalise_line(infos[i].text)] > 1 and overlaps[i] > 0
        return 3 * overlaps[i] + 1.5 * repeated + 0.5 * (infos[i].words >= 5)

    overlaps = {i: overlap(i) for i in candidates}
    scores = {i: score(i) for i in candidates}
    best = max(scores.values())
    # Headline and standfirst both echo the body; the headline comes first.
    echoing = [
        i
        for i in candidates
        if overlaps[i] >= _MIN_ECHO and len(_content_words(infos[i].text, stops)) >= 3
    ]
    if echoing:
        return echoing[0]
    return next(i for i in candidates if scores[i] == best)


def _authors_in(text: str) -> list[str] | None:
    names = parse_byline(text)
    if names:
        return names
    if len(text.split()) <= 14:
        m = _IN_LINE_BY.search(text)
        if m:
            return split_authors(m.group("names")) or None
    return None


def _byline_evidence(infos: Sequence[LineInfo], i: int, names: list[str], lang: str | None) -> bool:
    """A line of bare names is a byline only with support: "By", several names,
    a date stamp or a job title next to it. Menus are full of two-word names."""
    text = infos[i].text
    if _BY_WORD.search(text) or len(names) > 1:
        return True
    near = range(max(0, i - 2), min(len(infos), i + 3))
    return any(
        j != i and (is_date_line(infos[j].text, lang) or _ROLE_LINE.match(infos[j].text))
        for j in near
    )


def _bio_authors(infos: Sequence[LineInfo]) -> tuple[list[str], set[int]]:
    """Names standing alone on a line followed by a job title (an author box)."""
    found: list[str] = []
    used: set[int] = set()
    for idx, info in enumerate(infos[:-1]):
        if looks_like_name(info.text) and _ROLE_LINE.match(infos[idx + 1].text):
            if info.text not in found:
                found.append(info.text)
            used |= {idx, idx + 1}
    return found, used


def _pick_date(dates: list[DateMatch]) -> str | None:
    """The publication date: the first stamp that is not an update, with its time if known."""
    if not dates:
        return None
    original = [d for d in dates if not d.is_update] or dates
    first = original[0].iso
    for d in original:
        if len(d.iso) > len(first) and d.iso.startswith(first):
            return d.iso
    return first


def read_header(infos: Sequence[LineInfo], body_start: int, lang: str | None) -> Header:
    """Find the header fields among the lines before (and just into) the body."""
    header = Header()
    title_idx = _find_title(infos, body_start, lang)
    zone_end = max(body_start, (title_idx or 0) + 1)
    if title_idx is not None:
        header.title = infos[title_idx].text
        key = normalise_line(header.title)
        header.used |= {i for i, info in enumerate(infos) if normalise_line(info.text) == key}
    start = title_idx + 1 if title_idx is not None else 0
    dates = []
    for i in range(start, min(zone_end + _BYLINE_REACH, len(infos))):
        info = infos[i]
        text = info.text
        if i in header.used:
            continue
        date = is_date_line(text, lang)
        if date:
            dates.append(date)
            header.used.add(i)
            rest = text[: date.start] + text[date.end :]
            names = _authors_in(rest.strip(" -–|·•,"))
            if names and not header.authors:
                header.authors = names
            continue
        names = _authors_in(text)
        if names and not _byline_evidence(infos, i, names, lang):
            names = None
        if names and not header.authors and info.words <= 20:
            header.authors = names
            header.used.add(i)
            continue
        if info.cls == "bad":
            continue
        if (
            header.subtitle is None
            and i < body_start
            and info.words >= 6
            and not looks_like_caption(text)
        ):
            header.subtitle = text
            key = normalise_line(text)
            header.used |= {j for j, o in enumerate(infos) if normalise_line(o.text) == key}
    header.published = _pick_date(dates)
    if not header.authors:
        header.authors, used = _bio_authors(infos)
        header.used |= used
    return header
