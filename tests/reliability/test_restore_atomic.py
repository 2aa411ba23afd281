"""Restore never loses the archive: not onto itself, not by a crash at any moment, not silently."""

from __future__ import annotations

import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_children import ForkServer
from reliability_corpus import as_pasted, make_article

from reader.library import Library, portability
from reader.library.portability import PortabilityError, backup, restore
from reader.paths import DB_NAME, INDEX_DIR

REPO = Path(__file__).resolve().parents[2]


def _cli(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *argv], capture_output=True, text=True, cwd=REPO
    )


def _fill(fork_server: ForkServer, archive: Path, inbox: Path, numbers: range) -> None:
    rng = random.Random(numbers.start)
    inbox.mkdir(parents=True, exist_ok=True)
    for n in numbers:
        (inbox / f"r{n:03d}.txt").write_text(as_pasted(make_article(rng, n), rng), "utf-8")
    child = fork_server.spawn(["--archive", str(archive), "import", str(inbox)])
    assert fork_server.wait(child) == 0, child.output()


def _count(archive: Path) -> int:
    conn = sqlite3.connect(f"file:{archive / DB_NAME}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT count(*) FROM article").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory, fork_server: ForkServer) -> dict:
    """An archive of 9 articles and a backup of it taken at 4."""
    root = tmp_path_factory.mktemp("restore")
    archive = root / "archive"
    _fill(fork_server, archive, root / "in-a", range(4))
    with Library(archive) as lib:
        backup(lib, root / "backup")
    _fill(fork_server, archive, root / "in-b", range(4, 9))
    return {"archive": archive, "backup": root / "backup", "root": root}


def _fresh_copy(archives: dict, name: str) -> Path:
    target = archives["root"] / name
    shutil.copytree(archives["archive"], target)
    return target


@pytest.mark.parametrize("form", ["database file", "archive folder"])
def test_restoring_the_archive_onto_itself_is_refused_and_loses_nothing(
    archives: dict, form: str
) -> None:
    archive = _fresh_copy(archives, f"self-{form.split()[1]}")
    source = archive / DB_NAME if form == "database file" else archive
    result = _cli("--archive", str(archive), "restore", str(source))
    assert result.returncode == 2
    assert "this archive's own database" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert _count(archive) == 9


def test_a_restore_says_where_the_replaced_archive_was_kept(archives: dict) -> None:
    archive = _fresh_copy(archives, "kept")
    result = _cli("--archive", str(archive), "--json", "restore", str(archives["backup"]))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"] == 4
    kept = Path(report["previous"])
    assert kept.parent == archive and kept.is_file()
    conn = sqlite3.connect(kept)
    assert conn.execute("SELECT count(*) FROM article").fetchone()[0] == 9
    conn.close()
    text = _cli(
        "--archive", str(_fresh_copy(archives, "kept-text")), "restore", str(archives["backup"])
    )
    assert ".pre-restore." in text.stdout


def test_a_crash_before_the_rename_leaves_the_old_archive(
    archives: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = _fresh_copy(archives, "crash-rename")

    def die(*_args: object) -> None:
        raise KeyboardInterrupt  # stands for the power going off at that instant

    monkeypatch.setattr(portability.os, "replace", die)
    with pytest.raises(KeyboardInterrupt):
        restore(archives["backup"], archive)
    assert _count(archive) == 9
    monkeypatch.undo()
    restore(archives["backup"], archive)  # a second try over the leftover works
    assert _count(archive) == 4


def test_sigkill_at_random_moments_of_a_restore_leaves_old_or_restored_never_none(
    archives: dict, fork_server: ForkServer
) -> None:
    rng = random.Random(16)
    outcomes = {4: 0, 9: 0}
    for trial in range(12):
        archive = _fresh_copy(archives, f"kill-{trial}")
        child = fork_server.spawn(["--archive", str(archive), "restore", str(archives["backup"])])
        time.sleep(rng.uniform(0, 0.08))
        fork_server.kill(child)
        fork_server.wait(child)
        assert (archive / DB_NAME).is_file(), f"trial {trial}: no database left"
        count = _count(archive)
        assert count in outcomes, f"trial {trial}: {count} articles"
        outcomes[count] += 1
        with Library(archive) as lib:  # and it opens, with its index rebuilt if gone
            assert lib.count_articles() == count
            lib.check(repair=True)
            assert lib.check().ok


def test_an_index_without_its_database_is_reported_not_replaced_by_an_empty_archive(
    archives: dict,
) -> None:
    archive = _fresh_copy(archives, "lost-db")
    (archive / DB_NAME).unlink()
    for suffix in ("-wal", "-shm"):
        (archive / (DB_NAME + suffix)).unlink(missing_ok=True)
    assert (archive / INDEX_DIR).is_dir()
    result = _cli("--archive", str(archive), "list")
    assert result.returncode == 1
    assert f"{DB_NAME} is missing" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (archive / DB_NAME).exists()


def test_restore_refuses_a_missing_source_with_its_name(archives: dict, tmp_path: Path) -> None:
    with pytest.raises(PortabilityError, match="nowhere"):
        restore(tmp_path / "nowhere", _fresh_copy(archives, "missing-src"))
