"""Tell article text from page furniture in pasted lines, by general signals.

Each line gets a class (good prose, near-prose, short, boilerplate) from its
length, stop-word density, sentence punctuation and call-to-action language,
much as jusText does for HTML blocks; the article is then the run of lines
with the highest prose score (a maximum-sum segment), so menus, teasers and
footers around it fall away even when one of their lines looks like prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

LineClass = Literal["good", "near", "short", "bad"]

_TOKEN = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_TERMINAL = re.compile(r"[.!?…:;。！？」』\"”’»)\]]\s*$")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|we|our|us)\b|^i\s+(?:would|agree|want)", re.I)

# Language of sign-up boxes, share widgets, membership appeals and site chrome.
_STRONG_CTA = re.compile(
    r"\b(?:sign(?:ed|ing)?[ -]?(?:up|in)|log[ -]?(?:in|out)|subscri(?:be|bed|bers?|ption)"
    r"|newsletters?|unsubscribe|donat(?:e|ions?|ing)|membership|members?\b.{0,60}\?"
    r"|become an? (?:\w+ ){0,4}(?:member|subscriber|supporter|patron)"
    r"|support (?:our|us|independent|quality)|(?:our|independent) journalism"
    r"|cookies?|privacy (?:policy|notice|settings|statement)|terms (?:of|and) (?:use|service)"
    r"|all rights reserved|push notifications|download (?:the|our) app|inbox"
    r"|emailed|e-?mail address|create (?:an|your) account|free trial|paywall"
    r"|(?:already|not) a (?:member|subscriber))(?!\w)",
    re.IGNORECASE,
)
_WEAK_CTA = re.compile(
    r"\b(?:share|tweet|print|e-?mail|comments?|reply|read more|see more|show more|load more"
    r"|more (?:from|on|about|stories|news|videos?)|related|most (?:popular|read|viewed|shared)"
    r"|trending|advertisement|advert|sponsored|promoted|click here|skip to|back to top"
    r"|open image|video player|watch(?: now| live)?|listen|follow|menu|search|home|close"
    r"|accept|next|previous|prev|loading|copyright|recommended|you may also like|tags?"
    r"|topics?|categories|latest|gallery|photos?|videos?|podcasts?|editions?|view all)\b",
    re.IGNORECASE,
)
_IMPERATIVE = re.compile(
    r"^(?:get|join|support|help|sign|subscribe|follow|download|read|watch|listen|try|discover"
    r"|find|click|tap|enter|create|start|become|give|donate|share|send|tell|save|shop|buy"
    r"|explore|view|see|sign|register|learn|keep|stay|don['’]t miss|never miss)\b",
    re.IGNORECASE,
)
_COUNT_LINE = re.compile(r"^\W*[\d.,]+\s*[kKmM]?\W*(?:\w+\W*){0,2}$")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}", re.IGNORECASE)
_URL_ONLY = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$|^\S+@\S+\.\w+$")
_NAV_SEPARATORS = re.compile(r"\s[|•·»›>/]\s|\s[|•·»›]|[|•·»›]\s")


@dataclass(frozen=True)
class LineInfo:
    """What the classifier saw in one line.

    Attributes:
        text: the line.
        words: its length in words (CJK characters count as half a word).
        cls: its class.
    """

    text: str
    words: float
    cls: LineClass


def weight(line: str) -> float:
    """The line's length in words, counting two CJK characters as one word."""
    tokens = _TOKEN.findall(line)
    cjk = len(_CJK.findall(line))
    return max(len(tokens), cjk / 2)


def is_call_to_action(line: str) -> bool:
    """True for sign-up prompts, membership appeals, share/print widgets and the like."""
    words = len(line.split())
    strong = len(_STRONG_CTA.findall(line))
    if words <= 15:
        if strong or (_IMPERATIVE.match(line) and _SECOND_PERSON.search(line)):
            return True
        weak = _WEAK_CTA.findall(line)
        # A short line made mostly of widget words: "Share Print Comments".
        return bool(weak) and (len(weak) >= max(1, words // 3) or not _TERMINAL.search(line))
    # Longer text needs the outlet talking to the reader about its offer.
    return strong >= 2 or (strong >= 1 and bool(_SECOND_PERSON.search(line)))


def _is_chrome(line: str) -> bool:
    if _COPYRIGHT.search(line) or _URL_ONLY.match(line) or _COUNT_LINE.match(line):
        return True
    # Breadcrumbs and menus: several short items between separators.
    parts = _NAV_SEPARATORS.split(line)
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def classify_line(
    line: str, stopwords: frozenset[str], recurring: frozenset[str], normalised: str
) -> LineInfo:
    """Classify one line as good prose, near-prose, short or boilerplate."""
    w = weight(line)
    if normalised in recurring or _is_chrome(line) or is_call_to_action(line):
        return LineInfo(line, w, "bad")
    terminal = bool(_TERMINAL.search(line))
    tokens = [t.lower() for t in _TOKEN.findall(line)]
    if stopwords and tokens:
        density = sum(t in stopwords for t in tokens) / len(tokens)
    else:
        density = 0.3  # unknown language: judge by length and punctuation alone
    if (w >= 10 and terminal and density >= 0.2) or (w >= 30 and density >= 0.25):
        return LineInfo(line, w, "good")
    if w >= 5 and (terminal or density >= 0.3):
        return LineInfo(line, w, "near")
    return LineInfo(line, w, "short")


def _score(info: LineInfo) -> float:
    if info.cls == "good":
        return info.words
    if info.cls == "near":
        return 0.0
    if info.cls == "short":
        return -1.0
    return -(5.0 + info.words)


def _best_segment(scores: Sequence[float], lo: int, hi: int) -> tuple[float, int, int]:
    """Maximum-sum contiguous run in scores[lo:hi] (Kadane); returns (sum, start, end)."""
    best = (0.0, lo, lo)
    run, start = 0.0, lo
    for i in range(lo, hi):
        if run <= 0:
            run, start = 0.0, i
        run += scores[i]
        if run > best[0]:
            best = (run, start, i + 1)
    return best


def select_article(infos: Sequence[LineInfo]) -> list[int]:
    """Indices of the lines that form the article body, in order.

    The main run is the maximum-sum segment of line scores; a second run
    survives only if it is nearly as strong (an article split by a large
    block of teasers), so comment threads and footers rarely get in.
    """
    scores = [_score(i) for i in infos]
    total, start, end = _best_segment(scores, 0, len(scores))
    if total <= 0:
        return []
    spans = [(start, end)]
    for lo, hi in ((0, start), (end, len(scores))):
        extra, s, e = _best_segment(scores, lo, hi)
        if extra >= max(40.0, 0.5 * total):
            spans.append((s, e))
    keep: list[int] = []
    for s, e in sorted(spans):
        keep.extend(i for i in range(s, e) if infos[i].cls != "bad")
    return keep
