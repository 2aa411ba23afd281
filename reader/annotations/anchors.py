"""Anchoring annotations to article text, and re-attaching them after re-extraction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from reader.annotations.folding import (
    Folded,
    at_boundaries,
    find_all,
    fold,
    fold_plain,
    is_word_char,
)

CONTEXT_CHARS = 32
"""Characters of prefix and suffix kept around a quote (W3C TextQuoteSelector)."""

Method = Literal["exact", "quote", "fuzzy"]

# Thresholds, as fractions. Unrelated windows of ~32 characters of English
# score about 0.3-0.5 against each other (up to 0.6 in repetitive text). The
# context agrees when one side is nearly intact (boilerplate removed on the
# other side) or both sides are mostly intact (words fixed on both sides).
_ONE_SIDE_AGREES = 0.8
_BOTH_SIDES_AGREE = 0.65
# Quotes this long (folded, in characters) are distinctive enough to place
# without agreeing context when they occur once.
_DISTINCTIVE = 30
# Candidates beyond this many (a one-letter quote in a long text) are cut to
# the nearest ones to the old position, which keeps re-anchoring fast.
_MAX_CANDIDATES = 500


@dataclass(frozen=True)
class Anchor:
    """Where an annotation sits: the quote with its context, and its offsets.

    Attributes:
        quote: the annotated text, exactly as in the article text.
        prefix: up to 32 characters before the quote.
        suffix: up to 32 characters after the quote.
        start: offset of the quote's first character.
        end: offset just past the quote's last character.
    """

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Placement:
    """Where a re-anchored annotation now sits in the new text.

    Attributes:
        start: new start offset.
        end: new end offset.
        method: "exact" (old offsets still hold the quote), "quote" (the quote
            found elsewhere, whitespace differences allowed) or "fuzzy" (an
            approximate match of the quote, confirmed by its context).
        score: confidence in [0, 1]: 1.0 for "exact"; how well the prefix and
            suffix agree for "quote"; the quote's similarity for "fuzzy".
    """

    start: int
    end: int
    method: Method
    score: float


def make_anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Anchor:
    """Anchor the span ``text[start:end]``.

    Raises:
        ValueError: if the span is empty or outside the text.
    """
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span {start}-{end} is empty or outside a text of {len(text)} characters")
    return Anchor(
        quote=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
        start=start,
        end=end,
    )


def find_quote(text: str, quote: str, occurrence: int = 1) -> Anchor | None:
    """Anchor the ``occurrence``-th (1-based) match of a quote typed or pasted by a user.

    Whitespace differences (line breaks for spaces, lost or added spaces),
    typographic quotes and dashes are tolerated; whole-word matches are
    preferred over matches inside words, and exact case over other case.

    Returns:
        The anchor of the match in ``text`` (its quote is the text's own
        characters), or None when there are fewer matches.

    Raises:
        ValueError: if the quote is blank or occurrence < 1.
    """
    if occurrence < 1:
        raise ValueError("occurrence counts from 1")
    quote = quote.strip()
    if not quote:
        raise ValueError("the quote is empty")
    tiers = [(True, False), (False, False), (True, True), (False, True)]
    for whole_words in (True, False):
        for keep_spaces, casefold in tiers:
            spans = _matches(text, quote, keep_spaces=keep_spaces, casefold=casefold)
            if whole_words:
                spans = [s for s in spans if at_boundaries(text, *s)]
            if len(spans) >= occurrence:
                return make_anchor(text, *spans[occurrence - 1])
    return None


def reanchor(anchor: Anchor, new_text: str) -> Placement | None:
    """Re-attach an anchor to a re-extracted (or otherwise changed) text.

    Tries, in order: the old offsets; the quote itself (whitespace-tolerant)
    nearest the old position, choosing among repeats by prefix and suffix; a
    fuzzy match of the quote confirmed by its context.

    Returns:
        The new placement, or None when the quote cannot be placed with
        confidence (an orphan: better than a wrong place).
    """
    quote = anchor.quote
    if not quote:
        return None
    old_slice_ok = 0 <= anchor.start < anchor.end <= len(new_text)
    if not quote.strip():
        # Whitespace alone carries no evidence of where it belongs.
        if old_slice_ok and new_text[anchor.start : anchor.end] == quote:
            return Placement(anchor.start, anchor.end, "exact", 1.0)
        return None
    placed = _place_by_quote(anchor, new_text, old_slice_ok)
    if placed is not None:
        return placed
    return _place_fuzzy(anchor, new_text)


# --- exact quote ----------------------------------------------------------


def _matches(text: str, quote: str, *, keep_spaces: bool, casefold: bool) -> list[tuple[int, int]]:
    folded_text = fold(text, keep_spaces=keep_spaces, casefold=casefold)
    needle = fold(quote, keep_spaces=keep_spaces, casefold=casefold).text
    spans = [folded_text.span(i, i + len(needle)) for i in find_all(folded_text.text, needle)]
    # Folding trims the quote; give back the whitespace it began or ended with.
    lead = len(quote) - len(quote.lstrip())
    trail = len(quote) - len(quote.rstrip())
    return [_widen(text, start, end, lead, trail) for start, end in spans]


def _widen(text: str, start: int, end: int, lead: int, trail: int) -> tuple[int, int]:
    while lead and start > 0 and text[start - 1].isspace():
        start, lead = start - 1, lead - 1
    while trail and end < len(text) and text[end].isspace():
        end, trail = end + 1, trail - 1
    return start, end


def _starts_mid_word(anchor: Anchor) -> bool:
    return bool(anchor.prefix) and is_word_char(anchor.prefix[-1]) and is_word_char(anchor.quote[0])


def _ends_mid_word(anchor: Anchor) -> bool:
    return bool(anchor.suffix) and is_word_char(anchor.suffix[0]) and is_word_char(anchor.quote[-1])


def _boundaries_like_before(anchor: Anchor, text: str, start: int, end: int) -> bool:
    """A quote that began (ended) on a word boundary must still do so."""
    if not _starts_mid_word(anchor) and start > 0:
        if is_word_char(text[start]) and is_word_char(text[start - 1]):
            return False
    if not _ends_mid_word(anchor) and end < len(text):
        if is_word_char(text[end - 1]) and is_word_char(text[end]):
            return False
    return True


def _context_scores(anchor: Anchor, text: str, start: int, end: int) -> list[float]:
    """Similarity of the old prefix and suffix to the text around a candidate.

    A side is left out when the anchor has no context there (the quote began
    or ended the old text) but the new text does: boilerplate may have been
    added, which says nothing against the candidate.
    """
    scores: list[float] = []
    prefix = fold_plain(anchor.prefix)
    if prefix:
        window = fold_plain(text[max(0, start - len(anchor.prefix) - 16) : start])
        scores.append(fuzz.ratio(prefix, window[-len(prefix) :]) / 100 if window else 0.0)
    elif start == 0:
        scores.append(1.0)
    suffix = fold_plain(anchor.suffix)
    if suffix:
        window = fold_plain(text[end : end + len(anchor.suffix) + 16])
        scores.append(fuzz.ratio(suffix, window[: len(suffix)]) / 100 if window else 0.0)
    elif end == len(text):
        scores.append(1.0)
    return scores


def _place_by_quote(anchor: Anchor, text: str, old_slice_ok: bool) -> Placement | None:
    spans: set[tuple[int, int]] = set()
    for keep_spaces in (True, False):
        spans.update(_matches(text, anchor.quote, keep_spaces=keep_spaces, casefold=False))
    old = (anchor.start, anchor.end)
    old_holds = old_slice_ok and text[anchor.start : anchor.end] == anchor.quote
    if old_holds:
        spans.add(old)
    candidates = [s for s in spans if s == old or _boundaries_like_before(anchor, text, *s)]
    if not candidates:
        return None
    candidates.sort(key=lambda s: abs(s[0] - anchor.start))
    candidates = candidates[:_MAX_CANDIDATES]

    def rank(span: tuple[int, int]) -> tuple[float, list[float]]:
        ctx = _context_scores(anchor, text, *span)
        # Context decides between repeats; distance only breaks near-ties.
        nearness = 1 / (1 + abs(span[0] - anchor.start) / 1000)
        return _mean(ctx) + 0.02 * nearness, ctx

    ranked = sorted(((rank(s), s) for s in candidates), key=lambda r: r[0][0], reverse=True)
    (best_key, ctx), best = ranked[0]
    if old_holds and rank(old)[0] >= best_key - 0.05:
        return Placement(old[0], old[1], "exact", 1.0)
    distinctive = len(candidates) == 1 and len(fold(anchor.quote, keep_spaces=False).text) >= (
        _DISTINCTIVE
    )
    if not ctx or _agrees(ctx) or distinctive:
        return Placement(best[0], best[1], "quote", round(_mean(ctx) if ctx else 1.0, 4))
    return None


def _mean(scores: list[float]) -> float:
    return sum(scores) / len(scores) if scores else 0.5


def _agrees(ctx: list[float]) -> bool:
    """Whether context scores say "this is the old neighbourhood"."""
    return bool(ctx) and (max(ctx) >= _ONE_SIDE_AGREES or _mean(ctx) >= _BOTH_SIDES_AGREE)


# --- fuzzy ------------------------------------------------------------------


def _align(needle: str, haystack: str, lo: int, hi: int) -> tuple[float, int, int] | None:
    """Best approximate occurrence of ``needle`` in ``haystack[lo:hi]`` (folded offsets)."""
    lo, hi = max(0, lo), min(len(haystack), hi)
    if not needle or hi <= lo:
        return None
    hit = fuzz.partial_ratio_alignment(needle, haystack[lo:hi])
    if hit is None:
        return None
    return hit.score / 100, lo + hit.dest_start, lo + hit.dest_end


def _locate(quote: str, folded: Folded, lo: int, hi: int) -> tuple[int, int, float] | None:
    """Approximate folded span of ``quote`` in ``folded.text[lo:hi]``.

    Long quotes are located by their head and tail, so a sentence removed from
    or added inside the quote stretches the span rather than losing it.

    Returns:
        Folded start and end, and how well the quote's first and last few
        characters match there (the lower of the two).
    """
    text = folded.text
    if len(quote) <= 160:
        hit = _align(quote, text, lo, hi)
        if hit is None:
            return None
        _, start, end = hit
    else:
        rough = _vote(quote, text, lo, hi)
        if rough is None:
            return None
        start, end = rough
    # Refine both ends against the quote's first and last few characters,
    # anywhere in the rough span: text may have left from inside the quote.
    piece = min(24, max(4, len(quote) // 2))
    slack = max(8, len(quote) // 8)
    head_hit = _align(quote[:piece], text, start - slack, end)
    if head_hit is None:
        return None
    tail_hit = _align(quote[-piece:], text, head_hit[1], end + slack)
    if tail_hit is None or tail_hit[2] <= head_hit[1]:
        return None
    return head_hit[1], tail_hit[2], min(head_hit[0], tail_hit[0])


def _vote(quote: str, text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Rough folded span of a long quote, from where most of its pieces align.

    A phrase repeated elsewhere in the article can pull one piece away; the
    pieces that agree on where the quote starts outvote it.
    """
    size = 64
    count = min(12, len(quote) // size)
    offsets = [round(i * (len(quote) - size) / max(1, count - 1)) for i in range(count)]
    hits = []
    for offset in offsets:
        hit = _align(quote[offset : offset + size], text, lo, hi)
        if hit is not None and hit[0] >= 0.8:
            hits.append((hit[1] - offset, offset, hit[1], hit[2]))
    if not hits:
        return None
    tolerance = len(quote) // 3  # text removed from or added inside the quote
    votes = [[h for h in hits if abs(h[0] - implied) <= tolerance] for implied, *_ in hits]
    cluster = max(votes, key=len)
    first = min(cluster, key=lambda h: h[1])
    last = max(cluster, key=lambda h: h[1])
    return first[2] - first[1], last[3] + (len(quote) - last[1] - size)


def _place_fuzzy(anchor: Anchor, text: str) -> Placement | None:
    folded = fold(text, keep_spaces=True, casefold=True)
    quote = fold_plain(anchor.quote)
    if not quote or not folded.text:
        return None
    regions = [(0, len(folded.text))]
    # The quote with its context pins short quotes to the right neighbourhood.
    probe = fold_plain(anchor.prefix) + quote + fold_plain(anchor.suffix)
    if len(quote) <= 160 and probe != quote:
        hit = _align(probe, folded.text, 0, len(folded.text))
        if hit is not None:
            regions.append((hit[1] - 16, hit[2] + 16))
    best: tuple[float, float, int, int] | None = None
    for lo, hi in regions:
        located = _locate(quote, folded, lo, hi)
        if located is None:
            continue
        start, end = folded.span(located[0], located[1])
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        similarity = fuzz.ratio(quote, fold_plain(text[start:end])) / 100
        ctx = _context_scores(anchor, text, start, end)
        if _fuzzy_acceptable(len(quote), similarity, located[2], ctx):
            key = similarity + 0.5 * (_mean(ctx) if ctx else 0.0)
            if best is None or key > best[0]:
                best = (key, similarity, start, end)
    if best is None:
        return None
    return Placement(best[2], best[3], "fuzzy", round(best[1], 4))


def _fuzzy_acceptable(length: int, similarity: float, ends: float, ctx: list[float]) -> bool:
    """Whether an approximate match is safe to use rather than orphaning.

    Short quotes resemble many places, so they need a closer match; unless the
    match is very close and the quote long, the context must agree too. A long
    quote whose both ends and context are intact keeps its place even when a
    good part of its middle (a caption, a pull quote) was taken out.
    """
    if length < 4:
        return False
    if length >= 40 and ends >= 0.9 and similarity >= 0.5 and _agrees(ctx):
        return True
    if similarity < (0.8 if length >= 40 else 0.88):
        return False
    if not ctx:
        return similarity >= 0.9
    # Without agreeing context only a long, nearly unchanged quote will do: a
    # shorter one may be a sibling sentence ("rose by three metres" for "two").
    return _agrees(ctx) or (similarity >= 0.95 and length >= 2 * _DISTINCTIVE)
