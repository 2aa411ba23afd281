"""Claims attributed to sources ("Moscow claimed", "according to X"), grouped by who made them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from anyascii import anyascii

from reader.compare.story import STOP, Article, as_articles

# Reporting verbs and their lemma: how a source put it tells its stance.
_VERBS = {
    "said": "say", "says": "say", "say": "say", "claimed": "claim", "claims": "claim",
    "claim": "claim", "denied": "deny", "denies": "deny", "deny": "deny",
    "reported": "report", "reports": "report", "told": "tell", "tells": "tell",
    "stated": "state", "states": "state", "announced": "announce", "announces": "announce",
    "insisted": "insist", "insists": "insist", "alleged": "allege", "alleges": "allege",
    "added": "add", "adds": "add", "warned": "warn", "warns": "warn", "accused": "accuse",
    "accuses": "accuse", "confirmed": "confirm", "confirms": "confirm",
    "acknowledged": "acknowledge", "acknowledges": "acknowledge", "admitted": "admit",
    "admits": "admit", "rejected": "reject", "rejects": "reject", "dismissed": "dismiss",
    "dismisses": "dismiss", "disputed": "dispute", "disputes": "dispute",
    "countered": "counter", "maintained": "maintain", "maintains": "maintain",
    "asserted": "assert", "asserts": "assert", "estimated": "estimate", "estimates": "estimate",
    "wrote": "write", "writes": "write", "posted": "post", "tweeted": "tweet",
}  # fmt: skip
_VERB_RE = re.compile(r"\b(?:" + "|".join(sorted(_VERBS, key=len, reverse=True)) + r")\b")
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<who>[^,.;:!?\"“”]+)")
# Inside a speaker phrase these end it on the left: a clause boundary.
_BOUNDARY = re.compile(
    r"[,;:\"“”()]|\s[–—-]\s"
    r"|\b(?:and|but|while|as|when|after|because|although|though|whereas|since|if|so|yet)\s"
)
# Between a speaker and the verb: "the ministry on Tuesday claimed", "it has denied".
_TRAILER = re.compile(
    r"(?:\s+(?:also|later|earlier|again|then|has|have|had|had also|has also|previously|"
    r"on\s+\w+|in a statement|yesterday|today|still|now|already|never|not|(?-i:[a-z]+ly)))+$",
    re.IGNORECASE,
)
# Before a speaker: a time or place phrase opening the sentence ("On Jan. 28 the company").
_WHEN = (
    r"(?:\d{1,4}|(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today)"
    r"|statement)"
)
_LEADER = re.compile(
    rf"^(?:(?i:on|in|at|by|during|after|before|earlier|later)\s+(?:[\w.]+\s+){{0,3}}?{_WHEN}"
    rf"|{_WHEN})\s+(?=(?:the|a|an|its|his|her|their)\b|[A-Z])"
)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_NOT_SPEAKER = frozenset(
    "what which who whom whose how why where when that this there it's is was were be been "
    "not no if whether".split()
)
_DETERMINERS = re.compile(r"^(?:the|a|an|its|his|her|their|our|mr|mrs|ms|dr)\.?\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    """One attributed claim in one article.

    Attributes:
        article: the article's id.
        outlet: its outlet.
        speaker: who made it, as written ("Russia's defence ministry", "he").
        key: the normalised speaker; a pronoun takes the key of the previous speaker.
        verb: the reporting verb as written ("denied"; "according to").
        lemma: its lemma ("deny", "according").
        span: (start, end) of the sentence.
        claim: what was claimed: the sentence without the attribution.
        sentence: the sentence text.
    """

    article: int
    outlet: str
    speaker: str
    key: str
    verb: str
    lemma: str
    span: tuple[int, int]
    claim: str
    sentence: str

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict."""
        return {
            "article": self.article,
            "outlet": self.outlet,
            "speaker": self.speaker,
            "key": self.key,
            "verb": self.verb,
            "lemma": self.lemma,
            "span": list(self.span),
            "claim": self.claim,
            "sentence": self.sentence,
        }


@dataclass
class ClaimGroup:
    """The claims of one speaker across the articles."""

    key: str
    speakers: list[str] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """A JSON-able dict."""
        return {
            "key": self.key,
            "speakers": self.speakers,
            "articles": sorted({c.article for c in self.claims}),
            "claims": [c.to_json() for c in self.claims],
        }


def speaker_key(speaker: str) -> str:
    """A speaker's grouping key: "The Russian Defence Ministry" meets "Russia's defence ministry".

    Words are cut to five letters, which lets a country meet its adjective and
    a plural its singular ("officials", "official") without a word list.
    """
    text = anyascii(speaker).lower().replace("'s ", " ")
    text = re.sub(r"'s?$", "", text.strip())
    words = (w.strip("'-") for w in re.findall(r"[a-z][a-z'-]*", text))
    return " ".join(w[:5] for w in words if w and w not in STOP)


def find_claims(article: Article) -> list[Claim]:
    """The attributed claims of one article, at most one per sentence."""
    found: list[Claim] = []
    last_key = ""
    for start, end in article.sentences():
        sentence = article.text[start:end]
        attribution = _according(sentence) or _reported(sentence)
        if attribution is None:
            continue
        speaker, verb, claim = attribution
        key = speaker_key(speaker)
        if speaker.lower() in _PRONOUNS:
            # "he said" continues the last named speaker's account.
            key = last_key or speaker.lower()
        elif key:
            last_key = key
        if not key:
            continue
        lemma = _VERBS.get(verb.lower(), "according")
        found.append(
            Claim(article.id, article.outlet, speaker, key, verb, lemma, (start, end), claim,
                  sentence)
        )  # fmt: skip
    return found


def _according(sentence: str) -> tuple[str, str, str] | None:
    match = _ACCORDING.search(sentence)
    if match is None:
        return None
    who = match.group("who").strip()
    who = re.split(r"\s+(?:who|which|that|in a|on \w+day)\b", who)[0].strip()
    claim = (sentence[: match.start()] + sentence[match.end() :]).strip(" ,.;")
    return who, "according to", claim


# What may follow a reporting verb that ends its sentence: an addressee, a channel, a time.
_FINAL = re.compile(
    r"\s*(?:(?:reporters|journalists|the press|(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*"
    r"|(?:in|on|at|late|early)\s+(?:an?\s+|the\s+)?[\w.'-]+(?:\s+\d+)?)\s*){0,3}[.!?\"”']*\s*$"
)
# What opens the claim after the verb but is not part of it.
_CLAIM_LEAD = re.compile(
    r"^\s*(?:(?:reporters|journalists|[A-Z][\w'-]*)\s+)?"
    r"(?:(?:in|on|at|during)\s+[^,]{1,50},\s*)?(?:on\s+\w+\s+)?(?:(?:[\w'-]+\s+){0,2}?that\s+)?"
)


def _reported(sentence: str) -> tuple[str, str, str] | None:
    for match in _VERB_RE.finditer(sentence):
        left = sentence[: match.start()]
        boundaries = list(_BOUNDARY.finditer(left))
        clause_start = boundaries[-1].end() if boundaries else 0
        speaker = _LEADER.sub("", _TRAILER.sub("", left[clause_start:].strip())).strip()
        after = sentence[match.end() :]
        if not speaker and _appositive(left, boundaries):
            # "The party's leader, Mira Tansen, claimed ...": title and name.
            speaker = left.strip().rstrip(",").strip()
            claim = re.sub(r"^\s*that\s+", "", after)
        elif not speaker:
            # Inverted after a quote: '..., said the ministry's spokesman.'
            inverted = re.match(r"\s*([^,.;:!?\"“”]+)(,\s+(?:a|an|the)\s+[^,.;:!?\"“”]+)?", after)
            if inverted is None or not boundaries:
                continue
            # "said Ida Roos, a regional official." keeps the description.
            appended = inverted.group(2) if inverted.end() >= len(after.rstrip(' ."”')) else None
            speaker = (inverted.group(1) + (appended or "")).strip()
            claim = left[: boundaries[-1].start()]
        elif clause_start > 0 and _FINAL.match(after):
            # '..., the ministry said.' or '..., he told Reuters on Monday.'
            claim = left[: boundaries[-1].start()]
        else:
            claim = _CLAIM_LEAD.sub("", after)
        if not _speaker_like(speaker):
            continue
        claim = re.sub(r",\s*,", ",", claim)
        return speaker, match.group(), claim.strip(' ,.;"“”')
    return None


def _appositive(left: str, boundaries: list[re.Match[str]]) -> bool:
    if len(boundaries) != 2 or any(b.group() != "," for b in boundaries):
        return False
    if left[boundaries[-1].end() :].strip():
        return False
    parts = [left[: boundaries[0].start()], left[boundaries[0].end() : boundaries[1].start()]]
    return all(_speaker_like(part.strip()) for part in parts)


def _speaker_like(speaker: str) -> bool:
    words = speaker.split()
    if not words or len(words) > 8:
        return False
    if words[0].lower() in _NOT_SPEAKER or any(w.lower() in _NOT_SPEAKER for w in words[1:]):
        return False
    if words[0].lower() in _PRONOUNS:
        return len(words) == 1
    core = _DETERMINERS.sub("", speaker)
    # A name anywhere ("the ministry in Ostra") or a short common noun phrase.
    return bool(core) and (any(w[0].isupper() for w in core.split()) or len(words) <= 4)


def claims(articles: Iterable[Article | Mapping[str, Any]]) -> list[ClaimGroup]:
    """Attributed claims of the articles grouped by speaker, most widely cited speakers first."""
    groups: dict[str, ClaimGroup] = {}
    for article in as_articles(articles):
        for claim in find_claims(article):
            group = groups.setdefault(claim.key, ClaimGroup(claim.key))
            group.claims.append(claim)
            if claim.speaker not in group.speakers and claim.speaker.lower() not in _PRONOUNS:
                group.speakers.append(claim.speaker)
    for group in groups.values():
        if not group.speakers:
            group.speakers = sorted({c.speaker for c in group.claims})
    return sorted(groups.values(), key=lambda g: (-len({c.article for c in g.claims}), g.key))
