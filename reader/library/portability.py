"""Backups and archive files: consistent copies while running, restore, export and merge-import."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from reader import __version__
from reader.archive.migrate import copy_sqlite
from reader.archive.models import Annotation, Article
from reader.paths import DB_NAME, INDEX_DIR

if TYPE_CHECKING:
    from reader.library import Library

MANIFEST = "manifest.json"
# What an archive file may contain; anything else is refused, not extracted.
ARCHIVE_MEMBERS = frozenset({MANIFEST, DB_NAME})
MAX_MEMBER_BYTES = 50 * 1024**3
# The backup being restored is copied here first, then renamed over the database.
RESTORE_SUFFIX = ".restore-part"


class PortabilityError(ValueError):
    """A backup or archive file that cannot be used, with the reason."""


def _manifest(snapshot: Path) -> dict[str, Any]:
    """The manifest of a copied database; counted in the copy, not the live archive,
    which another process may have added to since."""
    conn = sqlite3.connect(snapshot)
    try:
        articles = int(conn.execute("SELECT count(*) FROM article").fetchone()[0])
    finally:
        conn.close()
    return {
        "format": "parallax-archive",
        "version": 1,
        "parallax": __version__,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "articles": articles,
    }


def _require_sqlite(lib: Library) -> Path:
    if lib.db_path is None:
        raise PortabilityError("backups are made of SQLite archives; use your database's tools")
    return lib.db_path


def backup(lib: Library, dest: Path) -> dict[str, Any]:
    """Copy the archive consistently (even while it is in use) into the folder `dest`.

    The database holds the originals, so this one file is everything; the search
    index is derived and rebuilt after a restore.
    """
    db = _require_sqlite(lib)
    dest.mkdir(parents=True, exist_ok=True)
    target = dest / DB_NAME
    if target.exists():
        raise PortabilityError(f"{dest} already holds a backup; choose an empty folder")
    copy_sqlite(db, target)
    manifest = _manifest(target)
    (dest / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return {"backup": str(dest), "articles": manifest["articles"], "bytes": target.stat().st_size}


def check_database_file(path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database of ours."""
    if not path.is_file():
        raise PortabilityError(f"{path}: no such file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise PortabilityError(f"{path}: not a Parallax archive ({exc})") from exc
    if result != "ok":
        raise PortabilityError(f"{path}: the database is damaged ({result})")
    if not {"article", "blob", "alembic_version"} <= tables:
        raise PortabilityError(f"{path}: not a Parallax archive (tables missing)")


def restore(source: Path, archive_dir: Path) -> dict[str, Any]:
    """Bring back a backup folder (or database file) as the archive in `archive_dir`.

    Atomic: the backup is copied to a file beside the live database, synced to
    disk and renamed over it, so a crash at any moment leaves either the old
    archive or the restored one, never none. The current database is first kept
    beside it as `<name>.pre-restore.<time>.bak` (the report says where); the
    search index is removed so that it is rebuilt from the restored data.

    Raises:
        PortabilityError: the source is missing, damaged, not ours, or is this
            archive's own database (restoring it onto itself would lose it).
    """
    src = source / DB_NAME if source.is_dir() else source
    db = archive_dir / DB_NAME
    if _same_file(src, db):
        raise PortabilityError(
            f"{source} is this archive's own database: nothing to restore "
            "(name a backup folder or a copied database file)"
        )
    check_database_file(src)
    archive_dir.mkdir(parents=True, exist_ok=True)
    incoming = db.with_name(db.name + RESTORE_SUFFIX)
    incoming.unlink(missing_ok=True)
    copy_sqlite(src, incoming)
    _fsync(incoming)
    kept: Path | None = None
    if db.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        kept = db.with_name(f"{db.name}.pre-restore.{stamp}.bak")
        copy_sqlite(db, kept)  # the online backup folds the live WAL into the copy
        _fsync(kept)
        _checkpoint(db)  # nothing of the old archive may stay in a WAL beside the new one
    os.replace(incoming, db)
    for suffix in ("-wal", "-shm"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    _fsync_dir(archive_dir)
    shutil.rmtree(archive_dir / INDEX_DIR, ignore_errors=True)
    return {
        "restored": str(src),
        "archive": str(archive_dir),
        "previous": str(kept) if kept else None,
    }


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _checkpoint(db: Path) -> None:
    """Write the live WAL into the database and empty it (TRUNCATE checkpoint)."""
    conn = sqlite3.connect(db)
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    try:
        _fsync(path)
    except OSError:  # some filesystems cannot sync a folder; the rename still stands
        pass


def export_archive(lib: Library, file: Path) -> dict[str, Any]:
    """Write the whole archive (database with originals and annotations) as one zip file."""
    db = _require_sqlite(lib)
    with tempfile.TemporaryDirectory() as tmp:
        snapshot = Path(tmp) / DB_NAME
        copy_sqlite(db, snapshot)
        manifest = _manifest(snapshot)
        partial = file.with_name(file.name + ".part")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
            zf.write(snapshot, DB_NAME)
        partial.replace(file)
    return {"exported": str(file), "articles": manifest["articles"], "bytes": file.stat().st_size}


def _safe_members(zf: zipfile.ZipFile, file: Path) -> None:
    for info in zf.infolist():
        name = PurePosixPath(info.filename)
        if name.is_absolute() or ".." in name.parts or "\\" in info.filename:
            raise PortabilityError(f"{file}: refuses {info.filename!r}: it escapes the archive")
        if info.filename not in ARCHIVE_MEMBERS:
            raise PortabilityError(f"{file}: unexpected member {info.filename!r}")
        if info.file_size > MAX_MEMBER_BYTES:
            raise PortabilityError(f"{file}: member {info.filename!r} is implausibly large")
    if DB_NAME not in zf.namelist():
        raise PortabilityError(f"{file}: no {DB_NAME} inside")


def import_archive(lib: Library, file: Path) -> dict[str, Any]:
    """Merge an archive file into `lib`: new articles land, duplicates are skipped.

    Articles are re-imported from their original bytes (so they get this
    version's extraction and entities); annotations follow, re-anchored by quote.
    """
    from reader.annotations import store as annotation_store
    from reader.library import Library as LibraryClass

    try:
        zf = zipfile.ZipFile(file)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PortabilityError(f"{file}: not a Parallax archive file ({exc})") from exc
    with zf, tempfile.TemporaryDirectory() as tmp:
        _safe_members(zf, file)
        source_dir = Path(tmp) / "source"
        source_dir.mkdir()
        zf.extract(DB_NAME, source_dir)
        check_database_file(source_dir / DB_NAME)
        originals = Path(tmp) / "originals"
        originals.mkdir()
        with LibraryClass(source_dir) as source:
            with source.session() as session:
                for article in session.scalars(select(Article).order_by(Article.id)):
                    suffix = ".html" if article.blob.media_type == "text/html" else ".txt"
                    name = f"{article.id:08d}{suffix}"
                    (originals / name).write_bytes(article.blob.data)
                records = annotation_store.export_records(session)
                n_annotations = len(list(session.scalars(select(Annotation.id))))
        report = lib.import_paths(sorted(originals.iterdir()))
        notes = {"imported": 0, "orphaned": 0, "skipped": 0, "problems": []}
        if records:
            notes = lib.import_annotations(_jsonld(records))
    return {
        "articles_imported": len(report.imported),
        "articles_already_here": len(report.duplicates),
        "articles_failed": [f["error"] for f in report.failed],
        "annotations": n_annotations,
        "annotations_imported": notes["imported"],
        "annotations_already_here": notes["skipped"],
        "annotations_orphaned": notes["orphaned"],
    }


def _jsonld(records: list[Any]) -> str:
    from reader.annotations.jsonld import dumps_jsonld

    return dumps_jsonld(records)
