"""Whoosh write tuning: a codec for position-only fields and a merge policy."""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.reading import SegmentReader

#: Segments of at most this many documents count as small (single additions, import chunks).
SMALL_SEGMENT = 1_000
#: Small segments an ordinary commit tolerates. Adding a document never merges below
#: this: merging re-reads every term of the merged segments (~0.3 s for 17 one-article
#: segments), which made one in every 17 additions slow. `SearchIndex.merge_small`
#: folds them together off the interactive path (after an import, on idle); this cap
#: only bounds the segment count for writers that never call it.
MAX_SEGMENTS = 64
#: Small segments before `merge_small` (the off-path merge) does anything: merging
#: costs ~50 ms per merged article in Whoosh, so a few small segments stay.
FEW_SEGMENTS = 16


class _FieldWriter(W3FieldWriter):
    def add_postings(self, schema: Any, lengths: Any, items: Any) -> None:  # noqa: ARG002
        # Whoosh looks up each posting's field length to record per-block length
        # bounds, which only its own block-max scoring uses. Our fields store no
        # length column, so every lookup stat()s a missing file: half the time of
        # a bulk build. Lengths for BM25 live in the stored metadata instead.
        super().add_postings(schema, None, items)


class ParallaxCodec(W3Codec):
    """Whoosh 3 format; larger posting blocks, light compression, no length lookups."""

    def __init__(self, blocklimit: int = 256, compression: int = 1, inlinelimit: int = 1):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def field_writer(self, storage: Any, segment: Any) -> W3FieldWriter:
        return _FieldWriter(self, storage, segment)


def _small(segments: list[Any]) -> list[Any]:
    return [seg for seg in segments if seg.doc_count_all() <= SMALL_SEGMENT]


def _merge(writer: Any, segments: list[Any], chosen: list[Any]) -> list[Any]:
    for seg in chosen:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg not in chosen]


def merge_when_many(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy of ordinary commits: merge small segments only past `MAX_SEGMENTS`.

    All the small ones at once, so the next forced merge is again MAX_SEGMENTS
    commits away.
    """
    small = _small(segments)
    return _merge(writer, segments, small) if len(small) > MAX_SEGMENTS else segments


def merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy of `SearchIndex.merge_small`: every small segment into one."""
    small = _small(segments)
    return _merge(writer, segments, small) if len(small) > 1 else segments


def small_segment_count(segments: list[Any]) -> int:
    """How many of `segments` are small enough to be merged."""
    return len(_small(segments))
