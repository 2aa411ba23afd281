"""Stable entity colours and underline styles, readable on light and dark backgrounds."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat

# Hues chosen to stay distinct for common colour-vision deficiencies when
# paired with the underline styles below (Okabe-Ito plus a few extras).
HUES: tuple[str, ...] = (
    "#E69F00",
    "#56B4E9",
    "#009E73",
    "#D55E00",
    "#CC79A7",
    "#0072B2",
    "#B8A200",
    "#8E6BD1",
    "#2AA198",
    "#C2185B",
    "#7CB342",
    "#8D6E63",
)

UNDERLINES: tuple[QTextCharFormat.UnderlineStyle, ...] = (
    QTextCharFormat.UnderlineStyle.SingleUnderline,
    QTextCharFormat.UnderlineStyle.DashUnderline,
    QTextCharFormat.UnderlineStyle.DotLine,
    QTextCharFormat.UnderlineStyle.WaveUnderline,
)

UNDERLINE_NAMES = {
    QTextCharFormat.UnderlineStyle.SingleUnderline: "solid",
    QTextCharFormat.UnderlineStyle.DashUnderline: "dashed",
    QTextCharFormat.UnderlineStyle.DotLine: "dotted",
    QTextCharFormat.UnderlineStyle.WaveUnderline: "wavy",
}


@dataclass(frozen=True)
class EntityStyle:
    """How one entity is drawn: a hue (tinted background + underline) and a line style."""

    hue: QColor
    underline: QTextCharFormat.UnderlineStyle

    def background(self, dark: bool) -> QColor:
        """A tint light enough to keep text readable in the given theme."""
        tint = QColor(self.hue)
        tint.setAlpha(90 if dark else 70)
        return tint


def entity_key(name: str) -> str:
    """The canonical name folded so the colour survives case and accent changes."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return " ".join(folded.casefold().split())


def style_for(name: str) -> EntityStyle:
    """The style of an entity: a hash of its canonical name, so stable across sessions."""
    digest = hashlib.sha1(entity_key(name).encode("utf-8")).digest()
    value = int.from_bytes(digest[:8], "big")
    hue = HUES[value % len(HUES)]
    underline = UNDERLINES[(value // len(HUES)) % len(UNDERLINES)]
    return EntityStyle(QColor(hue), underline)


def assign_styles(names: list[str]) -> dict[str, EntityStyle]:
    """Styles for the shared entities of one comparison.

    Each keeps its hashed style unless that exact hue+line pair is already
    taken in this comparison; then the next free pair is used, so two entities
    on screen never look identical.
    """
    taken: set[tuple[str, int]] = set()
    out: dict[str, EntityStyle] = {}
    pairs = [(h, u) for u in UNDERLINES for h in HUES]
    for name in sorted(names, key=entity_key):
        style = style_for(name)
        key = (style.hue.name(), int(style.underline.value))
        if key in taken:
            start = pairs.index((style.hue.name().upper(), style.underline))
            for step in range(1, len(pairs) + 1):
                hue, line = pairs[(start + step) % len(pairs)]
                if (QColor(hue).name(), int(line.value)) not in taken:
                    style = EntityStyle(QColor(hue), line)
                    key = (style.hue.name(), int(line.value))
                    break
        taken.add(key)
        out[name] = style
    return out
