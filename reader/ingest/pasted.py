"""Turn text pasted from a news page into a clean article: header fields plus paragraphs."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from .article_span import select_article
from .boilerplate import LineInfo, classify_line
from .captions import is_placeholder, looks_like_caption, undouble
from .glue import DocumentVocabulary, split_glued
from .header import read_header
from .language import detect_language, stopwords
from .lines import normalise_line, sanitise, split_lines
from .model import Block, Extracted
from .outlet import find_outlet

__all__ = ["extract_pasted", "normalise_line"]

log = logging.getLogger("reader.ingest.pasted")

# Larger pastes are not articles; cleaning them whole would only cost time.
_MAX_CHARS = 3_000_000
_TERMINAL = re.compile(r"[.!?…。！？\"”’»)]\s*$")
_MAX_EDGE_EXTENSION = 2
# "Jane Roe is a freelance writer based in Lyon": an author bio, not the story.
_BIO = re.compile(
    r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3} (?:is|was|has been) (?:an?|the) "
    r"(?:[\w-]+ ){0,5}(?:writer|reporter|journalist|editor|correspondent|columnist"
    r"|contributor|author|producer|critic|photographer)\b"
)
_BIO_HINT = re.compile(
    r"\b(?:writer|reporter|journalist|editor|correspondent|columnist|contributor|author"
    r"|producer|critic|photographer|covers|covering|based in|follow (?:him|her|them)"
    r"|reach (?:him|her|them)|can be reached)\b",
    re.IGNORECASE,
)
_MIN_REPEATED_WORDS = 6
_MIN_LEDE_WORDS = 15
_URL = re.compile(r"https?://[^\s/]+\.[^\s]+")
_URL_LINES = 3
_CREDIT_START = re.compile(
    r"^(?:(?:photo(?:graph)?|image|picture|credit|illustration)s?(?: credit)?\s*:"
    r"|(?:photo(?:graph)?|image|picture|illustration)s? by [A-Z])",
    re.IGNORECASE,
)


@dataclass
class _Line:
    text: str
    caption: bool = False


def _prepare(text: str) -> tuple[list[_Line], str | None]:
    """Sanitise, split, undo doubled captions and restore lost paragraph breaks."""
    raw = split_lines(sanitise(text[:_MAX_CHARS]))
    staged: list[_Line] = []
    for raw_line in raw:
        doubled = undouble(raw_line)
        if doubled:
            staged.append(_Line(doubled[1], caption=True))
        else:
            staged.append(_Line(raw_line))
    lang = detect_language("\n".join(s.text for s in staged))
    vocab = DocumentVocabulary.from_lines(s.text for s in staged)
    out: list[_Line] = []
    for s in staged:
        pieces = split_glued(s.text, vocab, lang or "en")
        for k, piece in enumerate(pieces):
            line = _Line(piece, caption=s.caption and k == 0)
            if k > 0 and _CREDIT_START.match(piece) and len(out[-1].text.split()) <= 60:
                # "...in the harbourCredit: Jane Roe": the credit ends a glued caption.
                out[-1].caption = line.caption = True
            # A caption line is often followed by the same caption with a credit.
            if out and (line.text == out[-1].text or line.text.startswith(out[-1].text)):
                if len(out[-1].text) >= 15 or line.text == out[-1].text:
                    line.caption = line.caption or out[-1].caption
                    out[-1] = line
                    continue
            out.append(line)
    return out, lang


def _extend_edges(keep: list[int], infos: list[LineInfo]) -> list[int]:
    """Let the article run on over short sentences the prose score left at its ends."""
    if not keep:
        return keep
    extra: list[int] = []
    i = keep[-1] + 1
    while i < len(infos) and len(extra) < _MAX_EDGE_EXTENSION:
        info = infos[i]
        if info.cls == "bad" or info.words < 2 or not _TERMINAL.search(info.text):
            break
        extra.append(i)
        i += 1
    # A long lede without final punctuation may sit just before the first paragraph.
    before = keep[0] - 1
    if before >= 0 and infos[before].cls == "near" and infos[before].words >= _MIN_LEDE_WORDS:
        return [before, *keep, *extra]
    return keep + extra


def _block_kind(line: _Line, info: LineInfo, after_placeholder: bool) -> str:
    if line.caption or looks_like_caption(line.text, after_placeholder):
        return "caption"
    text = line.text
    if info.words <= 15 and not _TERMINAL.search(text) and not text.endswith(":"):
        return "heading"
    if info.words <= 10 and text.endswith("?") and text.count("?") == 1:
        return "heading"  # "How long could it last?"
    return "body"


def _leading_url(lines: list[_Line]) -> str | None:
    """The page address, when the paste starts with it on a line of its own."""
    for line in lines[:_URL_LINES]:
        if _URL.fullmatch(line.text):
            return line.text
    return None


def _trim_edges(blocks: list[Block], authors: list[str]) -> list[Block]:
    """Drop leading labels, and an author bio and teaser titles from the article's end."""
    # A first name alone is not enough: "Anna Kovalenko, who chairs..." after a
    # byline by Anna Fischer is the story. A bio names the author and says what
    # they do.
    names = {n for a in authors for n in (a, a.split()[-1])}
    while blocks:
        last = blocks[-1]
        first_words = " ".join(last.text.split()[:3])
        names_author = any(first_words.startswith(n + " ") for n in names if len(n) > 2)
        if (
            last.kind == "heading"
            or (names_author and len(last.text.split()) <= 80 and _BIO_HINT.search(last.text))
            or _BIO.match(last.text)
        ):
            blocks = blocks[:-1]
            continue
        break
    # A heading before any paragraph is a dateline or section label, not article text.
    first_body = next((i for i, b in enumerate(blocks) if b.kind == "body"), len(blocks))
    return [b for i, b in enumerate(blocks) if i >= first_body or b.kind != "heading"]


def extract_pasted(text: str, recurring_lines: frozenset[str] = frozenset()) -> Extracted:
    """Clean pasted article text and read its header.

    Args:
        text: the pasted text, as the user gave it.
        recurring_lines: lines (normalised with `normalise_line`) seen in other
            articles of the same outlet; they are treated as boilerplate.

    Returns:
        The metadata found and the article's paragraphs; captions are kept as
        blocks of kind "caption".
    """
    if not isinstance(text, str) or not text.strip():
        return Extracted()
    try:
        return _extract(text, recurring_lines)
    except Exception:  # a cleanup bug must never cost the user the article
        log.exception("pasted-text cleanup failed; keeping the text as it is")
        return Extracted(blocks=[Block(line) for line in split_lines(sanitise(text))])


def _extract(text: str, recurring_lines: frozenset[str]) -> Extracted:
    lines, lang = _prepare(text)
    if not lines:
        return Extracted()
    stops = stopwords(lang)
    infos: list[LineInfo] = []
    placeholders: set[int] = set()
    seen: set[str] = set()
    for i, line in enumerate(lines):
        key = normalise_line(line.text)
        info = classify_line(line.text, stops, recurring_lines, key)
        if key in seen and info.words >= _MIN_REPEATED_WORDS:
            # An article never repeats a paragraph; galleries and teasers do.
            info = LineInfo(info.text, info.words, "bad")
        elif is_placeholder(line.text) and not line.caption:
            placeholders.add(i)
            info = LineInfo(info.text, info.words, "bad")
        elif line.caption or (i - 1 in placeholders and info.cls != "bad"):
            # Captions sit inside the article; they must not split its run.
            info = LineInfo(info.text, info.words, "near")
        infos.append(info)
        seen.add(key)
    keep = _extend_edges(select_article(infos), infos)
    body_start = keep[0] if keep else len(infos)
    header = read_header(infos, body_start, lang)
    keep = [i for i in keep if i not in header.used]
    if header.subtitle is None and len(keep) >= 2:
        # A paragraph set apart from the body by the byline or date is the standfirst.
        first, second = keep[0], keep[1]
        if any(j in header.used for j in range(first + 1, second)):
            header.subtitle = lines[first].text
            keep = keep[1:]
    blocks = []
    for i in keep:
        kind = _block_kind(lines[i], infos[i], i - 1 in placeholders)
        blocks.append(Block(lines[i].text, kind))  # type: ignore[arg-type]
    blocks = _trim_edges(blocks, header.authors)
    return Extracted(
        title=header.title,
        subtitle=header.subtitle,
        authors=header.authors,
        published=header.published,
        outlet=find_outlet([ln.text for ln in lines]),
        url=_leading_url(lines),
        language=lang,
        blocks=blocks,
    )
