"""Grouping the mentions of one article that name the same thing, before archive look-up."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from reader.entities import acronyms, gazetteer
from reader.entities.mentions import Mention
from reader.entities.normalise import fold_key
from reader.entities.similarity import (
    FLIPPABLE,
    FUZZY_MIN,
    PLACE_NAMED,
    compatible,
    fuzzy_score,
)

_COMMON_WORD_ZIPF = 4.5  # "independent", "times", "post": words, not surnames
_CONNECTIVES = frozenset({"of", "for", "the", "and", "on", "in", "at", "to", "de"})


@dataclass(frozen=True, slots=True)
class Item:
    """A mention with its matching keys."""

    index: int
    mention: Mention
    key: str
    fold: str
    label: str
    place: int | None  # GeoNames id, for place-typed mentions of known places
    iso: str | None  # for DATE mentions


def _is_short_form(short: str, full: str) -> bool:
    """ "rubio" is a short form of "marco rubio": its words end the longer name."""
    short_words, full_words = short.split(), full.split()
    return 0 < len(short_words) < len(full_words) and full_words[-len(short_words) :] == short_words


def relation(
    item: Item, others: Collection[str], acronym_table: Mapping[str, set[str]]
) -> tuple[str, float] | None:
    """The safest rule tying an item to any of the other keys of its entity, if one does."""
    if item.key in others:
        return "same_key", 1.0
    if acronym_table.get(item.key, set()) & set(others):
        return "acronym", 0.9
    if any(
        item.key in acronyms.initials_of(o) or o in acronyms.initials_of(item.key) for o in others
    ):
        return "acronym", 0.7
    folds = {fold_key(o) for o in others}
    if item.fold in folds:
        return "transliteration", 0.9
    if item.place is not None and any(gazetteer.place_id(o) == item.place for o in others):
        return "gazetteer", 0.9
    if any(_is_short_form(item.key, o) or _is_short_form(o, item.key) for o in others):
        return "short_form", 0.85
    place = item.label in PLACE_NAMED
    best = max((fuzzy_score(item.fold, f, place=place) for f in folds), default=0.0)
    if best > 0.0:
        return "fuzzy", best
    return None


class _Sets:
    """Union-find over keys that refuses to join keys owned by two different entities."""

    def __init__(self, keys: list[str], owner: Callable[[str], int | None]) -> None:
        self.parent = {k: k for k in keys}
        self.owner = {k: owner(k) for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        oa, ob = self.owner[ra], self.owner[rb]
        if oa is not None and ob is not None and oa != ob:
            return  # the machine never merges two existing entities
        self.parent[rb] = ra
        self.owner[ra] = oa if oa is not None else ob


def group_items(
    items: list[Item],
    acronym_table: Mapping[str, set[str]],
    owner: Callable[[str], int | None],
) -> list[list[Item]]:
    """Group one article's items by the rules safe within a single article.

    Same key, acronym, transliteration, same GeoNames place, a surname after the full
    name, and gated fuzzy similarity.  Keys already owned by two different entities
    are never joined.
    """
    by_key: dict[str, list[Item]] = {}
    for item in items:
        by_key.setdefault(item.key, []).append(item)
    keys = list(by_key)
    label = {k: Counter(i.label for i in v).most_common(1)[0][0] for k, v in by_key.items()}
    rep = {k: v[0] for k, v in by_key.items()}
    sets = _Sets(keys, owner)
    by_fold: dict[str, str] = {}
    for key in keys:
        item = rep[key]
        for other in acronym_table.get(key, ()):
            if other in by_key:
                sets.union(key, other)
        if item.fold in by_fold:
            other = by_fold[item.fold]
            if compatible(label[key], label[other]) and not _two_places(item, rep[other]):
                sets.union(key, other)
        else:
            by_fold[item.fold] = key
    _join_initials(keys, rep, sets)
    _join_places(keys, rep, label, sets)
    _join_short_forms(keys, label, sets)
    _join_fuzzy(keys, rep, label, sets)
    groups: dict[str, list[Item]] = {}
    for key in keys:
        groups.setdefault(sets.find(key), []).extend(by_key[key])
    return [sorted(g, key=lambda i: i.index) for g in groups.values()]


def _join_initials(keys: list[str], rep: dict[str, Item], sets: _Sets) -> None:
    """ "ISW" and "Institute for the Study of War" in one article, without a definition."""
    long_by_initials: dict[str, set[str]] = {}
    for key in keys:
        for abbr in acronyms.initials_of(key):
            long_by_initials.setdefault(abbr, set()).add(key)
    for key in keys:
        if acronyms.is_acronym(rep[key].mention.text):
            longs = long_by_initials.get(key, set())
            if len(longs) == 1:
                sets.union(next(iter(longs)), key)


def _two_places(a: Item, b: Item) -> bool:
    if a.place is None or b.place is None:
        return False
    return gazetteer.different_places(a.key, b.key)


def _join_places(keys: list[str], rep: dict[str, Item], label: dict[str, str], sets: _Sets) -> None:
    first: dict[int, str] = {}
    for key in keys:
        place = rep[key].place
        if place is None or label[key] not in FLIPPABLE:
            continue
        if place in first:
            sets.union(first[place], key)
        else:
            first[place] = key


def looks_like_full_name(key: str, label: str) -> bool:
    """A PERSON name of 2+ words, or an ORG-tagged one that reads like a person's name."""
    words = key.split()
    if len(words) < 2:
        return False
    if label == "PERSON":
        return True
    if label != "ORG" or len(words) > 3 or set(words) & _CONNECTIVES:
        return False
    # "Kyiv Independent", "Moscow Times": the last word is an ordinary word, not a surname.
    return _zipf(words[-1]) < _COMMON_WORD_ZIPF


def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # heavy data load: only when needed

    return zipf_frequency(word, "en")


def can_be_short_form(key: str, label: str) -> bool:
    """A surname-like key: not a big real place ("Washington" after "George Washington")."""
    return label in FLIPPABLE and len(key) >= 3 and not gazetteer.is_major_place(key)


def _join_short_forms(keys: list[str], label: dict[str, str], sets: _Sets) -> None:
    # Full names indexed by each of their word tails ("rubio" -> "marco rubio"), so a
    # short form is a look-up, not a scan of every full name in the article.
    by_tail: dict[str, list[str]] = {}
    for full in keys:
        if looks_like_full_name(full, label[full]):
            words = full.split()
            for i in range(1, len(words)):
                by_tail.setdefault(" ".join(words[i:]), []).append(full)
    for key in keys:
        if key not in by_tail or not can_be_short_form(key, label[key]):
            continue
        fulls = {sets.find(f) for f in by_tail[key]}
        if len(fulls) == 1:  # "Trump" after both Donald and Melania Trump stays unlinked
            sets.union(next(iter(fulls)), key)


def _join_fuzzy(keys: list[str], rep: dict[str, Item], label: dict[str, str], sets: _Sets) -> None:
    # fuzzy_score needs the same number of words with the same first letters, so only
    # keys sharing those initials are compared, and within them only near lengths.
    blocks: dict[tuple[str, ...], list[str]] = {}
    for key in keys:
        if label[key] != "DATE":
            initials = tuple(w[:1] for w in rep[key].fold.split())
            blocks.setdefault(initials, []).append(key)
    for block in blocks.values():
        block.sort(key=lambda k: len(rep[k].fold))
        _join_fuzzy_block(block, rep, label, sets)


def _join_fuzzy_block(
    block: list[str], rep: dict[str, Item], label: dict[str, str], sets: _Sets
) -> None:
    folds = [rep[k].fold for k in block]
    lengths = [len(f) for f in folds]
    for i, a in enumerate(block):
        fa = folds[i]
        # Later keys at most two characters longer (the block is sorted by length).
        end = bisect_right(lengths, lengths[i] + 2, lo=i + 1)
        if end <= i + 1:
            continue
        # fuzzy_score needs this whole-key ratio anyway: rapidfuzz filters in C first.
        near = process.extract(
            fa, folds[i + 1 : end], scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=None
        )
        for _, _, offset in near:
            b = block[i + 1 + offset]
            if not compatible(label[a], label[b]) or _two_places(rep[a], rep[b]):
                continue
            place = label[a] in PLACE_NAMED or label[b] in PLACE_NAMED
            if fuzzy_score(fa, folds[i + 1 + offset], place=place) > 0.0:
                sets.union(a, b)
