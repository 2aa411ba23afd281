"""Text folding for quote matching: whitespace, typography and case, with offsets kept."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# Re-extraction and copy-paste swap typographic characters for plain ones (and
# back), so matching treats each family below as one character.
_CHAR_FOLDS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4\u0060", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    "\u2026": "...",
}
# Invisible characters that extractors add or drop at will.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


@dataclass(frozen=True)
class Folded:
    """A folded copy of a text plus, for each folded character, its original offset.

    Attributes:
        text: the folded text.
        origin: ``origin[i]`` is the offset in the original text of ``text[i]``.
        length: the length of the original text.
    """

    text: str
    origin: tuple[int, ...]
    length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a non-empty folded span ``[start, end)`` back to the original text."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str, *, keep_spaces: bool = True, casefold: bool = False) -> Folded:
    """Fold ``text`` for matching.

    Args:
        text: any string.
        keep_spaces: collapse each whitespace run to one space (True) or drop
            whitespace entirely (False: "MoscowThe" then matches "Moscow The").
        casefold: also ignore letter case.

    Returns:
        The folded text with a map back to original offsets.
    """
    # Long article texts are folded once per re-anchoring batch, not per annotation.
    if len(text) > 256:
        return _fold_cached(text, keep_spaces, casefold)
    return _fold(text, keep_spaces, casefold)


def _fold(text: str, keep_spaces: bool, casefold: bool) -> Folded:
    out: list[str] = []
    origin: list[int] = []
    last_space = True  # drops leading whitespace
    for i, ch in enumerate(text):
        if ch in _INVISIBLE:
            continue
        if ch.isspace():
            if keep_spaces and not last_space:
                out.append(" ")
                origin.append(i)
                last_space = True
            continue
        last_space = False
        mapped = _CHAR_FOLDS.get(ch, ch)
        if casefold:
            mapped = mapped.casefold()
        for piece in mapped:
            out.append(piece)
            origin.append(i)
    if keep_spaces and out and out[-1] == " ":
        out.pop()
        origin.pop()
    return Folded("".join(out), tuple(origin), len(text))


_fold_cached = lru_cache(maxsize=8)(_fold)


def fold_plain(text: str) -> str:
    """The folded form used to compare short strings (contexts): spaces kept, case ignored."""
    return fold(text, keep_spaces=True, casefold=True).text


def find_all(haystack: str, needle: str, limit: int = 100_000) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of ``needle``."""
    hits: list[int] = []
    if not needle:
        return hits
    i = haystack.find(needle)
    while i != -1 and len(hits) < limit:
        hits.append(i)
        i = haystack.find(needle, i + 1)
    return hits


def is_word_char(ch: str) -> bool:
    """True for letters and digits (what a word boundary separates)."""
    return ch.isalnum()


def at_boundaries(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` neither starts nor ends inside a word."""
    if start > 0 and is_word_char(text[start]) and is_word_char(text[start - 1]):
        return False
    return not (end < len(text) and is_word_char(text[end - 1]) and is_word_char(text[end]))
