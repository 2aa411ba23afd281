"""Time (and optionally profile) importing one long single-line article through the Library.

The article is varied generated prose without a line break (a paste from an app
that drops them), as in the hostile-input suite. Usage:

    .venv/bin/python bench/reliability/big_article.py SIZE_KB [--varied] [--profile OUT.prof]
        [--raw-ner] [--stages]

--raw-ner also times spaCy alone over the same text, cut into the same pieces the
importer gives it: the rest of the import is what the archive adds. --stages
prints where the import's time went (extraction, NER, linking + storing, index).
"""

from __future__ import annotations

import cProfile
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

import reliability_corpus  # noqa: E402
from reliability_corpus import make_article  # noqa: E402

from reader.library import Library  # noqa: E402


def _names(rng: random.Random, n: int, syllables: int) -> list[str]:
    """`n` made-up capitalised names, to give the linker many distinct entities."""
    parts = ["ka", "lo", "mi", "ren", "tas", "vo", "dre", "sul", "bi", "nor", "zed", "pa", "hu"]
    return sorted({"".join(rng.choices(parts, k=syllables)).capitalize() for _ in range(n)})


def long_line(size: int, seed: int = 9, *, varied: bool = False) -> str:
    """`size` characters of article prose on one line.

    `varied` draws people and places from thousands of made-up names instead of
    the corpus's few dozen, so the article holds thousands of distinct entities.
    """
    rng = random.Random(seed)
    if varied:
        reliability_corpus.FIRST = _names(rng, 300, 2)
        reliability_corpus.LAST = _names(rng, 3000, 3)
        reliability_corpus.PLACES = _names(rng, 2000, 3)
    pieces: list[str] = []
    total = 0
    while total < size:
        for para in make_article(rng, 50_000 + len(pieces)).paragraphs:
            pieces.append(para)
            total += len(para) + 1
    return " ".join(pieces)[:size]


def main(argv: list[str]) -> None:
    size = int(float(argv[0]) * 1000)
    prof = argv[argv.index("--profile") + 1] if "--profile" in argv else None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "long-line.txt"
        path.write_text(long_line(size, varied="--varied" in argv), encoding="utf-8")
        with Library(Path(tmp) / "arch") as lib:
            lib.warm_up()  # model and gazetteer load are not part of the article's cost
            stages = _time_stages() if "--stages" in argv else {}
            profiler = cProfile.Profile() if prof else None
            start = time.perf_counter()
            if profiler:
                profiler.enable()
            report = lib.import_paths([path])
            if profiler and prof:
                profiler.disable()
                profiler.dump_stats(prof)
            took = time.perf_counter() - start
            with lib.session() as s:
                from sqlalchemy import func, select

                from reader.archive.models import Mention

                mentions = s.scalar(select(func.count()).select_from(Mention))
        imported = len(report.imported)
        print(f"{size / 1e6:.2f} MB: {took:.1f} s, {imported} imported, {mentions} mentions")
        for stage, seconds in stages.items():
            print(f"  {stage}: {seconds:.1f} s")
        if "--raw-ner" in argv:
            print(f"raw spaCy NER on the same pieces: {_raw_ner(lib):.1f} s")


def _time_stages() -> dict[str, float]:
    """Wrap the import's stages with timers; returns the totals, filled as they run."""
    from reader.library import Library as Lib
    from reader.library import entity_store, importer

    totals: dict[str, float] = {}

    def timed(owner: object, name: str, label: str) -> None:
        original = getattr(owner, name)

        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                totals[label] = totals.get(label, 0.0) + time.perf_counter() - start

        setattr(owner, name, wrapper)

    timed(importer.Importer, "_extract", "extraction")
    timed(importer.Importer, "find_mentions", "NER (spaCy + mention cleaning)")
    timed(importer.entity_store, "link_and_store", "linking + storing entities")
    timed(Lib, "_index_articles", "search index")
    del entity_store
    return totals


def _raw_ner(lib: Library) -> float:
    from reader.entities.ner import load_nlp
    from reader.library.importer import NER_PIECE_CHARS, _pieces

    with lib.session() as s:
        from sqlalchemy import select

        from reader.archive.models import Article

        text = s.scalar(select(Article.text)) or ""
    pieces = [text[a:b] for a, b in _pieces(text, NER_PIECE_CHARS)]
    nlp = load_nlp()
    start = time.perf_counter()
    for _ in nlp.pipe(pieces, batch_size=32):
        pass
    return time.perf_counter() - start


if __name__ == "__main__":
    main(sys.argv[1:])
