"""Last-resort paragraph extraction for markup the tree-based extractors cannot handle."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_SKIP = {"script", "style", "noscript", "iframe", "template", "svg", "head", "title", "nav"}
_SKIP |= {"header", "footer", "aside", "form", "button", "select", "textarea", "object"}
_BREAK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "section"}
_BREAK |= {"article", "tr", "td", "th", "dd", "dt", "pre", "figure", "figcaption", "table"}
_SPACE_RE = re.compile(r"\s+")
# Without layout, only paragraph-sized runs of prose are worth keeping.
_MIN_WORDS = 8


class _Paragraphs(HTMLParser):
    """Event-based, so arbitrarily deep nesting costs nothing."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._buf: list[str] = []
        self._skip_depth = 0

    def _flush(self) -> None:
        text = _SPACE_RE.sub(" ", "".join(self._buf)).strip()
        self._buf = []
        if len(text.split()) >= _MIN_WORDS and text[-1:] in ".!?\"'”’)…:;" + "。！？":
            self.paragraphs.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:  # noqa: ARG002
        if tag in _SKIP:
            self._skip_depth += 1
        if tag in _BREAK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self._skip_depth:
            self._skip_depth -= 1
        if tag in _BREAK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self._buf.append(data)


def fallback_paragraphs(markup: str) -> list[str]:
    """Prose paragraphs found by a streaming parse of `markup` (never raises)."""
    parser = _Paragraphs()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # the stdlib parser can trip on pathological input; keep what we have
        pass
    parser._flush()
    return parser.paragraphs
