"""Search benchmark: Parallax's Whoosh index against SQLite FTS5 on the same corpus and queries.

Usage: .venv/bin/python bench/search/run.py 10000 [--procs 2] [--per-kind 30]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.search import SearchDocument, SearchIndex  # noqa: E402
from reader.search.analysis import STOPWORDS  # noqa: E402

CORPORA = ROOT / "bench" / "corpora"
OUT = ROOT / "bench" / "out"
#: Single articles added one commit each after the queries.
ADDS = 100
KINDS = ["common", "rare", "and", "or", "phrase", "prefix", "fuzzy", "field", "date_sort"]
WORD = re.compile(r"[a-z]{4,}")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def make_queries(docs: list[dict], per_kind: int, seed: int = 11) -> dict[str, list[tuple]]:
    """Deterministic queries per kind as (parallax query, FTS5 MATCH or None, order)."""
    rng = random.Random(seed)
    sample = rng.sample(docs, min(len(docs), 2000))
    df: Counter[str] = Counter()
    for d in sample:
        df.update({w for w in WORD.findall(d["text"].lower()) if w not in STOPWORDS})
    # Sorted by (frequency, word): most_common() breaks ties in set order, which
    # changes with PYTHONHASHSEED.
    ranked = sorted(df, key=lambda w: (-df[w], w))
    common, mid, rare = ranked[:150], ranked[300:3000], ranked[5000:15000] or ranked[-2000:]
    outlets = Counter(d["outlet"] for d in sample).most_common(8)
    q: dict[str, list[tuple]] = {k: [] for k in KINDS}
    for _ in range(per_kind):
        a, b = rng.choice(common), rng.choice(mid)
        q["common"].append((a, a, "rank"))
        r = rng.choice(rare)
        q["rare"].append((r, r, "rank"))
        x, y = rng.sample(mid, 2)
        q["and"].append((f"{x} AND {y}", f"{x} AND {y}", "rank"))
        q["or"].append((f"{x} OR {b}", f"{x} OR {b}", "rank"))
        doc = rng.choice(sample)
        words = [w for w in re.findall(r"[a-z]+", doc["text"].lower())]
        i = rng.randrange(len(words) - 3)
        while words[i] in STOPWORDS or words[i + 1] in STOPWORDS:
            i = rng.randrange(len(words) - 3)
        phrase = f'"{words[i]} {words[i + 1]}"'
        q["phrase"].append((phrase, phrase, "rank"))
        p = rng.choice(mid)[:4]
        q["prefix"].append((f"{p}*", f"{p}*", "rank"))
        f = rng.choice(mid)
        j = rng.randrange(1, len(f))
        typo = f[:j] + ("e" if f[j] != "e" else "a") + f[j + 1 :]
        q["fuzzy"].append((f"{typo}~", None, "rank"))
        outlet = rng.choice(outlets)[0]
        q["field"].append((f'outlet:"{outlet}" {a}', f'outlet:"{outlet}" AND {a}', "rank"))
        q["date_sort"].append((b, b, "date"))
    return q


def build_fts(docs: list[dict], db: Path) -> float:
    if db.exists():
        db.unlink()
    con = sqlite3.connect(db)
    t = time.perf_counter()
    con.execute("CREATE TABLE article(id INTEGER PRIMARY KEY, published TEXT, text TEXT)")
    con.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(title, text, outlet, author, entity, "
        "content='', tokenize='porter unicode61 remove_diacritics 2')"
    )
    with con:
        for d in docs:
            con.execute("INSERT INTO article VALUES (?,?,?)", (d["id"], d["published"], d["text"]))
            con.execute(
                "INSERT INTO fts(rowid, title, text, outlet, author, entity) VALUES (?,?,?,?,?,?)",
                (
                    d["id"],
                    d["title"],
                    d["text"],
                    d["outlet"],
                    " ; ".join(d["authors"]),
                    " ; ".join(d["entities"] + d.get("aliases", [])),
                ),
            )
    dt = time.perf_counter() - t
    con.close()
    return dt


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p * (len(values) - 1))))]


def summary(times: list[float]) -> dict:
    return {"median_ms": round(statistics.median(times), 1), "p95_ms": round(pct(times, 0.95), 1)}


def query_whoosh(index_dir: Path, db: Path, queries: dict, docs_path: Path) -> dict:
    base = rss_mb()
    con = sqlite3.connect(db)

    def text_for(ids: list[int]) -> dict[int, str]:
        marks = ",".join("?" * len(ids))
        return dict(con.execute(f"SELECT id, text FROM article WHERE id IN ({marks})", ids))

    t = time.perf_counter()
    ix = SearchIndex(index_dir)
    ix.search("zzzz")
    first = (time.perf_counter() - t) * 1000
    out: dict = {"open_and_first_query_ms": round(first, 1), "kinds": {}}
    for kind, qs in queries.items():
        times, totals = [], []
        for rep in range(2):  # second pass shows the warm cache
            for query, _, order in qs:
                t = time.perf_counter()
                r = ix.search(
                    query,
                    limit=20,
                    sort="date" if order == "date" else "relevance",
                    text_for=text_for,
                )
                times.append((time.perf_counter() - t) * 1000)
                if rep == 0:
                    totals.append(r.total)
        out["kinds"][kind] = summary(times) | {"median_total": statistics.median(totals)}
    out["rss_mb"] = round(rss_mb() - base, 1)
    out["rss_total_mb"] = round(rss_mb(), 1)
    # Adding single articles to the big index, then the first search that sees each.
    # 100 of them: ordinary commits merge only past 64 small segments, so fewer adds
    # would never show that merge in the tail.
    with docs_path.open(encoding="utf-8") as fh:
        extra = [json.loads(next(fh)) for _ in range(ADDS)]
    adds, after = [], []
    for k, d in enumerate(extra):
        d["id"] = 10_000_000 + k
        t = time.perf_counter()
        ix.add([SearchDocument.from_dict(d)])
        adds.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        ix.search(queries["common"][k % len(queries["common"])][0], text_for=text_for)
        after.append((time.perf_counter() - t) * 1000)
    out["add_one"] = summary(adds) | {"max_ms": round(max(adds), 1), "count": len(adds)}
    out["search_after_add"] = summary(after)
    # The off-path merge that folds those small segments (after an import, on idle).
    t = time.perf_counter()
    merged = ix.merge_small()
    out["merge_small"] = {"segments": merged, "ms": round((time.perf_counter() - t) * 1000)}
    return out


def query_fts(db: Path, queries: dict) -> dict:
    base = rss_mb()
    con = sqlite3.connect(db)
    out: dict = {"kinds": {}}
    for kind, qs in queries.items():
        times, totals = [], []
        for rep in range(2):
            for _, match, order in qs:
                if match is None:
                    continue
                t = time.perf_counter()
                count_sql = "SELECT count(*) FROM fts WHERE fts MATCH ?"
                total = con.execute(count_sql, (match,)).fetchone()[0]
                if order == "date":
                    sql = (
                        "SELECT a.id, a.text FROM fts JOIN article a ON a.id = fts.rowid "
                        "WHERE fts MATCH ? ORDER BY a.published DESC LIMIT 20"
                    )
                else:
                    sql = (
                        "SELECT a.id, a.text FROM fts JOIN article a ON a.id = fts.rowid "
                        "WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 20"
                    )
                rows = con.execute(sql, (match,)).fetchall()
                # contentless FTS5 cannot run snippet(); cut a window as a fair stand-in
                _ = [text[:200] for _, text in rows]
                times.append((time.perf_counter() - t) * 1000)
                if rep == 0:
                    totals.append(total)
        if times:
            out["kinds"][kind] = summary(times) | {"median_total": statistics.median(totals)}
    out["rss_mb"] = round(rss_mb() - base, 1)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("count", type=int)
    ap.add_argument("--procs", type=int, default=1)
    ap.add_argument("--per-kind", type=int, default=30)
    ap.add_argument("--phase", choices=["all", "whoosh", "fts"], default="all")
    ap.add_argument("--skip-build", action="store_true")
    args = ap.parse_args()
    docs_path = CORPORA / f"articles-{args.count}.jsonl"
    work = OUT / f"search-{args.count}"
    index_dir, db = work / "index", work / "fts.sqlite"
    if args.phase != "all":
        queries = json.loads((work / "queries.json").read_text())
        if args.phase == "whoosh":
            res = query_whoosh(index_dir, db, queries, docs_path)
        else:
            res = query_fts(db, queries)
        print(json.dumps(res))
        return
    if not docs_path.exists():
        subprocess.run(
            [sys.executable, str(Path(__file__).with_name("generate.py")), str(args.count)],
            check=True,
        )
    docs = load(docs_path)
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {"count": len(docs), "procs": args.procs}
    if not args.skip_build:
        shutil.rmtree(index_dir, ignore_errors=True)
        ix = SearchIndex(index_dir)
        t, c = time.perf_counter(), time.process_time()
        ix.rebuild((SearchDocument.from_dict(d) for d in docs), procs=args.procs)
        wall, cpu = time.perf_counter() - t, time.process_time() - c
        ix.close()
        report["whoosh_build"] = {
            "seconds": round(wall, 1),
            "per_s": round(len(docs) / wall),
            "main_cpu_s": round(cpu, 1),
        }
        report["whoosh_size_mb"] = round(
            sum(p.stat().st_size for p in index_dir.iterdir()) / 2**20, 1
        )
        fts = build_fts(docs, db)
        report["fts_build"] = {"seconds": round(fts, 1), "per_s": round(len(docs) / fts)}
    queries = make_queries(docs, args.per_kind)
    (work / "queries.json").write_text(json.dumps(queries))
    del docs
    for phase in ("whoosh", "fts"):
        res = subprocess.run(
            [sys.executable, __file__, str(args.count), "--phase", phase],
            check=True,
            capture_output=True,
            text=True,
        )
        report[phase] = json.loads(res.stdout)
    (OUT / f"search-{args.count}.json").write_text(json.dumps(report, indent=1))
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
