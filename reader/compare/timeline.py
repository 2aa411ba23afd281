"""Dated events of several articles on one timeline, with conflicting dates for one happening."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from reader.compare.story import (
    Article,
    DateMention,
    as_articles,
    content_stems,
    overlap,
    rarity,
    senses,
    sentence_at,
)
from reader.entities.dates import normalise_date

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|20)\d\d"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUM = r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a few|several)"
# Longest forms first, so "Dec. 1, 2025" is one mention and not "Dec. 1" plus "2025".
_DATE_RE = re.compile(
    "|".join(
        [
            rf"\b{_YEAR}-\d\d-\d\d\b",
            rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
            rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?(?![\w])",
            rf"\b{_MONTH}\s+{_DAY}\b",
            rf"\b{_MONTH},?\s+{_YEAR}\b",
            rf"\b(?:(?:last|next|this|on)\s+)?{_WEEKDAY}\b",
            r"\b(?:[Yy]esterday|[Tt]oday|[Tt]onight|[Tt]omorrow|[Ll]ast night)\b",
            r"\b(?:[Ll]ast|[Pp]ast|[Pp]revious|[Tt]his)\s+(?:week|month|year)\b",
            rf"\b(?i:{_NUM}\s+(?:days?|weeks?|months?|years?)\s+ago)\b",
            rf"\b(?:in|since|by|until|from|during|of|early|late)\s+{_MONTH}(?![\s.]*\d)\b",
            rf"\b(?:in|since|by|until|from|during|early|late)\s+{_YEAR}\b",
        ]
    )
)
_LEAD = re.compile(r"(?:in|since|by|until|from|during|of|on)\s+")
# Words that name the date, not the happening: they must not make two events look alike.
_DATE_WORDS = content_stems(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday "
    "thursday friday saturday sunday yesterday today tonight tomorrow last night week "
    "month year ago early late earlier later day days morning evening afternoon noon "
    "midnight dawn"
)
_WINDOW = 6  # words either side of a date that describe what happened then
# Dates whose spans differ more than this (a day or a week against a year) are written
# at scales too far apart to name one happening: "Tuesday" against "in mid-2024".
_SCALE_RATIO = 40
# A score this high (most words around both dates shared: a street, its town, its river)
# tells one happening even when the two verbs differ ("collapsed", "brought down").
_STRONG = 0.5
# Words that make the word after them a verb ("to resume", "was ordered"): with -ed/-ing
# forms and nominalisations, they tell what happened from where and to what.
_AUXILIARY = frozenset(
    "to will would shall should can could may might must do did does was were is are be "
    "been being has have had".split()
)
_PREDICATE_SUFFIX = re.compile(r"(?:ed|ing|tion|sion|ment)$")
# Phrasal verbs whose particle changes the sense: "a fire broke out" is one that began.
_PHRASAL = re.compile(r"\b(?:broke|break|breaks|breaking)\s+out\b", re.IGNORECASE)


@dataclass
class TimelineEvent:
    """One dated mention in one article.

    Attributes:
        date: ISO date at the precision written ("2025-12-01", "2025-12", "2025-W48", "2025").
        article: the article's id.
        outlet: its outlet.
        start: start of the sentence holding the date.
        end: end of that sentence.
        sentence: the sentence text.
        surface: the date as written.
        mention: (start, end) of the date itself.
        group: events sharing a group tell the same happening (in different articles);
            None when no other article tells it.
        conflicts: (article, date) of events in the group that give an incompatible date.
    """

    date: str
    article: int
    outlet: str
    start: int
    end: int
    sentence: str
    surface: str
    mention: tuple[int, int]
    group: int | None = None
    conflicts: list[tuple[int, str]] = field(default_factory=list)

    @property
    def conflict(self) -> bool:
        """Whether another article dates this happening differently."""
        return bool(self.conflicts)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict."""
        return {
            "date": self.date,
            "article": self.article,
            "outlet": self.outlet,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "surface": self.surface,
            "mention": list(self.mention),
            "group": self.group,
            "conflict": self.conflict,
            "conflicts": [list(c) for c in self.conflicts],
        }


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Date expressions in ``text`` with their ISO values (None when unresolvable)."""
    found: list[DateMention] = []
    for match in _DATE_RE.finditer(text):
        start, surface = match.start(), match.group()
        # The preposition only told a month or year from a verb or a number.
        lead = _LEAD.match(surface)
        if lead:
            start, surface = start + lead.end(), surface[lead.end() :]
        lookup = re.sub(r"(?i)^last night$", "yesterday", surface)
        # "early October" is still October, at month precision.
        lookup = re.sub(r"(?i)^(?:early|late|mid)[-\s]+(?=[a-z])", "", lookup)
        found.append((start, match.end(), surface, normalise_date(lookup, published)))
    # "Thursday, June 19" is one date: the explicit part is kept.
    kept = []
    for index, mention in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if (
            following is not None
            and following[3] is not None
            and re.fullmatch(_WEEKDAY, mention[2])
            and re.fullmatch(r",?\s*", text[mention[1] : following[0]])
        ):
            continue
        kept.append(mention)
    return kept


def timeline(
    articles: Iterable[Article | Mapping[str, Any]], threshold: float = 0.2
) -> list[TimelineEvent]:
    """Every resolvable dated mention of the articles, oldest first, grouped by happening.

    Two events of different articles are one happening when their sentences, and
    above all the words right around the dates, share enough content words
    (the date words themselves excluded). Two events that are each other's best
    match are linked; linked events form a group, and a linked pair whose dates
    cannot overlap ("Monday" = Dec. 1 against "Nov. 30") is a conflict.

    Args:
        articles: :class:`Article` objects or dicts with the same keys.
        threshold: the lowest similarity in [0, 1] for two events to be one happening.
    """
    items = as_articles(articles)
    events: list[TimelineEvent] = []
    features: list[tuple[set[str], set[str]]] = []
    # Where each event's predicates are read; only events with conflicting dates need them.
    places: list[tuple[str, int, int, int, int]] = []
    for article in items:
        spans = article.sentences()
        found = find_dates(article.text, article.published)
        given = list(article.dates or [])
        # The entity layer's mentions win; the patterns fill in what it missed.
        mentions = given + [m for m in found if not any(m[0] < g[1] and g[0] < m[1] for g in given)]
        mentions.sort(key=lambda m: m[0])
        seen: set[tuple[int, str]] = set()
        for start, end, surface, iso in mentions:
            if iso is None:
                iso = normalise_date(surface, article.published)
            if iso is None or _interval(iso) is None:
                continue
            if not any(s <= start < e for s, e in spans):
                continue  # in a caption or another block not read
            s, e = sentence_at(spans, start)
            if (start, iso) in seen:
                continue
            seen.add((start, iso))
            sentence = article.text[s:e]
            event = TimelineEvent(
                iso, article.id, article.outlet, s, e, sentence, surface, (start, end)
            )
            events.append(event)
            features.append(
                (
                    senses(content_stems(sentence) - _DATE_WORDS),
                    senses(_window(article.text, s, e, start, end) - _DATE_WORDS),
                )
            )
            places.append((article.text, s, e, start, end))
    weights = rarity(a.text[s:e] for a in items for s, e in a.sentences())
    _group(events, features, places, weights, threshold)
    order = sorted(range(len(events)), key=lambda i: (_interval(events[i].date), events[i].article))
    return [events[i] for i in order]


def _window_tokens(text: str, s: int, e: int, start: int, end: int) -> list[tuple[str, str]]:
    """Up to ``_WINDOW`` content words either side of a date, each with the word before it.

    Phrasal verbs are resolved first ("broke out" reads "began").
    """
    sides = []
    for side in (text[s:start], text[end:e]):
        tokens = re.findall(r"[\w'-]+", _PHRASAL.sub("began", side))
        sides.append(
            [(tokens[i - 1] if i else "", t) for i, t in enumerate(tokens) if content_stems(t)]
        )
    return sides[0][-_WINDOW:] + sides[1][:_WINDOW]


def _is_name(previous: str, token: str) -> bool:
    """A capitalised word that does not open its sentence: a name, never a happening."""
    return token[:1].isupper() and bool(previous)


def _window(text: str, s: int, e: int, start: int, end: int) -> set[str]:
    return content_stems(" ".join(t for _, t in _window_tokens(text, s, e, start, end)))


def _predicates(text: str, s: int, e: int, start: int, end: int) -> set[str]:
    """What happened near a date: sense classes, verbs and event nouns, not places or names.

    A word is taken for a verb when it has a verb ending (-ed, -ing), follows an
    auxiliary ("to resume", "was shut"), or is a nominalisation ("evacuation").
    """
    found: set[str] = set()
    for previous, token in _window_tokens(text, s, e, start, end):
        lowered = token.lower()
        stems = content_stems(lowered) - _DATE_WORDS
        found |= {w for w in senses(stems) if w.startswith("=")}
        if _is_name(previous, token):
            continue
        if (len(lowered) > 4 and _PREDICATE_SUFFIX.search(lowered)) or (
            previous.lower() in _AUXILIARY
        ):
            found |= stems
    return found


def _same_predicate(a: set[str], b: set[str]) -> bool:
    """Whether two predicate sets share a sense or a verb ("certified" and "certification")."""
    if a & b:
        return True
    return any(
        len(x) >= 6 and len(y) >= 6 and x[:6] == y[:6]
        for x in a
        for y in b
        if not x.startswith("=")
    )


def _scale(first: tuple[date, date] | None, second: tuple[date, date] | None) -> bool:
    """Whether two date spans are at comparable scales (a day and a month, not a year)."""
    if first is None or second is None:
        return True
    lengths = sorted(((first[1] - first[0]).days + 1, (second[1] - second[0]).days + 1))
    return lengths[1] <= _SCALE_RATIO * lengths[0]


def _group(
    events: list[TimelineEvent],
    features: list[tuple[set[str], set[str]]],
    places: list[tuple[str, int, int, int, int]],
    weights: dict[str, float],
    threshold: float,
) -> None:
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    read: dict[int, set[str]] = {}
    spans = [_interval(event.date) for event in events]

    def predicates(i: int) -> set[str]:
        if i not in read:
            read[i] = _predicates(*places[i])
        return read[i]

    def score(i: int, j: int) -> float:
        if not _scale(spans[i], spans[j]):
            return 0.0  # a weekday and a year do not date one happening
        near = overlap(features[i][1], features[j][1], weights)
        if not near:
            return 0.0  # nothing in common right around the dates
        value = 0.4 * overlap(features[i][0], features[j][0], weights) + 0.6 * near
        if (
            value < _STRONG
            and not _overlapping(spans[i], spans[j])
            and not _same_predicate(predicates(i), predicates(j))
        ):
            # Conflicting dates are claimed only for sentences that tell the same
            # happening: sharing a place or a side ("the city") is not enough,
            # unless most of what surrounds both dates is the same.
            return 0.0
        return value

    # Only events sharing a word near the date can score: index them by those words,
    # so that a search result of many articles is not compared all against all.
    index: dict[str, list[int]] = {}
    for i, (_, near) in enumerate(features):
        for word in near:
            index.setdefault(word, []).append(i)
    # Each event's best match in every other article, if good enough.
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for i, event in enumerate(events):
        candidates = {j for word in features[i][1] for j in index[word]}
        for j in sorted(candidates):
            other = events[j].article
            if other == event.article:
                continue
            value = score(i, j)
            current = best.get((i, other))
            if value >= threshold and (current is None or value > current[0]):
                best[(i, other)] = (value, j)
    # Only mutual best matches are linked: a sentence that merely shares the story's
    # vocabulary ("flooding") is never the best match of the one it would join.
    links = [
        (i, j)
        for (i, _), (_, j) in best.items()
        if i < j and best.get((j, events[i].article), (0.0, -1))[1] == i
    ]
    for i, j in links:
        parent[find(i)] = find(j)
    roots: dict[int, int] = {}
    members: dict[int, set[int]] = {}
    for i in range(len(events)):
        members.setdefault(find(i), set()).add(events[i].article)
    for i, event in enumerate(events):
        root = find(i)
        if len(members[root]) > 1:
            event.group = roots.setdefault(root, len(roots))
    for i, j in links:
        a, b = events[i], events[j]
        if not _compatible(a.date, b.date):
            if (b.article, b.date) not in a.conflicts:
                a.conflicts.append((b.article, b.date))
            if (a.article, a.date) not in b.conflicts:
                b.conflicts.append((a.article, a.date))


def _interval(iso: str) -> tuple[date, date] | None:
    """The first and last day an ISO value at any precision can mean."""
    try:
        if re.fullmatch(r"\d{4}-\d\d-\d\d", iso):
            day = date.fromisoformat(iso)
            return day, day
        if re.fullmatch(r"\d{4}-W\d\d", iso):
            monday = date.fromisocalendar(int(iso[:4]), int(iso[6:]), 1)
            return monday, monday + timedelta(days=6)
        if re.fullmatch(r"\d{4}-\d\d", iso):
            first = date(int(iso[:4]), int(iso[5:]), 1)
            following = (first + timedelta(days=32)).replace(day=1)
            return first, following - timedelta(days=1)
        if re.fullmatch(r"\d{4}", iso):
            return date(int(iso), 1, 1), date(int(iso), 12, 31)
    except ValueError:
        return None
    return None


def _compatible(a: str, b: str) -> bool:
    return _overlapping(_interval(a), _interval(b))


def _overlapping(first: tuple[date, date] | None, second: tuple[date, date] | None) -> bool:
    if first is None or second is None:
        return True
    return first[0] <= second[1] and second[0] <= first[1]


def conflicting_groups(events: Sequence[TimelineEvent]) -> dict[int, list[TimelineEvent]]:
    """The groups with a conflict, each with all its events."""
    groups: dict[int, list[TimelineEvent]] = {}
    for event in events:
        if event.group is not None:
            groups.setdefault(event.group, []).append(event)
    return {g: evs for g, evs in groups.items() if any(e.conflict for e in evs)}
