"""Alembic revisions form one linear chain, and head matches the models exactly."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from reader.archive.db import make_engine, sqlite_url
from reader.archive.migrate import (
    alembic_config,
    current_revision,
    head_revision,
    upgrade_if_needed,
)
from reader.archive.models import Base


def test_revisions_form_one_linear_chain(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "a.db"))
    script = ScriptDirectory.from_config(alembic_config(engine))
    heads = script.get_heads()
    assert len(heads) == 1
    bases = script.get_bases()
    assert len(bases) == 1
    revisions = list(script.walk_revisions())
    for rev in revisions:
        down = rev.down_revision
        assert down is None or isinstance(down, str), f"{rev.revision} is a merge point"
    # Every revision is reachable from head by following down_revision.
    assert len(revisions) == len({r.revision for r in revisions})


def test_upgrading_an_empty_database_matches_the_models(tmp_path: Path) -> None:
    engine = make_engine(sqlite_url(tmp_path / "a.db"))
    backup = upgrade_if_needed(engine, tmp_path / "a.db")
    assert backup is None  # nothing to back up in a new archive
    assert current_revision(engine) == head_revision(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_an_archive_behind_head_is_backed_up_then_upgraded(tmp_path: Path) -> None:
    from alembic import command

    db = tmp_path / "a.db"
    engine = make_engine(sqlite_url(db))
    cfg = alembic_config(engine)
    first = list(ScriptDirectory.from_config(cfg).walk_revisions())[-1].revision
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, first)
    assert current_revision(engine) != head_revision(engine)

    backup = upgrade_if_needed(engine, db)

    assert backup is not None and backup.exists()
    assert backup.name.startswith("a.db.") and backup.suffix == ".bak"
    assert current_revision(engine) == head_revision(engine)
    backup_engine = make_engine(sqlite_url(backup))
    assert current_revision(backup_engine) == first  # the copy is the pre-upgrade archive
