"""An original file's bytes as text for the reader's Original view (never rendered)."""

from __future__ import annotations

from reader.ingest.decode import decode_bytes


def decode_original(data: bytes) -> str:
    """The original's text in its own encoding; undecodable bytes become U+FFFD."""
    try:
        return decode_bytes(data)[0]
    except ValueError:
        return data.decode("utf-8", errors="replace")
