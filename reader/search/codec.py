"""A Whoosh codec tuned for bulk writes of position-only fields."""

from __future__ import annotations

from typing import Any

from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter


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
