"""Whoosh write tuning: a codec for position-only fields and a merge policy."""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.reading import SegmentReader

#: Small segments (from single additions) tolerated before they are merged on commit.
MAX_SEGMENTS = 16
SMALL_SEGMENT = 1_000


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


def merge_when_many(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: leave small segments alone until there are many.

    Merging re-reads every term of the merged segments (~0.3 s for a handful of
    one-article segments), so doing it on every commit made adding one article
    slow; queries barely notice a few more segments.
    """
    small = [seg for seg in segments if seg.doc_count_all() <= SMALL_SEGMENT]
    if len(small) <= MAX_SEGMENTS:
        return segments
    # All the small ones at once, so the next merge is again MAX_SEGMENTS commits away.
    for seg in small:
        reader = SegmentReader(writer.storage, writer.schema, seg)
        writer.add_reader(reader)
        reader.close()
    return [seg for seg in segments if seg not in small]
