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

from .dates import is_date_line

LineClass = Literal["good", "near", "short", "bad"]

_TOKEN = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
_TERMINAL = re.compile(r"[.!?…:;。！？」』\"”’»)\]]\s*$")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|we|our|us)\b|^i\s+(?:would|agree|want)", re.I)

# Language of sign-up boxes, share widgets, membership appeals and site chrome.
_STRONG_CTA = re.compile(
    r"\b(?:sign(?:ed|ing)?[ -]?(?:up|in)|log[ -]?(?:in|out)|subscri(?:be|bed|bers?)"
    r"|newsletters?|unsubscribe|donat(?:e|ions?|ing)|membership|members?\b.{0,60}\?"
    r"|become an? (?:\w+ ){0,4}(?:member|subscriber|supporter|patron)"
    r"|support (?:our|us|independent|quality)|(?:our|independent) journalism"
    r"|cookies|cookie (?:settings|policy|preferences|consent)"
    r"|privacy (?:policy|notice|settings|statement)|terms (?:of|and) (?:use|service)"
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
_REPORTED = re.compile(
    r"[“”„«»]|\"[^\"]{10,}\"|\b(?:said|says|told|asks|asked|according to|wrote)\b", re.IGNORECASE
)
_SOCIAL = re.compile(
    r"\b(?:facebook|twitter|instagram|youtube|tiktok|linkedin|whatsapp|telegram|pinterest"
    r"|snapchat|reddit|bluesky|mastodon|rss)\b",
    re.IGNORECASE,
)
_FOLLOW = re.compile(r"^(?:follow|like|join|find|connect with)\b", re.IGNORECASE)
_CLICK = re.compile(r"^(?:click|tap|press)\b", re.IGNORECASE)
_COUNT_LINE = re.compile(r"^\W*[\d.,]+\s*[kKmM]?\W*(?:[^\W\d]\w*\W*){1,2}$")
_TRAILING_COUNT = re.compile(r"\(\d+\)\s*$|\s\d+$")
_COMMENT_AUTHOR = re.compile(r"^\S+(?:\s+\S+){0,3}\s+(?:says|said|wrote|writes|replied)\s*:")
_BY_LINE = re.compile(r"^by\s+\S+(?:\s+\S+){0,7}$", re.IGNORECASE)
# Headings that open a comment thread: nothing after them is the article.
_COMMENTS_START = re.compile(
    r"^\W*\d*\s*(?:comments?|responses?|replies|reactions|discussion"
    r"|(?:leave|post|add|write) a (?:comment|reply)|join the (?:conversation|discussion)"
    r"|show comments"
    # The same headings as common publishing platforms print them in other languages.
    r"|coment[aá]rios?|kommentare?|commentaires?|commenti|комментари[йи]|reacties"
    r"|(?:deixe|deja|dejar) (?:uma|una) (?:resposta|respuesta)|laisser un commentaire"
    r"|schreibe einen kommentar|lascia un commento|добавить комментарий"
    r"|оставить комментарий)(?!\w)(?:\W+\S+){0,6}\W*$",
    re.IGNORECASE,
)
# Headings of teaser lists; they may also sit inside an article, between its parts.
_TEASERS_START = re.compile(
    r"^\W*(?:most (?:popular|read|viewed|commented|shared)|recommended(?: for you)?"
    r"|you (?:may|might) (?:also )?like|read next|related(?: articles| stories| posts| content"
    r"| coverage| news)?|more (?:stories|news|from \S+(?: \S+)?)|trending(?: now| news)?"
    r"|popular (?:videos|stories|posts)|latest news|top stories"
    r"|artigos relacionados|art[ií]culos relacionados|notícias relacionadas"
    r"|noticias relacionadas|articles similaires|[äa]hnliche artikel|articoli correlati"
    r"|похожие (?:записи|статьи)|свежие записи|читайте также|lees ook)"
    r"(?!\w)(?:\W+\S+){0,4}\W*$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}", re.IGNORECASE)
_URL_ONLY = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$|^\S+@\S+\.\w+$")
_TERMINAL_BEFORE_COUNT = re.compile(r"[.!?]\s*\d+$|\d{4}$")
_NAV_SEPARATORS = re.compile(r"\s[|•·»›>/]\s|\s[|•·»›]|[|•·»›]\s")


# jusText-like thresholds: words and stop-word density of prose lines.
_GOOD_WORDS = 8
_LONG_WORDS = 30
_NEAR_WORDS = 5
_GOOD_DENSITY = 0.2


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
    if words <= 25 and (
        len(_SOCIAL.findall(line)) >= 2 or (_FOLLOW.match(line) and _SOCIAL.search(line))
    ):
        return True  # "Follow us on Instagram, Facebook and X"
    if words <= 15:
        if strong or (_IMPERATIVE.match(line) and _SECOND_PERSON.search(line)):
            return True
        if words <= 12 and _CLICK.match(line) and _WEAK_CTA.search(line):
            return True
        weak = _WEAK_CTA.findall(line)
        # A short line made mostly of widget words: "Share Print Comments".
        return bool(weak) and (len(weak) >= max(1, words // 3) or not _TERMINAL.search(line))
    # Longer text needs the outlet talking to the reader about its offer; a quote
    # or reported speech is the article's, not the outlet's.
    if _REPORTED.search(line) and strong < 2:
        return False
    return strong >= 2 or (strong >= 1 and bool(_SECOND_PERSON.search(line)))


def is_comments_start(line: str) -> bool:
    """True for a heading that opens a comment thread ("12 Comments", "Leave a reply")."""
    return len(line) <= 80 and bool(_COMMENTS_START.match(line))


def is_teasers_start(line: str) -> bool:
    """True for a heading that opens a teaser list ("Most popular", "Related stories")."""
    return len(line) <= 80 and bool(_TEASERS_START.match(line))


def _is_chrome(line: str) -> bool:
    if _COPYRIGHT.search(line) or _URL_ONLY.match(line) or _COUNT_LINE.match(line):
        return True
    words = len(line.split())
    if _COMMENT_AUTHOR.match(line) or (_BY_LINE.match(line) and words <= 8):
        return True
    if words <= 25 and _TRAILING_COUNT.search(line) and not _TERMINAL_BEFORE_COUNT.search(line):
        return True  # teaser links with comment counts: "Title of a story (185)"
    if is_date_line(line):
        return True
    if line.count(" | ") >= 2:
        return True  # headlines strung together with pipes: a teaser strip
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
    if (w >= _GOOD_WORDS and terminal and density >= _GOOD_DENSITY) or (
        w >= _LONG_WORDS and density >= _GOOD_DENSITY + 0.05
    ):
        return LineInfo(line, w, "good")
    if w >= _NEAR_WORDS and (terminal or density >= _GOOD_DENSITY + 0.1):
        return LineInfo(line, w, "near")
    return LineInfo(line, w, "short")


def _score(info: LineInfo) -> float:
    if info.cls == "good":
        return info.words
    if info.cls == "near":
        return 0.0
    if info.cls == "short":
        return _SHORT
    return -(5.0 + info.words)


_GAP_PENALTY = 10.0
_SHORT = -2.0
_HARD = -1000.0
_NEAR_GAP = 4
_AFTER_TEASER = 0.5
_NEAR_MIN = 15.0
_FAR_GAP = 14
_FAR_SHARE = 0.25
_MIN_RUN = 3
_MIN_ARTICLE = 50.0
_COMMENTS_SHARE = 0.5


def _mark_link_runs(infos: list[LineInfo]) -> list[LineInfo]:
    """Turn runs of headline-like lines (teaser link lists) into boilerplate."""
    out = list(infos)
    i = 0
    while i < len(out):
        j = i
        while (
            j < len(out)
            and out[j].cls != "good"
            and 4 <= out[j].words <= 20
            and not (_TERMINAL.search(out[j].text))
        ):
            j += 1
        if j - i >= _MIN_RUN:
            for k in range(i, j):
                out[k] = LineInfo(out[k].text, out[k].words, "bad")
        i = max(j, i + 1)
    return out


def _segments(scores: Sequence[float]) -> list[tuple[float, int, int]]:
    """Split the line scores into runs of prose separated by heavy gaps.

    Returns (score, start, end) for each run, trimmed to start and end on
    positive lines.
    """
    segs: list[tuple[float, int, int]] = []
    start: int | None = None
    total = gap = 0.0
    last_pos = -1
    for i, sc in enumerate(scores):
        if sc > 0:
            if start is None:
                start, total = i, 0.0
            elif gap <= -_GAP_PENALTY:
                segs.append((total, start, last_pos + 1))
                start, total = i, 0.0
            else:
                total += gap
            gap = 0.0
            total += sc
            last_pos = i
        elif start is not None:
            gap += sc
    if start is not None:
        segs.append((total, start, last_pos + 1))
    return segs


def _drop_short_runs(infos: list[LineInfo], start: int, end: int) -> list[LineInfo]:
    """Inside the article, a run of several short lines is a byline box or widget.

    A sub-heading stands alone between paragraphs; three or more short lines
    in a row mixed with furniture ("By", "Jane Roe", "Biography", "Share") are
    more furniture. (Runs of short lines alone may be a list in the article.)
    """
    out = list(infos)
    i = start
    while i < end:
        j = i
        while j < end and out[j].cls in ("short", "bad"):
            j += 1
        kinds = [out[k].cls for k in range(i, j)]
        if j - i >= _MIN_RUN and kinds.count("short") >= 2 and "bad" in kinds:
            for k in range(i, j):
                out[k] = LineInfo(out[k].text, out[k].words, "bad")
        i = max(j, i + 1)
    return out


def _merge_neighbours(segs: list[tuple[float, int, int]], best: int) -> list[int]:
    """Grow the best run over nearby runs that are strong enough to be its other parts.

    Small runs in between (a teaser's one-line summary) are stepped over, not taken.
    """
    chosen = [best]
    total = segs[best][0]
    changed = True
    while changed:
        changed = False
        lo, hi = min(chosen), max(chosen)
        for direction in (-1, 1):
            edge = segs[lo][1] if direction < 0 else segs[hi][2]
            k = (lo if direction < 0 else hi) + direction
            while 0 <= k < len(segs):
                gap = edge - segs[k][2] if direction < 0 else segs[k][1] - edge
                if gap > _FAR_GAP:
                    break
                score = segs[k][0]
                if (gap <= _NEAR_GAP and score >= _NEAR_MIN) or score >= _FAR_SHARE * total:
                    chosen.append(k)
                    total += score
                    changed = True
                    break
                k += direction
            if changed:
                break
    return sorted(chosen)


def select_article(infos: Sequence[LineInfo]) -> list[int]:
    """Indices of the lines that form the article body, in order.

    Lines are scored (prose positive, furniture negative) and cut into runs
    wherever a heavy stretch of furniture lies between prose. The strongest run
    is the article; it grows over neighbouring runs that are close and strong
    enough to be its other parts (an article split by an inline teaser box),
    but never past the start of a comment thread.
    """
    infos = _mark_link_runs(list(infos))
    scores = []
    for info in infos:
        if is_comments_start(info.text):
            scores.append(_HARD)
        elif is_teasers_start(info.text):
            scores.append(-_GAP_PENALTY - 10.0)
        else:
            scores.append(_score(info))
    segs = _segments(scores)
    # Once prose has been seen, a comment heading ends the article.
    # (A lone "Comments" in a share bar above the article must not end it, so
    # the prose before the heading has to rival the prose after it.)
    for h in (i for i, sc in enumerate(scores) if sc == _HARD):
        before = max((sc for sc, _, e in segs if e <= h), default=0.0)
        after = max((sc for sc, st, _ in segs if st > h), default=0.0)
        if before >= _MIN_ARTICLE and before >= _COMMENTS_SHARE * after:
            segs = [seg for seg in segs if seg[2] <= h]
            break
    if not segs:
        return []
    teasers = [i for i, info in enumerate(infos) if is_teasers_start(info.text)]

    def rank(k: int) -> float:
        # Prose after a teaser heading that follows prose is more likely a teaser.
        sc, start, _ = segs[k]
        after = any(h < start and any(s2[2] <= h for s2 in segs) for h in teasers)
        return sc * _AFTER_TEASER if after else sc

    best = max(range(len(segs)), key=rank)
    chosen = _merge_neighbours(segs, best)
    infos = _drop_short_runs(infos, segs[chosen[0]][1], segs[chosen[-1]][2])
    # The heavy gaps between merged runs are furniture, whatever their lines look like.
    return [
        i
        for k in chosen
        for i in range(segs[k][1], segs[k][2])
        if infos[i].cls != "bad" and scores[i] > _HARD
    ]
