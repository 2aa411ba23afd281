"""Bring an archive's schema to head with Alembic, backing the database up first."""

from __future__ import annotations

import ast
import logging
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, event, text
from sqlalchemy.exc import DBAPIError

from reader.archive.db import make_engine
from reader.bundled import bundled_dir

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger("reader.archive")

MIGRATIONS_DIR = bundled_dir("migrations")


def alembic_config(engine: Engine) -> Config:
    """An Alembic config pointing at our migrations and at `engine`'s database."""
    from alembic.config import Config  # Alembic takes ~0.1 s to import: only when needed

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["url"] = engine.url.render_as_string(hide_password=False)
    return cfg


def head_revision(engine: Engine) -> str | None:
    """The newest revision in migrations/."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def is_at_head(engine: Engine) -> bool:
    """Whether the schema is up to date."""
    return current_revision(engine) == head_revision(engine)


def upgrade_if_needed(engine: Engine, db_path: Path | None = None) -> Path | None:
    """Upgrade to head when behind; returns the backup made before upgrading, if any.

    A brand-new database is created without a backup. An existing one is first
    copied with SQLite's online backup to `<name>.<UTC timestamp>.bak` beside it,
    so a failed or interrupted migration can be undone by restoring that file.
    """
    quick = _quick_revision(engine)
    if quick is not None and quick == _quick_head():
        return None  # the usual case, decided without importing Alembic
    from alembic import command

    current = current_revision(engine)
    if current == head_revision(engine):
        return None
    backup: Path | None = None
    if current is not None and db_path is not None and db_path.exists():
        backup = backup_database(db_path)
        log.info("archive schema %s is behind; backed up to %s", current, backup)
    cfg = alembic_config(engine)
    migrator = _transactional_sqlite(engine)
    try:
        with migrator.begin() as conn:
            cfg.attributes["connection"] = conn
            # Alembic reads the revision again inside this transaction, so a second
            # process that waited for the lock finds the work done.
            command.upgrade(cfg, "head")
            _check_foreign_keys(conn)
    finally:
        if migrator is not engine:
            migrator.dispose()
    return backup


def _quick_revision(engine: Engine) -> str | None:
    """The database's revision read straight from alembic_version; None if unsure."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:  # no such table yet: a new archive
        return None
    return str(rows[0][0]) if len(rows) == 1 else None


def _quick_head() -> str | None:
    """The single head of migrations/versions, read from the scripts' text; None if unsure.

    Only a plain linear history is decided here (every script with literal
    `revision` and `down_revision`); anything else is left to Alembic.
    """
    parents: dict[str, str | None] = {}
    try:
        scripts = sorted((MIGRATIONS_DIR / "versions").glob("*.py"))
        for script in scripts:
            found: dict[str, object] = {}
            for node in ast.parse(script.read_text(encoding="utf-8")).body:
                target: ast.expr | None = None
                if isinstance(node, ast.AnnAssign):
                    target = node.target
                elif isinstance(node, ast.Assign) and len(node.targets) == 1:
                    target = node.targets[0]
                value = getattr(node, "value", None)
                if isinstance(target, ast.Name) and isinstance(value, ast.Constant):
                    found[target.id] = value.value
            revision, parent = found.get("revision"), found.get("down_revision")
            if not isinstance(revision, str) or not isinstance(parent, str | None):
                return None
            parents[revision] = parent
    except (OSError, SyntaxError, ValueError):
        return None
    heads = set(parents) - {p for p in parents.values() if p is not None}
    return heads.pop() if len(heads) == 1 else None


def _transactional_sqlite(engine: Engine) -> Engine:
    """An engine on the same SQLite file whose DDL runs inside one transaction.

    Python's sqlite3 driver commits before every CREATE/DROP by default, so a kill
    mid-upgrade would leave new tables under the old revision number and an archive
    that no longer opens. With the driver's own transaction handling off and an
    explicit BEGIN IMMEDIATE, all revisions commit together or not at all. Foreign
    keys are off while migrating (SQLite's advice for table rebuilds: dropping a
    parent table would otherwise cascade-delete its children) and checked at the end.
    """
    if engine.dialect.name != "sqlite" or engine.url.database in (None, "", ":memory:"):
        return engine
    migrator = make_engine(engine.url.render_as_string(hide_password=False))

    def on_connect(dbapi_connection: object, _record: object) -> None:
        dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[attr-defined]

    def on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(migrator, "connect", on_connect)
    event.listen(migrator, "begin", on_begin)
    return migrator


def _check_foreign_keys(conn: Connection) -> None:
    if conn.dialect.name != "sqlite":
        return
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left {len(broken)} broken reference(s); nothing changed")


def backup_database(db_path: Path) -> Path:
    """Copy a live SQLite database consistently to a timestamped file beside it."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = db_path.with_name(f"{db_path.name}.{stamp}.bak")
    copy_sqlite(db_path, target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """SQLite online backup of `source` into a fresh file at `target`."""
    tmp = target.with_name(target.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    shutil.move(tmp, target)
