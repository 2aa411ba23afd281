"""Print a benchmark report (bench/out/search-N.json) as Markdown tables."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> None:
    path = Path(sys.argv[1])
    r = json.loads(path.read_text())
    w, f = r["whoosh"], r["fts"]
    print(f"### {r['count']:,} articles\n")
    if "whoosh_build" in r:
        b = r["whoosh_build"]
        print(
            f"- Parallax build: {b['seconds']} s wall = {b['per_s']} articles/s wall; "
            f"{b['main_cpu_s']} s CPU = {round(r['count'] / b['main_cpu_s'])} articles/s "
            f"per core; index {r['whoosh_size_mb']} MB"
        )
        print(f"- FTS5 build: {r['fts_build']['seconds']} s = {r['fts_build']['per_s']}/s")
    print(
        f"- Parallax open + first query (loads per-segment columns): "
        f"{w['open_and_first_query_ms']} ms"
    )
    print(
        f"- RSS added by the searching process: Parallax {w['rss_mb']} MB "
        f"(process total {w['rss_total_mb']} MB), FTS5 {f['rss_mb']} MB"
    )
    print(
        f"- Add one article (own commit): median {w['add_one']['median_ms']} ms, "
        f"p95 {w['add_one']['p95_ms']} ms; first search after it: median "
        f"{w['search_after_add']['median_ms']} ms, p95 {w['search_after_add']['p95_ms']} ms\n"
    )
    print(
        "| query kind | Parallax median ms | Parallax p95 ms | FTS5 median ms | FTS5 p95 ms "
        "| matches (median) P / F |"
    )
    print("|---|---:|---:|---:|---:|---:|")
    for kind, v in w["kinds"].items():
        fv = f["kinds"].get(kind)
        fm = (fv["median_ms"], fv["p95_ms"], fv["median_total"]) if fv else ("n/a",) * 3
        print(
            f"| {kind} | {v['median_ms']} | {v['p95_ms']} | {fm[0]} | {fm[1]} "
            f"| {v['median_total']:g} / {fm[2] if fv else 'n/a'} |"
        )


if __name__ == "__main__":
    main()
