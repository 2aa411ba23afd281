"""NER throughput on a generated news-like corpus: raw spaCy vs extract_mentions vs linking.

Usage: python bench/entities/throughput.py [N_ARTICLES]   (default 150, ~450 words each)
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.entities.linking import Linker  # noqa: E402
from reader.entities.ner import EXCLUDED_COMPONENTS, MODEL_PACKAGE, extract_mentions  # noqa: E402

PEOPLE = [
    "Anna Hollis",
    "Marek Dvorak",
    "Oleh Sydorenko",
    "Lina Farouk",
    "Tomas Berg",
    "Yulia Kravets",
    "Ahmed Saleh",
    "Grace Okafor",
    "Pieter de Vries",
    "Irina Volkova",
]
PLACES = [
    "Kharkiv",
    "Odesa",
    "Gdansk",
    "Tbilisi",
    "Almaty",
    "Nairobi",
    "Lagos",
    "Vilnius",
    "Mykolaiv",
    "Sumy",
    "Dnipro",
    "Rotterdam",
    "Izmir",
    "Baku",
]
ORGS = [
    "the European Union",
    "NATO",
    "the United Nations",
    "the World Bank",
    "Reuters",
    "the Red Cross",
    "the Defence Ministry",
    "the central bank",
]
SENTENCES = [
    "{p} told reporters in {g} on {d} that talks with {o} would continue.",
    "Officials in {g} said {n} people had been evacuated since {d}.",
    "According to {o}, shelling near {g} damaged {n} buildings overnight.",
    "{p}, who leads the delegation, said the plan was agreed in {g} last week.",
    "The convoy reached {g} after a {n}-hour drive, {o} said in a statement.",
    "Analysts expect prices to rise by {n} percent before {d}, {p} wrote.",
    "Residents of {g} queued for water while engineers repaired the main pipe.",
    "{p} met {q} in {g} to discuss grain exports and border crossings.",
]
DATES = ["Monday", "Tuesday", "March 3", "Dec. 2", "last week", "2024", "October"]


def corpus(n: int, seed: int = 7) -> list[str]:
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        paras = []
        for _ in range(5):
            sents = [
                rnd.choice(SENTENCES).format(
                    p=rnd.choice(PEOPLE),
                    q=rnd.choice(PEOPLE),
                    g=rnd.choice(PLACES),
                    o=rnd.choice(ORGS),
                    d=rnd.choice(DATES),
                    n=rnd.randint(2, 900),
                )
                for _ in range(rnd.randint(4, 6))
            ]
            paras.append(" ".join(sents))
        out.append("\n\n".join(paras))
    return out


def main() -> None:
    import spacy

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    texts = corpus(n)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {n} articles, {words} words")
    full = spacy.load(MODEL_PACKAGE)
    small = spacy.load(MODEL_PACKAGE, exclude=list(EXCLUDED_COMPONENTS))
    same = all(
        [(e.start_char, e.end_char, e.label_) for e in a.ents]
        == [(e.start_char, e.end_char, e.label_) for e in b.ents]
        for a, b in zip(full.pipe(texts[:40]), small.pipe(texts[:40]), strict=True)
    )
    print(f"tok2vec+ner entities identical to the full pipeline on 40 articles: {same}")
    for label, nlp, procs in (
        ("full pipeline", full, 1),
        ("tok2vec+ner", small, 1),
        ("tok2vec+ner", small, 2),
    ):
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32, n_process=procs):
            pass
        dt = time.perf_counter() - start
        print(
            f"raw spaCy {label:13} n_process={procs}: {words / dt:8.0f} words/s "
            f"{n / dt:6.1f} articles/s"
        )
    for procs in (1, 2):
        start = time.perf_counter()
        mentions = extract_mentions([(t, []) for t in texts], n_process=procs)
        dt = time.perf_counter() - start
        print(
            f"extract_mentions       n_process={procs}: {words / dt:8.0f} words/s "
            f"{n / dt:6.1f} articles/s"
        )
    linker = Linker()
    start = time.perf_counter()
    for i, (t, m) in enumerate(zip(texts, mentions, strict=True)):
        linker.link_article(m, article_id=i, text=t)
    dt = time.perf_counter() - start
    print(
        f"linking (first call loads GeoNames): {n / dt:6.1f} articles/s, "
        f"{1000 * dt / n:.1f} ms/article"
    )
    start = time.perf_counter()
    for i, (t, m) in enumerate(zip(texts, mentions, strict=True)):
        linker.link_article(m, article_id=i, text=t)
    dt = time.perf_counter() - start
    print(
        f"linking (warm):                      {n / dt:6.1f} articles/s, "
        f"{1000 * dt / n:.1f} ms/article"
    )


if __name__ == "__main__":
    main()
