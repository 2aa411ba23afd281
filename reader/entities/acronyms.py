"""Acronyms: the ones an article defines, and a small table of common international ones."""

from __future__ import annotations

import re
from collections.abc import Sequence

from reader.entities.mentions import Mention
from reader.entities.normalise import norm_key

# General world knowledge, not tied to any article: equivalent names of bodies and
# countries that news writes both ways.  The first spelling is the canonical one.
COMMON_EQUIVALENTS: tuple[tuple[str, ...], ...] = (
    ("United States", "US", "U.S.", "USA", "U.S.A.", "United States of America", "America"),
    ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    ("European Union", "EU", "E.U."),
    ("United Nations", "UN", "U.N."),
    ("NATO", "North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "Nato"),
    ("United Arab Emirates", "UAE", "U.A.E."),
    ("Soviet Union", "USSR", "U.S.S.R."),
    ("International Atomic Energy Agency", "IAEA"),
    ("International Monetary Fund", "IMF"),
    ("World Health Organization", "WHO", "World Health Organisation"),
    ("World Trade Organization", "WTO"),
    ("World Bank", "WB"),
    ("International Criminal Court", "ICC"),
    ("International Court of Justice", "ICJ"),
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("European Central Bank", "ECB"),
    ("African Union", "AU"),
    ("Association of Southeast Asian Nations", "ASEAN"),
    ("Organization of the Petroleum Exporting Countries", "OPEC"),
    ("UN Security Council", "UNSC", "United Nations Security Council", "U.N. Security Council"),
    ("UN High Commissioner for Refugees", "UNHCR"),
    ("Central Intelligence Agency", "CIA"),
    ("Federal Bureau of Investigation", "FBI"),
    ("Democratic Republic of the Congo", "DRC", "DR Congo"),
    ("People's Republic of China", "PRC"),
    ("European Commission", "EC"),
    ("Group of Seven", "G7"),
    ("Group of 20", "G20"),
)

# Words an acronym may skip: English connectives and the particles of transliterated or
# European names (Hayat Tahrir al-Sham -> HTS).
_CONNECTIVES = frozenset(
    {"of", "for", "the", "and", "on", "in", "at", "to", "de", "la", "du", "des", "le", "les"}
    | {"al", "el", "ad", "an", "as", "ash", "von", "van", "der", "den", "di", "da", "y", "e"}
)
_PAREN = re.compile(r"\(\s*([A-Z][A-Za-z&.\-]{1,11})\s*\)")
_MAX_GAP = 3  # characters between a long form and its "(ABBR)"


def _letters(abbr: str) -> str:
    return "".join(ch for ch in abbr if ch.isalpha()).upper()


def matches_initials(long_form: str, abbr: str) -> bool:
    """Tell whether abbr spells the initials of long_form (connectives optional)."""
    letters = _letters(abbr)
    words = norm_key(long_form).split()
    if len(letters) < 2 or len(words) < 2:
        return False
    full = "".join(w[0] for w in words).upper()
    content = "".join(w[0] for w in words if w not in _CONNECTIVES).upper()
    return letters in (full, content)


def defined_acronyms(text: str, mentions: Sequence[Mention]) -> list[tuple[Mention, str]]:
    """Find "Long Name (ABBR)" definitions where the long name is a mention.

    Returns (long-form mention, acronym surface) pairs; the acronym itself may or may
    not be a mention of its own.
    """
    found = []
    for match in _PAREN.finditer(text):
        abbr = match.group(1)
        for mention in mentions:
            gap = match.start() - mention.end
            if 0 <= gap <= _MAX_GAP and matches_initials(mention.text, abbr):
                found.append((mention, abbr))
                break
    return found


def common_equivalents() -> dict[str, set[str]]:
    """Map each normalised key in the common table to the keys of its equivalents."""
    table: dict[str, set[str]] = {}
    for group in COMMON_EQUIVALENTS:
        keys = {norm_key(name) for name in group}
        for key in keys:
            table.setdefault(key, set()).update(keys - {key})
    return table


def canonical_common(key: str) -> str | None:
    """The preferred spelling of a commonly abbreviated name, if key is in the table."""
    for group in COMMON_EQUIVALENTS:
        if key in {norm_key(name) for name in group}:
            return group[0]
    return None


_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")


def is_acronym(surface: str) -> bool:
    """ "ISW", "U.N.": two to six capitals, dots allowed."""
    return _ACRONYM.match(surface.strip()) is not None


def initials_of(key: str) -> set[str]:
    """Lower-case initials a normalised multi-word name may be abbreviated to."""
    words = key.split()
    if len(words) < 2:
        return set()
    full = "".join(w[0] for w in words)
    content = "".join(w[0] for w in words if w not in _CONNECTIVES)
    return {k for k in (full, content) if len(k) >= 2}
