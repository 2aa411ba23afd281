"""Score timeline conflicts, figure groups and disagreements, and claims against hand-marked gold.

Usage: .venv/bin/python bench/coverage/evaluate.py [--set dev|heldout] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reader.compare.claims import claims  # noqa: E402
from reader.compare.figures import figures  # noqa: E402
from reader.compare.story import as_articles  # noqa: E402
from reader.compare.timeline import timeline  # noqa: E402


def locate(texts: dict[int, str], article: int, needle: str) -> tuple[int, int]:
    text = texts[article]
    position = text.find(needle)
    if position < 0 or text.find(needle, position + 1) >= 0:
        raise SystemExit(f"gold substring not unique in {article}: {needle!r}")
    return position, position + len(needle)


def member_of(gold: list[dict], spans: dict, article: int, span: tuple[int, int]):
    """(group index, member index) of the gold member whose span overlaps ``span``."""
    for g, group in enumerate(gold):
        for m, (a, _) in enumerate(group["members"]):
            s, e = spans[(g, m)]
            if a == article and s < span[1] and span[0] < e:
                return g, m
    return None


def ratio(good: int, total: int) -> float:
    return good / total if total else 1.0


class Tally:
    def __init__(self) -> None:
        self.counts: dict[str, list[int]] = {}

    def add(self, name: str, good: int, total: int) -> None:
        slot = self.counts.setdefault(name, [0, 0])
        slot[0] += good
        slot[1] += total

    def value(self, name: str) -> float:
        good, total = self.counts.get(name, [0, 0])
        return ratio(good, total)


def score_story(story: dict, tally: Tally, verbose: bool) -> None:
    articles = as_articles(story["articles"])
    texts = {a.id: a.text for a in articles}

    # --- timeline ---
    gold = story["dates"]
    spans = {
        (g, m): locate(texts, a, needle)
        for g, group in enumerate(gold)
        for m, (a, needle) in enumerate(group["members"])
    }
    events = timeline(articles)
    ids = [member_of(gold, spans, e.article, e.mention) for e in events]
    grouped, conflicts = set(), set()
    for i, j in combinations(range(len(events)), 2):
        a, b = events[i], events[j]
        if a.article == b.article or a.group is None or a.group != b.group:
            continue
        pair = (ids[i], ids[j])
        grouped.add(pair)
        if (b.article, b.date) in a.conflicts:
            conflicts.add(pair)
    gold_pairs = {
        (g, m, n)
        for g, group in enumerate(gold)
        for m, n in combinations(range(len(group["members"])), 2)
        if group["members"][m][0] != group["members"][n][0]
    }
    right = {(p[0][0], p[0][1], p[1][1]) for p in grouped if _same(p)}
    right |= {(p[0][0], p[1][1], p[0][1]) for p in grouped if _same(p)}
    tally.add("date pairs P", sum(_same(p) for p in grouped), len(grouped))
    tally.add("date pairs R", len(gold_pairs & right), len(gold_pairs))
    good = [p for p in conflicts if _same(p) and gold[p[0][0]]["conflict"]]
    tally.add("date conflicts P", len(good), len(conflicts))
    found = {p[0][0] for p in good}
    wanted = [g for g, group in enumerate(gold) if group["conflict"]]
    tally.add("date conflicts R", len(found & set(wanted)), len(wanted))
    if verbose:
        for p in conflicts:
            print(f"  [{story['name']}] date conflict {'ok' if p in good else 'WRONG'}: {p}")

    # --- figures ---
    gold = story["figures"]
    spans = {
        (g, m): locate(texts, a, needle)
        for g, group in enumerate(gold)
        for m, (a, needle) in enumerate(group["members"])
    }
    pairs, disagreements = set(), set()
    for group in figures(articles):
        members = [member_of(gold, spans, f.article, f.span) for f in group.figures]
        for i, j in combinations(range(len(group.figures)), 2):
            if group.figures[i].article != group.figures[j].article:
                pairs.add((members[i], members[j]))
        for i, j in group.disagreements:
            disagreements.add((members[i], members[j]))
        if verbose:
            shown = [(f.article, f.surface, f.counts) for f in group.figures]
            print(f"  [{story['name']}] figures {group.key} disagree={group.disagree}: {shown}")
    gold_pairs = {
        (g, m, n)
        for g, group in enumerate(gold)
        for m, n in combinations(range(len(group["members"])), 2)
        if group["members"][m][0] != group["members"][n][0]
    }
    right = {(p[0][0], p[0][1], p[1][1]) for p in pairs if _same(p)}
    right |= {(p[0][0], p[1][1], p[0][1]) for p in pairs if _same(p)}
    tally.add("figure pairs P", sum(_same(p) for p in pairs), len(pairs))
    tally.add("figure pairs R", len(gold_pairs & right), len(gold_pairs))
    good = [p for p in disagreements if _same(p) and gold[p[0][0]]["disagree"]]
    tally.add("figure disagreements P", len(good), len(disagreements))
    wanted = {g for g, group in enumerate(gold) if group["disagree"]}
    tally.add("figure disagreements R", len({p[0][0] for p in good} & wanted), len(wanted))

    # --- claims ---
    gold_claims = [
        (a, locate(texts, a, needle), speaker.lower()) for a, needle, speaker in story["claims"]
    ]
    found_claims = [c for g in claims(articles) for c in g.claims]
    hits = 0
    for c in found_claims:
        ok = any(
            a == c.article and c.span[0] <= s and e <= c.span[1] and c.speaker.lower() == who
            for a, (s, e), who in gold_claims
        )
        hits += ok
        if verbose and not ok:
            print(f"  [{story['name']}] claim WRONG: {c.speaker!r} {c.verb} | {c.sentence}")
    tally.add("claims P", hits, len(found_claims))
    tally.add("claims R", hits, len(gold_claims))


def _same(pair: tuple) -> bool:
    first, second = pair
    return first is not None and second is not None and first[0] == second[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", choices=["dev", "heldout"], default="dev")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    import stories

    tally = Tally()
    for story in getattr(stories, args.set.upper()):
        score_story(story, tally, args.verbose)
    print(f"set: {args.set}")
    for name in ["date pairs", "date conflicts", "figure pairs", "figure disagreements", "claims"]:
        p, r = tally.value(name + " P"), tally.value(name + " R")
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        counts = tally.counts.get(name + " P", [0, 0]), tally.counts.get(name + " R", [0, 0])
        print(
            f"{name:22s} P {p:.3f} ({counts[0][0]}/{counts[0][1]})  "
            f"R {r:.3f} ({counts[1][0]}/{counts[1][1]})  F1 {f1:.3f}"
        )


if __name__ == "__main__":
    main()
