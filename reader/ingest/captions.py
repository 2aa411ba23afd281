"""Recognise image captions in pasted text and undo their gallery-widget doubling.

Pasted galleries often read "Caption textopen image in galleryCaption text
(Credit)": the caption, the widget's label and the caption again with its
credit. The doubled form is detected structurally (a line that repeats its own
start after a short label), not by the label's wording.
"""

from __future__ import annotations

import re

_MIN_REPEAT = 12
_MAX_LABEL = 40
# Captions are short; the bound also keeps the repeat search cheap on huge lines.
_MAX_DOUBLED = 800
# A credit in brackets at the end: "(Getty Images)", "(Jane Roe/The Daily Planet)".
_CREDIT = re.compile(r"\((?:[^()]{0,30}/[^()]{1,40}|[A-ZÀ-Þ][^()]{1,50})\)\s*$")
_CREDIT_LABEL = re.compile(
    r"(?:^|\s|\()(?:photo(?:graph)?s?|image|picture|credit|illustration|source|video)"
    r"\s*(?:by|credit)?\s*:",
    re.IGNORECASE,
)
# Wire captions describe the picture itself: "In this March 3 file photo, ...".
_PHOTO_PHRASE = re.compile(
    r"\b(?:in this|this) (?:[\w,.]+ ){0,6}(?:file |undated |handout )?(?:photo|image|picture)\b"
    r"|\((?:AP|AFP|EPA|Reuters|Getty)(?: Photo)?[/ ]",
    re.IGNORECASE,
)
_AGENCY_TAIL = re.compile(r"\b(?:via|for)\s+Getty Images\)?$|\bGetty Images\)?$|/\s*\w+\)?$")
# A short line naming an image or video slot, left where the picture was.
_PLACEHOLDER = re.compile(
    r"^[\w\s]{0,30}\b(?:image|photo|picture|gallery|video|media|figure)s?\b[\w\s]{0,20}$",
    re.IGNORECASE,
)


def undouble(line: str) -> tuple[str, str] | None:
    """Split a gallery-doubled caption line.

    Returns:
        (label, caption) where caption is the fuller second copy, or None when
        the line does not repeat its own start.
    """
    if not 2 * _MIN_REPEAT < len(line) <= _MAX_DOUBLED:
        return None
    probe = line[:_MIN_REPEAT]
    j = line.find(probe, _MIN_REPEAT)
    while j != -1 and j <= len(line) // 2 + _MAX_LABEL:
        common = 0
        limit = min(j, len(line) - j)
        while common < limit and line[common] == line[j + common]:
            common += 1
        label = line[common:j]
        first = line[:common].rstrip()
        if (
            len(label) <= _MAX_LABEL
            and common >= j - _MAX_LABEL
            and sum(c.isalpha() for c in label) >= 3
            and not re.search(r"[.!?]", label)
            and not first.endswith((".", "!", "?"))
        ):
            return label.strip(), line[j:].strip()
        j = line.find(probe, j + 1)
    return None


def is_placeholder(line: str) -> bool:
    """True for a short label standing where an image or video was ("Article image")."""
    return (
        len(line) <= 40
        and not line.rstrip().endswith((".", "?", "!"))
        and bool(_PLACEHOLDER.match(line))
    )


def looks_like_caption(line: str, after_placeholder: bool = False) -> bool:
    """True if `line` reads as an image caption rather than body text.

    Args:
        line: one paragraph.
        after_placeholder: the previous line was an image placeholder.
    """
    words = len(line.split())
    if words > 70:
        return False
    if after_placeholder and words >= 2:
        return True
    if (_CREDIT_LABEL.search(line) or _PHOTO_PHRASE.search(line)) and words <= 50:
        return True
    tail = line.rstrip()
    if _CREDIT.search(tail):
        credit = tail[tail.rfind("(") :]
        # A body sentence ends with its full stop; a caption ends with the credit.
        return len(credit.split()) <= 8 and not credit[1:2].islower()
    return bool(_AGENCY_TAIL.search(tail)) and words <= 40
