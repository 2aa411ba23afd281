"""Guess a text's language from its most frequent words."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache, lru_cache
from importlib import resources

import justext

# jusText names its stop lists by English language name.
_JUSTEXT_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "ca": "Catalan", "cs": "Czech", "da": "Danish",
    "de": "German", "el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian",
    "fi": "Finnish", "fr": "French", "he": "Hebrew", "hi": "Hindi", "hr": "Croatian",
    "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "ko": "Korean", "lt": "Lithuanian",
    "lv": "Latvian", "ms": "Malay", "nb": "Norwegian_Bokmal", "nl": "Dutch", "pl": "Polish",
    "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian",
    "sr": "Serbian", "sv": "Swedish", "tr": "Turkish", "uk": "Ukrainian", "vi": "Vietnamese",
}  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_SAMPLE_CHARS = 200_000


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, ...]]:
    """Map each very frequent word to the languages where it is very frequent.

    The lists (data/frequent_words.json) are wordfreq's top 120 words per
    language, precomputed because loading wordfreq's tables takes seconds;
    jusText's stop lists are too noisy for detection (its Finnish list holds "the").
    """
    data = resources.files(__package__).joinpath("data/frequent_words.json").read_text("utf-8")
    by_word: dict[str, list[str]] = {}
    for code, words in json.loads(data).items():
        for w in words:
            by_word.setdefault(w, []).append(code)
    return {w: tuple(langs) for w, langs in by_word.items()}


@cache
def stopwords(language: str | None) -> frozenset[str]:
    """The jusText stop words of an ISO 639-1 language code, or an empty set."""
    name = _JUSTEXT_NAMES.get(language or "")
    if name is None:
        return frozenset()
    return frozenset(justext.get_stoplist(name))


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code of the most likely language, or None when unsure."""
    sample = text[:_SAMPLE_CHARS]
    if len(_KANA.findall(sample)) > 20:
        return "ja"
    if len(_HANGUL.findall(sample)) > 20:
        return "ko"
    if len(_HAN.findall(sample)) > 40:
        return "zh"
    words = [w.lower() for w in _WORD.findall(sample)]
    if len(words) < 5:
        return None
    index = _index()
    hits: Counter[str] = Counter()
    for w in words:
        for lang in index.get(w, ()):
            hits[lang] += 1
    if not hits:
        return None
    code, count = hits.most_common(1)[0]
    # Below this share of frequent words the text is probably a language we lack.
    if count < 0.1 * len(words):
        return None
    return code
