"""Matching keys for entity names: a plain normalised key and a transliteration folding key."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

_APOSTROPHES = "'\u2019\u2018\u02bc\u02b9\u0060\u00b4\u2032"
_POSSESSIVE = re.compile(r"[" + _APOSTROPHES + r"]s$")
_LEADING_ARTICLE = re.compile(r"^the\s+")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")

# Ordered romanisation alternations, applied per token after the plain key.  The order
# matters: digraphs are rewritten before their letters are folded one by one.
# Literal digraph rewrites first (plain str.replace: this runs for every GeoNames name).
_LITERAL_STEPS: tuple[tuple[str, str], ...] = (
    ("x", "ks"),
    ("tsch", "ch"),  # German Tsch- for Ch-
    ("sch", "sh"),
    ("tch", "ch"),
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),  # Zh/J (Prigozhin, Prigojin)
    ("kh", "h"),  # Kh/H (Kharkiv, Harkiv)
    ("gh", "g"),
    ("ph", "f"),
    ("w", "v"),  # German and Polish W for V
    ("q", "k"),
    ("ck", "k"),
)
# Then the context-dependent ones, in order.
_FOLD_STEPS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"c(?=[aou]|[^aeiouhy]|$)", "k"),  # hard C; C before e/i/y stays a sibilant
        (r"t[sz]", "c"),  # Ts/Tz/C (Tsar, Czar)
        (r"(?<=[aeiou])y(?=[aeiou])", ""),  # Tokayev/Tokaev, Andreyev/Andreev
        (r"y", "i"),  # Y/I, and with the steps below Ya/Ia, Yu/Iu, -iy/-yy/-yi/-y
        (r"(?:^|(?<=[^aeiou]))ie", "e"),  # Medvedev/Medvediev, Sergey/Sergei after the Y step
        (r"ij$", "i"),  # German -ij for -iy
    )
)
_DOUBLE = re.compile(r"(.)\1+")
# Ukrainian H for Russian G (Myrnohrad, Mirnograd).  Only in longer tokens: in short
# ones the alternation joins too many unrelated names.
_LONE_H = re.compile(r"(?<![cstz])h")
_MIN_GH_FOLD = 5


def ascii_fold(text: str) -> str:
    """Transliterate any script to ASCII (Cyrillic, accents, ligatures)."""
    return anyascii(unicodedata.normalize("NFC", text))


@lru_cache(maxsize=200_000)
def norm_key(name: str) -> str:
    """Return the plain matching key: ASCII, case-folded, no punctuation or leading "the".

    "The Kremlin's" -> "kremlin", "U.S." -> "us", "Zelens'kyi" -> "zelenskyi".
    """
    text = name.strip()
    text = _POSSESSIVE.sub("", text)
    for mark in _APOSTROPHES:
        # Apostrophes inside a name are soft signs or elisions, dropped without a gap.
        text = text.replace(mark, "")
    text = (text if text.isascii() else ascii_fold(text)).casefold()
    text = text.replace("'", "").replace(".", "")
    text = _NON_ALNUM.sub(" ", text).strip()
    return _LEADING_ARTICLE.sub("", text)


@lru_cache(maxsize=200_000)
def fold_token(token: str) -> str:
    """Fold one lower-case ASCII token so that common romanisations coincide."""
    if token.isdigit():
        return token
    folded = token
    for old, new in _LITERAL_STEPS:
        if old in folded:
            folded = folded.replace(old, new)
    for pattern, repl in _FOLD_STEPS:
        folded = pattern.sub(repl, folded)
    if len(folded) >= _MIN_GH_FOLD:
        folded = _LONE_H.sub("g", folded)
    return _DOUBLE.sub(r"\1", folded)


@lru_cache(maxsize=200_000)
def fold_key(name: str) -> str:
    """Return the transliteration folding key of a name.

    Kyiv, Kiiv and Kyyiv share one key, as do Sloviansk and Slovyansk, Myrnohrad and
    Mirnograd, Zelenskyy and Zelenskiy.  Computed by general rules, never per name.
    """
    return " ".join(fold_token(token) for token in norm_key(name).split())


def initials(name: str, *, skip: frozenset[str] = frozenset()) -> str:
    """Return the upper-case initials of a name's words, leaving out the words in skip."""
    words = [w for w in norm_key(name).split() if w not in skip]
    return "".join(w[0] for w in words).upper()
