"""Query evaluation over Whoosh segments with vectorised scoring, sorting and facets.

Whoosh stores the index; this module reads its posting lists block by block into
numpy arrays and evaluates the query as dense masks and score vectors over all
document numbers. That keeps every query kind near C speed: boolean logic is
array arithmetic, BM25 is one vector expression per term, date sorting and facet
counts are `argpartition`/`bincount` over per-document columns cached per segment.
"""

from __future__ import annotations

import bisect
import math
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from reader.search.query import And, DateRange, Fuzzy, Node, Not, Nothing, Or, Prefix, Words
from reader.search.schema import DEFAULT_FIELDS, TEXT_FIELDS

K1 = 1.2
B = 0.75
#: Posting arrays kept in memory between queries (common words are re-read often).
POSTINGS_CACHE_BYTES = 96 * 1024 * 1024
_KIND_CODES = {"article": 0, "annotation": 1}
_Postings = tuple[np.ndarray, np.ndarray, "np.ndarray | None"]


class Interner:
    """Stable small integers for outlet and entity names (facet counting by bincount)."""

    def __init__(self) -> None:
        self.codes: dict[str, int] = {}
        self.names: list[str] = []

    def code(self, name: str) -> int:
        got = self.codes.get(name)
        if got is None:
            got = self.codes[name] = len(self.names)
            self.names.append(name)
        return got


class SegmentData:
    """Per-document columns of one Whoosh segment, read once from the stored metadata."""

    def __init__(self, reader: Any, names: Interner) -> None:
        n = reader.doc_count_all()
        self.n = n
        self.ids = np.zeros(n, np.int64)
        self.article_ids = np.zeros(n, np.int64)
        self.kinds = np.zeros(n, np.int8)
        self.dates = np.zeros(n, np.int32)
        self.outlets = np.zeros(n, np.int32)
        self.lengths = {f: np.zeros(n, np.float32) for f in TEXT_FIELDS}
        ent_doc: list[int] = []
        ent_code: list[int] = []
        for docnum in range(n):
            meta = reader.stored_fields(docnum).get("meta") or {}
            self.ids[docnum] = meta.get("id", -1)
            self.article_ids[docnum] = meta.get("article_id", -1)
            self.kinds[docnum] = _KIND_CODES.get(meta.get("kind", "article"), 0)
            self.dates[docnum] = meta.get("date", 0)
            self.outlets[docnum] = names.code(meta.get("outlet") or "")
            for f, length in (meta.get("lengths") or {}).items():
                if f in self.lengths:
                    self.lengths[f][docnum] = length
            for ent in meta.get("entities") or ():
                ent_doc.append(docnum)
                ent_code.append(names.code(ent))
        self.ent_doc = np.asarray(ent_doc, np.int64)
        self.ent_code = np.asarray(ent_code, np.int64)
        self.vocab: dict[str, list[str]] = {}


def _read_postings(
    reader: Any, field: str, term: str, positions: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
    """(docnums, frequencies, positions) of a term in one segment, deleted docs included.

    Positions (only when asked) are all the postings' positions concatenated, in
    docnum order, `frequency` of them per document.
    """
    empty = np.zeros(0, np.int64), np.zeros(0, np.float32), np.zeros(0, np.int64)
    btext = term.encode("utf-8")
    if (field, btext) not in reader:
        return empty
    fmt = reader.schema[field].format
    m = reader._terms.matcher(field, btext, fmt)  # unfiltered: deletions are masked later
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    values: list[bytes] = []
    if hasattr(m, "_read_data") and hasattr(m, "_next_block"):
        # Whoosh 3 codec: each block is (delta-encoded ids, weights, values).
        while m.is_active():
            if m._data is None:
                m._read_data()
            ids.append(np.cumsum(np.asarray(m._data[0], np.int64)))
            m._read_weights()
            weights.append(np.asarray(m._weights, np.float32))
            if positions:
                m._read_values()
                values.extend(m._values)
            m._next_block()
        id_arr, w_arr = np.concatenate(ids), np.concatenate(weights)
    else:
        got_ids, got_w = [], []
        while m.is_active():
            got_ids.append(m.id())
            got_w.append(m.weight())
            if positions:
                values.append(m.value())
            m.next()
        id_arr, w_arr = np.asarray(got_ids, np.int64), np.asarray(got_w, np.float32)
    pos = np.frombuffer(b"".join(values), np.uint16).astype(np.int64) if positions else None
    return id_arr, w_arr, pos


@dataclass
class _Seg:
    reader: Any
    segid: str
    offset: int
    data: SegmentData


class View:
    """One consistent generation of the index: its segments and merged columns."""

    def __init__(self, searcher_reader: Any, cache: dict[str, SegmentData], names: Interner):
        self.reader = searcher_reader
        self.segs: list[_Seg] = []
        live_parts = []
        for reader, offset in searcher_reader.leaf_readers():
            if reader.segment() is None:  # the empty reader of an empty index
                continue
            segid = reader.segment().segment_id()
            data = cache.get(segid)
            if data is None:
                data = cache[segid] = SegmentData(reader, names)
            self.segs.append(_Seg(reader, segid, offset, data))
            live = np.ones(data.n, bool)
            deleted = reader.deleted_docs_set
            if deleted:
                live[np.fromiter(deleted, np.int64, len(deleted))] = False
            live_parts.append(live)
        self.offsets = [s.offset for s in self.segs]

        def cat(get: Any, dtype: Any) -> np.ndarray:
            parts = [get(s) for s in self.segs]
            return np.concatenate(parts) if parts else np.zeros(0, dtype)

        self.live = np.concatenate(live_parts) if live_parts else np.zeros(0, bool)
        self.n = int(self.live.shape[0])
        self.n_live = int(self.live.sum())
        self.ids = cat(lambda s: s.data.ids, np.int64)
        self.article_ids = cat(lambda s: s.data.article_ids, np.int64)
        self.kinds = cat(lambda s: s.data.kinds, np.int8)
        self.dates = cat(lambda s: s.data.dates, np.int32)
        self.outlets = cat(lambda s: s.data.outlets, np.int32)
        self.ent_doc = cat(lambda s: s.data.ent_doc + s.offset, np.int64)
        self.ent_code = cat(lambda s: s.data.ent_code, np.int64)
        self.lengths = {f: cat(lambda s, f=f: s.data.lengths[f], np.float32) for f in TEXT_FIELDS}
        self.avgdl = {}
        for f, arr in self.lengths.items():
            present = arr[self.live & (arr > 0)]
            self.avgdl[f] = float(present.mean()) if present.size else 1.0


class Engine:
    """Evaluates parsed queries against the current `View`."""

    def __init__(self) -> None:
        self.names = Interner()
        self.segments: dict[str, SegmentData] = {}
        self._postings: OrderedDict[tuple[str, str, str, bool], _Postings] = OrderedDict()
        self._postings_bytes = 0
        self.view: View | None = None
        #: Words each fuzzy term of the last evaluated query stood for (for snippets).
        self.fuzzy_words: dict[Fuzzy, set[str]] = {}

    def set_reader(self, reader: Any) -> View:
        """Adopt a new reader generation, keeping caches of segments that survived."""
        view = View(reader, self.segments, self.names)
        alive = {s.segid for s in view.segs}
        for segid in list(self.segments):
            if segid not in alive:
                del self.segments[segid]
        for key in [k for k in self._postings if k[0] not in alive]:
            self._drop(key)
        self.view = view
        return view

    # -- postings ---------------------------------------------------------------

    def _drop(self, key: tuple[str, str, str, bool]) -> None:
        got = self._postings.pop(key)
        self._postings_bytes -= sum(a.nbytes for a in got if a is not None)

    def _segment_postings(self, seg: _Seg, field: str, term: str, positions: bool) -> _Postings:
        key = (seg.segid, field, term, positions)
        got = self._postings.get(key)
        if got is not None:
            self._postings.move_to_end(key)
            return got
        got = _read_postings(seg.reader, field, term, positions)
        self._postings[key] = got
        self._postings_bytes += sum(a.nbytes for a in got if a is not None)
        while self._postings_bytes > POSTINGS_CACHE_BYTES and len(self._postings) > 1:
            self._drop(next(iter(self._postings)))
        return got

    def postings(self, field: str, term: str, positions: bool = False) -> _Postings:
        """Global (docnums, frequencies, positions or None) of a term across all segments."""
        view = self._view()
        parts = [
            (p, s)
            for s in view.segs
            if (p := self._segment_postings(s, field, term, positions))[0].size
        ]
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.float32), np.zeros(0, np.int64)
        ids = np.concatenate([p[0] + s.offset for p, s in parts])
        tfs = np.concatenate([p[1] for p, _ in parts])
        pos = np.concatenate([p[2] for p, _ in parts]) if positions else None
        return ids, tfs, pos

    def _view(self) -> View:
        if self.view is None:
            raise RuntimeError("Engine used before set_reader()")
        return self.view

    # -- evaluation -------------------------------------------------------------

    def _bm25(self, ids: np.ndarray, tfs: np.ndarray, base: str) -> np.ndarray:
        view = self._view()
        df = ids.size
        idf = math.log(1.0 + (view.n_live - df + 0.5) / (df + 0.5))
        dl = view.lengths[base][ids]
        norm = K1 * (1.0 - B + B * dl / view.avgdl[base])
        return (idf * tfs * (K1 + 1.0) / (tfs + norm)).astype(np.float32)

    def _term_into(self, field: str, term: str, mask: Any, score: Any) -> None:
        ids, tfs, _ = self.postings(field, term)
        if ids.size:
            mask[ids] = True
            score[ids] += self._bm25(ids, tfs, field)

    def _phrase_into(self, field: str, seq: tuple[str, ...], mask: Any, score: Any) -> None:
        """Documents where the stems of `seq` occur at consecutive positions."""
        n = self._view().n
        cand = np.ones(n, bool)
        for term in set(seq):  # cheap document-level AND first
            tmask = np.zeros(n, bool)
            tmask[self.postings(field, term)[0]] = True
            cand &= tmask
            if not cand.any():
                return
        # Key each occurrence by (document, position - its place in the phrase): a
        # phrase match is a key present for every word of the phrase.
        keys: np.ndarray | None = None
        for i, term in enumerate(seq):
            ids, tfs, pos = self.postings(field, term, positions=True)
            assert pos is not None
            docs = np.repeat(ids, tfs.astype(np.int64))
            keep = cand[docs]
            k = (docs[keep] << 17) | (pos[keep] - i + len(seq))
            keys = k if keys is None else np.intersect1d(keys, k, assume_unique=False)
            if keys.size == 0:
                return
        assert keys is not None
        docs, tf = np.unique(keys >> 17, return_counts=True)
        mask[docs] = True
        score[docs] += self._bm25(docs, tf.astype(np.float32), field)

    def _fields(self, field: str | None) -> dict[str, float]:
        return {field: 1.0} if field else DEFAULT_FIELDS

    def run(self, node: Node) -> tuple[np.ndarray, np.ndarray]:
        """Evaluate a whole query (resets `fuzzy_words`)."""
        self.fuzzy_words = {}
        return self.evaluate(node)

    def evaluate(self, node: Node) -> tuple[np.ndarray, np.ndarray]:
        """(matching mask, score vector) over all document numbers of the view."""
        n = self._view().n
        if isinstance(node, Words):
            return self._words(node, n)
        if isinstance(node, Prefix | Fuzzy):
            return self._expanded(node, n)
        if isinstance(node, DateRange):
            dates = self._view().dates
            return (dates >= node.lo) & (dates <= node.hi), np.zeros(n, np.float32)
        if isinstance(node, Nothing):
            return np.zeros(n, bool), np.zeros(n, np.float32)
        if isinstance(node, Not):
            mask, _ = self.evaluate(node.item)
            return ~mask, np.zeros(n, np.float32)
        if isinstance(node, And):
            mask, score = np.ones(n, bool), np.zeros(n, np.float32)
            for item in node.items:
                if isinstance(item, Not):  # exclusion: no need to build its complement
                    sub, _ = self.evaluate(item.item)
                    mask &= ~sub
                    continue
                sub, s = self.evaluate(item)
                mask &= sub
                score += s
            return mask, score * mask
        if isinstance(node, Or):
            mask, score = np.zeros(n, bool), np.zeros(n, np.float32)
            for item in node.items:
                sub, s = self.evaluate(item)
                mask |= sub
                score += s
            return mask, score
        raise TypeError(f"unknown query node {node!r}")

    def _words(self, node: Words, n: int) -> tuple[np.ndarray, np.ndarray]:
        mask, score = np.zeros(n, bool), np.zeros(n, np.float32)
        for field, boost in self._fields(node.field).items():
            fmask, fscore = np.zeros(n, bool), np.zeros(n, np.float32)
            if len(node.stems) == 1:
                self._term_into(field, node.stems[0], fmask, fscore)
            else:
                self._phrase_into(field, node.stems, fmask, fscore)
            mask |= fmask
            score += boost * fscore
        return mask, score

    def vocabulary(self, seg: _Seg, field: str) -> list[str]:
        """The sorted indexed words of one field in one segment (loaded once)."""
        vocab = seg.data.vocab.get(field)
        if vocab is None:
            vocab = seg.data.vocab[field] = list(seg.reader.field_terms(field))
        return vocab

    def expansions(self, node: Prefix | Fuzzy, field: str) -> set[str]:
        """Indexed words a prefix or fuzzy term stands for, in one field."""
        out: set[str] = set()
        for seg in self._view().segs:
            vocab = self.vocabulary(seg, field)
            if isinstance(node, Prefix):
                lo = bisect.bisect_left(vocab, node.prefix)
                hi = bisect.bisect_left(vocab, node.prefix + "\U0010ffff")
                out.update(vocab[lo:hi])
            else:
                # Same first letter (like Whoosh's prefixlength=1): far fewer false friends.
                first = node.stem[:1]
                lo = bisect.bisect_left(vocab, first)
                hi = bisect.bisect_left(vocab, first + "\U0010ffff")
                found = process.extract(
                    node.stem,
                    vocab[lo:hi],
                    scorer=Levenshtein.distance,
                    score_cutoff=node.maxdist,
                    limit=None,
                )
                out.update(word for word, _, _ in found)
                # Stems shorter than the typed word, compared with its beginning.
                low, high = max(4, len(node.word) - 4), len(node.word) - 1
                out.update(t for t in vocab[lo:hi] if low <= len(t) <= high and node.matches(t))
        return out

    def _expanded(self, node: Prefix | Fuzzy, n: int) -> tuple[np.ndarray, np.ndarray]:
        mask, score = np.zeros(n, bool), np.zeros(n, np.float32)
        for field, boost in self._fields(node.field).items():
            fscore = np.zeros(n, np.float32)
            terms = self.expansions(node, field)
            if isinstance(node, Fuzzy):
                self.fuzzy_words.setdefault(node, set()).update(terms)
            for term in terms:
                self._term_into(field, term, mask, fscore)
            score += boost * fscore
        return mask, score


def top_k(
    mask: np.ndarray, score: np.ndarray, dates: np.ndarray, k: int, offset: int, by_date: bool
) -> np.ndarray:
    """Document numbers of the hits `offset`..`offset+k`, best first."""
    cand = np.flatnonzero(mask)
    want = offset + k
    primary = dates[cand].astype(np.float64) if by_date else score[cand].astype(np.float64)
    if cand.size > want > 0:
        part = np.argpartition(-primary, want - 1)[:want]
        cand, primary = cand[part], primary[part]
    secondary = score[cand] if by_date else dates[cand]
    order = np.lexsort((-secondary.astype(np.float64), -primary))
    return cand[order][offset:want]
