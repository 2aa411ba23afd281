"""Plain data passed in and out of the entity linker."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from reader.entities.mentions import Mention

# Rules from safest to riskiest; the index is the rank used to pick between candidates.
RULES = (
    "user",
    "same_key",
    "transliteration",
    "gazetteer",
    "short_form",
    "acronym",
    "fuzzy",
)
PROBABLE_RULES = frozenset({"fuzzy"})
PROBABLE_BELOW = 0.75  # e.g. an acronym matched on initials alone
NEW = "new"  # the first mention of a brand-new entity
UNRESOLVED_DATE = "unresolved_date"  # a DATE that names no point in time: not an entity


@dataclass(frozen=True, slots=True)
class Alias:
    """A spelling of an entity and the rule that attached it."""

    surface: str
    rule: str = "same_key"


@dataclass(frozen=True)
class KnownEntity:
    """An entity already stored in the archive."""

    id: int
    canonical: str
    type: str
    aliases: Sequence[Alias] = ()


@dataclass(frozen=True)
class UserDecisions:
    """Corrections made by the user; they always beat the machine.

    Attributes:
        aliases: normalised-or-raw surface -> entity id ("this spelling is that entity").
        merged: absorbed entity id -> the id it was merged into.
        distinct: pairs of entity ids the machine must never join.
        hidden: entity ids the user marked as noise (still linked, so they stay hidden).
        pinned: (article id, start, end) of one mention -> entity id (from a split).
    """

    aliases: Mapping[str, int] = field(default_factory=dict)
    merged: Mapping[int, int] = field(default_factory=dict)
    distinct: Collection[tuple[int, int]] = ()
    hidden: Collection[int] = ()
    pinned: Mapping[tuple[int, int, int], int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Link:
    """Where one mention went: an entity id (negative while provisional) or None."""

    mention: Mention
    entity_id: int | None
    rule: str
    score: float

    @property
    def probable(self) -> bool:
        """True when the link came from a risky rule and deserves a second look."""
        return self.rule in PROBABLE_RULES or self.score < PROBABLE_BELOW


@dataclass(frozen=True)
class NewEntity:
    """An entity first seen in this article; store it and call ``Linker.register``."""

    provisional_id: int
    canonical: str
    type: str
    aliases: tuple[Alias, ...]


@dataclass(frozen=True)
class ArticleLinks:
    """The linking result of one article."""

    article_id: int | None
    links: list[Link]
    new_entities: list[NewEntity]
    new_aliases: list[tuple[int, Alias]]  # spellings newly attached to existing entities
