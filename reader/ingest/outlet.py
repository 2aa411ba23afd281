"""Find the outlet's name where a pasted page names itself: logo lines, sign-up text, ©."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from wordfreq import zipf_frequency

from .boilerplate import is_call_to_action

_TOKEN = r"(?:[A-Z][\w&'’\-]*(?:\.\w+)*|[0-9]+[A-Z]\w*)"
_NAME = rf"{_TOKEN}(?:\s+(?:of\s+|the\s+|&\s+)?{_TOKEN}){{0,3}}"
# The outlet talking about itself: "updates from The Daily Planet", "grow the
# Kyiv Herald", "Become a Morning Star member", "Support Example News".
_SELF_REFERENCE = re.compile(
    rf"\b(?:from|at|join|support|grow|supporting|to|with|about|of)\s+(?P<a>(?:[Tt]he\s+)?{_NAME})"
    rf"|\b(?:become|be)\s+an?\s+(?P<b>{_NAME})\s+(?:member|subscriber|supporter|insider)"
    rf"|(?P<c>(?:The\s+)?{_NAME})(?:['’]s)?\s+(?:members?|membership|app|journalism)\b",
)
# A photo credit names the outlet after the photographer: "(Jane Roe/The Daily Planet)".
_CREDIT = re.compile(rf"\([^()/]{{2,40}}/\s*(?P<name>(?:The\s+)?{_NAME})\)")
_THE_NAME = re.compile(rf"\b[Tt]he\s+(?P<name>{_NAME})")
_LOGO = re.compile(r"^(?P<name>.{2,40}?)\s+(?:\w+\s+)?logo$", re.IGNORECASE)
_COPYRIGHT = re.compile(
    rf"(?:©|\(c\)|\bcopyright\b)\s*(?:\d{{4}}\s*[-–]?\s*\d{{0,4}}\s*)?(?P<name>{_NAME})"
)
_GENERIC = frozenset(
    """our your the email sign privacy read more newsletter member members news we i you
    this a all rights reserved terms cookie cookies policy notice get by in on up it""".split()
)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[0].isupper() and w.lower() != "the")


def _clean(name: str) -> str | None:
    name = re.sub(r"['’]s$", "", name.strip(" .,;:-"))
    words = name.split()
    while words and words[-1].lower() in _GENERIC:
        words.pop()
    if not words or all(w.lower() in _GENERIC for w in words):
        return None
    name = " ".join(words)
    if len(words) == 1 and name.istitle() and zipf_frequency(name, "en") >= 4.0:
        return None  # a lone everyday word ("Use", "Home") is not a name
    return name if len(name) >= 3 else None


def find_outlet(lines: Sequence[str]) -> str | None:
    """Return the outlet's name if the page names itself, else None."""
    votes: Counter[str] = Counter()
    logo_initials = ""
    for line in lines:
        m = _LOGO.match(line)
        if m:
            name = (
                m.group("name").split()[0] if len(m.group("name").split()) > 1 else m.group("name")
            )
            logo_initials = name if name.isupper() else logo_initials
            if not name.isupper():
                votes[m.group("name")] += 3
        c = _COPYRIGHT.search(line)
        if c and len(line) < 200:
            cleaned = _clean(c.group("name"))
            if cleaned:
                votes[cleaned] += 2
        for m in _CREDIT.finditer(line):
            cleaned = _clean(m.group("name"))
            if cleaned:
                votes[cleaned] += 1
        if not is_call_to_action(line):
            continue
        for m in _THE_NAME.finditer(line):
            cleaned = _clean(m.group("name"))
            if cleaned and " " in cleaned:
                votes[cleaned] += 1
        for m in _SELF_REFERENCE.finditer(line):
            cleaned = _clean(next(g for g in m.groups() if g))
            if cleaned:
                votes[cleaned] += 2
    if not votes:
        return None
    text = "\n".join(lines)

    def rank(name: str) -> tuple[int, int, int]:
        bare = re.sub(r"^[Tt]he\s+", "", name)
        matches_logo = bool(logo_initials) and _initials(bare) == logo_initials
        return (matches_logo, votes[name] + text.count(bare), len(bare))

    best = max(votes, key=rank)
    bare = re.sub(r"^[Tt]he\s+", "", best)
    # "The" belongs to the name if the page ever capitalises it mid-sentence.
    if re.search(rf"(?<=[\s(/])The {re.escape(bare)}\b", text):
        return f"The {bare}"
    return bare
