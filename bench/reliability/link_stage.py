"""Time the entity linking of one long article apart from spaCy (before/after comparisons).

NER output is computed once and cached in a pickle, so two versions of the linker
can be timed on exactly the same mentions. Usage:

    .venv/bin/python bench/reliability/link_stage.py SIZE_KB CACHE.pickle
"""

from __future__ import annotations

import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

from big_article import long_line  # noqa: E402

from reader.entities import gazetteer  # noqa: E402
from reader.entities.linking import Linker  # noqa: E402


def main(argv: list[str]) -> None:
    size, cache = int(float(argv[0]) * 1000), Path(argv[1])
    if cache.exists():
        text, skip, mentions = pickle.loads(cache.read_bytes())
    else:
        from reader.ingest.document import extract_document
        from reader.library.importer import Importer

        doc = extract_document(long_line(size).encode(), Path("long-line.txt"), frozenset())
        text, skip = doc.extracted.text, doc.extracted.caption_spans()
        importer = Importer(None, max_file_bytes=1 << 62)  # type: ignore[arg-type]
        start = time.perf_counter()
        mentions = importer.find_mentions([doc], 1)[0]
        print(f"NER (find_mentions): {time.perf_counter() - start:.1f} s")
        cache.write_bytes(pickle.dumps((text, skip, mentions)))
    gazetteer.place_id("Lisbon")  # the one-off GeoNames load is not the article's cost
    start = time.perf_counter()
    result = Linker().link_article(mentions, text=text, skip=skip)
    took = time.perf_counter() - start
    print(
        f"{len(text) / 1e6:.2f} MB, {len(mentions)} NER mentions: linking {took:.1f} s, "
        f"{len(result.links)} links, {len(result.new_entities)} entities"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
