"""Extract the article (text blocks and metadata) from a saved HTML page, offline."""

from __future__ import annotations

import bisect
import copy
import logging
import re
from urllib.parse import urlparse

from lxml import etree

from reader.ingest.html_blocks import (
    Candidate,
    body_candidates,
    figure_captions,
    normalize_space,
)
from reader.ingest.html_clean import LINK_MAX_WORDS, LINK_RATIO, clean_candidates
from reader.ingest.html_fallback import fallback_paragraphs
from reader.ingest.html_lang import page_language
from reader.ingest.html_merge import merge_extractions
from reader.ingest.html_meta import (
    canonical_url,
    clean_authors,
    clean_title,
    original_date,
)
from reader.ingest.html_parse import (
    parse_html,
    sanitize_markup,
    shrink_large_tree,
    strip_non_text,
    unwrap_embedded_quotes,
)
from reader.ingest.model import Block, Extracted

logger = logging.getLogger(__name__)

_CAPTION_XPATH = (
    "//figcaption | //*[contains(translate(@class,'CAPTION','caption'),'caption')]"
    " | //*[contains(translate(@class,'CREDIT','credit'),'credit')]"
)
_WORD_RE = re.compile(r"\w+")
# Beyond this many elements (after unwrapping inline tags) a page is not an
# article but a dump; only the cheap extraction runs.
_MAX_ELEMENTS = 60_000


def _run_trafilatura(
    tree: etree._Element, url: str | None, precise: bool, captions: dict[str, str]
) -> list[Candidate]:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            copy.deepcopy(tree),
            url=url,
            favor_precision=precise,
            include_comments=False,
            include_tables=True,
            include_links=False,
            include_images=bool(captions),
            include_formatting=False,
            with_metadata=False,
        )
    except Exception:  # trafilatura on hostile markup: fall back rather than fail the import
        logger.debug("trafilatura failed", exc_info=True)
        return []
    body = getattr(doc, "body", None) if doc is not None else None
    return body_candidates(body, captions)


def _metadata(tree: etree._Element, url: str | None) -> dict[str, str | None]:
    from trafilatura.metadata import extract_metadata

    try:
        # The date comes from original_date(); keep this pass cheap.
        fast_dates = {"original_date": True, "extensive_search": False}
        meta = extract_metadata(copy.deepcopy(tree), default_url=url, date_config=fast_dates)
    except Exception:  # metadata is best-effort; the text matters more
        logger.debug("metadata extraction failed", exc_info=True)
        return {}
    return {"title": meta.title, "author": meta.author, "sitename": meta.sitename}


def _caption_texts(tree: etree._Element) -> list[str]:
    texts = []
    for el in tree.xpath(_CAPTION_XPATH):
        text = normalize_space(el.text_content())
        if 0 < len(text) < 600:
            texts.append(text.lower())
    return texts


def _headlines(tree: etree._Element, meta_title: str | None) -> list[str]:
    """Every spelling of the headline the page carries (h1, og:title, <title>)."""
    found = [meta_title] if meta_title else []
    for el in tree.xpath("//h1 | //title"):
        found.append(normalize_space(el.text_content()))
    found += [str(v) for v in tree.xpath("//meta[@property='og:title']/@content")]
    return [h for h in found if h]


def _outlet(sitename: str | None, url: str | None) -> str | None:
    """The site name, or the host name when the page names itself only by a URL."""
    name = normalize_space(sitename) if sitename else ""
    if name and not re.match(r"^(?:https?:|www\.)", name, re.IGNORECASE):
        return name
    host = urlparse(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _anchor_texts(tree: etree._Element) -> list[str]:
    texts = set()
    for el in tree.iter("a"):
        text = normalize_space(el.text_content())
        if len(text) >= 8:
            texts.add(text.lower())
    return sorted(texts, key=len)


def _measure_links(cands: list[Candidate], anchors: list[str]) -> None:
    """Record how much of each short paragraph is the text of a single link on the page."""
    lengths = [len(a) for a in anchors]
    for c in cands:
        if len(c.text.split()) > LINK_MAX_WORDS:
            continue
        low = c.text.lower()
        # Only links nearly as long as the paragraph can make it a link paragraph.
        lo = bisect.bisect_left(lengths, int(len(low) * LINK_RATIO))
        hi = bisect.bisect_right(lengths, len(low))
        for anchor in reversed(anchors[lo:hi]):
            if anchor in low:
                c.link_chars = len(anchor)
                break


def _is_caption(text: str, captions: list[str]) -> bool:
    low = text.lower()
    return len(low) >= 15 and any(low in cap for cap in captions)


def _word_count(cands: list[Candidate]) -> int:
    return sum(len(_WORD_RE.findall(c.text)) for c in cands)


def _choose(precise: list[Candidate], fallback: list[Candidate]) -> list[Candidate]:
    """Precision mode sometimes loses most of a short or oddly built article."""
    if _word_count(precise) < 0.5 * _word_count(fallback):
        return fallback
    return precise


def _degraded(tree: etree._Element, markup: str, url: str | None) -> Extracted:
    """Cheap extraction for enormous pages: title, canonical URL and prose paragraphs."""
    titles = tree.xpath("//meta[@property='og:title']/@content | //title/text()")
    blocks = [Block(p) for p in fallback_paragraphs(markup)]
    text = "\n".join(b.text for b in blocks)
    canonical = canonical_url(tree, url)
    return Extracted(
        title=clean_title(str(titles[0]), None, canonical) if titles else None,
        url=canonical,
        language=page_language(tree, text),
        blocks=blocks,
    )


def extract_html(html: str, url: str | None = None) -> Extracted:
    """Extract the article from a saved web page without touching the network.

    Args:
        html: the page's markup, already decoded to text.
        url: where the page came from, if known (used for relative links and
            as the canonical URL when the page declares none).

    Returns:
        The article's metadata and paragraphs; fields that could not be found
        are None or empty. Never raises on malformed input.
    """
    if isinstance(html, bytes):  # callers should decode first; be forgiving anyway
        html = html.decode("utf-8", errors="replace")
    markup = sanitize_markup(html or "")
    try:
        return _extract(markup, url)
    except Exception:  # an import must never die on a page; the streaming parser always works
        logger.warning("HTML extraction failed; using plain paragraph fallback", exc_info=True)
        return Extracted(url=url, blocks=[Block(p) for p in fallback_paragraphs(markup)])


def _extract(markup: str, url: str | None) -> Extracted:
    tree = parse_html(markup)
    if tree is None:
        return Extracted(url=url, blocks=[Block(p) for p in fallback_paragraphs(markup)])
    if shrink_large_tree(tree) > _MAX_ELEMENTS:
        return _degraded(tree, markup, url)
    # Metadata lives partly in scripts (JSON-LD), so it is read before cleaning.
    raw_tree = copy.deepcopy(tree)
    try:
        strip_non_text(tree)
        unwrap_embedded_quotes(tree)
    except Exception:  # a pathological tree is still worth extracting from as is
        logger.debug("pre-cleaning failed", exc_info=True)

    meta = _metadata(raw_tree, url)
    canonical = canonical_url(raw_tree, url)
    title = clean_title(meta.get("title"), meta.get("sitename"), canonical)
    outlet = _outlet(meta.get("sitename"), canonical)
    authors = clean_authors(meta.get("author"), outlet)

    figures = figure_captions(tree)
    precise = _run_trafilatura(tree, canonical, True, figures)
    broad = _run_trafilatura(tree, canonical, False, figures)
    cands = _choose(merge_extractions(precise, broad), broad)
    _measure_links(cands, _anchor_texts(tree))
    cands = clean_candidates(cands, title, authors, _headlines(tree, meta.get("title")))
    captions = _caption_texts(tree)
    blocks: list[Block] = []
    for c in cands:
        kind = "caption" if c.kind == "caption" or _is_caption(c.text, captions) else c.kind
        # A caption trafilatura also kept as a paragraph would otherwise show twice.
        if blocks and blocks[-1].text == c.text and "caption" in (kind, blocks[-1].kind):
            continue
        blocks.append(Block(c.text, kind))
    if not blocks:
        blocks = [Block(p) for p in fallback_paragraphs(markup)]

    text = "\n".join(b.text for b in blocks)
    return Extracted(
        title=title,
        authors=authors,
        published=original_date(raw_tree, canonical),
        outlet=outlet,
        url=canonical,
        language=page_language(raw_tree, text),
        blocks=blocks,
    )
