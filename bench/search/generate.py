"""Deterministic generator of realistic news-like articles for the search benchmark."""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import wordfreq

VOCAB_SIZE = 30_000
SYLLABLES = (
    "ka ro mi na vo lo da ri pe tra gor kov sky ev an ol ur es ta ni zh ba "
    "dne pro my rno hrad grad pol sk ly man ko sta tin iv ska ya"
).split()
SUFFIXES = ["", "", "sk", "ivka", "ov", "ograd", "ne", "ia", "burg", "ovo"]
KINDS = ("place", "person", "org")


def _name(rng: random.Random) -> str:
    parts = rng.randint(2, 3)
    word = "".join(rng.choice(SYLLABLES) for _ in range(parts)) + rng.choice(SUFFIXES)
    return word.capitalize()


def _variant(rng: random.Random, name: str) -> str:
    """Another spelling of a name, as transliterations and typos produce."""
    swaps = [("y", "i"), ("i", "y"), ("h", "g"), ("g", "h"), ("kh", "h"), ("o", "a"), ("v", "w")]
    rng.shuffle(swaps)
    for old, new in swaps:
        if old in name[1:]:
            return name[0] + name[1:].replace(old, new, 1)
    return name + "e"


class Corpus:
    """Everything the articles draw from, built once from a seed."""

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.words = wordfreq.top_n_list("en", VOCAB_SIZE)
        weights = [wordfreq.word_frequency(w, "en") for w in self.words]
        self.cum = list(itertools.accumulate(weights))
        names = {_name(rng) for _ in range(6000)}
        self.entities = sorted(names)
        rng.shuffle(self.entities)
        # Zipf over entities too: a few are in the news every day.
        self.ent_cum = list(itertools.accumulate(1.0 / (i + 1) for i in range(len(self.entities))))
        self.variants = {e: _variant(rng, e) for e in self.entities[:400]}
        self.persons = [f"{_name(rng)} {_name(rng)}" for _ in range(300)]
        self.outlets = [
            f"The {_name(rng)} {kind}"
            for kind in (
                "Post",
                "Times",
                "Herald",
                "Observer",
                "Independent",
                "Review",
                "Telegraph",
                "Courier",
                "Daily",
                "Monitor",
                "Tribune",
                "Gazette",
            )
        ]
        self.outlets += [f"{_name(rng)} News" for _ in range(12)]

    def _sample_words(self, rng: random.Random, n: int) -> list[str]:
        total = self.cum[-1]
        cum = self.cum
        words = self.words
        return [words[bisect.bisect(cum, rng.random() * total)] for _ in range(n)]

    def article(self, rng: random.Random, art_id: int) -> dict:
        n_words = rng.randint(700, 900)
        ents_total = self.ent_cum[-1]
        k = rng.randint(5, 25)
        ents = {
            self.entities[bisect.bisect(self.ent_cum, rng.random() * ents_total)] for _ in range(k)
        }
        ents = sorted(ents)
        words = self._sample_words(rng, n_words)
        outlet_idx = min(int(rng.paretovariate(1.2)) - 1, len(self.outlets) - 1)
        outlet = self.outlets[outlet_idx]
        # Each outlet sticks to its own spelling of a place, as real outlets do.
        spelled = {
            e: (self.variants[e] if e in self.variants and outlet_idx % 2 else e) for e in ents
        }
        for e in ents:
            for _ in range(rng.randint(1, 4)):
                words[rng.randrange(n_words)] = spelled[e]
        sentences: list[str] = []
        i = 0
        while i < n_words:
            n = rng.randint(8, 25)
            chunk = words[i : i + n]
            sentence = " ".join(chunk)
            sentences.append(sentence[:1].upper() + sentence[1:] + rng.choice(".....?!"))
            i += n
        paras = [" ".join(sentences[j : j + 5]) for j in range(0, len(sentences), 5)]
        title_words = self._sample_words(rng, rng.randint(5, 10))
        title_words.insert(rng.randrange(len(title_words)), ents[0])
        published = date(2024, 1, 1) + timedelta(days=rng.randrange(730))
        return {
            "id": art_id,
            "kind": "article",
            "title": " ".join(title_words)[:1].upper() + " ".join(title_words)[1:],
            "outlet": outlet,
            "authors": [rng.choice(self.persons)],
            "published": published.isoformat() if rng.random() > 0.03 else None,
            "text": "\n\n".join(paras),
            "entities": ents,
            "aliases": [self.variants[e] for e in ents if e in self.variants],
            "tags": [],
            "notes": "",
        }


def generate(count: int, seed: int = 7) -> Iterator[dict]:
    """Yield `count` articles; the same seed always gives the same articles."""
    corpus = Corpus(seed)
    rng = random.Random(seed * 1_000_003)
    for i in range(1, count + 1):
        yield corpus.article(rng, i)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    out = args.out or Path(__file__).parents[1] / "corpora" / f"articles-{args.count}.jsonl"
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for art in generate(args.count, args.seed):
            fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    print(out)


if __name__ == "__main__":
    main()
