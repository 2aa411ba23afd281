"""Recognise bylines and clean author names: no "By", no roles, one name per entry."""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

_BY = re.compile(
    r"^(?:(?:words|written|reported|story|text|photos?|interview)\s+)?(?:by|par|von|por|di|door)"
    r"[\s:]+",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|&|\||\bund\b|\bet\b|\by\b|\be\b)\s*")
_HANDLE = re.compile(r"\S+@\S+|@\w+|https?://\S+")
# Job titles that follow a name in a byline ("Jane Doe, Political Editor").
_ROLE = re.compile(
    r"\b(?:editor|correspondent|reporter|writer|contributor|columnist|analyst|producer"
    r"|journalist|staff|author|chief|senior|deputy|associate|bureau|fellow|professor"
    r"|photographer|presenter|host|intern|desk|team|newsroom|agencies|agency|press"
    r"|in\s+[A-Z]\w+)\b.*$",
    re.IGNORECASE,
)
_PARTICLES = frozenset("de da del der di du la le van von bin al el ibn dos das st".split())
_NAME_TOKEN = re.compile(r"^(?:[A-ZÀ-ÖØ-Þ][\w’'\-]*\.?|[A-Z]\.(?:[A-Z]\.)*)$")
# A name token that is also one of the most common English words (The, New,
# Will) makes a line more likely a heading than a name.
_COMMON_WORD_ZIPF = 5.4


def looks_like_name(text: str) -> bool:
    """True if `text` reads as one person's name: 2-4 capitalised tokens."""
    tokens = text.split()
    core = [t for t in tokens if t.lower() not in _PARTICLES]
    if not 2 <= len(core) <= 4 or len(tokens) > 5:
        return False
    if not all(_NAME_TOKEN.match(t) for t in core):
        return False
    if any(t.isupper() and 1 < len(t) <= 3 and t.isalpha() for t in core):
        return False  # an acronym (AP, BBC) is an agency or desk, not part of a name
    if sum(len(t.rstrip(".")) > 1 for t in core) < 2:
        return False
    for t in core:
        bare = t.rstrip(".").strip("’'")
        if len(bare) > 1 and zipf_frequency(bare, "en") >= _COMMON_WORD_ZIPF:
            return False
    # Surnames are rarely everyday words; a line of only such words is a heading.
    return any(zipf_frequency(t.rstrip("."), "en") < 4.6 for t in core if len(t) > 2)


def clean_author(name: str) -> str:
    """Strip "By", handles and trailing roles from one author string."""
    name = _HANDLE.sub(" ", name)
    name = _BY.sub("", name.strip())
    name = _ROLE.sub("", name)
    name = re.sub(r"\s+", " ", name).strip(" ,;:-–—|·•()")
    if name.isupper() and len(name) > 3:
        name = name.title()
    return name


def split_authors(text: str) -> list[str]:
    """Split a byline into clean names ("By A, B and C" -> [A, B, C]).

    Parts that are not names (roles, places, dates) are dropped.
    """
    text = _BY.sub("", _HANDLE.sub(" ", text.strip()))
    names: list[str] = []
    for part in _SEPARATORS.split(text):
        name = clean_author(part)
        if looks_like_name(name) and name not in names:
            names.append(name)
    return names


def parse_byline(line: str) -> list[str] | None:
    """Return the authors if `line` is a byline, else None.

    A byline either starts with "By" or consists only of names (and roles).
    """
    line = line.strip()
    if not line or len(line) > 200:
        return None
    if _BY.match(line):
        names = split_authors(line)
        return names or None
    parts = [clean_author(p) for p in _SEPARATORS.split(_HANDLE.sub(" ", line))]
    parts = [p for p in parts if p]
    if parts and all(looks_like_name(p) for p in parts):
        return list(dict.fromkeys(parts))
    return None
