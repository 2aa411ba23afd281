"""The import flow: read, extract, find entities, de-duplicate, store each file whole."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from reader import PIPELINE_VERSION
from reader.archive import repo
from reader.archive.db import session_scope
from reader.archive.models import Article
from reader.entities import gazetteer
from reader.entities.linking import Linker
from reader.entities.mentions import Mention as FoundMention
from reader.entities.ner import extract_mentions
from reader.entities.ner_pool import NerPool
from reader.ingest import neardup
from reader.ingest.document import Document, extract_document, text_fingerprint
from reader.ingest.sniff import RejectedFile
from reader.ingest.walk import WalkProblem, iter_import_files, read_limited
from reader.library import entity_store
from reader.library.recurring import lines_of, recurring_lines
from reader.records import ImportReport

log = logging.getLogger("reader.import")

# Files extracted before NER runs over them as one batch.
CHUNK = 16
# spaCy refuses texts over its max_length (1,000,000 characters); longer articles
# are recognised in pieces of at most this size, cut at line or sentence ends.
NER_PIECE_CHARS = 100_000


class Importer:
    """Imports a batch of paths into the archive, reporting per file."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        max_file_bytes: int,
        with_entities: bool = True,
        on_stored: Callable[[list[int]], None] | None = None,
    ) -> None:
        """Set up an import.

        Args:
            sessions: the archive's session factory.
            max_file_bytes: larger files are refused.
            with_entities: run NER and linking (off only to benchmark the rest).
            on_stored: called with the ids of a chunk's new articles once their
                transactions have committed (the Library indexes them there, in
                one index commit per chunk rather than one per article).
        """
        self._sessions = sessions
        self._max_bytes = max_file_bytes
        self._with_entities = with_entities
        self._on_stored = on_stored
        self._near: neardup.NearDuplicateIndex | None = None
        self._linker: Linker | None = None
        self._recurring: dict[str, frozenset[str]] = {}

    def run(
        self,
        paths: list[Path],
        progress: Callable[[int, int, str], None] | None,
        should_cancel: Callable[[], bool] | None,
    ) -> ImportReport:
        """Import every file under `paths`; never raises for a bad file.

        Files are extracted a chunk at a time so that NER runs batched; each file
        still commits on its own. Big imports recognise entities in worker
        processes that last the whole import, one chunk ahead of the storing.
        """
        report = ImportReport()
        items = list(iter_import_files(paths))
        pool = self._start_pool() if self._with_entities and len(items) >= 4 * CHUNK else None
        try:
            self._run_chunks(items, report, progress, should_cancel, pool)
        finally:
            if pool is not None:
                pool.close()
        if progress is not None and not report.cancelled:
            progress(len(items), len(items), "")
        return report

    def _run_chunks(
        self,
        items: list[Path | WalkProblem],
        report: ImportReport,
        progress: Callable[[int, int, str], None] | None,
        should_cancel: Callable[[], bool] | None,
        pool: NerPool | None,
    ) -> None:
        # With a pool, chunk k is recognised while chunk k-1 is stored.
        waiting: tuple[list[tuple[Path, Document]], MentionsJob] | None = None
        done = 0
        for chunk_start in range(0, len(items), CHUNK):
            ready: list[tuple[Path, Document]] = []
            for item in items[chunk_start : chunk_start + CHUNK]:
                if should_cancel is not None and should_cancel():
                    report.cancelled = True
                    break
                path = item.path if isinstance(item, WalkProblem) else item
                if progress is not None:
                    progress(done, len(items), str(path))
                done += 1
                if isinstance(item, WalkProblem):
                    report.failed.append({"path": str(item.path), "error": item.reason})
                    continue
                doc = self._extract(item, report)
                if doc is not None:
                    ready.append((item, doc))
            job = self._mentions_job([doc for _, doc in ready], pool)
            if waiting is not None:
                self._store_chunk(*waiting, report)
            waiting = (ready, job)
            if report.cancelled:
                break
        if waiting is not None:
            self._store_chunk(*waiting, report)

    def _start_pool(self) -> NerPool | None:
        try:
            return NerPool(2)
        except Exception:  # no fork, no memory: recognise in this process instead
            log.warning("NER worker processes unavailable; using one process", exc_info=True)
            return None

    def _extract(self, path: Path, report: ImportReport) -> Document | None:
        try:
            data = read_limited(path, self._max_bytes)
            doc = extract_document(data, path)
            return self._with_outlet_boilerplate(doc, data, path)
        except OSError as exc:
            report.failed.append({"path": str(path), "error": _os_reason(exc)})
        except (RejectedFile, ValueError) as exc:
            report.failed.append({"path": str(path), "error": str(exc)})
        except RecursionError:
            report.failed.append({"path": str(path), "error": "document nested too deeply"})
        except Exception as exc:  # a bug in extraction must not stop the batch
            log.debug("extracting %s failed", path, exc_info=True)
            report.failed.append({"path": str(path), "error": f"could not extract: {exc}"})
        return None

    def _with_outlet_boilerplate(self, doc: Document, data: bytes, path: Path) -> Document:
        """Re-clean pasted text once we know its outlet, dropping lines its other articles share."""
        outlet = doc.extracted.outlet
        if doc.media_type != "text/plain" or not outlet:
            return doc
        if outlet not in self._recurring:
            with self._sessions() as session:
                self._recurring[outlet] = recurring_lines(session, outlet)
        known = self._recurring[outlet]
        if not known or not known & lines_of(data.decode("utf-8", "replace")):
            return doc
        cleaner = extract_document(data, path, known)
        # Boilerplate is a minority of an article: if "recurring" lines would take
        # most of the body, they are this outlet's template, not junk to drop.
        if len(cleaner.extracted.body_text) < 0.6 * len(doc.extracted.body_text):
            return doc
        return cleaner

    def _store_chunk(
        self, ready: list[tuple[Path, Document]], job: MentionsJob, report: ImportReport
    ) -> None:
        if not ready:
            return
        if self._with_entities and self._linker is None:
            # Built outside any write transaction: loading every entity and the
            # place gazetteer takes seconds, during which other writers must not wait.
            with self._sessions() as session:
                self._linker = entity_store.load_linker(session)
            gazetteer.place_id("London")
        stored: list[int] = []
        mentions: list[list[FoundMention] | None]
        try:
            mentions = list(job())
        except Exception:  # one text the recogniser chokes on must not sink the chunk
            log.debug("entity recognition failed for a chunk; retrying file by file", exc_info=True)
            mentions = [self._mentions_alone(doc) for _, doc in ready]
        for (path, doc), found in zip(ready, mentions, strict=True):
            if found is None:
                report.failed.append({"path": str(path), "error": "entity recognition failed"})
                continue
            try:
                article_id, duplicate_of = self._store(doc, path, found)
            except Exception as exc:
                log.debug("storing %s failed", path, exc_info=True)
                self._linker = None  # it may hold entities of the rolled-back transaction
                report.failed.append({"path": str(path), "error": f"could not store: {exc}"})
                continue
            if duplicate_of is not None:
                report.duplicates.append({"path": str(path), "id": duplicate_of})
                continue
            report.imported.append(
                {"id": article_id, "path": str(path), "title": doc.extracted.title}
            )
            stored.append(article_id)
        if stored and self._on_stored is not None:
            self._on_stored(stored)

    def _mentions_alone(self, doc: Document) -> list[FoundMention] | None:
        try:
            return self.find_mentions([doc], 1)[0]
        except Exception:
            log.debug("entity recognition failed", exc_info=True)
            return None

    def find_mentions(self, docs: list[Document], n_process: int) -> list[list[FoundMention]]:
        """Entity mentions of each document's text (captions left out), batched for NER."""
        if not self._with_entities:
            return [[] for _ in docs]
        inputs, owners = _ner_inputs(docs)
        return _assemble(len(docs), owners, extract_mentions(inputs, n_process=n_process))

    def _mentions_job(self, docs: list[Document], pool: NerPool | None) -> MentionsJob:
        """Start recognising these documents; the job returns their mentions when called."""
        if pool is None or not docs or not self._with_entities:
            return lambda: self.find_mentions(docs, 1)
        inputs, owners = _ner_inputs(docs)
        pending = pool.submit(inputs)
        return lambda: _assemble(len(docs), owners, pending.result())

    def _store(
        self, doc: Document, path: Path, found: list[FoundMention]
    ) -> tuple[int, int | None]:
        """Store one document; returns (article id, id of the article it duplicates)."""
        ex = doc.extracted
        fingerprint = text_fingerprint(ex.body_text)
        signature = neardup.signature(ex.body_text)
        near = self._near_index()
        match = near.match(signature)
        group = near.group_of(match[0]) if match else None
        try:
            with session_scope(self._sessions) as session:
                existing = repo.article_by_fingerprint(session, fingerprint)
                if existing is not None:
                    return existing, existing
                article = self._new_article(session, doc, path, fingerprint, signature, group)
                article_id = article.id
                if group is not None:
                    _mark_group_start(session, group)
                if self._with_entities:
                    linker = self._get_linker(session)
                    entity_store.link_and_store(
                        session,
                        linker,
                        article_id,
                        ex.text,
                        found,
                        ex.published,
                        ex.caption_spans(),
                    )
        except IntegrityError:
            # Another process stored the same text between our check and insert.
            self._linker = None
            with self._sessions() as session:
                existing = repo.article_by_fingerprint(session, fingerprint)
            if existing is None:
                raise
            return existing, existing
        near.add(article_id, signature, group)
        return article_id, None

    @staticmethod
    def _new_article(
        session: Session,
        doc: Document,
        path: Path,
        fingerprint: str,
        signature: neardup.MinHash,
        group: int | None,
    ) -> Article:
        ex = doc.extracted
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
            near_group=group,
        )
        session.add(article)
        session.flush()
        return article

    def _get_linker(self, session: Session) -> Linker:
        if self._linker is None:
            self._linker = entity_store.load_linker(session)
        return self._linker

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


def _pieces(text: str, size: int) -> list[tuple[int, int]]:
    """Spans of at most `size` characters covering `text`, cut at a line, sentence or word end."""
    spans: list[tuple[int, int]] = []
    start = 0
    while True:
        end = min(len(text), start + size)
        if end < len(text):
            floor = start + size // 2
            for sep in ("\n", ". ", " "):
                cut = text.rfind(sep, floor, end)
                if cut != -1:
                    end = cut + len(sep)
                    break
        spans.append((start, end))
        if end >= len(text):
            return spans
        start = end


def _mark_group_start(session: Session, group_id: int) -> None:
    first = session.get(Article, group_id)
    if first is not None and first.near_group is None:
        first.near_group = group_id


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
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


MentionsJob = Callable[[], list[list[FoundMention]]]


def _ner_inputs(
    docs: list[Document],
) -> tuple[list[tuple[str, list[tuple[int, int]]]], list[tuple[int, int]]]:
    """NER inputs (pieces of each text with their caption spans) and who owns each piece."""
    inputs: list[tuple[str, list[tuple[int, int]]]] = []
    owners: list[tuple[int, int]] = []  # (document, offset of the piece in its text)
    for k, doc in enumerate(docs):
        text, skips = doc.extracted.text, doc.extracted.caption_spans()
        for start, end in _pieces(text, NER_PIECE_CHARS):
            inside = [(max(s, start) - start, min(e, end) - start) for s, e in skips]
            inputs.append((text[start:end], [(s, e) for s, e in inside if s < e]))
            owners.append((k, start))
    return inputs, owners


def _assemble(
    count: int, owners: list[tuple[int, int]], pieces: list[list[FoundMention]]
) -> list[list[FoundMention]]:
    """Each document's mentions, with piece offsets turned back into text offsets."""
    found: list[list[FoundMention]] = [[] for _ in range(count)]
    for (k, offset), mentions in zip(owners, pieces, strict=True):
        found[k].extend(replace(m, start=m.start + offset, end=m.end + offset) for m in mentions)
    return found
