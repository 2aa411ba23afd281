"""Cross-archive entity linker: one article's mentions to existing or new entities."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from rapidfuzz import fuzz, process

from reader.entities import acronyms, gazetteer
from reader.entities.dates import normalise_date
from reader.entities.grouping import (
    Item,
    can_be_short_form,
    group_items,
    looks_like_full_name,
    relation,
)
from reader.entities.mentions import Mention
from reader.entities.model import (
    NEW,
    RULES,
    UNRESOLVED_DATE,
    Alias,
    ArticleLinks,
    KnownEntity,
    Link,
    NewEntity,
    UserDecisions,
)
from reader.entities.normalise import fold_key, norm_key
from reader.entities.similarity import (
    FLIPPABLE,
    FUZZY_MIN,
    PLACE_NAMED,
    PLACE_TYPES,
    compatible,
    fuzzy_score,
)
from reader.entities.spotting import SPOT_LABELS, spot_known, widened

_SCORES = {
    "user": 1.0,
    "same_key": 1.0,
    "transliteration": 0.9,
    "gazetteer": 0.9,
    "acronym": 0.9,
    "short_form": 0.75,
}
_LENGTH_SLACK = 2  # fuzzy candidates differ in length by at most this many letters
_ACRONYM_TYPES = frozenset({"ORG", "GPE", "FAC", "LOC", "EVENT"})
_MIN_CITY_KEY = 4
_CITY_NAME_MIN = 75.0
_INITIALS_SCORE = 0.7  # an acronym matched to initials without a definition: probable
_MIN_FOLD_SPOT = 5  # shorter words fold onto too many others to be spotted as variants
_MIN_FUZZY_SPOT = 7  # fuzzy variants are spotted only for longer names


@dataclass
class _Entity:
    id: int
    canonical: str
    types: Counter[str] = field(default_factory=Counter)
    keys: dict[str, str] = field(default_factory=dict)  # key -> rule that attached it
    postings: list[set[int]] = field(default_factory=list)  # index sets holding this id

    major_place: bool = False

    @property
    def type(self) -> str:
        if not self.types:
            return "ORG"
        best = self.types.most_common(1)[0][0]
        if self.major_place and best in ("PERSON", "ORG"):
            # Small models tag "Kyiv" PERSON half the time; a big real place wins the vote.
            return max(PLACE_TYPES, key=lambda t: (self.types[t], t == "GPE"))
        return best


class Linker:
    """Links mentions article by article against a growing set of entities.

    Build it from the stored entities and the user's decisions, call ``link_article``
    for each new article, store the returned new entities and ``register`` their ids.
    Index look-ups are blocked by key, folded key, place and first letter + length, so
    linking stays fast with ~100k aliases.
    """

    def __init__(
        self, known: Iterable[KnownEntity] = (), decisions: UserDecisions | None = None
    ) -> None:
        self.decisions = decisions or UserDecisions()
        self._entities: dict[int, _Entity] = {}
        self._by_key: dict[str, set[int]] = {}
        self._by_fold: dict[str, set[int]] = {}
        self._by_place: dict[int, set[int]] = {}
        self._by_suffix: dict[str, set[int]] = {}  # "rubio" -> entities named "marco rubio"
        self._blocks: dict[tuple[str, int], list[str]] = {}
        self._by_initials: dict[str, set[int]] = {}  # "isw" -> "institute for the study ..."
        self._acronyms = acronyms.common_equivalents()
        self._user_keys = {norm_key(s): self._resolve(e) for s, e in self.decisions.aliases.items()}
        self._distinct = {frozenset(p) for p in self.decisions.distinct}
        self._next_provisional = -1
        self._spot_names: dict[str, str] = {}
        self._spot_folds: dict[str, str] = {}
        self._spot_blocks: dict[tuple[str, int], list[str]] = {}
        # An entity made by splitting one mention off holds that mention only: found by
        # its spelling it would take the other mentions it was split from.
        split_off = set(self.decisions.pinned.values())
        for entity in known:
            record = _Entity(entity.id, entity.canonical)
            record.types[entity.type] += 1
            self._entities[entity.id] = record
            if entity.id in split_off:
                continue
            for alias in (Alias(entity.canonical), *entity.aliases):
                self._add_key(record, norm_key(alias.surface), alias.rule, entity.type)
        for key, entity_id in self._user_keys.items():
            if entity_id in self._entities:
                record = self._entities[entity_id]
                self._add_key(record, key, "user", record.type)

    # -- public API ---------------------------------------------------------------

    def link_article(
        self,
        mentions: Sequence[Mention],
        *,
        article_id: int | None = None,
        text: str = "",
        published: date | None = None,
        skip: Sequence[tuple[int, int]] = (),
        spot: bool = True,
    ) -> ArticleLinks:
        """Link one article's mentions.

        Args:
            mentions: the article's NER mentions.
            article_id: its id (for the user's pinned mentions), if stored already.
            text: the article text; enables acronym definitions and, with ``spot``,
                extra mentions of known names that NER missed.
            published: publication date, to resolve relative DATE mentions.
            skip: caption/boilerplate spans where no extra mention may be spotted.
            spot: look for known names NER missed (needs ``text``).

        Returns:
            One ``Link`` per mention, extra spotted mentions included (rule of the link
            as usual), sorted by offset.
        """
        mentions = [_as_place(m) for m in mentions]
        if text:
            self.learn_acronyms(text, mentions)
            if spot:
                # A mention the user split off is never widened into a spotted name.
                split = [(st, en) for aid, st, en in self.decisions.pinned if aid == article_id]
                lookup = self._spot_lookup(mentions)
                extra = spot_known(text, mentions, lookup, [*skip, *split])
                mentions = widened(mentions, extra)
        links: dict[int, Link] = {}
        items: list[Item] = []
        for index, mention in enumerate(mentions):
            pinned = self.decisions.pinned.get((article_id or 0, mention.start, mention.end))
            if pinned is not None:
                links[index] = Link(mention, self._resolve(pinned), "user", 1.0)
                continue
            item = self._item(index, mention, published)
            if item is None:
                links[index] = Link(mention, None, UNRESOLVED_DATE, 0.0)
            else:
                items.append(item)
        groups = group_items(items, self._acronyms, self._owner)
        new_entities: list[NewEntity] = []
        new_aliases: list[tuple[int, Alias]] = []
        for group in groups:
            self._link_group(group, links, new_entities, new_aliases)
        return ArticleLinks(
            article_id, [links[i] for i in range(len(mentions))], new_entities, new_aliases
        )

    def register(self, provisional_id: int, entity_id: int) -> None:
        """Replace a provisional id by the id the archive gave the stored entity."""
        record = self._entities.pop(provisional_id)
        record.id = entity_id
        self._entities[entity_id] = record
        for ids in record.postings:
            ids.discard(provisional_id)
            ids.add(entity_id)

    def learn_acronyms(self, text: str, mentions: Sequence[Mention]) -> None:
        """Remember "Long Name (ABBR)" definitions for this and later articles."""
        for long_mention, abbr in acronyms.defined_acronyms(text, mentions):
            long_key, abbr_key = norm_key(long_mention.text), norm_key(abbr)
            self._acronyms.setdefault(long_key, set()).add(abbr_key)
            self._acronyms.setdefault(abbr_key, set()).add(long_key)

    def add_spot_names(self, mentions: Iterable[Mention]) -> None:
        """Names seen anywhere in the archive, to spot where NER missed them (reindex)."""
        for mention in map(_as_place, mentions):
            if mention.label in SPOT_LABELS:
                key = norm_key(mention.text)
                self._spot_names.setdefault(key, mention.label)
                fold = fold_key(key)
                if fold not in self._spot_folds:
                    self._spot_folds[fold] = mention.label
                    self._spot_blocks.setdefault((fold[:1], len(fold)), []).append(fold)

    def _spot_lookup(self, mentions: Sequence[Mention]) -> Callable[[str], tuple[str, bool] | None]:
        here = {norm_key(m.text): m.label for m in mentions if m.label in SPOT_LABELS}
        here_folds = {fold_key(k): label for k, label in here.items()}
        here_blocks: dict[tuple[str, int], list[str]] = {}
        for fold in here_folds:
            here_blocks.setdefault((fold[:1], len(fold)), []).append(fold)
        folds: dict[str, str | None] = {}  # per surface: a long article repeats its words

        def label_of(fold: str) -> str | None:
            label = here_folds.get(fold) or self._spot_folds.get(fold)
            if label is None:
                types = {self._entities[e].type for e in self._by_fold.get(fold, ())}
                label = types.pop() if len(types) == 1 and types <= SPOT_LABELS else None
            return label

        def by_fold(key: str) -> str | None:
            """A spelling variant of a known name: "Kasym-Zhomart Tokaev" for "Tokayev",
            or one the fuzzy rule (with its look-alike gates) would link."""
            if key not in folds:
                fold = fold_key(key)
                label = label_of(fold)
                if label is None and len(fold) >= _MIN_FUZZY_SPOT:
                    for block in (here_blocks, self._spot_blocks, self._blocks):
                        other = _fuzzy_variant(fold, block, label_of)
                        if other is not None:
                            label = label_of(other)
                            break
                folds[key] = label
            return folds[key]

        def lookup(key: str) -> tuple[str, bool] | None:
            label = here.get(key) or self._spot_names.get(key)
            if label is None:
                types = {self._entities[e].type for e in self._by_key.get(key, ())}
                if len(types) == 1 and types <= SPOT_LABELS:
                    label = types.pop()
                elif not types and gazetteer.spottable_place(key):
                    label = "GPE"
                elif not types and len(key) >= _MIN_FOLD_SPOT:
                    label = by_fold(key)
                if label is None:
                    return None
            trusted = label in PLACE_TYPES and bool(gazetteer.place_ids(key))
            return label, trusted

        return lookup

    def canonical(self, entity_id: int) -> str:
        """The canonical name of a known or provisional entity."""
        return self._entities[self._resolve(entity_id)].canonical

    def entity_type(self, entity_id: int) -> str:
        """The majority type of a known or provisional entity."""
        return self._entities[self._resolve(entity_id)].type

    def is_hidden(self, entity_id: int) -> bool:
        """True if the user marked the entity as noise."""
        return self._resolve(entity_id) in set(self.decisions.hidden)

    # -- internals ----------------------------------------------------------------

    def _resolve(self, entity_id: int) -> int:
        seen = set()
        while entity_id in self.decisions.merged and entity_id not in seen:
            seen.add(entity_id)
            entity_id = self.decisions.merged[entity_id]
        return entity_id

    def _item(self, index: int, mention: Mention, published: date | None) -> Item | None:
        if mention.label == "DATE":
            iso = normalise_date(mention.text, published)
            if iso is None:
                return None
            return Item(index, mention, "date " + iso, "date " + iso, "DATE", None, iso)
        key = norm_key(mention.text)
        if not key:
            return None
        # Labels flip on place names (Kharkiv tagged ORG), so any name-like label counts.
        place = gazetteer.place_id(key) if mention.label in FLIPPABLE else None
        return Item(index, mention, key, fold_key(mention.text), mention.label, place, None)

    def _owner(self, key: str) -> int | None:
        """The one existing entity a key already belongs to, if any."""
        if key in self._user_keys:
            return self._user_keys[key]
        ids = self._by_key.get(key, set())
        return next(iter(ids)) if len(ids) == 1 else None

    def _add_key(self, record: _Entity, key: str, rule: str, type_: str) -> None:
        if not key or key in record.keys:
            return
        record.keys[key] = rule
        self._index(record, self._by_key, key)
        fold = fold_key(key)
        if fold not in self._by_fold:
            self._blocks.setdefault((fold[:1], len(fold)), []).append(fold)
        self._index(record, self._by_fold, fold)
        if type_ in FLIPPABLE:
            place = gazetteer.place_id(key)
            if place is not None:
                self._index(record, self._by_place, place)
        if type_ in _ACRONYM_TYPES:
            for abbr in acronyms.initials_of(key):
                self._index(record, self._by_initials, abbr)
        if looks_like_full_name(key, type_):
            words = key.split()
            for i in range(1, len(words)):
                self._index(record, self._by_suffix, " ".join(words[i:]))

    @staticmethod
    def _index(record: _Entity, index: dict[Any, set[int]], value: object) -> None:
        ids = index.setdefault(value, set())
        ids.add(record.id)
        record.postings.append(ids)  # so that register() touches only this entity's sets

    def _compatible(self, type_: str, entity_id: int, *, loose: bool) -> bool:
        other = self._entities[entity_id].type
        if loose:  # an identical name: any flip between named types is fine
            return (type_ == "DATE") == (other == "DATE")
        return compatible(type_, other)

    def _candidates(self, group: list[Item]) -> list[tuple[int, str, float]]:
        found: list[tuple[int, str, float]] = []
        for item in group:
            if item.key in self._user_keys:
                found.append((self._user_keys[item.key], "user", 1.0))
            for eid in self._by_key.get(item.key, ()):
                if self._compatible(item.label, eid, loose=True):
                    found.append((eid, "same_key", 1.0))
            for other_key in self._acronyms.get(item.key, ()):
                for eid in self._by_key.get(other_key, ()):
                    found.append((eid, "acronym", _SCORES["acronym"]))
            found.extend(self._initials_candidates(item))
            if item.label == "DATE":
                continue
            for eid in self._by_fold.get(item.fold, ()):
                if self._compatible(item.label, eid, loose=False) and not self._other_place(
                    item, eid
                ):
                    found.append((eid, "transliteration", _SCORES["transliteration"]))
            if item.place is not None:
                for eid in self._by_place.get(item.place, ()):
                    if self._compatible(item.label, eid, loose=False):
                        found.append((eid, "gazetteer", _SCORES["gazetteer"]))
            found.extend(self._short_form_candidates(item))
            found.extend(self._fuzzy_candidates(item))
        resolved = [(self._resolve(eid), rule, score) for eid, rule, score in found]
        return [c for c in resolved if c[0] in self._entities]

    def _short_form_candidates(self, item: Item) -> list[tuple[int, str, float]]:
        words = item.key.split()
        ids: set[int] = set()
        if looks_like_full_name(item.key, item.label):
            # A full name whose shorter form is already an entity of its own.
            for i in range(1, len(words)):
                ids |= {
                    e
                    for e in self._by_key.get(" ".join(words[i:]), ())
                    if self._entities[e].type in ("PERSON", "ORG")
                }
        if can_be_short_form(item.key, item.label):
            # "al-Sharaa", "von der Leyen": the end of a full name seen elsewhere.
            ids |= set(self._by_suffix.get(item.key, ()))
        ids = {self._resolve(e) for e in ids}
        return [(ids.pop(), "short_form", _SCORES["short_form"])] if len(ids) == 1 else []

    def _initials_candidates(self, item: Item) -> list[tuple[int, str, float]]:
        """An undefined acronym and a long name elsewhere whose initials spell it (unique)."""
        ids: set[int] = set()
        if acronyms.is_acronym(item.mention.text):
            ids = set(self._by_initials.get(item.key, ()))
        elif item.label in _ACRONYM_TYPES:
            for abbr in acronyms.initials_of(item.key):
                ids |= {
                    e
                    for e in self._by_key.get(abbr, ())
                    if acronyms.is_acronym(self._entities[e].canonical)
                }
        ids = {self._resolve(e) for e in ids}
        return [(ids.pop(), "acronym", _INITIALS_SCORE)] if len(ids) == 1 else []

    def _fuzzy_candidates(self, item: Item) -> list[tuple[int, str, float]]:
        out = []
        fold = item.fold
        place = item.label in PLACE_NAMED
        for length in range(len(fold) - _LENGTH_SLACK, len(fold) + _LENGTH_SLACK + 1):
            block = self._blocks.get((fold[:1], length))
            if not block:
                continue
            for other, _, _ in process.extract(
                fold, block, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=8
            ):
                if other == fold:
                    continue
                score = fuzzy_score(fold, other, place=place)
                if score <= 0.0:
                    continue
                for eid in self._by_fold.get(other, ()):
                    if self._compatible(item.label, eid, loose=False) and not self._other_place(
                        item, eid
                    ):
                        out.append((eid, "fuzzy", score))
        return out

    def _other_place(self, item: Item, entity_id: int) -> bool:
        """True if GeoNames says the item and the entity are different real places."""
        if item.place is None or self._entities[entity_id].type not in PLACE_TYPES:
            return False
        known = [k for k in self._entities[entity_id].keys if gazetteer.place_ids(k)]
        return bool(known) and all(gazetteer.different_places(item.key, k) for k in known)

    def _choose(self, group: list[Item]) -> tuple[int, str, float] | None:
        candidates = self._candidates(group)
        if not candidates:
            return None
        # The user's word on a spelling beats the same key held by an entity split off
        # from it ("Kharkiv" renamed, one "Kharkiv" mention split into its own entity).
        strong = {eid for eid, rule, _ in candidates if rule == "user"} or {
            eid for eid, rule, _ in candidates if rule == "same_key"
        }
        # Never pick an entity the user declared distinct from one the group already is.
        allowed = [
            c
            for c in candidates
            if not any(frozenset((c[0], s)) in self._distinct for s in strong if s != c[0])
        ]
        if not allowed:
            return None
        support = Counter(eid for eid, _, _ in allowed)
        return min(allowed, key=lambda c: (RULES.index(c[1]), -c[2], -support[c[0]]))

    def _link_group(
        self,
        group: list[Item],
        links: dict[int, Link],
        new_entities: list[NewEntity],
        new_aliases: list[tuple[int, Alias]],
    ) -> None:
        choice = self._choose(group)
        group_type = Counter(item.label for item in group).most_common(1)[0][0]
        if choice is None:
            record = _Entity(self._next_provisional, _canonical(group))
            self._next_provisional -= 1
            self._entities[record.id] = record
            prior_keys: set[str] = set()
        else:
            record = self._entities[choice[0]]
            prior_keys = set(record.keys)
        first = True
        aliases: list[Alias] = []
        group_keys = {g.key for g in group}
        # A name repeated a thousand times in one long article is related once.
        related: dict[tuple[str, str, str], tuple[str, float] | None] = {}
        for item in group:
            if item.key in prior_keys:
                rule = "user" if item.key in self._user_keys else "same_key"
                score = 1.0
            elif choice is None and first:
                rule, score = NEW, 1.0
            else:
                seen_as = (item.key, item.fold, item.label)
                if seen_as not in related:
                    others = prior_keys | (group_keys - {item.key})
                    related[seen_as] = relation(item, others, self._acronyms)
                found = related[seen_as]
                if found is None and choice is not None:
                    found = choice[1], choice[2]
                rule, score = found or ("same_key", 1.0)
            first = False
            links[item.index] = Link(item.mention, record.id, rule, score)
            record.types[item.label] += 1
            if item.label != "DATE" and not record.major_place:
                record.major_place = gazetteer.is_major_place(item.key)
            if item.key not in record.keys:
                alias = Alias(item.mention.text, "same_key" if rule == NEW else rule)
                aliases.append(alias)
                if choice is not None:
                    new_aliases.append((record.id, alias))
                self._add_key(record, item.key, alias.rule, group_type)
        if choice is None:
            new_entities.append(NewEntity(record.id, record.canonical, record.type, tuple(aliases)))


def _canonical(group: list[Item]) -> str:
    if group[0].iso is not None:
        return group[0].iso
    for item in group:
        common = acronyms.canonical_common(item.key)
        if common is not None:
            return common
    counts = Counter(item.mention.text for item in group)
    if all(item.label in PLACE_TYPES for item in group):
        # A city's own GeoNames name beats a variant ("Mirnograd" -> "Myrnohrad"), if it
        # is recognisably the same word (not "KI" -> "Conakry" through an alternate name).
        top = next(i for i in group if i.mention.text == counts.most_common(1)[0][0])
        name = gazetteer.city_name(top.key) if len(top.key) >= _MIN_CITY_KEY else None
        if name is not None and fuzz.ratio(fold_key(name), top.fold) >= _CITY_NAME_MIN:
            return name
    # The fullest frequent form: "Marco Rubio" over "Rubio", "Institute for ..." over "ISW".
    return max(counts, key=lambda s: (len(s.split()), counts[s], len(s)))


def canonical_name(mentions: Sequence[Mention]) -> str | None:
    """The name an entity with these (non-date) mentions goes by: the rule used when an
    entity is created, applied to all of its mentions (re-clustering)."""
    items = [
        Item(k, m, norm_key(m.text), fold_key(m.text), m.label, None, None)
        for k, m in enumerate(mentions)
        if m.label != "DATE" and norm_key(m.text)
    ]
    return _canonical(items) if items else None


def _as_place(mention: Mention) -> Mention:
    """A "nationality" that is the name of a big real place (Aleppo tagged NORP) is a place."""
    if mention.label == "NORP" and gazetteer.is_major_place(mention.text):
        return Mention(mention.text, mention.start, mention.end, "GPE")
    return mention


def _fuzzy_variant(
    fold: str,
    blocks: dict[tuple[str, int], list[str]],
    label_of: Callable[[str], str | None],
) -> str | None:
    """A known folded name the fuzzy rule would take ``fold`` for (one, or None)."""
    found = set()
    for length in range(len(fold) - _LENGTH_SLACK, len(fold) + _LENGTH_SLACK + 1):
        block = blocks.get((fold[:1], length))
        if not block:
            continue
        for other, _, _ in process.extract(
            fold, block, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, limit=4
        ):
            label = label_of(other)
            if label is not None and fuzzy_score(fold, other, place=label in PLACE_NAMED) > 0:
                found.add(other)
    return found.pop() if len(found) == 1 else None
