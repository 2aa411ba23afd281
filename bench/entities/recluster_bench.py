"""Time `reindex` (entity re-clustering + search index rebuild) on a generated archive.

    .venv/bin/python bench/entities/recluster_bench.py [N_ARTICLES]

Imports N pasted-style articles (bench/entities/throughput.py's generator) into a
temporary archive, then times the re-clustering alone and the whole `reindex`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import corpus  # noqa: E402

from reader.library import Library  # noqa: E402
from reader.library.recluster import recluster  # noqa: E402


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 200
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for k, text in enumerate(corpus(n)):
            (folder / f"a{k:04d}.txt").write_text(text, encoding="utf-8")
        with Library(Path(tmp) / "arch") as lib:
            lib.import_paths([folder])
            articles = lib.count_articles()
            start = time.perf_counter()
            report = recluster(lib._sessions)  # noqa: SLF001 - the bench times the step alone
            alone = time.perf_counter() - start
            start = time.perf_counter()
            lib.reindex()
            whole = time.perf_counter() - start
    print(
        f"{articles} articles, {report['mentions']} mentions: re-clustering {alone:.1f} s "
        f"({articles / alone:.0f} articles/s), whole reindex {whole:.1f} s; "
        f"entities {report['entities_before']} -> {report['entities']}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
