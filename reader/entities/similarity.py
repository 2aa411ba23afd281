"""Fuzzy name similarity with the gates that keep look-alike names apart."""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein, Opcode

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Names that are, or are built on, place names ("Battle of Mariupol"): foreign vowel endings ok.
PLACE_NAMED = PLACE_TYPES | {"EVENT"}
FLIPPABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
FUZZY_MIN = 85.0  # whole key, rapidfuzz ratio on folded keys
TOKEN_MIN = 80.0  # each differing token
MIN_FUZZY_TOKEN = 5  # shorter tokens must match exactly: too many real names differ by one letter
_VOWELS = frozenset("aeiou")
# A trailing vowel some languages add to a foreign place name (Mariupol/Mariupolo).  Not
# after -sk/-k/-in/-ov: there it makes a Slavic derived name of another place
# (Pokrovsk/Pokrovske, Pushkin/Pushkino).
_VARIANT_TAILS = frozenset("oe")
_ADJECTIVAL_STEMS = ("sk", "ck", "k", "c", "in", "ov", "ev", "iv", "in")
_LONG_WORD = 8
_ALTERNATIONS = frozenset(
    frozenset(pair) for pair in ("ei", "oa", "ea", "io", "gh", "kc", "sz", "vf")
)


def compatible(type_a: str, type_b: str) -> bool:
    """Types that may belong to one entity: equal, or ones small NER models confuse."""
    return type_a == type_b or (type_a in FLIPPABLE and type_b in FLIPPABLE)


def lookalike(fold_a: str, fold_b: str, *, place: bool) -> bool:
    """Tell whether two different folded keys are different names that merely look alike.

    Pokrovsk/Pokrovske, Niger/Nigeria, Sudan/South Sudan, Petrov/Petrenko and
    Austria/Australia are look-alikes; Mariupol/Mariupolo (for a place) and
    Avdiivka/Avdiyivka are spelling variants.
    """
    tokens_a, tokens_b = fold_a.split(), fold_b.split()
    if len(tokens_a) != len(tokens_b):
        return True  # an extra word makes another name: South Sudan, New York
    return any(
        _tokens_differ(a, b, place=place) for a, b in zip(tokens_a, tokens_b, strict=True) if a != b
    )


def _tokens_differ(a: str, b: str, *, place: bool) -> bool:
    if a[0] != b[0] or min(len(a), len(b)) < MIN_FUZZY_TOKEN:
        return True
    short, long = sorted((a, b), key=len)
    if long.startswith(short):
        tail = long[len(short) :]
        variant = (
            place
            and len(tail) == 1
            and tail in _VARIANT_TAILS
            and short[-1] not in _VOWELS
            and not short.endswith(_ADJECTIVAL_STEMS)
        )
        return not variant
    edits = [op for op in Levenshtein.opcodes(a, b) if op.tag != "equal"]
    if len(edits) > (1 if len(short) < _LONG_WORD else 2):
        return True  # several separate changes: another name (Gresham/Horsham)
    return any(_edit_differs(a, b, op, place=place) for op in edits)


def _edit_differs(a: str, b: str, op: Opcode, *, place: bool) -> bool:
    """Whether one edit between two spellings changes the name rather than the spelling.

    Allowed: one vowel added or dropped inside the word (Kastehelmi/Kasetehelmi), short
    vowel clusters (ie/e), and single swaps that romanisations really alternate (e/i,
    o/a, e/a, i/o as in Kharkiv/Kharkov, g/h, k/c, s/z, v/f).  Anything touching other
    consonants makes another name
    (Svetlogorsk/Svetogorsk, Gubin/Gubkin, Makinsk/Mariinsk), and so does a changed final
    vowel of a place (Donskoy/Donskoye: gender endings of adjectival place names).
    """
    if op.tag == "equal":
        return False
    src, dst = a[op.src_start : op.src_end], b[op.dest_start : op.dest_end]
    at_end = op.src_end == len(a) and op.dest_end == len(b)
    if len(src) > 1 or len(dst) > 1:
        return not (set(src + dst) <= _VOWELS and max(len(src), len(dst)) <= 2) or at_end
    if op.tag == "replace":
        if frozenset(src + dst) not in _ALTERNATIONS:
            return True
        return at_end and place and src in _VOWELS
    letter = src or dst
    return letter not in _VOWELS or at_end


def fuzzy_score(fold_a: str, fold_b: str, *, place: bool) -> float:
    """Similarity in [0, 1] of two folded keys, or 0.0 if a gate keeps them apart."""
    if fold_a == fold_b:
        return 1.0
    if lookalike(fold_a, fold_b, place=place):
        return 0.0
    whole = fuzz.ratio(fold_a, fold_b)
    if whole < FUZZY_MIN:
        return 0.0
    for a, b in zip(fold_a.split(), fold_b.split(), strict=True):
        if a != b and fuzz.ratio(a, b) < TOKEN_MIN:
            return 0.0
    return whole / 100.0
