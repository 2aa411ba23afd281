"""Decide what a file is before extracting it: HTML, plain text, or something to refuse."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.decode import UndecodableError, decode_bytes, is_plausible_text

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
IMPORTABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES

_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|article)\b",
    re.IGNORECASE | re.DOTALL,
)


class RejectedFile(ValueError):
    """A file that cannot be imported; the message says why, for the user."""


@dataclass(frozen=True)
class Sniffed:
    """A decoded document ready for extraction."""

    text: str
    media_type: str  # "text/html" or "text/plain"
    encoding: str


def sniff(data: bytes, path: Path) -> Sniffed:
    """Classify and decode `data` read from `path`.

    Raises:
        RejectedFile: empty, binary or undecodable input.
    """
    if not data.strip():
        raise RejectedFile("empty file")
    if _looks_binary(data):
        raise RejectedFile("binary file (not text)")
    try:
        text, encoding = decode_bytes(data)
    except UndecodableError as exc:
        raise RejectedFile(f"cannot decode text: {exc}") from exc
    if "\x00" in text:
        raise RejectedFile("binary file (contains NUL characters)")
    if not text.strip():
        raise RejectedFile("empty file")
    is_html = path.suffix.lower() in HTML_SUFFIXES or bool(_HTML_START.match(data[:2048]))
    if not is_html and text.lstrip().lower().startswith(("<!doctype html", "<html")):
        is_html = True
    return Sniffed(
        text=text, media_type="text/html" if is_html else "text/plain", encoding=encoding
    )


# Magic numbers of formats people keep beside articles (PDF, images, archives, Office).
_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0",
    b"BZh",
    b"7z\xbc\xaf",
    b"\x7fELF",
    b"RIFF",
    b"OggS",
    b"ID3",
)


def _looks_binary(data: bytes) -> bool:
    if data.startswith(_MAGIC):
        return True
    sample = data[:8192]
    if b"\x00" not in sample:
        return False
    # UTF-16/32 text has NUL bytes too; it is text if it decodes to printable prose.
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    even = sample[: len(sample) - len(sample) % 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            if is_plausible_text(even.decode(encoding)):
                return False
        except UnicodeDecodeError:
            continue
    return True
