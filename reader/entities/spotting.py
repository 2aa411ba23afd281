"""Finding occurrences of already-known names that the statistical NER missed."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from reader.entities.mentions import Mention
from reader.entities.normalise import norm_key

SPOT_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
_WORD = re.compile(r"[A-Z\u00c0-\u00de\u0400-\u042f][A-Za-z\u00c0-\u024f\u0400-\u04ff-]*")
_SENTENCE_END = ".!?:;\"\u201c\u2018'(\n"
_MAX_WORDS = 4
_MIN_KEY = 3


def _at_sentence_start(text: str, start: int) -> bool:
    # Walk back over blanks rather than slicing: a slice per word is quadratic on long texts.
    k = start - 1
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k < 0 or text[k] in _SENTENCE_END


def spot_known(
    text: str,
    mentions: Sequence[Mention],
    lookup: Callable[[str], tuple[str, bool] | None],
    skip: Sequence[tuple[int, int]] = (),
) -> list[Mention]:
    """Return extra mentions of capitalised names that ``lookup`` knows.

    ``lookup(key)`` gives (label, trusted) for a normalised key known as an entity, or
    None.  A known single word at the start of a sentence is taken only when trusted
    (e.g. a real place), since there any word is capitalised.  Skip spans are never
    overlapped; existing mentions neither, except that a known name of several words
    may widen mentions lying wholly inside it (NER's "Kasym-Zhomart" of "Kasym-Zhomart
    Tokaev"): the caller drops mentions inside a returned one (see ``widened``).
    """
    # Flags per character: the overlap test costs the span's length, not the number
    # of mentions so far (which made a 2 MB article quadratic). 1 = a mention, 2 = skip.
    taken = bytearray(len(text))
    for m in mentions:
        _mark(taken, m.start, m.end, 1)
    for t_start, t_end in skip:
        _mark(taken, t_start, t_end, 2)
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    extra: list[Mention] = []
    i = 0
    while i < len(words):
        found = None
        for j in range(min(len(words), i + _MAX_WORDS), i, -1):
            start, end = words[i][0], words[j - 1][1]
            if j - i > 1 and not _one_run(text, words[i:j]):
                continue
            key = norm_key(text[start:end])
            hit = lookup(key) if len(key) >= _MIN_KEY else None
            if hit is None:
                continue
            label, trusted = hit
            if j - i == 1 and not trusted and _at_sentence_start(text, start):
                continue
            covered = taken[start:end]
            # Widening needs more name than before, not a leading "The" the key drops.
            wider = j - i > 1 and len(key.split()) >= j - i
            if any(covered) and not (wider and _widens(taken, covered, start, end)):
                break
            found = (j, Mention(text[start:end], start, end, label))
            break
        if found is None:
            i += 1
            continue
        i, mention = found
        extra.append(mention)
        _mark(taken, mention.start, mention.end, 2)
    return extra


def widened(mentions: Sequence[Mention], extra: Sequence[Mention]) -> list[Mention]:
    """``mentions`` without those lying inside a spotted mention, plus the spotted ones."""
    cover = bytearray(max((m.end for m in extra), default=0))
    for m in extra:
        _mark(cover, m.start, m.end, 1)
    kept = [m for m in mentions if not (m.start < len(cover) and cover[m.start])]
    return sorted([*kept, *extra], key=lambda m: (m.start, m.end))


def _widens(taken: bytearray, covered: bytearray, start: int, end: int) -> bool:
    """Only whole mentions inside the span, none running across its edges, no skip span."""
    if 2 in covered:
        return False
    before = taken[start - 1] if start > 0 else 0
    after = taken[end] if end < len(taken) else 0
    return not (covered[0] and before) and not (covered[-1] and after)


def _mark(taken: bytearray, start: int, end: int, flag: int) -> None:
    start, end = max(start, 0), min(end, len(taken))
    if end > start:
        taken[start:end] = bytes((flag,)) * (end - start)  # same length: never resizes


def _one_run(text: str, words: list[tuple[int, int]]) -> bool:
    """Words separated by single spaces only (no punctuation or line breaks between)."""
    return all(text[a[1] : b[0]] == " " for a, b in zip(words, words[1:], strict=False))
