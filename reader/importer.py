"""The import flow: read, extract, de-duplicate and store each file in one transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from reader import PIPELINE_VERSION
from reader.archive import repo
from reader.archive.db import session_scope
from reader.archive.models import Article
from reader.ingest import neardup
from reader.ingest.document import Document, extract_document, text_fingerprint
from reader.ingest.sniff import RejectedFile
from reader.ingest.walk import WalkProblem, iter_import_files, read_limited
from reader.records import ImportReport

log = logging.getLogger("reader.import")


class Importer:
    """Imports a batch of paths into the archive, reporting per file."""

    def __init__(self, sessions: sessionmaker[Session], *, max_file_bytes: int) -> None:
        self._sessions = sessions
        self._max_bytes = max_file_bytes
        self._near: neardup.NearDuplicateIndex | None = None

    def run(
        self,
        paths: list[Path],
        progress: Callable[[int, int, str], None] | None,
        should_cancel: Callable[[], bool] | None,
    ) -> ImportReport:
        """Import every file under `paths`; never raises for a bad file."""
        report = ImportReport()
        items = list(iter_import_files(paths))
        for done, item in enumerate(items):
            if should_cancel is not None and should_cancel():
                report.cancelled = True
                break
            path = item.path if isinstance(item, WalkProblem) else item
            if progress is not None:
                progress(done, len(items), str(path))
            if isinstance(item, WalkProblem):
                report.failed.append({"path": str(item.path), "error": item.reason})
                continue
            self._import_one(item, report)
        if progress is not None and not report.cancelled:
            progress(len(items), len(items), "")
        return report

    def _import_one(self, path: Path, report: ImportReport) -> None:
        try:
            data = read_limited(path, self._max_bytes)
            doc = extract_document(data, path)
        except OSError as exc:
            report.failed.append({"path": str(path), "error": _os_reason(exc)})
            return
        except (RejectedFile, ValueError) as exc:
            report.failed.append({"path": str(path), "error": str(exc)})
            return
        except RecursionError:
            report.failed.append({"path": str(path), "error": "document nested too deeply"})
            return
        except Exception as exc:  # a bug in extraction must not stop the batch
            log.debug("extracting %s failed", path, exc_info=True)
            report.failed.append({"path": str(path), "error": f"could not extract: {exc}"})
            return
        try:
            article_id, duplicate_of = self._store(doc, path)
        except Exception as exc:
            log.debug("storing %s failed", path, exc_info=True)
            report.failed.append({"path": str(path), "error": f"could not store: {exc}"})
            return
        if duplicate_of is not None:
            report.duplicates.append({"path": str(path), "id": duplicate_of})
        else:
            report.imported.append(
                {"id": article_id, "path": str(path), "title": doc.extracted.title}
            )

    def _store(self, doc: Document, path: Path) -> tuple[int, int | None]:
        """Store one document; returns (article id, id of the article it duplicates)."""
        ex = doc.extracted
        fingerprint = text_fingerprint(ex.body_text)
        signature = neardup.signature(ex.body_text)
        near = self._near_index()
        match = near.match(signature)
        try:
            with session_scope(self._sessions) as session:
                existing = repo.article_by_fingerprint(session, fingerprint)
                if existing is not None:
                    return existing, existing
                blob = repo.get_or_create_blob(session, doc.sha256, doc.data, doc.media_type)
                outlet = repo.get_or_create_outlet(session, ex.outlet, _domain(ex.url))
                article = Article(
                    blob=blob,
                    outlet=outlet,
                    title=ex.title or path.stem,
                    subtitle=ex.subtitle,
                    authors=ex.authors,
                    published=ex.published,
                    url=ex.url,
                    language=ex.language,
                    text=ex.text,
                    blocks=[[s, e, k] for s, e, k in ex.block_spans()],
                    text_sha256=fingerprint,
                    words=len(ex.body_text.split()),
                    source_path=str(path),
                    pipeline_version=PIPELINE_VERSION,
                    imported_at=repo.utcnow(),
                    minhash=neardup.to_hex(signature),
                    near_group=near.group_of(match[0]) if match else None,
                )
                session.add(article)
                session.flush()
                article_id = article.id
                if match:
                    self._mark_group_start(session, near.group_of(match[0]))
        except IntegrityError:
            # Another process stored the same text between our check and insert.
            with self._sessions() as session:
                existing = repo.article_by_fingerprint(session, fingerprint)
            if existing is None:
                raise
            return existing, existing
        near.add(article_id, signature, near.group_of(match[0]) if match else None)
        return article_id, None

    @staticmethod
    def _mark_group_start(session: Session, group_id: int) -> None:
        first = session.get(Article, group_id)
        if first is not None and first.near_group is None:
            first.near_group = group_id

    def _near_index(self) -> neardup.NearDuplicateIndex:
        if self._near is None:
            with self._sessions() as session:
                rows = session.execute(
                    select(Article.id, Article.minhash, Article.near_group).where(
                        Article.minhash.is_not(None)
                    )
                ).all()
            self._near = neardup.NearDuplicateIndex((r[0], r[1], r[2]) for r in rows)
        return self._near


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "file disappeared before it could be read"
    if isinstance(exc, PermissionError):
        return "permission denied (unreadable file)"
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    return exc.strerror or str(exc)


def _domain(url: str | None) -> str | None:
    if not url:
        return None
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None
