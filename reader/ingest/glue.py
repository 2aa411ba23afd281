"""Restore paragraph breaks lost in a paste, where two blocks ran together.

A lost break shows up as a lowercase letter (or a full stop) glued to the
capital that starts the next block: "MoscowThe Russian army", "personnelMoscow
has", "minimal progress.He also". Real words also mix case (iPhone, McDonald,
DeepState, YouTube), so each candidate is weighed on general evidence: is the
glued token an English word, does it recur in the document, are both halves
words the document uses on their own, does the right half start a sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from wordfreq import zipf_frequency

# Closed-class English words that open sentences; a capitalised one glued to
# the previous word is strong evidence of a lost break ("MoscowThe").
SENTENCE_OPENERS = frozenset(
    """a an the this that these those there here he she it we they i you his her its our
    their my your but and or so yet if when while after before as at by for from in into
    on of to with without since until although though however meanwhile moreover also
    still then thus despite during among between under over about against according
    what why how where who which whether some many most several both each every all no
    not one two three more other others even now today yesterday earlier later first
    finally instead indeed""".split()
)
DATE_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december jan feb mar apr jun
    jul aug sep sept oct nov dec updated published posted""".split()
)

_LETTERS = r"[^\W\d_]"
_CANDIDATE = re.compile(
    r"(?P<case>(?<=[a-zà-öø-ÿ])(?=[A-ZÀ-ÖØ-Þ]))"
    r"|(?P<acro>(?<=[A-Z]{2})(?=[A-Z][a-z]{2}))"
    r"|(?P<stop>(?<=[a-zà-öø-ÿ]{2}[.!?])(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]))"
    r"|(?P<quote>(?<=[a-z]{2}[.!?][\"”’])(?=[A-Z][a-z]))"
    r"|(?P<paren>(?<=\))(?=[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]{2}))"
    r"|(?P<curly>(?<=[\w.!?)\]])(?=“[A-Z]))"
    r"|(?P<straight>(?<=[A-Za-z0-9])(?=\"[A-Z]))"
    r"|(?P<bracket>(?<=\])(?=[A-Z][a-z]{2}))"
    r"|(?P<year>(?<=\b(?:1[89]|20)\d\d)(?=[A-Z][a-z]))"
    r"|(?P<count>(?<=^\d)(?=[A-Z][a-z]{2})|(?<=^\d\d)(?=[A-Z][a-z]{2}))"
)
# Returned when two words lost only the space between them, not a paragraph break.
_SPACE = "space"
_WORD_CHARS = re.compile(r"[\w’']")
_TOKEN = re.compile(r"[\w’'-]+")
_HASHTAG = re.compile(r"[#@][\w’']*$")
_URLISH = re.compile(r"(?:https?://|www\.|@)\S*$")


@dataclass
class DocumentVocabulary:
    """Word counts of the whole document, the context for glue decisions.

    Attributes:
        tokens: how often each exact token (case kept) occurs.
        lower_words: how often each lowercased alphabetic word occurs on its own.
    """

    tokens: Counter[str] = field(default_factory=Counter)
    lower_words: Counter[str] = field(default_factory=Counter)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> DocumentVocabulary:
        """Count the tokens of `lines`."""
        vocab = cls()
        for line in lines:
            for tok in _TOKEN.findall(line):
                tok = tok.strip("-’'")
                vocab.tokens[tok] += 1
                vocab.lower_words[tok.lower()] += 1
        return vocab


def _word_left(text: str, i: int) -> str:
    j = i
    while j > 0 and _WORD_CHARS.match(text[j - 1]):
        j -= 1
    return text[j:i]


def _word_right(text: str, i: int) -> str:
    """The capitalised word starting at `i`, stopping at the next case change."""
    m = re.match(r"[A-ZÀ-ÖØ-Þ](?:[A-ZÀ-ÖØ-Þ]+(?![a-zà-öø-ÿ])|[a-zà-öø-ÿ’']*)", text[i:])
    return m.group(0) if m else ""


def _whole_token(text: str, i: int) -> str:
    j = i
    while j > 0 and _WORD_CHARS.match(text[j - 1]):
        j -= 1
    k = i
    while k < len(text) and _WORD_CHARS.match(text[k]):
        k += 1
    return text[j:k]


# wordfreq needs extra tokenisers (MeCab, jieba) for these; their text has no case anyway.
_NO_WORDFREQ = frozenset({"ja", "zh", "ko", "th", "my"})


def zipf(word: str, lang: str = "en") -> float:
    """wordfreq's Zipf frequency of `word`, or 0.0 when it cannot be looked up."""
    if lang in _NO_WORDFREQ:
        lang = "en"
    try:
        return float(zipf_frequency(word, lang))
    except Exception:  # wordfreq may lack a language's tokeniser or list
        return 0.0


def _is_word(word: str, lang: str) -> bool:
    return zipf(word, lang) >= 2.5


def _split_case(text: str, i: int, vocab: DocumentVocabulary, lang: str) -> bool | str:
    """Decide a lowercase-to-capital transition, e.g. "MoscowThe" or "iPhone"."""
    left, right = _word_left(text, i), _word_right(text, i)
    if len(left) < 2 or not right:
        return False  # iPhone, eBay, kWh
    if _URLISH.search(text[max(0, i - 60) : i]) or _HASHTAG.search(text[max(0, i - 60) : i]):
        return False
    if zipf(left + right, lang) > 0:
        return False  # YouTube, McDonald, LinkedIn
    right_l = right.lower()
    if len(right) > 1 and right.isupper() and right_l not in DATE_WORDS:
        # macOS, OpenAI; but a whole lowercase word before an acronym lost a space
        # (link text run into the sentence: "in the newspaperRBK-Ukraine").
        if left.islower() and len(left) >= 4 and _is_word(left, lang):
            return _SPACE
        return False
    if right_l in SENTENCE_OPENERS or right_l.strip("’'s") in DATE_WORDS:
        return True
    if left[0].islower():
        # A lowercase word glued to a capitalised one: "personnelMoscow".
        return len(left) >= 3 and _is_word(left, lang) and len(right) >= 2
    if len(left) <= 3:
        return False  # Mc, Mac, De, Le: name prefixes
    if vocab.tokens[_whole_token(text, i)] > 1:
        return False  # a made-up name the article keeps using: DeepState
    if vocab.tokens[left] > 0 and zipf(right, lang) >= 3.0:
        return True  # a name the text uses on its own, glued to a word: "KremsResidents"
    # Two capitalised words: a break only if the document uses both on their own.
    return vocab.lower_words[left.lower()] > 0 and vocab.lower_words[right_l] > 0


def _split_acronym(text: str, i: int, lang: str) -> bool:
    """Decide an acronym glued to a capitalised word, e.g. "GMTComments"."""
    left, right = _word_left(text, i), _word_right(text, i)
    if not left.isupper() or len(right) < 3:
        return False
    if zipf(left + right, lang) > 0:
        return False
    return (
        right.lower() in SENTENCE_OPENERS
        or right.lower() in DATE_WORDS
        or (zipf(right, lang) >= 3.5 and len(left) >= 3)
    )


def _split_stop(text: str, i: int) -> bool:
    """Decide a full stop with no space after it, e.g. "progress.He also"."""
    left = _word_left(text, i - 1)
    if _URLISH.search(text[max(0, i - 60) : i]) or "." in left:
        return False
    return len(left) >= 2 and left[-1].islower()


def split_glued(line: str, vocab: DocumentVocabulary, lang: str = "en") -> list[str]:
    """Split one line at lost paragraph breaks.

    Args:
        line: one stripped line of pasted text.
        vocab: word counts of the whole document.
        lang: the document's language, for word frequencies.

    Returns:
        The pieces, in order, each stripped; `[line]` when nothing is glued.
    """
    lang = lang or "en"
    cuts: list[tuple[int, bool | str]] = []
    for m in _CANDIDATE.finditer(line):
        i = m.start()
        kind = m.lastgroup
        ok: bool | str
        if kind == "case":
            ok = _split_case(line, i, vocab, lang)
        elif kind == "acro":
            ok = _split_acronym(line, i, lang)
        elif kind in ("stop", "quote"):
            ok = _split_stop(line, i - (kind == "quote"))
        elif kind == "straight":
            # An opening quote: the quotes before it are balanced.
            ok = line.count('"', 0, i) % 2 == 0 and not _URLISH.search(line[max(0, i - 60) : i])
        else:
            ok = True
        if ok:
            cuts.append((i, ok))
    if not cuts:
        return [line]
    pieces = []
    current = ""
    prev = 0
    for c, action in [*cuts, (len(line), True)]:
        current += line[prev:c]
        prev = c
        if action == _SPACE:
            current += " "
            continue
        if current.strip():
            pieces.append(current.strip())
        current = ""
    return pieces
