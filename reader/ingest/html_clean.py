"""Drop boilerplate paragraphs that extractors let through: promos, link lists, repeated title."""

from __future__ import annotations

import re

from reader.ingest.html_blocks import Candidate

# Calls to action and widget labels. Only ever applied to short paragraphs,
# where such wording is the whole point of the paragraph.
_PROMO_RE = re.compile(
    r"newsletter|subscri(?:be|ption)\b|\binbox\b|"
    r"follow (?:us|me)\b|^follow\b(?!-).{0,80}\b(?:on|at|via)\b|"
    r"^(?:read|see) more\b|^(?:related|more|also read|read also|see also)\s*:|don.t miss\b|"
    r"share this|tell us what you think|leave a (?:comment|reply)|"
    r"all rights reserved|copyright|©|download (?:the|our) app|have a tip\b|"
    r"(?:may|can) be reached at\b|contact (?:the )?(?:author|writer)|you may also like|"
    r"^(?:comments?|advertisement|advert|ad|most popular|trending(?: now)?|recommended"
    r"(?: for you)?|related(?: articles| stories| posts)?)\W*$",
    re.IGNORECASE,
)
_PROMO_MAX_CHARS = 200
_BYLINE_RE = re.compile(r"^(?:by|written by|words by|text by|von|par|por)\s+\S", re.IGNORECASE)
_STAMP_RE = re.compile(
    r"^(?:updated|published|posted|last (?:updated|modified)|modified)\b.{0,60}$", re.IGNORECASE
)
# A bare date line: a year plus a month name, a numeric day/month or a time.
_YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
_DATE_PART_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|janv|févr|avr|mai|juin|juil|"
    r"août|sept|déc|ene|abr|ago|dic|fev|out|dez|gen|giu|lug|set|ott|mär|okt)[a-zé]*\.?\b|"
    r"\b\d{1,2}[./-]\d{1,2}\b|\b\d{1,2}:\d{2}\b",
    re.IGNORECASE,
)
_DATELINE_MAX_WORDS = 8
_READING_TIME_RE = re.compile(
    r"\b(?:\d+\s*min(?:ute)?s?\.?\s*read|reading time|read(?:ing)? time|tempo de leitura|"
    r"tiempo de lectura|temps de lecture|lesezeit|leestijd)\b",
    re.IGNORECASE,
)
# Labels that follow an article: filing, sourcing and update notes.
_TRAILER_RE = re.compile(
    r"^(?:filed under|tags?|tagged(?: with)?|sources?|additional reporting(?: by)?|reporting by|"
    r"editing by|(?:last )?updated(?: at| on)?|posted in|categor(?:y|ies)|topics?)\b\s*:?",
    re.IGNORECASE,
)
_TRAILER_MAX_CHARS = 150
# A paragraph that is (nearly) all link text and short is a link to elsewhere.
LINK_RATIO = 0.8
LINK_MAX_WORDS = 30
_PROSE_WORDS = 15
_LINK_RUN = 3
_MAX_LEADING = 6
_TOKEN_RE = re.compile(r"\w+")
_URL_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    return _TOKEN_RE.findall(text.lower())


def _same_text(a: str, b: str) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    return bool(ta) and ta == tb


def _is_promo(c: Candidate) -> bool:
    return len(c.text) <= _PROMO_MAX_CHARS and bool(_PROMO_RE.search(c.text))


def _is_link_block(c: Candidate) -> bool:
    return c.link_ratio >= LINK_RATIO and len(c.text.split()) <= LINK_MAX_WORDS


def _is_suspect_link(c: Candidate) -> bool:
    """A link paragraph that precision mode rejected, or one shouting in capitals.

    Both are teasers for other articles ("CLICK HERE TO GET THE APP"); a bare
    URL is a citation and stays.
    """
    if not _is_link_block(c) or _URL_RE.match(c.text):
        return False
    letters = [ch for ch in c.text if ch.isalpha()]
    shouting = len(letters) >= 12 and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)
    return shouting or (c.broad_only and c.kind == "body")


def _is_prose(c: Candidate) -> bool:
    return c.kind == "body" and not _is_link_block(c) and len(c.text.split()) >= _PROSE_WORDS


def _is_meta_line(c: Candidate, authors: list[str]) -> bool:
    """Bylines and date lines that sit at the top of the text."""
    if len(c.text) > 120:
        return False
    if _BYLINE_RE.match(c.text) or _STAMP_RE.match(c.text):
        return True
    if (
        len(c.text.split()) <= _DATELINE_MAX_WORDS
        and _YEAR_RE.search(c.text)
        and _DATE_PART_RE.search(c.text)
    ):
        return True
    if _READING_TIME_RE.search(c.text):
        return True
    toks = _tokens(c.text)
    return any(toks and toks == _tokens(a) for a in authors)


def _drop_link_runs(cands: list[Candidate]) -> list[Candidate]:
    """Remove runs of consecutive link paragraphs: lists of links to other articles."""
    out: list[Candidate] = []
    k = 0
    while k < len(cands):
        end = k
        while end < len(cands) and _is_link_block(cands[end]):
            end += 1
        if end - k >= _LINK_RUN:
            k = end
            continue
        out.append(cands[k])
        k += 1
    return out


def clean_candidates(
    cands: list[Candidate],
    title: str | None,
    authors: list[str],
    headlines: list[str] | None = None,
) -> list[Candidate]:
    """Filter boilerplate out of extracted paragraphs.

    Args:
        cands: paragraphs in reading order.
        title: the page headline; a paragraph repeating it is dropped.
        authors: byline names; a paragraph that is only a byline is dropped.
        headlines: other spellings of the headline (h1, og:title); dropped
            when they come before the first paragraph of prose.
    """
    kept = [c for c in cands if not (title and _same_text(c.text, title))]
    # Bylines, dates and headline variants only count as boilerplate before
    # the first real paragraph.
    start = 0
    while (
        start < len(kept)
        and start < _MAX_LEADING
        and (
            _is_meta_line(kept[start], authors)
            or any(_same_text(kept[start].text, h) for h in headlines or [])
        )
    ):
        start += 1
    kept = _drop_link_runs(kept[start:])
    kept = [c for c in kept if not _is_promo(c) and not _is_suspect_link(c)]
    # Links to other pages after the article's last real paragraph are related
    # links or site furniture; inside the article they are usually content.
    last = max((k for k, c in enumerate(kept) if _is_prose(c)), default=-1)
    kept = kept[: last + 1] + [
        c
        for c in kept[last + 1 :]
        if not _is_link_block(c)
        and not (len(c.text) <= _TRAILER_MAX_CHARS and _TRAILER_RE.match(c.text))
    ]
    # Headings left dangling at the end introduced something that was removed.
    while kept and kept[-1].kind == "heading":
        kept.pop()
    return kept
