"""The Mention type and the trimming of raw NER spans into clean mentions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

KEPT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "DATE"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One entity mention: ``text == article_text[start:end]``."""

    text: str
    start: int
    end: int
    label: str


_LEADING_ARTICLE = re.compile(r"(?:the|The|THE)\s+")  # used with match(): anchored at pos
_POSSESSIVE_END = re.compile(r"['\u2019](?:s|S)?$")
_ABBREV_END = re.compile(r"(?:\b[A-Za-z]\.){2,}$|\b[A-Z][a-z]{1,3}\.$")
_EDGE_JUNK = "\"'\u2018\u2019\u201c\u201d\u00ab\u00bb()[]{}<>,;:!?*\u2022|/\\-\u2013\u2014 \t"
_GLUE = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_X_OF_PLACE = re.compile(r"(?:[Tt]he\s+)?[A-Z][a-z]+\s+of\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)$")
_SEPARATORS = re.compile(r"\s*[\r\n]+\s*|\s+[-\u2013\u2014|]\s+|\s*/\s*")
_AND = re.compile(r"\s+(?:and|&)\s+")
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff]+")
# Interface words glued to names by careless extraction ("CloseRussian", "Pokrovskopen").
_COMMON_ZIPF = 5.3
_GLUED_SUFFIX_ZIPF = 4.5
_MIN_NAME = 2
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"})
# Lower-case particles inside personal names (von der Leyen, van Gogh, bin Salman).
_PARTICLES = frozenset(
    {"von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "bin", "ibn", "ter"}
)
_PARTICLE_RE = "|".join(sorted(_PARTICLES, key=len, reverse=True))
_PARTICLES_BEFORE = re.compile(rf"(?<!\S)((?:(?:{_PARTICLE_RE}) )+)$")
_CAPITAL_WORD = re.compile(r"[A-Z\u00c0-\u00de][\w'-]+")
_LOWER_TAIL = re.compile(r"(?:\s+[a-z][a-z-]*)+$")


@lru_cache(maxsize=50_000)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # heavy data load: only when a glue is seen

    return zipf_frequency(word.lower(), "en")


def clean_mentions(
    text: str, spans: Sequence[tuple[int, int, str]], skip: Sequence[tuple[int, int]] = ()
) -> list[Mention]:
    """Trim raw (start, end, label) spans into mentions with exact offsets into text.

    Drops spans overlapping a skip span, cuts spans at line breaks, strips a leading
    "the", possessive "'s", edge punctuation, and words glued on by bad extraction.
    """
    out: list[Mention] = []
    for start, end, label in spans:
        if label == "WORK_OF_ART":
            label = _event_or_none(text[start:end])
        if label not in KEPT_LABELS or _overlaps(start, end, skip):
            continue
        for piece_start, piece_end in _split_lists(text, _split_lines(text, start, end)):
            trimmed = _trim(text, piece_start, piece_end, label)
            if trimmed is None:
                continue
            s, e = _unglue(text, *trimmed)
            e = _drop_common_tail(text, s, e, label)
            if _acceptable(text[s:e], label):
                out.append(Mention(text[s:e], s, e, label))
    out = [_drop_glued_suffix(text, m) for m in out]
    return _join_particles(text, sorted(set(out), key=lambda m: (m.start, m.end)))


def _drop_common_tail(text: str, start: int, end: int, label: str) -> int:
    """ "Kramatorske village", "Kharkiv region": a place name does not end in lower case."""
    if label not in _PLACE_LABELS:
        return end
    tail = _LOWER_TAIL.search(text, start, end)
    if tail is None or not text[start:end][:1].isupper():
        return end
    head = text[start : tail.start()]
    words = head.split()
    # Name particles stay inside ("Rostov-on-Don" has no spaces; "Bay of Pigs" ends upper).
    if not words or words[-1].lower() in _PARTICLES:
        return end
    return tail.start()


def _join_particles(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Ursula von der" + "Leyen", or a lone "Leyen" after "von der": one person's name.

    Small models cut names at lower-case particles (von, van, de, bin...); a name
    never ends with one, so the particles and the capitalised word around them belong
    together.
    """
    out: list[Mention] = []
    for m in mentions:
        if out and out[-1].end > m.start:
            continue  # swallowed by the name before it
        start, end, label = m.start, m.end, m.label
        if label in _NAME_LABELS:
            last = m.text.split()[-1]
            if last in _PARTICLES:
                nxt = _CAPITAL_WORD.match(text, end + 1) if text.startswith(" ", end) else None
                if nxt is not None:
                    end, label = nxt.end(), "PERSON"
            else:
                lead = _PARTICLES_BEFORE.search(text, max(0, start - 40), start)
                before = text[: lead.start(1)].split()[-1:] if lead else []
                # "thanked von der Leyen"; not "The von der Leyen plan" (unclear where it starts).
                if lead is not None and (not before or not before[0][:1].isupper()):
                    start, label = lead.start(1), "PERSON"
        if (start, end) != (m.start, m.end):
            m = Mention(text[start:end], start, end, label)
        out.append(m)
    return out


def _event_or_none(surface: str) -> str:
    """Small models tag "the Battle of Mariupol" as a work of art; "X of <real place>" is
    an event, any other work of art is not kept."""
    match = _X_OF_PLACE.match(surface.strip())
    if match is None:
        return "WORK_OF_ART"
    from reader.entities import gazetteer  # GeoNames loads only when needed

    return "EVENT" if gazetteer.place_id(match.group(1)) is not None else "WORK_OF_ART"


def _overlaps(start: int, end: int, skip: Sequence[tuple[int, int]]) -> bool:
    return any(start < s_end and s_start < end for s_start, s_end in skip)


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut at line breaks, spaced dashes and slashes: names never contain them, while
    headings, datelines and photo credits glue names together with them."""
    pieces = []
    cursor = start
    for match in _SEPARATORS.finditer(text[start:end]):
        pieces.append((cursor, start + match.start()))
        cursor = start + match.end()
    pieces.append((cursor, end))
    return [(s, e) for s, e in pieces if e > s]


def _split_lists(text: str, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "Kharkiv and Odesa" -> two places, when both halves are known places and the whole
    is not (unlike "Bosnia and Herzegovina")."""
    out = []
    for start, end in pieces:
        match = _AND.search(text, start, end)
        if match is not None:
            from reader.entities import gazetteer  # GeoNames loads only when needed

            left, right = text[start : match.start()], text[match.end() : end]
            whole = text[start:end]
            if (
                gazetteer.place_id(whole) is None
                and gazetteer.place_id(left) is not None
                and gazetteer.place_id(right) is not None
            ):
                out += [(start, match.start()), (match.end(), end)]
                continue
        out.append((start, end))
    return out


def _trim(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    while start < end:
        before = (start, end)
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
        match = _LEADING_ARTICLE.match(text, start, end)
        if match:
            start = match.end()
        while end > start and text[end - 1] in _EDGE_JUNK:
            end -= 1
        if end > start and text[end - 1] == ".":
            keep_dot = label == "DATE" or _ABBREV_END.search(text, start, end) is not None
            if not keep_dot:
                end -= 1
        possessive = _POSSESSIVE_END.search(text, start, end)
        if possessive and possessive.start() > start:
            end = possessive.start()
        if (start, end) == before:
            break
    return (start, end) if end > start else None


def _unglue(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut words glued to a name, e.g. "personnelMoscow" or "CloseRussian"."""
    span = text[start:end]
    cuts = [m.start() for m in _GLUE.finditer(span)]
    if not cuts:
        return start, end
    # A glue accident happens once; a camel-case name (DeepState, YouTube) recurs.
    if " " not in span and len(re.findall(rf"\b{re.escape(span)}\b", text)) >= 2:
        return start, end
    bounds = [0, *cuts, len(span)]
    segments = [(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]
    kept = []
    for s, e in segments:
        piece = span[s:e].strip()
        first_word = _WORD.match(piece)
        if piece[:1].islower():
            continue  # a lower-case word glued before a name
        if len(piece) < 4 and s > 0:
            # Short capitalised stems inside a name are usually legitimate (McCain, DeSantis).
            return start, end
        if first_word and _zipf(first_word.group()) >= _COMMON_ZIPF and len(segments) > 1:
            continue
        kept.append((s, e))
    if not kept:
        return start, end
    s, e = kept[0]
    return start + s, start + e


def _drop_glued_suffix(text: str, mention: Mention) -> Mention:
    """ "Pokrovskopen" -> "Pokrovsk" when "Pokrovsk" stands alone elsewhere in the text."""
    word = mention.text
    if " " in word or not word.isalpha() or not word[:1].isupper() or len(word) < 6:
        return mention
    if _zipf(word) > 0.0:
        return mention  # a real word or name (Kazakhstan, Greenland), not a glued pair
    for cut in range(len(word) - 3, 3, -1):
        stem, tail = word[:cut], word[cut:]
        if not tail.islower() or _zipf(tail) < _GLUED_SUFFIX_ZIPF:
            continue
        if stem in _words_of(text):
            return Mention(stem, mention.start, mention.start + cut, mention.label)
    return mention


@lru_cache(maxsize=2)
def _words_of(text: str) -> frozenset[str]:
    """Every standalone word of a text, once per text: searching the whole text for
    each glued-looking name was quadratic on long articles full of foreign names."""
    return frozenset(re.findall(r"\w+", text))


def _acceptable(surface: str, label: str) -> bool:
    if len(surface) < _MIN_NAME or not any(ch.isalnum() for ch in surface):
        return False
    if label == "DATE":
        return True
    # Named entities start with a capital or digit; lower-case spans are NER noise.
    return surface[0].isupper() or surface[0].isdigit()
