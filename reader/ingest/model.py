"""The plain-data result of extracting one document: metadata plus text blocks."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["body", "heading", "caption"]

# Paragraphs are separated by a blank line in the stored text, so character
# offsets (mentions, annotations) are stable and readable in any viewer.
PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Block:
    """One paragraph of an article.

    Attributes:
        text: the paragraph, on one line, without surrounding whitespace.
        kind: "body" for article text, "heading" for a sub-heading inside the
            article, "caption" for an image or video caption (kept for reading,
            not body text for entities or benchmarks).
    """

    text: str
    kind: BlockKind = "body"


@dataclass
class Extracted:
    """What extraction learned from one document.

    Attributes:
        title: the headline, without " | Site" suffixes.
        subtitle: the standfirst / dek, if any.
        authors: names only, no "By" and no roles.
        published: ISO 8601 date or date-time of original publication.
        outlet: the publication's name.
        url: the canonical URL.
        language: an ISO 639-1 code such as "en".
        blocks: the article's paragraphs in reading order.
    """

    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The full reading text: every block, captions included."""
        return PARAGRAPH_SEPARATOR.join(b.text for b in self.blocks)

    @property
    def body_text(self) -> str:
        """The article body only (no captions)."""
        return PARAGRAPH_SEPARATOR.join(b.text for b in self.blocks if b.kind != "caption")

    def block_spans(self) -> list[tuple[int, int, BlockKind]]:
        """Character spans of each block within `text`."""
        spans: list[tuple[int, int, BlockKind]] = []
        pos = 0
        for block in self.blocks:
            spans.append((pos, pos + len(block.text), block.kind))
            pos += len(block.text) + len(PARAGRAPH_SEPARATOR)
        return spans

    def caption_spans(self) -> list[tuple[int, int]]:
        """Character spans of caption blocks within `text` (ignored by NER)."""
        return [(s, e) for s, e, kind in self.block_spans() if kind == "caption"]
