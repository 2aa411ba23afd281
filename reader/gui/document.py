"""Build a read-only QTextDocument from an article's text and blocks, with an offset map."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

from reader.records import ArticleDetail

_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass
class OffsetMap:
    """Maps offsets in the article text to positions in the document.

    Attributes:
        text_starts: start offset in the text of each placed block, ascending.
        doc_starts: where that block starts in the document.
        lengths: how many characters of it were placed.
    """

    text_starts: list[int] = field(default_factory=list)
    doc_starts: list[int] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)

    def add(self, text_start: int, doc_start: int, length: int) -> None:
        """Record one block placed in the document."""
        self.text_starts.append(text_start)
        self.doc_starts.append(doc_start)
        self.lengths.append(length)

    def to_doc(self, offset: int) -> int | None:
        """The document position of a text offset, or None if it was not placed."""
        i = bisect.bisect_right(self.text_starts, offset) - 1
        if i < 0:
            return None
        delta = offset - self.text_starts[i]
        if delta > self.lengths[i]:
            return None
        return self.doc_starts[i] + delta

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """Document range of a text span; spans crossing a block are clipped to it."""
        a = self.to_doc(start)
        if a is None:
            return None
        i = bisect.bisect_right(self.text_starts, start) - 1
        block_end = self.text_starts[i] + self.lengths[i]
        b = self.to_doc(min(end, block_end))
        return None if b is None or b <= a else (a, b)

    def to_text(self, position: int) -> int | None:
        """The text offset of a document position (inverse of `to_doc`)."""
        i = bisect.bisect_right(self.doc_starts, position) - 1
        if i < 0 or position - self.doc_starts[i] > self.lengths[i]:
            return None
        return self.text_starts[i] + position - self.doc_starts[i]


def _blocks(detail: ArticleDetail) -> list[tuple[int, int, str]]:
    blocks = [b for b in detail.blocks if 0 <= b[0] < b[1] <= len(detail.text)]
    if blocks:
        return sorted(blocks)
    # No block structure stored: one paragraph per non-empty line.
    return [(m.start(), m.end(), "body") for m in _PARAGRAPH.finditer(detail.text)]


def meta_line(detail: ArticleDetail) -> str:
    """'Outlet · Authors · Date · N words' for the header."""
    parts = [
        detail.outlet or "",
        ", ".join(detail.authors),
        (detail.published or "")[:10],
        f"{detail.words:,} words",
    ]
    return "  ·  ".join(p for p in parts if p)


def build_document(
    detail: ArticleDetail, palette: QPalette, base_size: float = 11.0
) -> tuple[QTextDocument, OffsetMap]:
    """A document with a header (title, subtitle, outlet, authors, date) and the body.

    Headings are bold, captions are smaller, italic, muted and indented so they
    never read as part of the story.
    """
    doc = QTextDocument()
    doc.setDocumentMargin(18)
    font = QFont(doc.defaultFont())
    font.setPointSizeF(base_size)
    doc.setDefaultFont(font)
    cursor = QTextCursor(doc)
    muted = QColor(palette.color(QPalette.ColorRole.PlaceholderText))

    def block_format(top: float, bottom: float, indent: int = 0) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        fmt.setIndent(indent)
        fmt.setLineHeight(135, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        return fmt

    title_fmt = QTextCharFormat()
    title_fmt.setFontPointSize(base_size * 1.35)
    title_fmt.setFontWeight(QFont.Weight.Bold)
    cursor.setBlockFormat(block_format(0, 4))
    cursor.insertText(detail.title or "(untitled)", title_fmt)
    if detail.subtitle:
        sub_fmt = QTextCharFormat()
        sub_fmt.setFontPointSize(base_size * 1.15)
        sub_fmt.setFontItalic(True)
        cursor.insertBlock(block_format(2, 4))
        cursor.insertText(detail.subtitle, sub_fmt)
    meta_fmt = QTextCharFormat()
    meta_fmt.setForeground(muted)
    meta_fmt.setFontPointSize(base_size * 0.9)
    cursor.insertBlock(block_format(2, 14))
    cursor.insertText(meta_line(detail), meta_fmt)

    offsets = OffsetMap()
    plain = QTextCharFormat()
    for start, end, kind in _blocks(detail):
        piece = detail.text[start:end]
        fmt = QTextCharFormat(plain)
        if kind == "heading":
            cursor.insertBlock(block_format(12, 4))
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontPointSize(base_size * 1.2)
        elif kind == "caption":
            cursor.insertBlock(block_format(4, 10, indent=1))
            fmt.setFontItalic(True)
            fmt.setFontPointSize(base_size * 0.9)
            fmt.setForeground(muted)
        else:
            cursor.insertBlock(block_format(0, 9))
        # Keep the text verbatim (offsets must line up); a newline inside a block
        # becomes a line separator so the document does not split the block.
        piece = piece.replace("\n", "\u2028")
        offsets.add(start, cursor.position(), len(piece))
        cursor.insertText(piece, fmt)
    doc.setModified(False)
    return doc, offsets
