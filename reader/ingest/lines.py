"""Line-level text hygiene for pasted text: sanitising, splitting and normalising lines."""

from __future__ import annotations

import re
import unicodedata

# Characters a paste may carry that are invisible or break line logic.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
_NORM_DROP = re.compile(r"[^\w\s]")
_DIGITS = re.compile(r"\d+")


def sanitise(text: str) -> str:
    """Return `text` with unified line breaks and no control or invisible characters."""
    text = _LINE_BREAKS.sub("\n", text)
    text = text.translate(_INVISIBLE)
    text = _CONTROL.sub(" ", text)
    return text


def split_lines(text: str) -> list[str]:
    """Split sanitised text into stripped, non-empty lines with single spaces."""
    out = []
    for raw in text.split("\n"):
        line = _SPACES.sub(" ", raw).strip()
        if line:
            out.append(line)
    return out


def normalise_line(line: str) -> str:
    """Normalise a line for comparing boilerplate across articles of one outlet.

    Case, punctuation, spacing and the values of numbers (view counts, dates)
    are ignored, so "Sign up  today!" and "sign up today" compare equal.
    """
    line = unicodedata.normalize("NFKC", line).casefold()
    line = _NORM_DROP.sub(" ", line)
    line = _DIGITS.sub("0", line)
    return " ".join(line.split())
