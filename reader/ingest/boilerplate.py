"""Classify pasted lines as prose or page furniture, by general signals.

Each line gets a class (good prose, near-prose, short, boilerplate) from its
length, stop-word density, sentence punctuation and call-to-action language,
much as jusText does for HTML blocks. `article_span` then picks the article's
lines from these classes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .byline import parse_byline
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
    r"|popular (?:videos|stories|posts)|latest news|top stories|explore further"
    r"|further reading|see also|also read|read also|more on this story"
    r"|artigos relacionados|art[ií]culos relacionados|notícias relacionadas"
    r"|noticias relacionadas|articles similaires|[äa]hnliche artikel|articoli correlati"
    r"|похожие (?:записи|статьи)|свежие записи|читайте также|lees ook)"
    r"(?!\w)(?:\W+\S+){0,4}\W*$",
    re.IGNORECASE,
)
# Reprint and copyright notices.
_LEGAL = re.compile(
    r"\b(?:subject to copyright|without (?:the )?(?:prior |express )?written permission"
    r"|may not be (?:\w+, )*(?:\w+ )?(?:published|reproduced|redistributed|copied)"
    r"|all rights reserved)\b",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}", re.IGNORECASE)
_URL_ONLY = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$|^\S+@\S+\.\w+$")
_TERMINAL_BEFORE_COUNT = re.compile(r"[.!?]\s*\d+$|\d{4}$")
_NAV_SEPARATORS = re.compile(r"\s[|•·»›>/]\s|\s[|•·»›]|[|•·»›]\s")


# jusText-like thresholds: words and stop-word density of prose lines.
_GOOD_WORDS = 8
_MIN_SENTENCE_WORDS = 4
# Share of a short unpunctuated line that widget words must cover to make it chrome.
_WIDGET_SHARE = 0.34
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


def ends_sentence(line: str) -> bool:
    """True if the line ends the way a sentence does (full stop, quote, bracket...)."""
    return bool(_TERMINAL.search(line))


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
        second = bool(_SECOND_PERSON.search(line))
        if _IMPERATIVE.match(line) and second:
            return True
        # A sentence that merely mentions subscribers is news; a prompt is a fragment,
        # talks to the reader or is a label of a few words.
        if strong and (
            second or words <= 4 or not _TERMINAL.search(line) or _IMPERATIVE.match(line)
        ):
            return True
        if words <= 12 and _CLICK.match(line) and _WEAK_CTA.search(line):
            return True
        weak = list(_WEAK_CTA.finditer(line))
        if words < _MIN_SENTENCE_WORDS:
            return bool(weak)
        if not _TERMINAL.search(line):
            # A label made mostly of widget words ("Skip to main content", "More from
            # Reuters", "Tags: ...") is chrome; a headline may use one such word
            # ("Bridge repairs close the river road").
            covered = sum(len(m.group().split()) for m in weak)
            labelled = bool(weak) and weak[0].start() == 0 and ":" in line[: weak[0].end() + 2]
            return covered >= _WIDGET_SHARE * words or labelled
        # A short sentence ("Police released the video.") may use one such word.
        return len(weak) >= max(2, words // 3)
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
    if is_comments_start(line) or is_teasers_start(line) or _LEGAL.search(line):
        return True
    if _COPYRIGHT.search(line) or _URL_ONLY.match(line) or _COUNT_LINE.match(line):
        return True
    words = len(line.split())
    if _COMMENT_AUTHOR.match(line) or (
        _BY_LINE.match(line) and words <= 8 and parse_byline(line) is not None
    ):
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
