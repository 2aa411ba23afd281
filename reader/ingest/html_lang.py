"""Guess a page's language (ISO 639-1) from its markup declarations and its text."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lxml import etree

# jusText ships stop-word lists named in English; these are the languages we
# can name with a two-letter code.
_STOPLIST_CODES = {
    "Afrikaans": "af", "Albanian": "sq", "Arabic": "ar", "Basque": "eu", "Bulgarian": "bg",
    "Catalan": "ca", "Croatian": "hr", "Czech": "cs", "Danish": "da", "Dutch": "nl",
    "English": "en", "Estonian": "et", "Finnish": "fi", "French": "fr", "Galician": "gl",
    "German": "de", "Greek": "el", "Hebrew": "he", "Hindi": "hi", "Hungarian": "hu",
    "Icelandic": "is", "Indonesian": "id", "Irish": "ga", "Italian": "it", "Latvian": "lv",
    "Lithuanian": "lt", "Malay": "ms", "Norwegian_Bokmal": "nb", "Persian": "fa",
    "Polish": "pl", "Portuguese": "pt", "Romanian": "ro", "Russian": "ru", "Serbian": "sr",
    "Slovak": "sk", "Slovenian": "sl", "Spanish": "es", "Swedish": "sv", "Tagalog": "tl",
    "Turkish": "tr", "Ukrainian": "uk", "Vietnamese": "vi", "Welsh": "cy",
}  # fmt: skip
_WORD_RE = re.compile(r"[^\W\d_]{2,}")
_LANG_ATTR_RE = re.compile(r"^([a-zA-Z]{2})(?:[-_][a-zA-Z0-9]+)*$")
_SAMPLE_WORDS = 400
_SHARED_LISTS = 4
# Share of declared-language stop words above which the declaration is trusted.
_CONFIRM_SHARE = 0.25


def _declared(tree: etree._Element) -> str | None:
    values = tree.xpath(
        "/html/@lang | /html/@xml:lang | //meta[translate(@http-equiv,"
        "'CONTENT-LANGUAGE','content-language')='content-language']/@content"
        " | //meta[@property='og:locale']/@content | //body/@lang",
        namespaces={"xml": "http://www.w3.org/XML/1998/namespace"},
    )
    for value in values:
        match = _LANG_ATTR_RE.match(str(value).strip().split(",")[0].strip())
        if match:
            return match.group(1).lower()
    return None


def _script_language(text: str) -> str | None:
    """Languages recognisable from their writing system alone."""
    counts: Counter[str] = Counter()
    for ch in text:
        o = ord(ch)
        if 0x3040 <= o <= 0x30FF:
            counts["kana"] += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF:
            counts["ko"] += 1
        elif 0x4E00 <= o <= 0x9FFF:
            counts["han"] += 1
        elif 0x0E00 <= o <= 0x0E7F:
            counts["th"] += 1
        elif ch.isalpha():
            counts["other"] += 1
    total = sum(counts.values()) or 1
    if counts["kana"] / total > 0.05:
        return "ja"
    if counts["ko"] / total > 0.3:
        return "ko"
    if counts["han"] / total > 0.3:
        return "zh"
    if counts["th"] / total > 0.3:
        return "th"
    return None


@lru_cache(maxsize=1)
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    lists = {code: frozenset(justext.get_stoplist(name)) for name, code in _STOPLIST_CODES.items()}
    # Some lists were mined from Wikipedia and contain common English words and
    # first names; without this, English prose or a list of names scores as
    # Finnish or Estonian. A word on many lists says little about any of them.
    english = lists["en"]
    seen = Counter(w for words in lists.values() for w in words)
    return {
        code: frozenset(
            w for w in words if code == "en" or (w not in english and seen[w] < _SHARED_LISTS)
        )
        for code, words in lists.items()
    }


def _stopword_shares(text: str) -> dict[str, float]:
    words = [w.lower() for w in _WORD_RE.findall(text[:20000])][:_SAMPLE_WORDS]
    if len(words) < 5:
        return {}
    return {
        code: sum(1 for w in words if w in stops) / len(words)
        for code, stops in _stoplists().items()
    }


def detect_text_language(text: str) -> str | None:
    """The language of `text`, or None when no language is a clear winner."""
    script = _script_language(text[:5000])
    if script:
        return script
    shares = _stopword_shares(text)
    if not shares:
        return None
    ranked = sorted(shares.items(), key=lambda kv: kv[1], reverse=True)
    (best, best_share), (_, second) = ranked[0], ranked[1]
    # Related languages share stop words; demand a clear winner.
    if best_share < 0.15 or best_share - second < 0.05:
        return None
    return best


@lru_cache(maxsize=8)
def _raw_stoplist(code: str) -> frozenset[str]:
    import justext

    names = [name for name, c in _STOPLIST_CODES.items() if c == code]
    return frozenset(justext.get_stoplist(names[0])) if names else frozenset()


def _confirms(code: str, text: str) -> bool:
    """Cheap check that `text` reads like the declared language (one stop-word list)."""
    script = _script_language(text[:5000])
    if script is not None:
        return script == code
    stops = _raw_stoplist(code)
    words = [w.lower() for w in _WORD_RE.findall(text[:20000])][:_SAMPLE_WORDS]
    if not stops or len(words) < 20:
        return False
    return sum(1 for w in words if w in stops) / len(words) >= _CONFIRM_SHARE


def page_language(tree: etree._Element | None, text: str) -> str | None:
    """The page language: the text's language when it is clear, else the declared one."""
    declared = _declared(tree) if tree is not None else None
    if len(text) < 200:
        return declared or detect_text_language(text)
    if declared and _confirms(declared, text):
        return declared
    detected = detect_text_language(text)
    if not detected or detected == declared:
        return declared or detected
    if declared and _script_language(text[:5000]) is None:
        # A close relative of the declared language (da/nb, hr/sr) is no contradiction.
        shares = _stopword_shares(text)
        if declared in shares and shares[declared] >= shares[detected] - 0.08:
            return declared
    # Templates often declare "en" whatever the article's language; clear text wins.
    return detected
