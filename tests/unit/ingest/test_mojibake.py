"""Mojibake in a pasted article ("â€™" for "’") is repaired at import; clean text is untouched."""

from __future__ import annotations

from pathlib import Path

from reader.ingest.document import extract_document
from reader.ingest.mojibake import repair_mojibake

ARTICLE = (
    "Harbour board delays the ferry vote\n\n"
    "The boardâ€™s chair said on Monday that the vote on the islandâ€™s ferry "
    "would wait until the auditorsâ€™ report is out. â€œWe owe the crews that,â€\x9d "
    "she told reporters outside the terminal.\n\n"
    "Crews have worked without a contract since the spring, and the union says "
    "the delay costs each of them about â‚¬300 a month in lost overtime.\n"
)


def test_pasted_mojibake_is_repaired_in_the_stored_text(tmp_path: Path) -> None:
    path = tmp_path / "ferry.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    text = extract_document(path.read_bytes(), path).extracted.body_text
    assert "board’s chair" in text
    assert "“We owe the crews that,”" in text
    assert "€300" in text
    assert "â€" not in text


def test_text_without_mojibake_comes_back_unchanged() -> None:
    clean = "Kyiv’s mayor met Zürich’s delegation — naïve hopes, “real” money: €5 × 3."
    assert repair_mojibake(clean) == clean
    assert repair_mojibake("&amp; stays an entity; 'quotes' stay") == (
        "&amp; stays an entity; 'quotes' stay"
    )
