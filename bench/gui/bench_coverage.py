"""Coverage benchmarks: the GUI part of opening a comparison with its coverage, and the worker.

Usage (offscreen; one JSON line per measurement):
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui/bench_coverage.py --archive /tmp/guiarch
    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui/bench_coverage.py --archive A --profile
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import random
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any


def synthetic(base: Any, words: int) -> tuple[Any, Any]:
    """Two ~`words`-word articles telling one story: a Comparison and its computed Coverage."""
    from reader.compare.alignment import ArticleText, align
    from reader.compare.coverage import coverage as story_coverage
    from reader.gui.comparison import comparison_from_rows, coverage_from_json
    from reader.types import ArticleId

    rng = random.Random(3)
    places = ["Port Elden", "Marrow Bay", "Ostrava", "Lund", "Kesh", "Arvo Lamm"]
    verbs = ["said", "reported", "flooded", "closed", "reopened", "evacuated", "repaired"]
    nouns = ["harbour", "quay", "council", "ferry", "crane", "fare", "crew", "bridge", "road"]
    # A pool of sentences both articles draw from (so passages align), plus their own.
    pool = [
        f"The {rng.choice(nouns)} in {rng.choice(places)} was {rng.choice(verbs)} on "
        f"{rng.randint(1, 28)} March after {rng.randint(2, 900)} {rng.choice(nouns)}s "
        f"{rng.choice(verbs)}."
        for _ in range(120)
    ]
    details, rows, texts = {}, {}, {}
    for aid in (ArticleId(1), ArticleId(2)):
        paragraphs, count = [], 0
        while count < words:
            sentences = [
                rng.choice(pool) if rng.random() < 0.6 else f"Only {aid} says {rng.random():.6f}."
                for _ in range(4)
            ]
            paragraphs.append(" ".join(sentences))
            count += sum(len(s.split()) for s in sentences)
        text = "\n\n".join(paragraphs)
        blocks, start = [], 0
        for chunk in paragraphs:
            blocks.append((start, start + len(chunk), "body"))
            start += len(chunk) + 2
        details[aid] = replace(base, id=aid, text=text, blocks=blocks, words=count)
        texts[aid] = text
        found: dict[str, list[dict[str, Any]]] = {}
        for place in places:
            at = text.find(place)
            while at >= 0:
                found.setdefault(place, []).append(
                    {"id": at, "text": place, "start": at, "end": at + len(place)}
                )
                at = text.find(place, at + 1)
        rows[aid] = [
            {"entity_id": 1 + places.index(k), "entity": k, "type": "GPE", "mentions": v}
            for k, v in found.items()
        ]
    ids = (ArticleId(1), ArticleId(2))
    comparison = comparison_from_rows(ids, details, rows)
    doc = align(
        [ArticleText(i, texts[i], [(s, e) for s, e, _ in details[i].blocks]) for i in ids]
    ).to_json()
    doc.update(
        story_coverage(
            [
                {"id": i, "outlet": f"Outlet {i}", "published": "2025-03-30", "text": texts[i]}
                for i in ids
            ]
        )
    )
    return comparison, coverage_from_json(ids, doc)


def gaps(app: Any, archive: Path, ids: list[int], label: str) -> None:
    """Open the seeds with threaded pools; the longest event-loop gap until coverage is shown."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer

    from reader.gui.mainwindow import MainWindow
    from reader.gui.ops import AppContext
    from reader.gui.settings import Settings
    from reader.gui.workers import Pools
    from reader.library import Library

    settings = Settings(
        QSettings(str(Path(tempfile.mkdtemp()) / "t.ini"), QSettings.Format.IniFormat)
    )
    pools = Pools.threaded()
    window = MainWindow(AppContext(Library(archive), pools), settings)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    control = window.compare.coverage_control
    clock, longest, ticks = QElapsedTimer(), [0], [0]
    loop = QEventLoop()

    def tick() -> None:
        longest[0] = max(longest[0], clock.restart())
        ticks[0] += 1
        if len(window.compare.panes) == len(ids) and not control.pending:
            loop.quit()

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    start = time.perf_counter()
    window.compare.open_articles(ids)
    clock.start()
    timer.start()
    QTimer.singleShot(20_000, loop.quit)
    loop.exec()
    timer.stop()
    print(
        json.dumps(
            {
                "bench": "coverage-threaded-open",
                "mode": label,
                "articles": len(ids),
                "until_coverage_shown_ms": round((time.perf_counter() - start) * 1000, 1),
                "ticks": ticks[0],
                "max_gap_ms": longest[0],
            }
        )
    )
    pools.wait(5000)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--archive", required=True, type=Path)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reader.gui import theme
    from reader.gui.comparison import build_coverage
    from reader.gui.mainwindow import MainWindow
    from reader.gui.ops import AppContext
    from reader.gui.settings import Settings
    from reader.gui.widgets.coverage_controller import coverage_key
    from reader.gui.workers import Pools
    from reader.library import Library

    app = QApplication.instance() or QApplication(sys.argv[:1])
    theme.register_resources()
    theme.apply_theme(app, "light")
    settings = Settings(
        QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    )
    lib = Library(args.archive)
    window = MainWindow(AppContext(lib, Pools.synchronous()), settings)
    window.resize(1600, 1000)
    window.show()
    app.processEvents()

    ids = lib.article_ids()[:3]
    worker = {}
    for n in (2, 3):
        t = time.perf_counter()
        build_coverage(lib, ids[:n])
        worker[f"{n}_seeds_ms"] = round((time.perf_counter() - t) * 1000, 1)
    print(json.dumps({"bench": "coverage-worker", **worker}))

    base = lib.get_article(int(ids[0]))
    comparison, coverage = synthetic(base, args.words)
    control = window.compare.coverage_control
    control.cache[coverage_key(comparison)] = coverage  # as if the worker had answered
    dock = window.coverage_dock  # type: ignore[attr-defined]
    times: dict[str, list[float]] = {"panes": [], "open": [], "hover": []}
    profiler = cProfile.Profile() if args.profile else None
    dock.tabs.setCurrentIndex(1)  # the timeline: the biggest table here

    def open_once(key: str) -> None:
        window.compare.show_comparison(comparison.__class__((), {}))
        app.processEvents()
        if profiler:
            profiler.enable()
        t = time.perf_counter()
        window.compare.show_comparison(comparison)
        app.processEvents()  # panes laid out and painted; the dock's deferred refresh
        times[key].append((time.perf_counter() - t) * 1000)
        if profiler:
            profiler.disable()

    dock.hide()
    # The same panes with the coverage layer switched off, interleaved, for a baseline
    # measured under the same load (the machine is shared).
    times["baseline"] = []
    follow = control.follow
    for _ in range(5):
        open_once("panes")
        control.follow = lambda: None  # type: ignore[method-assign]
        open_once("baseline")
        control.follow = follow  # type: ignore[method-assign]
    dock.show()
    app.processEvents()
    for _ in range(5):
        open_once("open")
        pane = window.compare.panes[0]
        matched = [s for s in coverage.passages(pane.article_id) if not coverage.is_only(1, *s)]  # type: ignore[arg-type]
        t = time.perf_counter()
        for span in matched[:10]:
            control.light(0, span[0])
            app.processEvents()
        times["hover"].append((time.perf_counter() - t) * 1000 / max(1, len(matched[:10])))
    print(
        json.dumps(
            {
                "bench": "coverage-gui",
                "words": [comparison.details[i].words for i in comparison.ids],
                "pairs": len(coverage.pairs),
                "only": {int(k): len(v) for k, v in coverage.only.items()},
                "timeline_rows": dock.timeline.rowCount(),
                "figure_rows": dock.figures.rowCount(),
                "dock_visible": dock.isVisible(),
                "panes_only_ms_median": round(sorted(times["panes"])[2], 1),
                "panes_without_coverage_ms_median": round(sorted(times["baseline"])[2], 1),
                "with_dock_ms_median": round(sorted(times["open"])[2], 1),
                "with_dock_ms_runs": [round(x, 1) for x in times["open"]],
                "hover_ms_median": round(sorted(times["hover"])[2], 2),
            }
        )
    )
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    import reader.gui.widgets.coverage_controller as controller
    from reader.gui.comparison import Coverage

    real = controller.build_coverage
    for label, build in (("with coverage", real), ("no coverage", lambda _l, i: Coverage(i))):
        controller.build_coverage = build  # type: ignore[assignment]
        for _ in range(2):
            gaps(app, args.archive, [int(i) for i in ids], label)
    controller.build_coverage = real
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
