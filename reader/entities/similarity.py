"""Fuzzy name similarity with the gates that keep look-alike names apart."""

from __future__ import annotations

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Names that are, or are built on, place names ("Battle of Mariupol"): foreign vowel endings ok.
PLACE_NAMED = PLACE_TYPES | {"EVENT"}
FLIPPABLE = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})
FUZZY_MIN = 85.0  # whole key, rapidfuzz ratio on folded keys
TOKEN_MIN = 80.0  # each differing token
MIN_FUZZY_TOKEN = 5  # shorter tokens must match exactly: too many real names differ by one letter
_VOWELS = frozenset("aeiou")
# A trailing vowel some languages add to a foreign place name (Mariupol/Mariupolo).  Not
# after -sk/-k: there it makes a Slavic adjectival name of another place (Pokrovsk/Pokrovske).
_VARIANT_TAILS = frozenset("aeiou")
_ADJECTIVAL_STEMS = ("sk", "ck", "k", "c")
_SHORT_WORD = 7


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
    for op in Levenshtein.opcodes(a, b):
        tag, a0, a1, b0, b1 = op.tag, op.src_start, op.src_end, op.dest_start, op.dest_end
        if tag == "equal":
            continue
        changed = a[a0:a1] + b[b0:b1]
        # More than one letter added or swapped, unless only vowels (ie/e, ii/i): a new name.
        if max(a1 - a0, b1 - b0) >= 2 and not set(changed) <= _VOWELS:
            return True
        # A consonant swapped in a short word makes another name (Marco/Mario).
        if len(short) < _SHORT_WORD and not set(changed) <= _VOWELS and tag == "replace":
            return True
        # A different final consonant is a different ending (Petrov/Petrok).
        if a1 == len(a) and b1 == len(b) and not set(changed) <= _VOWELS:
            return True
    return False


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
