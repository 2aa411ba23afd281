"""Import throughput with NER against raw spaCy NER on the same generated corpus.

    .venv/bin/python bench/importing/run.py [N_ARTICLES]

Writes N pasted-style articles (bench/entities/throughput.py's generator) to a
temporary folder, then times, in one run: raw NER (tok2vec+ner) with 1 and 2
processes over the article texts, and a full `Library.import_paths` into a new
archive (extraction, NER, linking, storing, indexing), reporting words/s and
articles/s for each. Medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "entities"))

from throughput import corpus  # noqa: E402

from reader.entities.ner import load_nlp  # noqa: E402
from reader.library import Library  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=160)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = corpus(args.n)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {args.n} articles, {words} words")
    nlp = load_nlp()
    with tempfile.TemporaryDirectory() as warm:
        with Library(Path(warm)) as lib:
            lib.warm_up()  # model and gazetteer load once per process: not throughput
    results: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for i, text in enumerate(texts):
            (folder / f"a{i:05d}.txt").write_text(f"Generated story number {i}\n\n{text}\n")
        for run in range(args.repeat):
            for procs in (1, 2):
                start = time.perf_counter()
                for _ in nlp.pipe(texts, batch_size=32, n_process=procs):
                    pass
                results.setdefault(f"raw NER, {procs} process(es)", []).append(
                    time.perf_counter() - start
                )
            with Library(Path(tmp) / f"archive{run}") as lib:
                start = time.perf_counter()
                report = lib.import_paths([folder])
                results.setdefault("full import (2 processes for NER)", []).append(
                    time.perf_counter() - start
                )
                assert len(report.imported) == args.n, report.failed[:3]
    for label, times in results.items():
        t = statistics.median(times)
        print(
            f"{label:38} {words / t:8.0f} words/s {args.n / t:7.1f} articles/s "
            f"(median of {len(times)})"
        )
    ratio = statistics.median(results["raw NER, 2 process(es)"]) / statistics.median(
        results["full import (2 processes for NER)"]
    )
    print(f"full import / raw NER on 2 processes: {ratio:.2f}x")


if __name__ == "__main__":
    main()
