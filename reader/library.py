"""The façade over the archive: the one entry point of the CLI and the GUI."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from reader import PIPELINE_VERSION
from reader.annotations import store as annotation_store
from reader.archive import repo
from reader.archive.db import make_engine, session_scope, sqlite_url
from reader.archive.migrate import upgrade_if_needed
from reader.archive.models import Annotation, Article, Blob
from reader.importer import Importer
from reader.ingest.document import extract_document
from reader.ingest.walk import read_limited
from reader.paths import DB_NAME, INDEX_DIR
from reader.records import (
    AnnotationView,
    ArticleDetail,
    ArticleSummary,
    CheckReport,
    ImportReport,
)
from reader.types import ArticleId

log = logging.getLogger("reader.library")

DEFAULT_MAX_FILE_BYTES = 20_000_000

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


class Library:
    """An open archive: a folder holding the database, originals and search index.

    Attributes:
        archive_dir: the archive folder.
        max_file_bytes: files larger than this are refused at import.
        migration_backup: the database copy made before upgrading an older
            schema when this archive was opened, if any.
    """

    def __init__(
        self,
        archive_dir: Path,
        *,
        db_url: str | None = None,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    ) -> None:
        """Open (creating or upgrading as needed) the archive in `archive_dir`."""
        self.archive_dir = Path(archive_dir)
        self.archive_dir.mkdir(parents=True, exist_ok=True)
        self.max_file_bytes = max_file_bytes
        self.db_path: Path | None = None if db_url else self.archive_dir / DB_NAME
        url = db_url or sqlite_url(self.archive_dir / DB_NAME)
        self._engine: Engine = make_engine(url)
        self.migration_backup = upgrade_if_needed(self._engine, self.db_path)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    @property
    def index_dir(self) -> Path:
        """Where the derived full-text index lives."""
        return self.archive_dir / INDEX_DIR

    def close(self) -> None:
        """Release database connections."""
        self._engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def session(self) -> Session:
        """A new session (the caller closes it); for the archive's own modules and tests."""
        return self._sessions()

    # -- importing ---------------------------------------------------------

    def import_paths(
        self,
        paths: Sequence[Path],
        *,
        progress: ProgressCallback | None = None,
        should_cancel: CancelCheck | None = None,
    ) -> ImportReport:
        """Import files and folders (recursively); each file lands whole or not at all.

        Args:
            paths: files and folders.
            progress: called with (done, total, path) before each file.
            should_cancel: polled between files; True stops the batch cleanly.
        """
        importer = Importer(self._sessions, max_file_bytes=self.max_file_bytes)
        return importer.run([Path(p) for p in paths], progress, should_cancel)

    def extract_file(self, path: Path) -> dict[str, Any]:
        """Extraction only, nothing written: the `extract --json` document."""
        data = read_limited(Path(path), self.max_file_bytes)
        return extraction_json(data, Path(path))

    # -- reading -----------------------------------------------------------

    def list_articles(self) -> list[ArticleSummary]:
        """Every article, in import order."""
        with self._sessions() as session:
            return repo.summaries(session)

    def summaries(self, ids: list[int]) -> list[ArticleSummary]:
        """Library rows for these ids, in the order given."""
        with self._sessions() as session:
            return repo.summaries(session, ids)

    def article_ids(self) -> list[ArticleId]:
        """All article ids, in import order."""
        with self._sessions() as session:
            return [ArticleId(i) for i in session.scalars(select(Article.id).order_by(Article.id))]

    def count_articles(self) -> int:
        """How many articles the archive holds."""
        with self._sessions() as session:
            return int(session.scalar(select(func.count(Article.id))) or 0)

    def get_article(self, article_id: int) -> ArticleDetail | None:
        """One article with its text, or None if there is no such id."""
        with self._sessions() as session:
            return repo.detail(session, article_id)

    def original_bytes(self, article_id: int) -> bytes | None:
        """The original file's bytes, exactly as imported."""
        with self._sessions() as session:
            article = session.get(Article, article_id)
            return None if article is None else article.blob.data

    # -- annotations -------------------------------------------------------

    def annotate(
        self,
        article_id: int,
        *,
        start: int | None = None,
        end: int | None = None,
        quote: str | None = None,
        note: str = "",
        tags: Sequence[str] = (),
        colour: str = "yellow",
    ) -> AnnotationView:
        """Highlight a span (by offsets, or the first match of `quote`) with a note and tags."""
        with session_scope(self._sessions) as session:
            row = annotation_store.create(
                session,
                article_id,
                start=start,
                end=end,
                quote=quote,
                note=note,
                tags=tags,
                colour=colour,
            )
            return annotation_store.view(row)

    def annotations(
        self, *, article_id: int | None = None, tag: str | None = None
    ) -> list[AnnotationView]:
        """Annotations in text order, optionally of one article or with one tag."""
        with self._sessions() as session:
            return annotation_store.query(session, article_id=article_id, tag=tag)

    def update_annotation(
        self,
        annotation_id: int,
        *,
        note: str | None = None,
        tags: Sequence[str] | None = None,
        colour: str | None = None,
    ) -> AnnotationView:
        """Edit an annotation's note, tags or colour."""
        with session_scope(self._sessions) as session:
            row = annotation_store.update(
                session, annotation_id, note=note, tags=tags, colour=colour
            )
            return annotation_store.view(row)

    def delete_annotation(self, annotation_id: int) -> AnnotationView | None:
        """Delete an annotation; returns what it was (so the GUI can undo)."""
        with session_scope(self._sessions) as session:
            row = session.get(Annotation, annotation_id)
            if row is None:
                return None
            before = annotation_store.view(row)
            session.delete(row)
            return before

    def restore_annotation(self, record: AnnotationView) -> AnnotationView:
        """Re-create a deleted annotation from its record (undo of delete)."""
        return self.annotate(
            record.article,
            start=record.start,
            end=record.end,
            note=record.note,
            tags=record.tags,
            colour=record.colour,
        )

    def link_annotations(self, source_id: int, target_id: int, label: str) -> None:
        """Link two annotations across sources ("same claim", "contradicts", ...)."""
        with session_scope(self._sessions) as session:
            annotation_store.link(session, source_id, target_id, label)

    # -- verifying ---------------------------------------------------------

    def check(self, *, repair: bool = False) -> CheckReport:
        """Verify every original against its sha256 and every article against its original."""
        report = CheckReport()
        with session_scope(self._sessions) as session:
            for blob in session.scalars(select(Blob)):
                report.originals += 1
                actual = hashlib.sha256(blob.data).hexdigest()
                if actual != blob.sha256:
                    report.problems.append(
                        f"original {blob.sha256[:12]}… is damaged: its bytes hash to {actual[:12]}…"
                    )
                elif blob.size != len(blob.data):
                    report.problems.append(f"original {blob.sha256[:12]}… has the wrong size")
            report.articles = int(session.scalar(select(func.count(Article.id))) or 0)
            integrity = session.connection().exec_driver_sql("PRAGMA integrity_check").scalar()
            if self.db_path is not None and integrity != "ok":
                report.problems.append(f"database integrity check: {integrity}")
        del repair  # nothing derived to rebuild yet beyond the database itself
        return report


def extraction_json(data: bytes, path: Path) -> dict[str, Any]:
    """What `extract` prints: metadata and the body text (captions listed apart)."""
    doc = extract_document(data, path)
    ex = doc.extracted
    return {
        "title": ex.title,
        "subtitle": ex.subtitle,
        "authors": ex.authors,
        "published": ex.published,
        "outlet": ex.outlet,
        "url": ex.url,
        "language": ex.language,
        "text": ex.body_text,
        "captions": [b.text for b in ex.blocks if b.kind == "caption"],
        "media_type": doc.media_type,
        "pipeline_version": PIPELINE_VERSION,
    }
