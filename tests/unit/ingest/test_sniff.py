"""Sniffing and decoding: encodings users' files come in, and what gets refused."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reader.ingest.sniff import RejectedFile, sniff

RUSSIAN = "Жители Харькова сообщили о взрывах в центре города. "
FRENCH = "Le président a réuni ses ministres à l'Élysée pour préparer la réforme. "


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        (FRENCH, "utf-8"),
        (FRENCH, "utf-8-sig"),
        (RUSSIAN, "utf-16"),
        (RUSSIAN, "utf-16-le"),
        (FRENCH, "utf-16-be"),
        (RUSSIAN, "cp1251"),
        (FRENCH, "latin-1"),
    ],
)
def test_text_in_common_encodings_reads_back_exactly(text: str, encoding: str) -> None:
    data = (text * 10).encode(encoding)
    result = sniff(data, Path("story.txt"))
    assert result.text.lstrip("\ufeff") == text * 10
    assert result.media_type == "text/plain"


def test_html_is_recognised_by_content_as_well_as_suffix() -> None:
    data = b"<!DOCTYPE html><html><body><p>Hello</p></body></html>"
    assert sniff(data, Path("page.txt")).media_type == "text/html"
    assert sniff(b"<p>Hello there</p>", Path("page.htm")).media_type == "text/html"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "empty"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (os.urandom(4096), "binary"),
        (b"Some text\x00with\x00stray\x01NUL\x02bytes" * 20, "binary"),
    ],
)
def test_files_that_are_not_text_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(RejectedFile, match=reason):
        sniff(data, Path("file.txt"))
