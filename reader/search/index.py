"""The search index of one archive: open/create, write in batches, search."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Iterable
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import numpy as np
from whoosh import index as windex
from whoosh.index import LockError
from whoosh.reading import EmptyReader, MultiReader, SegmentReader

from reader.search.codec import (
    FEW_SEGMENTS,
    ParallaxCodec,
    merge_small_segments,
    merge_when_many,
    small_segment_count,
)
from reader.search.engine import Engine, top_k
from reader.search.errors import IndexBusy, IndexDamaged, SearchError
from reader.search.facets import count_facets
from reader.search.query import Node, parse
from reader.search.results import Hit, SearchResult
from reader.search.schema import (
    DEFAULT_FIELDS,
    SCHEMA_VERSION,
    SearchDocument,
    build_schema,
    doc_key,
    to_fields,
)
from reader.search.snippets import Highlighter, SnippetStyle, make_snippet
from reader.search.variants import Expand, expand_variants

log = logging.getLogger("reader.search")

_MARKER = "parallax-search.json"
_INDEX_NAME = "parallax"
#: Article id -> article text, for snippets; called once per search with the hit ids.
TextFor = Callable[[list[int]], dict[int, str]]
DocLike = SearchDocument | dict[str, Any]
Sort = Literal["relevance", "date"]
_KIND_CODES = {"article": 0, "annotation": 1}


def _as_doc(doc: DocLike) -> SearchDocument:
    return doc if isinstance(doc, SearchDocument) else SearchDocument.from_dict(doc)


class SearchIndex:
    """A Whoosh index in a folder, written through one writer at a time.

    Within a process, writes are serialised by a lock. Across processes Whoosh's
    lock file decides: a second writer waits up to `lock_timeout` seconds, then
    gets `IndexBusy`. Searches never wait for writers: they read the last
    committed generation.

    Args:
        path: the index folder (created if missing).
        store_text: also keep article bodies in the index for snippets; without
            it, pass `text_for` to `search` (the archive has the text anyway).
        lock_timeout: seconds to wait for another process's writer.
    """

    def __init__(
        self, path: str | os.PathLike[str], *, store_text: bool = False, lock_timeout: float = 10.0
    ) -> None:
        self.path = Path(path)
        self.lock_timeout = lock_timeout
        self._write_lock = threading.Lock()
        self._read_lock = threading.RLock()
        self._engine = Engine()
        self._reader: Any = None
        # Readers of the "key" terms of each segment, kept between writes (see _delete_keys).
        self._key_readers: dict[str, Any] = {}
        self.path.mkdir(parents=True, exist_ok=True)
        marker = self.path / _MARKER
        try:
            exists = windex.exists_in(str(self.path), indexname=_INDEX_NAME)
        except Exception as exc:  # a garbled table of contents raises from deep in Whoosh
            raise IndexDamaged(f"search index in {self.path} is unreadable: {exc}") from exc
        if not exists:
            if any(p.name != _MARKER for p in self.path.iterdir()) and marker.exists():
                raise IndexDamaged(f"search index in {self.path} has lost its table of contents")
            self._create(store_text)
            return
        try:
            info = json.loads(marker.read_text(encoding="utf-8"))
            self.store_text = bool(info["store_text"])
            version = int(info["schema"])
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise IndexDamaged(f"search index in {self.path} has no valid {_MARKER}") from exc
        if version != SCHEMA_VERSION:
            raise IndexDamaged(
                f"search index in {self.path} was built by an older version; rebuild it"
            )
        try:
            self._ix = windex.open_dir(str(self.path), indexname=_INDEX_NAME)
        except Exception as exc:  # Whoosh raises many types for unreadable files
            raise IndexDamaged(f"cannot open search index in {self.path}: {exc}") from exc

    @classmethod
    def recreate(
        cls, path: str | os.PathLike[str], *, store_text: bool = False, lock_timeout: float = 10.0
    ) -> SearchIndex:
        """Delete the index files in `path` (damaged or not) and return a new empty index.

        Only the index's own files go; anything else in the folder is left alone.
        Follow with `rebuild`.
        """
        folder = Path(path)
        if folder.is_dir():
            for p in folder.iterdir():
                own = (
                    p.name.startswith((f"_{_INDEX_NAME}_", f"{_INDEX_NAME}_")) or p.name == _MARKER
                )
                if own and p.is_file():
                    p.unlink()
        return cls(folder, store_text=store_text, lock_timeout=lock_timeout)

    def _create(self, store_text: bool) -> None:
        self.store_text = store_text
        self._ix = windex.create_in(str(self.path), build_schema(), indexname=_INDEX_NAME)
        info = {"schema": SCHEMA_VERSION, "store_text": store_text}
        (self.path / _MARKER).write_text(json.dumps(info), encoding="utf-8")

    # -- writing ----------------------------------------------------------------

    def _writer(self, **kwargs: Any) -> Any:
        try:
            # Not compound: Whoosh copies a compound segment file into memory each
            # time it is opened (BytesIO), which made readers slow and RSS huge.
            return self._ix.writer(
                timeout=self.lock_timeout,
                delay=0.05,
                codec=ParallaxCodec(),
                compound=False,
                **kwargs,
            )
        except LockError as exc:
            raise IndexBusy(
                "the search index is being written by another Parallax process; try again"
            ) from exc

    def _fields(self, doc: SearchDocument) -> dict[str, Any]:
        fields = to_fields(doc, self.store_text)
        if doc.kind == "annotation":  # small: keep for snippets whatever store_text says
            fields["body"] = "\n".join(t for t in (doc.text, doc.notes) if t)
        return fields

    def add(self, docs: Iterable[DocLike]) -> int:
        """Add or replace documents (by kind and id) in one commit; returns how many.

        Every indexed copy of a document is replaced (Whoosh's `update_document`
        removes only one, and none added earlier in the same writer); within one
        call the last version of a document wins.
        """
        with self._write_lock:
            writer = self._writer()
            try:
                batch = {}
                for doc in docs:
                    fields = self._fields(_as_doc(doc))
                    batch[fields["key"]] = fields
                self._delete_keys(writer, list(batch))
                for fields in batch.values():
                    writer.add_document(**fields)
            except BaseException:
                writer.cancel()
                raise
            writer.commit(mergetype=merge_when_many)
            return len(batch)

    def delete(self, ids: Iterable[int], kind: str = "article") -> int:
        """Remove documents of one kind by id in one commit; returns how many were found."""
        with self._write_lock:
            writer = self._writer()
            count = 0
            try:
                count = self._delete_keys(writer, [doc_key(kind, i) for i in ids])
            except BaseException:
                writer.cancel()
                raise
            writer.commit(mergetype=merge_when_many)
            return count

    def _delete_keys(self, writer: Any, keys: list[str]) -> int:
        """Delete every live document with one of `keys` in `writer`; returns how many.

        Whoosh's `delete_by_term` opens a searcher over every segment (~1 ms each), so
        adding one document got slower with each small segment. A segment's terms
        never change, so the key readers of earlier writes are kept and only new
        segments are opened; which documents are already deleted comes from the
        writer's own (current) segment list, not from those older readers.
        """
        count = 0
        offset = 0
        keep: dict[str, Any] = {}
        for segment in writer.segments:
            segid = segment.segment_id()
            reader = self._key_readers.pop(segid, None)
            if reader is None:
                reader = SegmentReader(writer.storage, writer.schema, segment)
            keep[segid] = reader
            for key in keys:
                if ("key", key) not in reader:
                    continue
                for docnum in reader.postings("key", key).all_ids():
                    if not segment.is_deleted(docnum):
                        writer.delete_document(offset + docnum)
                        count += 1
            offset += segment.doc_count_all()
        self._close_key_readers()
        self._key_readers = keep
        return count

    def _close_key_readers(self) -> None:
        for reader in self._key_readers.values():
            reader.close()
        self._key_readers = {}

    def merge_small(self, at_least: int = FEW_SEGMENTS) -> int:
        """Merge the small segments left by single additions into one; returns how many.

        Call it off the interactive path (after an import, when idle): ordinary
        commits do not merge, so that adding one document stays fast. Nothing
        happens while fewer than `at_least` small segments exist.
        """
        with self._write_lock:
            count = small_segment_count(list(self._ix._segments()))
            if count < max(2, at_least):
                return 0
            self._writer().commit(mergetype=merge_small_segments)
            return count

    def clear(self) -> None:
        """Remove every document (the folder stays a valid, empty index)."""
        with self._write_lock, self._read_lock:
            writer = self._writer()  # take the lock so no other process writes meanwhile
            writer.cancel()
            self._close_reader()
            self._close_key_readers()
            self._create(self.store_text)

    def rebuild(
        self,
        docs: Iterable[DocLike],
        *,
        procs: int = 1,
        chunk: int = 5_000,
        limitmb: int = 512,
        progress: Callable[[int], None] | None = None,
    ) -> int:
        """Replace the whole index with `docs` using the bulk path; returns the count.

        Documents are written in chunks, one segment per chunk: each chunk's
        postings fit in memory and are sorted once, where one big segment made
        Whoosh spill sorted runs to disk and merge them back in Python (twice
        as slow). Segments of a chunk's size are never merged afterwards.

        Args:
            procs: writer processes (Whoosh forks; keep 1 inside a GUI process).
            chunk: documents per segment (single-process path).
            limitmb: memory for the sorting pool of each writer.
            progress: called with the running count every 500 documents and after
                each chunk (raise from it to cancel; the index is then partial).
        """
        self.clear()
        count = 0
        with self._write_lock:
            if procs > 1:
                writer = self._writer(limitmb=limitmb, procs=procs, multisegment=True)
                try:
                    for doc in docs:
                        writer.add_document(**self._fields(_as_doc(doc)))
                        count += 1
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit(merge=False)
                return count
            it = iter(docs)
            while True:
                batch = list(islice(it, chunk))
                if not batch:
                    return count
                writer = self._writer(limitmb=limitmb)
                try:
                    for i, doc in enumerate(batch, 1):
                        writer.add_document(**self._fields(_as_doc(doc)))
                        if progress is not None and i % 500 == 0 and i < len(batch):
                            progress(count + i)
                except BaseException:
                    writer.cancel()
                    raise
                writer.commit(merge=False)
                count += len(batch)
                if progress is not None:
                    progress(count)

    # -- reading ----------------------------------------------------------------

    def _close_reader(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None
            self._engine = Engine()

    def _fresh(self) -> Engine:
        """The engine on the newest committed generation (re-using unchanged segments)."""
        try:
            latest = self._ix.latest_generation()
            if self._reader is None or self._reader.generation() != latest:
                old, self._reader = self._reader, None
                self._reader = self._open_reader(old)
                self._engine.set_reader(self._reader)
            return self._engine
        except SearchError:
            raise
        except Exception as exc:
            self._reader = None
            self._engine = Engine()
            raise IndexDamaged(f"search index in {self.path} is damaged: {exc}") from exc

    def _open_reader(self, old: Any) -> Any:
        """A reader of the newest generation, re-using `old`'s readers of unchanged segments.

        Opening a segment costs ~1 ms (Whoosh reads its term table's header), so the
        first search after adding one article paid for every segment. A segment whose
        id and deletions are unchanged is the same data: its open reader is kept.
        (Whoosh's own `reuse=` re-adds segments that a merge removed, hence this.)
        """
        kept: dict[str, tuple[int, Any]] = {}
        if old is not None:
            for reader, _offset in old.leaf_readers():
                segment = reader.segment()
                if segment is not None:
                    kept[segment.segment_id()] = (segment.deleted_count(), reader)
        readers: list[Any] = []
        try:
            toc = self._ix._read_toc()
            for segment in toc.segments:
                deleted, reader = kept.pop(segment.segment_id(), (None, None))
                if reader is not None and deleted == segment.deleted_count():
                    readers.append(reader)
                    continue
                if reader is not None:
                    reader.close()
                readers.append(
                    SegmentReader(self._ix.storage, toc.schema, segment, generation=toc.generation)
                )
        except Exception:
            for _deleted, reader in kept.values():
                reader.close()
            for reader in readers:
                reader.close()
            raise
        for _deleted, reader in kept.values():
            reader.close()
        if not readers:
            return EmptyReader(toc.schema)
        return MultiReader(readers, generation=toc.generation)

    def verify(self) -> None:
        """Read every segment's metadata and dictionaries; raise `IndexDamaged` if any fails."""
        with self._read_lock:
            engine = self._fresh()
            try:
                for seg in engine._view().segs:
                    for field in ("text", "title"):
                        sum(1 for _ in seg.reader.lexicon(field))
            except Exception as exc:
                raise IndexDamaged(f"search index in {self.path} is damaged: {exc}") from exc

    def warm(self) -> None:
        """Load per-segment columns and word lists now (e.g. off the UI thread after opening)
        instead of during the first search."""
        with self._read_lock:
            engine = self._fresh()
            for seg in engine._view().segs:
                for field in DEFAULT_FIELDS:
                    engine.vocabulary(seg, field)

    def indexed_ids(self) -> dict[str, set[int]]:
        """Ids of the live documents: {"article": {...}, "annotation": {...}}."""
        with self._read_lock:
            view = self._fresh()._view()
            out: dict[str, set[int]] = {}
            for name, code in (("article", 0), ("annotation", 1)):
                sel = view.live & (view.kinds == code)
                out[name] = {int(i) for i in view.ids[sel]}
            return out

    def duplicate_ids(self) -> dict[str, set[int]]:
        """Ids indexed more than once (for `check`; `add` never creates them, a
        `rebuild` fed the same id twice does)."""
        with self._read_lock:
            view = self._fresh()._view()
            out: dict[str, set[int]] = {}
            for name, code in _KIND_CODES.items():
                ids, counts = np.unique(
                    view.ids[view.live & (view.kinds == code)], return_counts=True
                )
                out[name] = {int(i) for i in ids[counts > 1]}
            return out

    def doc_count(self) -> int:
        """Number of live documents."""
        with self._read_lock:
            return self._fresh()._view().n_live

    def prepare(self, query: str, expand: Expand | None = None) -> Node:
        """Parse (raising `QuerySyntaxError`) and, if `expand` is given, add variants."""
        node = parse(query)
        return expand_variants(node, expand) if expand is not None else node

    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        sort: Sort = "relevance",
        expand: Expand | None = None,
        kinds: Iterable[str] = ("article", "annotation"),
        text_for: TextFor | None = None,
        snippet_style: SnippetStyle | None = None,
        facets: bool = True,
        facet_size: int = 50,
    ) -> SearchResult:
        """Run a query.

        Args:
            query: the query string (see `reader.search.query`).
            sort: "relevance" (BM25, newest first on ties) or "date" (newest first).
            expand: entity spelling callback; None turns variant expansion off.
            kinds: which document kinds may be returned.
            text_for: article bodies for snippets when the index does not store them.

        Raises:
            QuerySyntaxError: the query is malformed.
            IndexDamaged: the index cannot be read; rebuild it.
        """
        if sort not in ("relevance", "date"):
            raise ValueError(f"sort must be 'relevance' or 'date', not {sort!r}")
        wanted = [_KIND_CODES[k] for k in kinds]  # KeyError on a kind that does not exist
        node = self.prepare(query, expand)
        with self._read_lock:
            engine = self._fresh()
            view = engine._view()
            try:
                mask, score = engine.run(node)
                mask &= view.live
                if len(set(wanted)) < 2:
                    mask &= np.isin(view.kinds, wanted)
                total = int(np.count_nonzero(mask))
                docnums = top_k(mask, score, view.dates, limit, offset, sort == "date")
                metas = [self._meta(int(d)) for d in docnums]
                facet_counts = count_facets(view, engine.names, mask, facet_size) if facets else {}
            except Exception as exc:
                raise IndexDamaged(f"search index in {self.path} is damaged: {exc}") from exc
            hl = Highlighter.from_query(node, engine.fuzzy_words)
        snippets = self._snippets(hl, metas, text_for, snippet_style or SnippetStyle())
        hits = [
            Hit(
                id=m["id"],
                kind=m["kind"],
                article_id=m["article_id"],
                title=m["title"],
                outlet=m["outlet"],
                published=m["published"],
                score=round(float(score[d]), 4),
                snippet=snip,
            )
            for d, m, snip in zip(docnums, metas, snippets, strict=True)
        ]
        return SearchResult(total=total, hits=hits, facets=facet_counts)

    def _meta(self, docnum: int) -> dict[str, Any]:
        view = self._engine._view()
        import bisect

        i = bisect.bisect_right(view.offsets, docnum) - 1
        seg = view.segs[i]
        stored = seg.reader.stored_fields(docnum - seg.offset)
        meta = dict(stored["meta"])
        meta["body"] = stored.get("body")
        return meta

    def _snippets(
        self,
        hl: Highlighter,
        metas: list[dict[str, Any]],
        text_for: TextFor | None,
        style: SnippetStyle,
    ) -> list[str]:
        need = [m["id"] for m in metas if m["kind"] == "article" and m.get("body") is None]
        texts = text_for(need) if (text_for is not None and need) else {}
        out = []
        for m in metas:
            text = m.get("body")
            if text is None:
                text = texts.get(m["id"], "")
            out.append(make_snippet(text, hl.spans(text), style) if text else "")
        return out

    def match_spans(
        self, query: str, text: str, expand: Expand | None = None
    ) -> list[tuple[int, int]]:
        """Character spans in `text` that the query matches (for highlighting in the reader)."""
        return match_spans(self.prepare(query, expand), text)

    def close(self) -> None:
        """Release the reader (open files); the object can still be used afterwards."""
        with self._read_lock:
            self._close_reader()
        with self._write_lock:
            self._close_key_readers()

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        # Open segment files otherwise surface as ResourceWarnings at interpreter exit.
        reader = getattr(self, "_reader", None)
        if reader is not None:
            reader.close()
        for key_reader in getattr(self, "_key_readers", {}).values():
            key_reader.close()


def match_spans(
    query: str | Node, text: str, expand: Expand | None = None
) -> list[tuple[int, int]]:
    """(start, end) offsets of every match of `query` in `text`, sorted, non-overlapping."""
    if isinstance(query, str):
        query = parse(query)
        if expand is not None:
            query = expand_variants(query, expand)
    return Highlighter.from_query(query).spans(text)
