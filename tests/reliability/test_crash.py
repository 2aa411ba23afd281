"""SIGKILL at seeded random moments during import, reindex and migration loses nothing committed."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reliability_checks import check_then_repair, verify_database
from reliability_children import REPO, ForkServer
from reliability_corpus import Article, as_html, as_pasted, make_article

from reader.archive.migrate import head_revision
from reader.library import Library
from reader.library.portability import check_database_file, restore
from reader.paths import DB_NAME

SEED = 20261121
IMPORT_TRIALS = 30
REINDEX_TRIALS = 8
MIGRATION_TRIALS = 14
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "migrations"


def _write_inbox(folder: Path, rng: random.Random, first: int, count: int) -> dict[str, Article]:
    folder.mkdir(parents=True)
    made = {}
    for n in range(first, first + count):
        article = make_article(rng, n)
        if n % 2:
            (folder / f"a{n:04d}.html").write_text(as_html(article), encoding="utf-8")
        else:
            (folder / f"a{n:04d}.txt").write_text(as_pasted(article, rng), encoding="utf-8")
        made[article.marker] = article
    return made


def _texts(archive: Path) -> list[str]:
    conn = sqlite3.connect(archive / DB_NAME)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM article")]
    finally:
        conn.close()


def _timed(server: ForkServer, argv: list[str]) -> float:
    start = time.monotonic()
    child = server.run(argv)
    assert child.returncode == 0, child.output()
    return time.monotonic() - start


def _killed_at_random(server: ForkServer, argv: list[str], delay: float) -> bool:
    """Run argv, SIGKILL it after `delay` seconds; True if it was still running."""
    child = server.spawn(argv)
    time.sleep(delay)
    server.kill(child)
    code = server.wait(child)
    out, err = child.output()
    if code != -signal.SIGKILL:
        assert code == 0, (out, err)
    assert "Traceback" not in err
    return code == -signal.SIGKILL


def test_sigkill_during_imports_leaves_every_article_whole_or_absent(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    rng = random.Random(SEED)
    archive = tmp_path / "archive"
    expected = _write_inbox(tmp_path / "inbox-0", rng, 0, 4)
    duration = _timed(fork_server, ["--archive", str(archive), "import", str(tmp_path / "inbox-0")])
    killed = lagged = 0
    for trial in range(1, IMPORT_TRIALS + 1):
        inbox = tmp_path / f"inbox-{trial}"
        expected.update(_write_inbox(inbox, rng, 4 * trial, 4))
        # One file of the previous batch again: a duplicate, or the retry of a killed import.
        previous = sorted((tmp_path / f"inbox-{trial - 1}").iterdir())[-1]
        shutil.copy(previous, inbox / f"again-{previous.name}")
        argv = ["--archive", str(archive), "import", str(inbox)]
        killed += _killed_at_random(fork_server, argv, rng.uniform(0.0, 0.9 * duration))
        verify_database(archive, expect_mentions=True)
        lagged += check_then_repair(archive) > 0
    assert killed >= 20, f"only {killed} of {IMPORT_TRIALS} kills landed during the import"

    # Nothing lost: importing every folder again completes the archive, each text once.
    folders = [str(p) for p in sorted(tmp_path.glob("inbox-*"))]
    child = fork_server.run(["--archive", str(archive), "import", *folders])
    assert child.returncode == 0, child.output()
    verify_database(archive, expect_mentions=True)
    texts = _texts(archive)
    assert len(texts) == len(expected)
    assert all(sum(marker in t for t in texts) == 1 for marker in expected)
    assert check_then_repair(archive) == 0
    print(f"import: {killed} kills mid-import, {lagged} left the index behind")


def test_sigkill_during_reindex_is_repaired_by_check(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    rng = random.Random(SEED + 1)
    archive = tmp_path / "archive"
    _write_inbox(tmp_path / "inbox", rng, 0, 30)
    child = fork_server.run(["--archive", str(archive), "import", str(tmp_path / "inbox")])
    assert child.returncode == 0, child.output()
    count = len(_texts(archive))
    duration = _timed(fork_server, ["--archive", str(archive), "reindex"])
    killed = 0
    for _ in range(REINDEX_TRIALS):
        argv = ["--archive", str(archive), "reindex"]
        killed += _killed_at_random(fork_server, argv, rng.uniform(0.0, 0.9 * duration))
        verify_database(archive, expect_mentions=True)
        assert len(_texts(archive)) == count
        check_then_repair(archive)
        with Library(archive) as lib:
            assert lib.search("spokesperson").total == count
    assert killed >= REINDEX_TRIALS // 2
    print(f"reindex: {killed} kills mid-rebuild")


def test_sigkill_during_a_migration_keeps_the_old_or_the_new_archive_and_a_good_backup(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    rng = random.Random(SEED + 2)
    first = sorted(p.stem.removeprefix("rev_") for p in FIXTURES.glob("rev_*.sqlite3"))[0]
    fixture = FIXTURES / f"rev_{first}.sqlite3"
    original_texts = sorted(_texts_of(fixture))

    def fresh(name: str) -> Path:
        folder = tmp_path / name
        folder.mkdir()
        shutil.copyfile(fixture, folder / DB_NAME)
        return folder

    timings = [
        _timed(fork_server, ["--archive", str(fresh(f"timing-{k}")), "list"]) for k in range(3)
    ]
    duration = sorted(timings)[1]
    killed = restored = still_old = 0
    for trial in range(MIGRATION_TRIALS):
        archive = fresh(f"trial-{trial}")
        argv = ["--archive", str(archive), "list"]
        killed += _killed_at_random(fork_server, argv, rng.uniform(0.0, 0.7 * duration))
        # All revisions run in one transaction: the kill leaves the old schema or head.
        still_old += _revision(archive / DB_NAME) == first
        with Library(archive) as lib:  # finishes the upgrade if the kill interrupted it
            head = head_revision(lib._engine)
        assert sorted(_texts_of(archive / DB_NAME)) == original_texts
        for backup in archive.glob(f"{DB_NAME}.*.bak"):
            if backup.name.count(".pre-restore."):
                continue
            check_database_file(backup)
            target = tmp_path / f"restored-{trial}-{backup.name}"
            restore(backup, target)
            assert _revision(target / DB_NAME) == first
            assert sorted(_texts_of(target / DB_NAME)) == original_texts
            with Library(target) as lib:
                assert lib.check(repair=True).problems == [] and lib.check().ok
                assert _revision(target / DB_NAME) == head
            restored += 1
    assert killed >= MIGRATION_TRIALS // 2
    assert restored >= 1
    print(f"migration: {killed} kills, {still_old} left at {first}, {restored} backups restored")


def _texts_of(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [r[0] for r in conn.execute("SELECT text FROM article")]
    finally:
        conn.close()


def _revision(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_of_the_real_cli_process_mid_import(tmp_path: Path) -> None:
    """The same through `python main.py import`, killed once articles are landing."""
    rng = random.Random(SEED + 3)
    archive = tmp_path / "archive"
    expected = _write_inbox(tmp_path / "inbox", rng, 0, 40)
    proc = subprocess.Popen(
        [sys.executable, "main.py", "--archive", str(archive), "import", str(tmp_path / "inbox")],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if (archive / DB_NAME).exists() and _count(archive) >= 1:
            break
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, 0.2))
    proc.send_signal(signal.SIGKILL)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL, "the import ended before it could be killed"
    assert b"Traceback" not in err
    verify_database(archive, expect_mentions=True)
    assert 1 <= len(_texts(archive)) < len(expected)
    check_then_repair(archive)


def _count(archive: Path) -> int:
    try:
        return len(_texts(archive))
    except sqlite3.Error:  # schema not created yet
        return 0
