"""One file's bytes to an `Extracted` article: sniff, decode, then extract HTML or text."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader import PIPELINE_VERSION
from reader.ingest.model import Extracted
from reader.ingest.mojibake import repair_mojibake
from reader.ingest.sniff import RejectedFile, sniff


@dataclass(frozen=True)
class Document:
    """A file ready to store: its original bytes and what was extracted from them."""

    data: bytes
    sha256: str
    media_type: str
    extracted: Extracted


def extract_document(
    data: bytes, path: Path, recurring_lines: frozenset[str] = frozenset()
) -> Document:
    """Sniff and extract one file's bytes.

    Args:
        data: the file's original bytes.
        path: where it came from (its suffix hints the format; its stem is the
            title of last resort).
        recurring_lines: normalised lines seen across many archived articles of
            one outlet, treated as boilerplate in pasted text.

    Raises:
        RejectedFile: the file is not an importable article, with the reason.
    """
    sniffed = sniff(data, path)
    text = repair_mojibake(sniffed.text)
    if sniffed.media_type == "text/html":
        from reader.ingest.html import extract_html

        extracted = extract_html(text)
    else:
        from reader.ingest.pasted import extract_pasted

        extracted = extract_pasted(text, recurring_lines)
    if not extracted.body_text.strip():
        raise RejectedFile("no article text found")
    if not extracted.title:
        extracted.title = _title_from_path(path)
    return Document(
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        media_type=sniffed.media_type,
        extracted=extracted,
    )


def text_fingerprint(text: str) -> str:
    """sha256 of the text with case and whitespace folded: equal for exact duplicates."""
    folded = re.sub(r"\s+", " ", text).strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def _title_from_path(path: Path) -> str:
    return re.sub(r"[_-]+", " ", path.stem).strip() or path.name


def extraction_json(data: bytes, path: Path) -> dict[str, Any]:
    """What `extract` prints: metadata and the body text (captions listed apart)."""
    doc = extract_document(data, path)
    ex = doc.extracted
    return {
        "title": ex.title,
        "subtitle": ex.subtitle,
        "authors": ex.authors,
        "published": ex.published,
        "outlet": ex.outlet,
        "url": ex.url,
        "language": ex.language,
        "text": ex.body_text,
        "captions": [b.text for b in ex.blocks if b.kind == "caption"],
        "media_type": doc.media_type,
        "pipeline_version": PIPELINE_VERSION,
    }
