"""Reconcile trafilatura's precision-mode and default-mode extractions of one page."""

from __future__ import annotations

import re

from reader.ingest.html_blocks import Candidate

_TOKEN_RE = re.compile(r"\w+")
# The broad span is trusted only if it holds (almost) all of the precise text.
_MIN_COVERAGE = 0.9


def _key(c: Candidate) -> tuple[str, ...]:
    return tuple(_TOKEN_RE.findall(c.text.lower()))


def merge_extractions(precise: list[Candidate], broad: list[Candidate]) -> list[Candidate]:
    """Precise text plus what the broad pass found between its first and last paragraphs.

    Precision mode is good at where an article starts and ends but drops short
    in-article pieces (list items, product names, sub-questions). The broad
    pass keeps those, along with boilerplate around the article; taking the
    broad pass only inside the precise article's bounds keeps the best of both.
    """
    if not precise:
        return broad
    if not broad:
        return precise
    wanted = {_key(c) for c in precise if _key(c)}
    hits = [k for k, c in enumerate(broad) if _key(c) in wanted]
    if not hits:
        return precise
    span = broad[hits[0] : hits[-1] + 1]
    found = {_key(c) for c in span}
    covered = sum(len(c.text) for c in precise if _key(c) in found)
    if covered < _MIN_COVERAGE * sum(len(c.text) for c in precise):
        return precise
    for c in span:
        c.broad_only = _key(c) not in wanted
    return span
