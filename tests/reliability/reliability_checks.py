"""Assertions about an archive on disk: intact database, whole articles, index in step."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from reader.library import Library
from reader.paths import DB_NAME


@dataclass
class ArchiveState:
    """What an archive holds, read straight from its database file."""

    articles: dict[int, str]  # id -> text
    sources: dict[int, str]  # id -> source path
    index_lag: int  # articles missing from or stale in the index before repair


def verify_database(archive_dir: Path, *, expect_mentions: bool) -> dict[int, str]:
    """Integrity check, then every article whole: original, text, entities.

    Returns:
        article id -> source path.
    """
    conn = sqlite3.connect(archive_dir / DB_NAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = conn.execute(
            "SELECT a.id, a.text, a.text_sha256, a.source_path, b.sha256, b.size, b.data, "
            "(SELECT count(*) FROM mention m WHERE m.article_id = a.id) "
            "FROM article a LEFT JOIN blob b ON b.id = a.blob_id"
        ).fetchall()
        orphans = conn.execute(
            "SELECT count(*) FROM blob WHERE id NOT IN (SELECT blob_id FROM article)"
        ).fetchone()[0]
        bad_mentions = conn.execute(
            "SELECT count(*) FROM mention m JOIN article a ON a.id = m.article_id "
            "WHERE m.start < 0 OR m.end > length(a.text) OR m.start >= m.end"
        ).fetchone()[0]
    finally:
        conn.close()
    sources = {}
    for aid, text, fp, source, sha, size, data, n_mentions in rows:
        assert data is not None, f"article {aid} has no original"
        assert hashlib.sha256(data).hexdigest() == sha and size == len(data)
        assert text.strip(), f"article {aid} has no text"
        assert len(fp) == 64, f"article {aid} has no text fingerprint"
        if expect_mentions:
            assert n_mentions > 0, f"article {aid} ({source}) was stored without its entities"
        sources[aid] = source
    # An original lands in the same transaction as its article: never alone.
    assert orphans == 0, f"{orphans} original(s) stored without an article"
    assert bad_mentions == 0
    return sources


def index_lag(lib: Library) -> int:
    """Articles missing from the index plus index entries of articles that do not exist."""
    indexed = lib.search_index.indexed_ids().get("article", set())
    stored = set(lib.article_ids())
    return len(stored ^ indexed)


def check_then_repair(archive_dir: Path) -> int:
    """`check` must report any index lag and `check --repair` remove it; returns the lag."""
    with Library(archive_dir) as lib:
        lag = index_lag(lib)
        report = lib.check()
        if lag:
            assert not report.ok and any("index" in p for p in report.problems), report.problems
        else:
            assert report.ok, report.problems
        if not report.ok:
            repaired = lib.check(repair=True)
            assert repaired.repaired, "check --repair repaired nothing"
        assert lib.check().ok
        assert index_lag(lib) == 0
    return lag
