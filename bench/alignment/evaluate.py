"""Score passage alignment on the hand-written stories in bench/alignment/stories/.

Each story holds 2-3 accounts of one event, one paragraph per labelled line,
and gold groups of paragraphs that tell the same main fact. A predicted pair
(mapped to the paragraphs that contain its passages) is right when both
paragraphs are in one gold group. "Only" is scored per paragraph: gold-only
paragraphs are those in no gold group.

Tuned on --set dev (stories/); heldout/ was written apart and is scored only
to report. Usage:
    .venv/bin/python bench/alignment/evaluate.py [--set dev|heldout] [--unit sentence]
        [--threshold T] [--relative R] [--sweep] [--time] [-v]
"""

from __future__ import annotations

import argparse
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.compare.alignment import ArticleText, align  # noqa: E402

SETS = {"dev": Path(__file__).with_name("stories"), "heldout": Path(__file__).with_name("heldout")}


def load(path: Path) -> tuple[list[ArticleText], dict[int, list[str]], set[frozenset[str]]]:
    """Articles, the paragraph labels of each, and the gold pairs of labels."""
    paragraphs: dict[str, list[tuple[str, str]]] = {}
    gold: set[frozenset[str]] = set()
    section = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].split("|")[0].strip()
            if section != "gold":
                paragraphs[section] = []
        elif not line.strip() or line.startswith("#"):
            continue
        elif section == "gold":
            labels = line.split()
            for a, b in combinations(labels, 2):
                if a[0] != b[0]:
                    gold.add(frozenset((a, b)))
        elif section is not None:
            label, text = line.split(":", 1)
            paragraphs[section].append((label.strip(), text.strip()))
    articles = []
    labels = {}
    for number, (_, items) in enumerate(sorted(paragraphs.items()), start=1):
        text = "\n\n".join(t for _, t in items)
        spans, pos = [], 0
        for _, t in items:
            spans.append((pos, pos + len(t)))
            pos += len(t) + 2
        articles.append(ArticleText(number, text, spans))
        labels[number] = [label for label, _ in items]
    return articles, labels, gold


def label_at(article: ArticleText, labels: list[str], offset: int) -> str:
    assert article.paragraphs is not None
    for (start, end), label in zip(article.paragraphs, labels, strict=True):
        if start <= offset < end:
            return label
    raise ValueError(offset)


def score(
    unit: str, threshold: float, relative: float, folder: Path, verbose: bool = False
) -> dict[str, float]:
    tp = fp = fn = 0
    only_tp = only_fp = only_fn = 0
    for path in sorted(folder.glob("*.txt")):
        articles, labels, gold = load(path)
        by_id = {a.id: a for a in articles}
        result = align(articles, unit=unit, threshold=threshold, relative=relative)  # type: ignore[arg-type]
        predicted = set()
        for pair in result.pairs:
            a = label_at(by_id[pair.a.article], labels[pair.a.article], pair.a.start)
            b = label_at(by_id[pair.b.article], labels[pair.b.article], pair.b.start)
            predicted.add(frozenset((a, b)))
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        in_gold = {label for pair in gold for label in pair}
        aligned = {label for pair in predicted for label in pair}
        # A paragraph is predicted "only" when none of its passages is aligned.
        for article in articles:
            for label in labels[article.id]:
                gold_only = label not in in_gold
                said_only = label not in aligned
                only_tp += gold_only and said_only
                only_fp += said_only and not gold_only
                only_fn += gold_only and not said_only
        if verbose:
            for pair in sorted(predicted - gold, key=sorted):
                print(f"  {path.stem}: wrong {sorted(pair)}")
            for pair in sorted(gold - predicted, key=sorted):
                print(f"  {path.stem}: missed {sorted(pair)}")

    def ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    p, r = ratio(tp, tp + fp), ratio(tp, tp + fn)
    return {
        "precision": p,
        "recall": r,
        "f1": ratio(2 * p * r, p + r) if p + r else 0.0,
        "only_precision": ratio(only_tp, only_tp + only_fp),
        "only_recall": ratio(only_tp, only_tp + only_fn),
        "pairs_gold": tp + fn,
    }


def time_large(unit: str) -> None:
    """Time align() on 4 long articles made of every story paragraph, shuffled."""
    import random
    import time

    paragraphs = []
    for path in sorted(SETS["dev"].glob("*.txt")):
        articles, _, _ = load(path)
        for article in articles:
            paragraphs += [article.text[s:e] for s, e in article.paragraphs or []]
    rng = random.Random(1)
    articles = []
    for number in range(1, 5):
        rng.shuffle(paragraphs)
        articles.append(ArticleText(number, "\n\n".join((paragraphs * 2)[:80])))
    words = sum(len(a.text.split()) for a in articles)
    align(articles[:2], unit=unit)  # type: ignore[arg-type]  # loads wordfreq once
    started = time.perf_counter()
    result = align(articles, unit=unit)  # type: ignore[arg-type]
    elapsed = time.perf_counter() - started
    print(
        f"{unit}: 4 articles, {words} words, 80 paragraphs each: {elapsed:.3f} s, "
        f"{len(result.pairs)} pairs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unit", default="paragraph", choices=["paragraph", "sentence"])
    parser.add_argument("--threshold", type=float, default=0.2)
    parser.add_argument("--relative", type=float, default=0.6)
    parser.add_argument("--set", default="dev", choices=sorted(SETS), help="stories to score")
    parser.add_argument("--sweep", action="store_true", help="try a grid of settings")
    parser.add_argument("--time", action="store_true", help="time 4 long articles")
    parser.add_argument("-v", "--verbose", action="store_true", help="list wrong and missed pairs")
    args = parser.parse_args()
    if args.time:
        time_large(args.unit)
        return
    if args.sweep:
        for unit in ("paragraph", "sentence"):
            for threshold in (0.1, 0.15, 0.2, 0.25, 0.3):
                for relative in (0.5, 0.6, 0.7, 0.8, 1.0):
                    s = score(unit, threshold, relative, SETS[args.set])
                    print(
                        f"{unit:9} t={threshold:.2f} r={relative:.1f}  P={s['precision']:.2f} "
                        f"R={s['recall']:.2f} F1={s['f1']:.2f}  only P={s['only_precision']:.2f} "
                        f"R={s['only_recall']:.2f}"
                    )
        return
    s = score(args.unit, args.threshold, args.relative, SETS[args.set], args.verbose)
    print(
        f"{args.set} {args.unit} threshold={args.threshold} relative={args.relative}: "
        f"pairs P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f} "
        f"(gold pairs {s['pairs_gold']}); only P={s['only_precision']:.3f} "
        f"R={s['only_recall']:.3f}"
    )


if __name__ == "__main__":
    main()
