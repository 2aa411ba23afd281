"""Drop boilerplate paragraphs that extractors let through: promos, link lists, repeated title."""

from __future__ import annotations

import re

from reader.ingest.html_blocks import Candidate

# Calls to action and widget labels. Only ever applied to short paragraphs,
# where such wording is the whole point of the paragraph.
_PROMO_RE = re.compile(
    r"newsletter|subscri(?:be|ption)|sign(?:ing)? up\b|\binbox\b|follow (?:us|me)\b|"
    r"click here|read more\b|see more\b|related\s*:|also read\b|don.t miss\b|"
    r"advertisement|sponsored|share this|tell us what you think|leave a (?:comment|reply)|"
    r"all rights reserved|copyright|©|download (?:the|our) app|have a tip\b|"
    r"(?:may|can) be reached at\b|contact (?:the )?(?:author|writer)|\bmost popular\b|"
    r"recommended for you|more from\b|trending now|you may also like|"
    r"^\s*comments?\s*$|^\s*(?:advert|ad)\s*$",
    re.IGNORECASE,
)
_PROMO_MAX_CHARS = 200
_BYLINE_RE = re.compile(r"^(?:by|written by|words by|text by|von|par|por)\s+\S", re.IGNORECASE)
_DATELINE_RE = re.compile(
    r"^(?:(?:updated|published|posted|last (?:updated|modified)|modified)\b.{0,60}|"
    r"[\w.,:/\- ]{0,40}\b(?:19|20)\d\d\b[\w.,:/\- ]{0,30})$",
    re.IGNORECASE,
)
# A paragraph that is (nearly) all link text and short is a link to elsewhere.
_LINK_RATIO = 0.8
_LINK_MAX_WORDS = 30
_TOKEN_RE = re.compile(r"\w+")


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def _same_text(a: str, b: str) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    return bool(ta) and ta == tb


def _is_promo(c: Candidate) -> bool:
    return len(c.text) <= _PROMO_MAX_CHARS and bool(_PROMO_RE.search(c.text))


def _is_link_block(c: Candidate) -> bool:
    return c.link_ratio >= _LINK_RATIO and len(c.text.split()) <= _LINK_MAX_WORDS


def _is_meta_line(c: Candidate, authors: list[str]) -> bool:
    """Bylines and date lines that sit at the top of the text."""
    if len(c.text) > 120:
        return False
    if _BYLINE_RE.match(c.text) or _DATELINE_RE.match(c.text):
        return True
    toks = _tokens(c.text)
    return any(toks and toks == _tokens(a) for a in authors)


def clean_candidates(
    cands: list[Candidate], title: str | None, authors: list[str]
) -> list[Candidate]:
    """Filter boilerplate out of extracted paragraphs.

    Args:
        cands: paragraphs in reading order.
        title: the page headline; a paragraph repeating it is dropped.
        authors: byline names; a paragraph that is only a byline is dropped.
    """
    kept = [c for c in cands if not (title and _same_text(c.text, title))]
    # Bylines and dates only count as boilerplate before the first real paragraph.
    start = 0
    while start < len(kept) and start < 6 and _is_meta_line(kept[start], authors):
        start += 1
    kept = kept[start:]
    kept = [c for c in kept if not _is_promo(c) and not _is_link_block(c)]
    # Headings left dangling at the end introduced something that was removed.
    while kept and kept[-1].kind == "heading":
        kept.pop()
    return kept
