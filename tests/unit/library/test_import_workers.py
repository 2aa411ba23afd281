"""Big imports recognise entities in worker processes: same entities, no stray processes."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from reader.entities import ner_pool
from reader.library import Library
from reader.library import importer as importer_module

pytestmark = pytest.mark.slow  # loads the NER model

TOWNS = ["Valdoria", "Kessenburg", "Marrowdale", "Ostrava", "Lindqvist Bay"]


def _write_batch(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        town = TOWNS[i % len(TOWNS)]
        (folder / f"report-{i:03d}.txt").write_text(
            f"Ferry service resumes in {town}, report {i}\n\n"
            f"The ferry between {town} and Port Halden resumed on Monday after a "
            f"storm closed the crossing for {i + 2} days, the harbour authority said.\n\n"
            f"Mayor Elena Sorvik told reporters in {town} that repairs to the pier "
            f"would cost about {i + 10} thousand euros.\n",
            encoding="utf-8",
        )


def _entity_names(lib: Library) -> list[set[str]]:
    return [
        {e["entity"] for e in lib.article_entities(int(a.id))}
        for a in sorted(lib.list_articles(), key=lambda s: s.title)
    ]


def test_a_big_import_through_the_worker_pool_finds_what_one_process_finds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 4 * importer_module.CHUNK  # the size from which imports use the pool
    _write_batch(tmp_path / "in", count)
    started: list[int] = []
    real_pool = ner_pool.NerPool

    def counting_pool(processes: int = 2) -> ner_pool.NerPool:
        started.append(processes)
        return real_pool(processes)

    monkeypatch.setattr(importer_module, "NerPool", counting_pool)
    with Library(tmp_path / "pooled") as pooled:
        report = pooled.import_paths([tmp_path / "in"])
        assert len(report.imported) == count and not report.failed
        with_pool = _entity_names(pooled)
    assert started == [2]  # one pool for the whole import, not one per chunk

    monkeypatch.setattr(importer_module, "NerPool", lambda *_: None)
    with Library(tmp_path / "alone") as alone:
        alone.import_paths([tmp_path / "in"])
        assert _entity_names(alone) == with_pool
    assert all("Port Halden" in names for names in with_pool)
    assert not multiprocessing.active_children()  # the workers stopped with the import


def test_when_a_worker_dies_the_files_are_recognised_in_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    count = 4 * importer_module.CHUNK
    _write_batch(tmp_path / "in", count)

    def broken(_docs: object) -> object:
        raise MemoryError("worker gave up")

    monkeypatch.setattr(ner_pool, "_recognise", broken)
    with Library(tmp_path / "arch") as lib:
        report = lib.import_paths([tmp_path / "in"])
        assert len(report.imported) == count and not report.failed
        names = _entity_names(lib)
    assert all(names)  # every article still has its entities
