"""Article metadata from an HTML tree: title, authors, date, outlet, canonical URL."""

from __future__ import annotations

import logging
import re
from urllib.parse import urljoin, urlparse

from lxml import etree

logger = logging.getLogger(__name__)

_SPACE_RE = re.compile(r"\s+")
# " | Site", " - Site", " — Site", " :: Site", " » Site" ... (spaces required
# around hyphens so that hyphenated words are never cut).
_TITLE_SEP_RE = re.compile(r"\s+(?:[|–—•·»«:]{1,2}|-{1,2}|/)\s+|\s*\|\s*|:\s+")
_AUTHOR_SPLIT_RE = re.compile(r"\s*(?:;|,|\band\b|&|\bund\b|\bet\b|\by\b|\be\b|\|)\s*")
_AUTHOR_PREFIX_RE = re.compile(
    r"^(?:(?:written|words|text|story|reporting|posted|published)\s+)?"
    r"(?:by|von|par|por|door|di|av|af)\s*[:\-]?\s+",
    re.IGNORECASE,
)
_ROLE_WORDS = {
    "writer",
    "reporter",
    "editor",
    "correspondent",
    "contributor",
    "columnist",
    "staff",
    "journalist",
    "photographer",
    "producer",
    "author",
    "senior",
    "associate",
    "contributing",
    "deputy",
    "chief",
    "news",
    "desk",
    "team",
    "freelance",
    "analyst",
    "updated",
    "published",
}
# Words that end the name part of a byline ("Jane Doe Business Columnist").
_STOP_WORDS = {
    "writer", "reporter", "editor", "correspondent", "contributor", "columnist",
    "journalist", "photographer", "producer", "staff", "published", "updated",
    "posted", "editorial",
}  # fmt: skip
# A date glued to a byline ("Jane Doe November 19"). Months double as first
# and last names (Jan, June, May), so they only end a name of two words or more.
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
# Words that make a byline part an organisation ("Sputnik International",
# "Associated Press"); a person's name before them is kept.
_ORG_WORDS = {"press", "agency", "international", "news", "wire", "newswire", "services"}
_ORG_WORDS |= {"media", "reports", "newsroom", "bureau"}
_HANDLE_RE = re.compile(r"@\w+|\S+@\S+\.\w+|https?://\S+")


def _clean(text: str | None) -> str:
    return _SPACE_RE.sub(" ", text or "").strip()


def _letters(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())


def _site_names(sitename: str | None, url: str | None) -> list[str]:
    names = [_letters(sitename)] if sitename else []
    host = urlparse(url).hostname if url else None
    if host:
        labels = [x for x in host.split(".") if x not in {"www", "m", "amp", "edition", "news"}]
        if labels:
            # The registrable label: the longest of the non-suffix labels.
            names.append(_letters(max(labels[:-1] or labels, key=len)))
    return [n for n in names if n]


def _is_site_part(part: str, sites: list[str]) -> bool:
    p = _letters(part)
    if not p:
        return True
    # The part must be (nearly) just the site name: "The Guardian view on X"
    # contains the site's name but is the headline.
    return any(len(s) >= 3 and (p in s or (s in p and len(p) <= 1.5 * len(s) + 4)) for s in sites)


def clean_title(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """Strip a leading or trailing site name (" | Site") from `title`."""
    title = _clean(title)
    if not title:
        return None
    sites = _site_names(sitename, url)
    parts = [p for p in _TITLE_SEP_RE.split(title)]
    if len(parts) > 1 and sites:
        seps = _TITLE_SEP_RE.findall(title)
        # Drop site-name segments from either end, never the whole title.
        while len(parts) > 1 and _is_site_part(parts[-1], sites):
            parts.pop()
            seps.pop()
        while len(parts) > 1 and _is_site_part(parts[0], sites):
            parts.pop(0)
            seps.pop(0)
        rebuilt = parts[0]
        for sep, part in zip(seps, parts[1:], strict=False):
            rebuilt += sep + part
        title = rebuilt.strip()
    return title or None


def _smart_case(name: str) -> str:
    # An all-caps byline is a styling choice, not the name's spelling.
    if name.isupper() and len(name) > 3:
        return " ".join(w.capitalize() if w.isalpha() else w for w in name.split())
    return name


def _is_role(part: str) -> bool:
    words = re.findall(r"[^\W\d_]+", part.lower())
    return bool(words) and all(w in _ROLE_WORDS or w in _MONTHS or len(w) <= 2 for w in words)


def _name_part(part: str) -> str:
    """The leading name in `part`, without trailing roles, dates or lowercase debris."""
    words = part.split()
    for k, word in enumerate(words):
        bare = word.lower().strip(".,")
        if bare in _STOP_WORDS or (bare in _MONTHS and k >= 2):
            # "AP Auto Writer" names no one; "Jane Doe Business Columnist" does.
            words = words[:k]
            if any((w.isupper() and len(w) <= 4) or len(w) <= 2 for w in words):
                return ""
            if len(words) > 2:
                words = words[:2]
            break
    for k, word in enumerate(words):
        if word.lower().strip(".,") in _ORG_WORDS:
            # Only a full name (two words or more) survives in front of an organisation.
            words = words[: min(k - 1, 2)] if k >= 3 else []
            break
    while words and words[-1][:1].islower():
        words.pop()
    return " ".join(words)


def _is_org_or_code(part: str, outlet: str | None) -> bool:
    # Single all-caps tokens are agencies or credentials (AP, PTI, RDN), not names.
    if " " not in part and part.isupper():
        return True
    if not outlet:
        return False
    # "CNN", "CNN Business", "Business Insider" when the outlet is that site.
    outlet_words = [w for w in outlet.lower().split() if w not in {"the", "a", "an"}]
    part_words = part.lower().split()
    if not outlet_words or not part_words:
        return False
    same_start = _letters(part_words[0]) == _letters(outlet_words[0])
    return _letters(part) in _letters(outlet) or (same_start and len(part_words) <= 2)


def clean_authors(raw: str | list[str] | None, outlet: str | None = None) -> list[str]:
    """Split a byline into names, without "By", roles, handles or e-mail addresses."""
    if not raw:
        return []
    items = raw if isinstance(raw, list) else [raw]
    names: list[str] = []
    for item in items:
        # Parentheses hold handles, affiliations or roles, never the name itself.
        item = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", _HANDLE_RE.sub(" ", _clean(item)))
        for part in _AUTHOR_SPLIT_RE.split(item):
            part = _AUTHOR_PREFIX_RE.sub("", _clean(part)).strip(" .:-–—|/")
            part = re.sub(r"^(?:by)\s+", "", part, flags=re.IGNORECASE)
            if not part or _is_role(part):
                continue
            part = _name_part(part)
            if not part or any(ch.isdigit() for ch in part) or _is_org_or_code(part, outlet):
                continue
            # A name is a few words; longer strings are sentences or org blurbs.
            if len(part.split()) > 5 or len(part) > 60:
                continue
            part = _smart_case(part)
            if part.lower() not in {n.lower() for n in names}:
                names.append(part)
    return names


def canonical_url(tree: etree._Element | None, fallback: str | None) -> str | None:
    """The page's canonical URL (link rel=canonical, then og:url), else `fallback`."""
    if tree is None:
        return fallback
    candidates = tree.xpath(
        "//link[translate(@rel,'CANONICAL','canonical')='canonical']/@href"
        " | //meta[@property='og:url' or @name='og:url']/@content"
    )
    for href in candidates:
        href = _clean(str(href))
        if not href or href.startswith(("javascript:", "#")):
            continue
        absolute = urljoin(fallback, href) if fallback else href
        if urlparse(absolute).scheme in {"http", "https"}:
            return absolute
    return fallback


def original_date(tree: etree._Element | None, url: str | None = None) -> str | None:
    """The original publication date (not the last update) as ISO 8601, via htmldate."""
    if tree is None:
        return None
    from htmldate import find_date

    try:
        # A tree, never a URL string: htmldate would otherwise download it.
        # The markup-only pass finds most dates; the extensive pass loads
        # dateparser's locales (seconds on first use), so it runs only if needed.
        for extensive in (False, True):
            found = find_date(
                tree,
                original_date=True,
                extensive_search=extensive,
                outputformat="%Y-%m-%d",
                url=url,
                deferred_url_extractor=True,
            )
            if found:
                return found
    except Exception:  # htmldate walks arbitrary markup; a bad page must not stop import
        logger.debug("date extraction failed", exc_info=True)
    return None
