"""The façade over the archive: the one entry point of the CLI and the GUI."""

from __future__ import annotations

import hashlib
import importlib
import logging
import shutil
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from reader.annotations import store as annotation_store
from reader.annotations import undo as annotation_undo
from reader.annotations.jsonld import dumps_jsonld, parse_jsonld
from reader.annotations.markdown import export_markdown
from reader.annotations.table import export_csv
from reader.archive import listing, repo
from reader.archive.db import make_engine, session_scope, sqlite_url
from reader.archive.errors import ArchiveUnavailable
from reader.archive.listing import ArticleFilter
from reader.archive.migrate import upgrade_if_needed
from reader.archive.models import Annotation, Article, Blob, SavedSearch
from reader.library.limits import DEFAULT_MAX_FILE_BYTES
from reader.paths import DB_NAME, INDEX_DIR
from reader.records import (
    AnnotationView,
    ArticleDetail,
    ArticleSummary,
    CheckReport,
    ImportReport,
)
from reader.search.errors import IndexDamaged, QuerySyntaxError, SearchError
from reader.types import ArticleId

if TYPE_CHECKING:
    from reader.library import entity_store, search_sync
    from reader.search.index import SearchIndex
    from reader.search.results import SearchResult
    from reader.search.snippets import SnippetStyle

log = logging.getLogger("reader.library")


class _LazyModule:
    """A module imported on first attribute access: the window opens without it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)


def _search_index_type() -> type[SearchIndex]:
    from reader.search.index import SearchIndex  # Whoosh + numpy: on first search

    return SearchIndex


if not TYPE_CHECKING:  # search and entities load on first use (~0.2 s at start-up)
    entity_store = _LazyModule("reader.library.entity_store")
    search_sync = _LazyModule("reader.library.search_sync")


ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


def _refuse_lost_database(archive_dir: Path) -> None:
    """An index without its database means the database was lost (a crash mid-restore,
    a deleted file): creating a new empty archive there would hide that."""
    index = archive_dir / INDEX_DIR
    if (archive_dir / DB_NAME).exists() or not index.is_dir() or not any(index.iterdir()):
        return
    raise ArchiveUnavailable(
        f"{archive_dir}: the search index is there but {DB_NAME} is missing; "
        "restore a backup (look for archive.sqlite3.*.bak beside it) or move the folder away"
    )


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
        if db_url is None:
            _refuse_lost_database(self.archive_dir)
        self.archive_dir.mkdir(parents=True, exist_ok=True)
        self.max_file_bytes = max_file_bytes
        self.db_path: Path | None = None if db_url else self.archive_dir / DB_NAME
        url = db_url or sqlite_url(self.archive_dir / DB_NAME)
        self._engine: Engine = make_engine(url)
        self.migration_backup = upgrade_if_needed(self._engine, self.db_path)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)
        self._index: SearchIndex | None = None
        self._index_lock = threading.RLock()

    @property
    def index_dir(self) -> Path:
        """Where the derived full-text index lives."""
        return self.archive_dir / INDEX_DIR

    def close(self) -> None:
        """Release database connections and the index reader."""
        if self._index is not None:
            self._index.close()
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
        from reader.library.importer import Importer  # heavy (NER, MinHash): only when importing

        importer = Importer(
            self._sessions, max_file_bytes=self.max_file_bytes, on_stored=self._index_articles
        )
        report = importer.run([Path(p) for p in paths], progress, should_cancel)
        if report.imported:
            self._merge_index_segments()
        return report

    def _merge_index_segments(self) -> None:
        """Fold the index's small segments once many have piled up.

        Index commits during an import never merge (adding one article stays
        fast); the merge is paid here, once per import, not on every 64th file.
        """
        from reader.search.errors import SearchError

        try:
            self.search_index.merge_small()
        except SearchError as exc:  # busy or damaged: `check --repair` deals with it
            log.warning("search index segments not merged: %s", exc)

    # -- search ------------------------------------------------------------

    @property
    def search_index(self) -> SearchIndex:
        """The full-text index, opened on first use; a damaged one is rebuilt."""
        if self._index is not None:
            return self._index
        with self._index_lock:  # a warm-up and a first search may ask at once
            if self._index is None:
                self._index = self._open_index()
        return self._index

    def _open_index(self) -> SearchIndex:
        try:
            return _search_index_type()(self.index_dir)
        except IndexDamaged as exc:
            log.warning("%s; rebuilding it from the archive", exc)
            shutil.rmtree(self.index_dir, ignore_errors=True)
            self._index = _search_index_type()(self.index_dir)
            self.reindex(entities=False)  # finds self._index set: no second opening
            return self._index

    def _index_articles(self, article_ids: list[int]) -> None:
        with self._sessions() as session:
            docs = [search_sync.article_document(session, i) for i in article_ids]
        try:
            self.search_index.add([d for d in docs if d is not None])
        except SearchError as exc:
            # The articles are safely stored; `check --repair` indexes what lags.
            log.warning("%d article(s) not indexed yet: %s", len(article_ids), exc)

    def _index_annotation(self, annotation_id: int, *, deleted: bool = False) -> None:
        try:
            if deleted:
                self.search_index.delete([annotation_id], kind="annotation")
                return
            with self._sessions() as session:
                doc = search_sync.annotation_document(session, annotation_id)
            if doc is not None:
                self.search_index.add([doc])
        except SearchError as exc:
            log.warning("annotation %s not indexed yet: %s", annotation_id, exc)

    def search(
        self,
        query: str,
        *,
        sort: str = "relevance",
        limit: int = 50,
        offset: int = 0,
        variants: bool = True,
        kinds: Sequence[str] = ("article", "annotation"),
        marks: tuple[str, str] = ("«", "»"),
    ) -> SearchResult:
        """Full-text search; `variants` also finds other spellings of entities.

        Raises:
            QuerySyntaxError: the query is malformed (the message says how).
        """
        if sort not in ("relevance", "date"):
            raise QuerySyntaxError(f"unknown sort {sort!r}: use relevance or date")
        order: Literal["relevance", "date"] = "date" if sort == "date" else "relevance"
        return self.search_index.search(
            query,
            sort=order,
            limit=limit,
            offset=offset,
            expand=self.variants_of if variants else None,
            kinds=kinds,
            text_for=self._texts,
            snippet_style=_snippet_style(marks),
        )

    def query_has_variants(self, query: str) -> bool:
        """Whether variants change this query: it names an entity known by other spellings.

        Raises:
            QuerySyntaxError: the query is malformed.
        """
        index = self.search_index
        return index.prepare(query, self.variants_of) != index.prepare(query)

    def match_spans(self, query: str, text: str, *, variants: bool = True) -> list[tuple[int, int]]:
        """Where a query matches in a text (the reader highlights these)."""
        from reader.search.index import match_spans as search_match_spans

        return search_match_spans(query, text, self.variants_of if variants else None)

    def _texts(self, ids: list[int]) -> dict[int, str]:
        with self._sessions() as session:
            rows = session.execute(select(Article.id, Article.text).where(Article.id.in_(ids)))
            return {int(i): t for i, t in rows}

    def reindex(
        self, progress: Callable[[int], None] | None = None, *, entities: bool = True
    ) -> int:
        """Re-cluster the archive's entities, then rebuild the search index from it.

        Entities created apart (separate imports) are joined where the linker
        would join them; every user decision about entities is kept. With
        `entities=False` only the index is rebuilt (repairs). Returns the
        documents indexed.
        """
        if entities:
            from reader.library.recluster import recluster  # loads the linker: only when asked

            recluster(self._sessions)
        index = self._index or _search_index_type()(self.index_dir)
        self._index = index
        with self._sessions() as session:
            return index.rebuild(search_sync.all_documents(session), progress=progress)

    # -- saved searches ----------------------------------------------------

    def save_search(
        self, name: str, query: str, *, sort: str = "relevance", variants: bool = True
    ) -> dict[str, Any]:
        """Name a query (replacing a saved search of the same name)."""
        self.search_index.prepare(query)  # refuse a malformed query now, not at run time
        with session_scope(self._sessions) as session:
            row = session.scalar(select(SavedSearch).where(SavedSearch.name == name))
            if row is None:
                row = SavedSearch(name=name, query=query, created_at=repo.utcnow())
                session.add(row)
            row.query, row.sort, row.variants = query, sort, variants
            session.flush()
            return _saved(row)

    def saved_searches(self) -> list[dict[str, Any]]:
        """All saved searches, by name."""
        with self._sessions() as session:
            return [
                _saved(r) for r in session.scalars(select(SavedSearch).order_by(SavedSearch.name))
            ]

    def saved_search(self, name: str) -> dict[str, Any] | None:
        """One saved search by name."""
        with self._sessions() as session:
            row = session.scalar(select(SavedSearch).where(SavedSearch.name == name))
            return _saved(row) if row else None

    def delete_saved_search(self, name: str) -> bool:
        """Delete a saved search; False if there was none of that name."""
        with session_scope(self._sessions) as session:
            row = session.scalar(select(SavedSearch).where(SavedSearch.name == name))
            if row is None:
                return False
            session.delete(row)
            return True

    def reextract(self, ids: Sequence[int] | None = None) -> dict[str, Any]:
        """Derive articles (all when `ids` is None) again from their originals.

        Text, metadata and entities are recomputed with this version's pipeline;
        annotations re-anchor by quote (those that cannot are kept as orphans);
        user decisions about entities stay.
        """
        from reader.library.reextract import reextract as reextract_articles

        changed: list[int] = []
        report = reextract_articles(self._sessions, ids, on_changed=changed.append)
        self._index_articles(changed)
        for article_id in changed:
            for record in self.annotations(article_id=article_id):
                self._index_annotation(record.id)
        return report

    def warm_up(self) -> None:
        """Load the NER model, the place gazetteer and the search caches now.

        Seconds of work: the GUI calls this on a worker thread at start so that
        the first import or search does not wait; the CLI pays it on first use.
        """
        from reader.entities import gazetteer
        from reader.entities.ner import load_nlp

        load_nlp()
        gazetteer.place_id("London")
        try:
            self.search_index.warm()
        except SearchError as exc:
            log.warning("search index not ready: %s", exc)

    def extract_file(self, path: Path) -> dict[str, Any]:
        """Extraction only, nothing written: the `extract --json` document."""
        from reader.ingest.document import extraction_json  # charset detection: not at start
        from reader.ingest.walk import read_limited

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

    def filter_article_ids(
        self,
        flt: ArticleFilter | None = None,
        *,
        within: Sequence[int] | None = None,
        sort: str | None = None,
        descending: bool = False,
    ) -> list[ArticleId]:
        """Ids the library list shows: filtered and sorted in SQL, not in Python.

        Args:
            flt: text, outlet, date range and tag to keep (None keeps all).
            within: only these ids (search hits), kept in their order when unsorted.
            sort: "title", "outlet", "date", "authors", "words" or "near"
                (near-duplicate count); None is import order.
        """
        with self._sessions() as session:
            ids = listing.filtered_ids(
                session, flt or ArticleFilter(), within=within, sort=sort, descending=descending
            )
        return [ArticleId(i) for i in ids]

    def outlet_counts(self) -> list[tuple[str, int]]:
        """(outlet, articles) pairs, most articles first (the library's outlet filter)."""
        with self._sessions() as session:
            return listing.outlet_counts(session)

    def tag_counts(self) -> list[tuple[str, int]]:
        """(tag, articles annotated with it) pairs, by name (the library's tag filter)."""
        with self._sessions() as session:
            return listing.tag_counts(session)

    def date_span(self) -> tuple[str | None, str | None]:
        """First and last publication day in the archive, "YYYY-MM-DD" (None if unknown)."""
        with self._sessions() as session:
            return listing.date_span(session)

    def near_group_sizes(self) -> dict[int, int]:
        """{near-duplicate group id: articles in it}, for groups of two or more."""
        with self._sessions() as session:
            return listing.near_group_sizes(session)

    def near_duplicates(self, article_id: int) -> list[ArticleSummary]:
        """The other articles of an article's near-duplicate group (same story re-saved)."""
        with self._sessions() as session:
            ids = listing.near_duplicate_ids(session, article_id)
            return repo.summaries(session, ids) if ids else []

    def get_article(self, article_id: int) -> ArticleDetail | None:
        """One article with its text, or None if there is no such id."""
        with self._sessions() as session:
            return repo.detail(session, article_id)

    def original_bytes(self, article_id: int) -> bytes | None:
        """The original file's bytes, exactly as imported."""
        with self._sessions() as session:
            article = session.get(Article, article_id)
            return None if article is None else article.blob.data

    # -- entities ----------------------------------------------------------

    def article_entities(self, article_id: int) -> list[dict[str, Any]]:
        """Entities of one article with their mentions (the `entities ID --json` shape)."""
        with self._sessions() as session:
            return entity_store.article_entities(session, article_id)

    def entity_aliases(self, entity_ids: Sequence[int]) -> dict[int, list[str]]:
        """The spellings seen of each entity."""
        with self._sessions() as session:
            return entity_store.entity_aliases(session, entity_ids)

    def variants_of(self, word: str) -> list[str]:
        """Other spellings of the entity a word names (Mirnograd -> Myrnohrad)."""
        with self._sessions() as session:
            return entity_store.variants_of(session, word)

    def compare(
        self,
        ids: Sequence[int],
        *,
        alignment: bool = True,
        coverage: bool = True,
        entities: bool = True,
    ) -> dict[str, Any]:
        """What 2-4 articles share and where they differ.

        The document holds shared and unique entities with their spellings, the
        entity x article grid, aligned passages and the passages only one
        article has, and (with `coverage`) a timeline of dated events with
        conflicting dates marked, the figures each gives for the same thing, and
        claims grouped by who made them. `entities=False` leaves out the entity
        part (shared, unique, grid) for callers that already have it.

        Raises:
            ValueError: fewer than two distinct articles, or an unknown id.
        """
        unique = list(dict.fromkeys(int(i) for i in ids))
        if len(unique) < 2:
            raise ValueError("compare needs at least two different articles")
        from reader.library.comparing import compare_articles  # heavy: only when comparing

        with self._sessions() as session:
            return compare_articles(
                session, unique, alignment=alignment, coverage=coverage, entities=entities
            )

    def merge_entities(self, source_id: int, target_id: int) -> dict[str, Any]:
        """Merge one entity into another (a user decision the machine keeps)."""
        return self._correct(entity_store.merge, source_id, target_id)

    def split_mention(self, entity_id: int, mention_id: int) -> dict[str, Any]:
        """Split one mention off into an entity of its own."""
        return self._correct(entity_store.split, entity_id, mention_id)

    def rename_entity(self, entity_id: int, name: str) -> dict[str, Any]:
        """Give an entity a new canonical name."""
        return self._correct(entity_store.rename, entity_id, name)

    def hide_entity(self, entity_id: int, hidden: bool = True) -> dict[str, Any]:
        """Mark an entity as noise, or show it again."""
        return self._correct(entity_store.hide, entity_id, hidden)

    def mark_distinct(self, a: int, b: int) -> list[dict[str, Any]]:
        """Record that two entities are not the same; they are never merged."""
        with session_scope(self._sessions) as session:
            pair = entity_store.distinct(session, a, b)
            return [entity_store.describe(e, session) for e in pair]

    def _correct(self, action: Callable[..., Any], *args: Any) -> dict[str, Any]:
        with session_scope(self._sessions) as session:
            entity = action(session, *args)
            session.flush()
            return entity_store.describe(entity, session)

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
            record = annotation_store.view(row)
        self._index_annotation(record.id)
        return record

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
            record = annotation_store.view(row)
        self._index_annotation(record.id)
        return record

    def delete_annotation(self, annotation_id: int) -> AnnotationView | None:
        """Delete an annotation and its links; returns what it was (so the GUI can undo).

        The record returned is an ``annotation_undo.DeletedAnnotation``: it also
        carries the author and the links' directions for ``restore_annotation``.
        """
        with session_scope(self._sessions) as session:
            row = session.get(Annotation, annotation_id)
            if row is None:
                return None
            view = annotation_store.view(row, annotation_store.links_of(session, row.id))
            snap = annotation_undo.delete_annotation(session, annotation_id)
        self._index_annotation(annotation_id, deleted=True)
        return annotation_undo.DeletedAnnotation(**vars(view), snapshot=snap)

    def restore_annotation(
        self, record: AnnotationView, *, ids: dict[int, int] | None = None
    ) -> AnnotationView:
        """Put a deleted annotation back (undo of delete): same dates, author and links.

        It gets its old id when that is free; links come back in their old
        direction. `ids` maps old ids of linked annotations to their ids now.
        """
        snap = getattr(record, "snapshot", None) or annotation_undo.from_view(record)
        with session_scope(self._sessions) as session:
            row = annotation_undo.restore_annotation(session, snap, ids)
            restored = annotation_store.view(row, annotation_store.links_of(session, row.id))
        self._index_annotation(restored.id)
        return restored

    def export_annotations(self, fmt: str, *, article_id: int | None = None) -> str:
        """Annotations as Markdown ("md"), CSV ("csv") or W3C JSON-LD ("jsonld")."""
        with self._sessions() as session:
            records = annotation_store.export_records(session, article_id)
        if fmt == "md":
            return export_markdown(records)
        if fmt == "csv":
            return export_csv(records)
        if fmt == "jsonld":
            return dumps_jsonld(records)
        raise ValueError(f"unknown export format {fmt!r}: use md, csv or jsonld")

    def import_annotations(self, document: str | bytes) -> dict[str, Any]:
        """Read W3C JSON-LD annotations back in, re-anchored by quote.

        Raises:
            ValueError: the document is not Web Annotation JSON-LD (the message says why).
        """
        records = parse_jsonld(document)
        with session_scope(self._sessions) as session:
            result = annotation_store.import_records(session, records)
        try:
            index = self.search_index
            with self._sessions() as session:
                docs = [search_sync.annotation_document(session, i) for i in result["ids"]]
            index.add([d for d in docs if d is not None])
        except SearchError as exc:
            log.warning("imported annotations not indexed yet: %s", exc)
        return result

    def link_annotations(self, source_id: int, target_id: int, label: str) -> int:
        """Link two annotations across sources ("same claim", ...); returns the link's id."""
        with session_scope(self._sessions) as session:
            return annotation_store.link(session, source_id, target_id, label).id

    def delete_annotation_link(self, link_id: int) -> annotation_undo.LinkSnapshot | None:
        """Remove a link between annotations; returns what restoring it needs (None if gone)."""
        with session_scope(self._sessions) as session:
            return annotation_undo.delete_link(session, link_id)

    def restore_annotation_link(
        self, snapshot: annotation_undo.LinkSnapshot, *, ids: dict[int, int] | None = None
    ) -> int:
        """Put a removed link back in its old direction; returns its id.

        `ids` maps old ids of the annotations at its ends to their ids now.

        Raises:
            AnnotationError: an annotation at either end no longer exists.
        """
        with session_scope(self._sessions) as session:
            return annotation_undo.restore_link(session, snapshot, ids).id

    # -- verifying ---------------------------------------------------------

    def _check_index(
        self, report: CheckReport, expected: dict[str, set[int]], repair: bool
    ) -> None:
        """Every article and annotation indexed once, nothing stale; repair what lags."""
        try:
            index = self._index or _search_index_type()(self.index_dir)
            self._index = index
            index.verify()
            indexed = index.indexed_ids()
        except IndexDamaged as exc:
            if not repair:
                report.problems.append(f"search index damaged: {exc}")
                return
            shutil.rmtree(self.index_dir, ignore_errors=True)
            self._index = None
            count = self.reindex(entities=False)
            report.repaired.append(f"search index was damaged; rebuilt ({count} documents)")
            return
        for kind, ids in expected.items():
            missing = sorted(ids - indexed.get(kind, set()))
            stale = sorted(indexed.get(kind, set()) - ids)
            if not (missing or stale):
                continue
            if not repair:
                if missing:
                    report.problems.append(f"{len(missing)} {kind}(s) missing from the index")
                if stale:
                    report.problems.append(f"{len(stale)} stale {kind}(s) in the index")
                continue
            make = (
                search_sync.article_document
                if kind == "article"
                else search_sync.annotation_document
            )
            with self._sessions() as session:
                docs = [d for d in (make(session, i) for i in missing) if d is not None]
            index.add(docs)
            index.delete(stale, kind=kind)
            report.repaired.append(
                f"search index: {len(missing)} {kind}(s) added, {len(stale)} stale removed"
            )

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
            expected = search_sync.archive_ids(session)
        self._check_index(report, expected, repair)
        return report


def _snippet_style(marks: tuple[str, str]) -> SnippetStyle:
    from reader.search.snippets import SnippetStyle

    return SnippetStyle(before=marks[0], after=marks[1])


def _saved(row: SavedSearch) -> dict[str, Any]:
    return {"name": row.name, "query": row.query, "sort": row.sort, "variants": row.variants}
