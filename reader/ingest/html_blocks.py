"""Turn trafilatura's XML body into paragraph candidates that remember their link density."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from reader.ingest.model import BlockKind

_SPACE_RE = re.compile(r"\s+")

# trafilatura's output vocabulary: each of these starts a new paragraph.
_BLOCK_TAGS = {"p", "head", "item", "quote", "row", "code", "list", "table", "div", "cell"}


@dataclass
class Candidate:
    """A paragraph as extracted, before boilerplate filtering.

    Attributes:
        text: the paragraph on one line.
        kind: body or heading (captions are recognised later).
        link_chars: how many of its characters sit inside links.
        tag: the trafilatura element that produced it (p, head, item, ...).
        broad_only: found only by the broad (recall-oriented) pass, so it
            deserves more suspicion.
    """

    text: str
    kind: BlockKind
    link_chars: int
    tag: str
    broad_only: bool = False

    @property
    def link_ratio(self) -> float:
        """Share of the text that is link text (0 when empty)."""
        return self.link_chars / len(self.text) if self.text else 0.0


def normalize_space(text: str) -> str:
    """Collapse all whitespace (including NBSP and zero-width space) to single spaces."""
    return _SPACE_RE.sub(" ", text.replace("\u200b", "").replace("\ufeff", "")).strip()


class _Collector:
    """Walks the body once, cutting paragraphs at block elements and line breaks."""

    def __init__(self, captions: dict[str, str]) -> None:
        self.captions = captions
        self.out: list[Candidate] = []
        self._parts: list[str] = []
        self._link = 0
        self._kind: BlockKind = "body"
        self._tag = "p"

    def flush(self) -> None:
        raw = "".join(self._parts)
        text = normalize_space(raw)
        if text:
            link = min(self._link, len(text))
            self.out.append(Candidate(text, self._kind, link, self._tag))
        self._parts, self._link = [], 0

    def add(self, text: str | None, in_link: bool) -> None:
        if not text:
            return
        self._parts.append(text)
        if in_link:
            self._link += len(normalize_space(text))

    def walk(self, el: etree._Element, in_link: bool = False, kind: BlockKind = "body") -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "graphic":
            caption = self.captions.get(el.get("src") or "")
            if caption:
                # The caption stands where its image stood, as its own block.
                kind, block_tag = self._kind, self._tag
                self.flush()
                self.out.append(Candidate(caption, "caption", 0, "graphic"))
                self._kind, self._tag = kind, block_tag
            self.add(el.tail, in_link)
            return
        is_block = tag in _BLOCK_TAGS
        if tag == "head":
            kind = "heading"
        if is_block:
            self.flush()
            self._kind, self._tag = kind, tag
        link_here = in_link or tag == "ref"
        self.add(el.text, link_here)
        for child in el:
            self.walk(child, link_here, kind)
        if tag == "lb":
            self.flush()
            self._kind, self._tag = kind, self._tag
        elif tag == "cell":
            self._parts.append(" ")
        if is_block:
            self.flush()
            self._kind, self._tag = "body", "p"
        # The tail belongs to the parent's flow, outside this element's link.
        self.add(el.tail, in_link)


def figure_captions(tree: etree._Element) -> dict[str, str]:
    """Map each image source inside a `<figure>` to the figure's caption text."""
    found: dict[str, str] = {}
    for figure in tree.iter("figure"):
        captions = [normalize_space(c.text_content()) for c in figure.iter("figcaption")]
        caption = " ".join(c for c in captions if c)
        if not caption:
            continue
        for img in figure.iter("img"):
            for attr in ("src", "data-src"):
                src = img.get(attr)
                if src:
                    found.setdefault(src, caption)
    return found


def body_candidates(
    body: etree._Element | None, captions: dict[str, str] | None = None
) -> list[Candidate]:
    """Flatten trafilatura's `<body>` into paragraph candidates in reading order.

    Args:
        body: trafilatura's XML body.
        captions: image source to caption text; a caption becomes a block where
            trafilatura left its image.
    """
    if body is None:
        return []
    collector = _Collector(captions or {})
    collector.walk(body)
    collector.flush()
    return collector.out
