"""Every released schema revision, with data, upgrades to head with nothing lost."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from reader.archive.db import make_engine
from reader.archive.migrate import alembic_config, head_revision
from reader.library import Library
from reader.paths import DB_NAME

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "migrations"


def _revisions() -> list[str]:
    script = ScriptDirectory.from_config(alembic_config(make_engine("sqlite://")))
    return [r.revision for r in script.walk_revisions()]


def _rows(db: Path) -> dict[str, tuple[list[str], set[tuple[object, ...]]]]:
    """Every table's columns and rows (alembic's own bookkeeping aside)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            if r[0] != "alembic_version" and not r[0].startswith("sqlite_")
        ]
        out = {}
        for table in names:
            cur = conn.execute(f'SELECT * FROM "{table}"')
            out[table] = ([d[0] for d in cur.description], set(cur.fetchall()))
        return out
    finally:
        conn.close()


def _project(columns: list[str], rows: set[tuple[object, ...]], keep: list[str]) -> set[tuple]:
    index = [columns.index(c) for c in keep]
    return {tuple(row[i] for i in index) for row in rows}


def test_there_is_a_fixture_for_every_revision() -> None:
    have = {p.stem.removeprefix("rev_") for p in FIXTURES.glob("rev_*.sqlite3")}
    assert have == set(_revisions()), "run bench/reliability/make_migration_fixture.py"
    assert all(p.stat().st_size < 200_000 for p in FIXTURES.glob("*.sqlite3"))


@pytest.mark.parametrize("revision", _revisions())
def test_an_archive_at_each_revision_upgrades_to_head_with_nothing_lost(
    tmp_path: Path, revision: str
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    db = archive / DB_NAME
    shutil.copyfile(FIXTURES / f"rev_{revision}.sqlite3", db)
    before = _rows(db)
    assert before["article"][1], "the fixture holds data"

    with Library(archive) as lib:
        at_head = revision == head_revision(lib._engine)
        assert (lib.migration_backup is None) == at_head
        after = _rows(db)
        for table, (columns, rows) in before.items():
            assert table in after, f"table {table} was dropped"
            new_columns, new_rows = after[table]
            assert set(columns) <= set(new_columns), f"columns of {table} were dropped"
            lost = rows - _project(new_columns, new_rows, columns)
            assert lost == set(), f"{len(lost)} row(s) of {table} lost or changed"

        # The upgraded archive is usable: originals intact, texts readable, index rebuilt.
        columns, rows = before["article"]
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            detail = lib.get_article(record["id"])
            assert detail is not None and detail.text == record["text"]
            original = lib.original_bytes(record["id"])
            assert original is not None and hashlib.sha256(original).hexdigest() == detail.sha256
        assert lib.check(repair=True).problems == []
        assert lib.check().ok
        assert lib.search("Texel").total >= 2
        if "annotation" in before:
            notes = {a.note for a in lib.annotations()}
            assert "rounded" in notes and len(lib.annotations()) == len(before["annotation"][1])
        if "mention" in before:
            ferry = next(r for r in lib.list_articles() if "Texel" in r.title)
            assert {e["entity"] for e in lib.article_entities(ferry.id)} >= {"Texel", "TESO"}

    if not at_head:
        assert lib.migration_backup is not None
        conn = sqlite3.connect(lib.migration_backup)
        try:
            kept = conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            conn.close()
        assert kept == revision  # the copy taken before upgrading is the old archive


def test_a_migration_that_fails_half_way_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.archive import migrate

    first = sorted(_revisions())[0]
    archive = tmp_path / "archive"
    archive.mkdir()
    db = archive / DB_NAME
    shutil.copyfile(FIXTURES / f"rev_{first}.sqlite3", db)
    before = _rows(db)

    def fail(_conn: object) -> None:  # every revision's DDL has run by now
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrate, "_check_foreign_keys", fail)
    with pytest.raises(RuntimeError, match="power cut"):
        Library(archive)
    assert _rows(db) == before  # no table of a later revision was left behind
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == first
    finally:
        conn.close()
    monkeypatch.undo()
    with Library(archive) as lib:  # and the next start upgrades normally
        assert lib.count_articles() == len(before["article"][1])
