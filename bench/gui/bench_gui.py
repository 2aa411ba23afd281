"""GUI benchmarks: cold start with 10k articles, opening a comparison, event-loop gaps on import.

Usage (offscreen is enough; numbers go to stdout as JSON lines; B=bench/gui/bench_gui.py):
    .venv/bin/python $B make-archive --seed-archive /tmp/guiarch --out /tmp/gui10k
    QT_QPA_PLATFORM=offscreen .venv/bin/python $B cold-start --archive /tmp/gui10k
    QT_QPA_PLATFORM=offscreen .venv/bin/python $B compare --archive /tmp/guiarch
    QT_QPA_PLATFORM=offscreen .venv/bin/python $B import-gaps --files 200
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402 (the clock starts before the imports it measures)
import importlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import sqlite3  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

# import-gaps --in-thread: import on the writer thread as before, not in a child process.
IN_THREAD = False


def make_archive(seed_archive: Path, out: Path, n: int) -> None:
    """Copy an archive and multiply its articles by SQL to `n` rows (no NER, no index)."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(seed_archive / "archive.sqlite3", out / "archive.sqlite3")
    db = sqlite3.connect(out / "archive.sqlite3")
    cols = [r[1] for r in db.execute("PRAGMA table_info(article)") if r[1] != "id"]
    base = db.execute(f"SELECT {', '.join(cols)} FROM article").fetchall()
    rng = random.Random(7)
    have = len(base)
    rows = []
    for i in range(have, n):
        row = dict(zip(cols, base[i % len(base)], strict=True))
        row["title"] = f"{row['title']} (copy {i})"
        row["text_sha256"] = f"{rng.getrandbits(256):064x}"
        row["published"] = f"20{rng.randint(10, 25)}-{rng.randint(1, 12):02d}-01"
        row["near_group"] = None
        rows.append(tuple(row[c] for c in cols))
    marks = ", ".join("?" for _ in cols)
    db.executemany(f"INSERT INTO article ({', '.join(cols)}) VALUES ({marks})", rows)
    db.commit()
    print(json.dumps({"archive": str(out), "articles": n}))


def _app():  # type: ignore[no-untyped-def]
    # In the app's own import order (reader.gui.app loads the Qt-free core first).
    importlib.import_module("reader.gui.app")
    from PySide6.QtWidgets import QApplication

    from reader.gui import theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    theme.register_resources()
    theme.apply_theme(app, "light")
    return app


def _window(archive: Path, synchronous: bool):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from reader.gui.mainwindow import MainWindow
    from reader.gui.ops import AppContext
    from reader.gui.settings import Settings
    from reader.gui.workers import Pools
    from reader.library import Library
    from reader.library.import_process import ImportProcess

    ini = Path(tempfile.mkdtemp()) / "s.ini"
    settings = Settings(QSettings(str(ini), QSettings.Format.IniFormat))
    pools = Pools.synchronous() if synchronous else Pools.threaded()
    library = Library(archive)
    # As run_app does: threaded imports go to a child process unless --in-thread.
    child = None if synchronous or IN_THREAD else ImportProcess.for_library(library)
    window = MainWindow(AppContext(library, pools, child), settings)
    window.resize(1600, 1000)
    return window


def cold_start(archive: Path) -> None:
    """Process start (this script's first line) to the first event-loop tick after show()."""
    from PySide6.QtCore import QTimer

    app = _app()
    t_app = time.perf_counter()
    window = _window(archive, synchronous=False)
    window.show()
    t_shown = time.perf_counter()
    result: dict[str, float] = {}

    def tick() -> None:
        result["interactive_s"] = time.perf_counter() - T0
        # Scroll to the end of the list: rows are fetched on demand.
        table = window.library_view.table
        t = time.perf_counter()
        table.scrollToBottom()
        app.processEvents()  # bench only: force the paint we are timing
        result["scroll_to_end_ms"] = (time.perf_counter() - t) * 1000
        app.quit()

    QTimer.singleShot(0, tick)
    app.exec()
    print(
        json.dumps(
            {
                "bench": "cold-start",
                "articles": window.library_view.model.rowCount(),
                "imports_and_qapp_s": round(t_app - T0, 3),
                "window_shown_s": round(t_shown - T0, 3),
                "interactive_s": round(result["interactive_s"], 3),
                "scroll_to_end_ms": round(result["scroll_to_end_ms"], 1),
                "rows_cached": window.library_view.model.cached_rows(),
            }
        )
    )
    window.close()


def compare(archive: Path, words: int) -> None:
    """Open two articles side by side with highlights: archive round trip and GUI part."""
    from reader.gui.comparison import comparison_from_rows
    from reader.records import ArticleDetail
    from reader.types import ArticleId

    app = _app()
    window = _window(archive, synchronous=True)
    window.show()
    app.processEvents()
    ids = window.ctx.library.article_ids()[:2]
    times = []
    for _ in range(5):
        t = time.perf_counter()
        window.compare.open_articles(ids)
        app.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    real_words = [window.compare.comparison.details[i].words for i in ids]
    # Synthetic 2,000-word articles with a mention every ~12 words, half shared.
    vocab = ["harbour", "quay", "council", "ferry", "crane", "fare", "crew", "island"]
    places = ["Port Elden", "Marrow Bay", "Ostrava", "Lund", "Kesh", "Arvo Lamm"]
    rng = random.Random(3)
    details: dict[ArticleId, ArticleDetail] = {}
    rows: dict[ArticleId, list[dict[str, object]]] = {}
    for aid in (ArticleId(1), ArticleId(2)):
        parts: list[str] = []
        found: dict[str, list[dict[str, object]]] = {}
        pos = 0
        for w in range(words):
            token = rng.choice(vocab)
            if w % 12 == 0:
                token = rng.choice(places if aid == 1 else places[:4] + ["Tarn", "Vell"])
                found.setdefault(token, []).append(
                    {"id": w, "text": token, "start": pos, "end": pos + len(token)}
                )
            parts.append(token)
            pos += len(token) + (2 if w % 60 == 59 else 1)
            parts.append("\n\n" if w % 60 == 59 else " ")
        text = "".join(parts)
        base = window.compare.comparison.details[ids[0]]
        from dataclasses import replace

        blocks = []
        start = 0
        for chunk in text.split("\n\n"):
            blocks.append((start, start + len(chunk), "body"))
            start += len(chunk) + 2
        details[aid] = replace(base, id=aid, text=text, blocks=blocks, words=words)
        rows[aid] = [
            {
                "entity_id": 1 + places.index(k) if k in places else 100 + len(k),
                "entity": k,
                "type": "GPE",
                "mentions": v,
            }
            for k, v in found.items()
        ]
    synthetic = comparison_from_rows((ArticleId(1), ArticleId(2)), details, rows)
    gui_times = []
    for _ in range(5):
        t = time.perf_counter()
        window.compare.show_comparison(synthetic)
        app.processEvents()
        gui_times.append((time.perf_counter() - t) * 1000)
    print(
        json.dumps(
            {
                "bench": "compare",
                "real_articles_words": real_words,
                "real_open_ms_median": round(sorted(times)[2], 1),
                "real_open_ms_first": round(times[0], 1),
                "synthetic_words": words,
                "synthetic_mentions": [len(synthetic.mentions[a]) for a in synthetic.ids],
                "synthetic_shared": len(synthetic.shared),
                "synthetic_render_ms_median": round(sorted(gui_times)[2], 1),
            }
        )
    )
    window.close()


def import_gaps(n_files: int, source: Path) -> None:
    """Import `n_files` through the threaded writer; record the longest event-loop gap."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    app = _app()
    tmp = Path(tempfile.mkdtemp())
    archive = tmp / "archive"
    files = tmp / "in"
    files.mkdir()
    texts = [
        p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt")) if p.stat().st_size
    ]
    for i in range(n_files):
        body = texts[i % len(texts)]
        (files / f"item-{i:03d}.txt").write_text(
            body.replace("\n\n", f"\n\nItem {i} adds a sentence of its own.\n\n", 1)
        )
    window = _window(archive, synchronous=False)
    window.show()
    clock = QElapsedTimer()
    clock.start()
    gaps: list[int] = []
    last = [clock.elapsed()]

    long_gaps: list[tuple[int, int, str]] = []

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        if now - last[0] > 100:
            phase = "importing" if window.import_op is not None else "after import"
            long_gaps.append((now, now - last[0], phase))
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    timer.start()
    started = time.perf_counter()
    op = window.import_paths([files])
    assert op is not None

    def check_done() -> None:
        if window.import_op is None:
            app.quit()

    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(check_done)
    poll.start()
    app.exec()
    timer.stop()
    duration = time.perf_counter() - started
    report = window.last_summary.report if window.last_summary else None
    gaps_sorted = sorted(gaps)
    print(
        json.dumps(
            {
                "bench": "import-gaps",
                "mode": "thread" if IN_THREAD else "child process",
                "files": n_files,
                "imported": len(report.imported) if report else None,
                "duplicates": len(report.duplicates) if report else None,
                "failed": len(report.failed) if report else None,
                "seconds": round(duration, 1),
                "ticks": len(gaps),
                "max_gap_ms": max(gaps) if gaps else None,
                "p99_gap_ms": gaps_sorted[int(len(gaps_sorted) * 0.99)] if gaps else None,
                "gaps_over_100ms": sum(1 for g in gaps if g > 100),
                "long_gaps_at_ms": long_gaps,
            }
        )
    )
    if window.last_summary:
        window.last_summary.close()
    window.close()
    window.ctx.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("make-archive")
    p.add_argument("--seed-archive", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--n", type=int, default=10_000)
    p = sub.add_parser("cold-start")
    p.add_argument("--archive", type=Path, required=True)
    p = sub.add_parser("compare")
    p.add_argument("--archive", type=Path, required=True)
    p.add_argument("--words", type=int, default=2000)
    p = sub.add_parser("import-gaps")
    p.add_argument("--files", type=int, default=200)
    p.add_argument("--source", type=Path, default=Path("tests/fixtures/gui"))
    p.add_argument("--in-thread", action="store_true", help="no import child process")
    args = parser.parse_args()
    if args.cmd == "make-archive":
        make_archive(args.seed_archive, args.out, args.n)
    elif args.cmd == "cold-start":
        cold_start(args.archive)
    elif args.cmd == "compare":
        compare(args.archive, args.words)
    else:
        global IN_THREAD
        IN_THREAD = args.in_thread
        import_gaps(args.files, args.source)
    sys.stdout.flush()
    # Skip interpreter teardown: PySide6 can crash while collecting widgets at exit
    # in a script that never ran the window's close path (the app itself exits cleanly).
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
