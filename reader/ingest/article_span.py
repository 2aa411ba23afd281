"""Find the article among classified lines: the strongest run of prose and its parts.

Lines are scored (prose positive, furniture negative) and cut into runs
wherever a heavy stretch of furniture lies between prose. The strongest run is
the article; it grows over nearby runs strong enough to be its other parts, and
stops at a comment thread. Menus, teasers and footers fall away even when one
of their lines looks like prose.
"""

from __future__ import annotations

from collections.abc import Sequence

from .boilerplate import (
    LineInfo,
    ends_sentence,
    is_call_to_action,
    is_comments_start,
    is_teasers_start,
)


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
            and not (ends_sentence(out[j].text))
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


def _in_share_bar(infos: list[LineInfo], i: int) -> bool:
    """A one-word "Comments" among share and print buttons is a button, not a thread."""
    if len(infos[i].text.split()) > 1:
        return False
    near = [infos[j].text for j in range(max(0, i - 2), min(len(infos), i + 3)) if j != i]
    return any(len(t.split()) <= 3 and is_call_to_action(t) for t in near)


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
    for i, info in enumerate(infos):
        if is_comments_start(info.text) and not _in_share_bar(infos, i):
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
