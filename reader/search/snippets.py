"""Where a query matches inside a text: character spans and marked snippets."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from reader.search.analysis import fold, is_indexed_word, stem, token_spans
from reader.search.query import And, Fuzzy, Node, Not, Or, Prefix, Words

#: Fields whose terms are worth highlighting in body text (entities are named in it).
_TEXT_LIKE = (None, "text", "entity", "note", "title")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SnippetStyle:
    """How snippets look: markers around matches, length, and HTML escaping.

    Attributes:
        before, after: put around each match ("«"/"»", or "<b>"/"</b>" with escape_html).
        width: target snippet length in characters.
        escape_html: escape the text (not the markers) for display as HTML.
    """

    before: str = "«"
    after: str = "»"
    width: int = 220
    ellipsis: str = "…"
    escape_html: bool = False


@dataclass
class Highlighter:
    """The positive terms of a query, ready to be found in any text."""

    singles: set[str] = field(default_factory=set)
    phrases: set[tuple[str, ...]] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)
    fuzzy: set[Fuzzy] = field(default_factory=set)
    _compiled: re.Pattern[str] | None | bool = field(default=False, repr=False)

    @classmethod
    def from_query(
        cls, node: Node, fuzzy_words: dict[Fuzzy, set[str]] | None = None
    ) -> Highlighter:
        """Collect the terms of `node`, skipping anything under NOT.

        Args:
            fuzzy_words: the indexed words each fuzzy term matched, when known;
                they are then found like plain words, which is much faster.
        """
        hl = cls()
        hl._collect(node, fuzzy_words or {})
        return hl

    def _collect(self, node: Node, fuzzy_words: dict[Fuzzy, set[str]]) -> None:
        if isinstance(node, And | Or):
            for item in node.items:
                self._collect(item, fuzzy_words)
        elif isinstance(node, Not):
            return
        elif isinstance(node, Words) and node.field in _TEXT_LIKE:
            if len(node.stems) == 1:
                self.singles.add(node.stems[0])
            else:
                self.phrases.add(node.stems)
        elif isinstance(node, Prefix) and node.field in _TEXT_LIKE:
            self.prefixes.add(node.prefix)
        elif isinstance(node, Fuzzy) and node.field in _TEXT_LIKE:
            if node in fuzzy_words:
                self.singles.update(fuzzy_words[node])
            else:
                self.fuzzy.add(node)

    def _word_matches(self, word: str, st: str) -> bool:
        if st in self.singles:
            return True
        if any(word.startswith(p) or st.startswith(p) for p in self.prefixes):
            return True
        return any(f.matches(st) for f in self.fuzzy)

    def _pattern(self) -> re.Pattern[str] | None:
        """A regex finding candidate words in raw text, or None to scan every word.

        Porter stems change at most the end of a word, so a word that stems to
        `s` starts with `s` minus its last letter; each letter also matches its
        accented forms. Only candidates are folded and stemmed, which keeps
        snippets for 20 long articles within a few milliseconds.
        """
        if self._compiled is not False:
            return self._compiled  # type: ignore[return-value]
        heads = {st[:-1] if len(st) > 2 else st for st in self.singles}
        heads |= {p[0][:-1] if len(p[0]) > 2 else p[0] for p in self.phrases}
        heads |= self.prefixes
        if self.fuzzy or not heads:
            self._compiled = None
        else:
            alts = "|".join(
                "".join(_letter_class(c) for c in h) for h in sorted(heads, key=len, reverse=True)
            )
            self._compiled = re.compile(rf"\b(?:{alts})\w*", re.IGNORECASE)
        return self._compiled

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Sorted, non-overlapping (start, end) character spans of the matches in `text`."""
        if not (self.singles or self.phrases or self.prefixes or self.fuzzy):
            return []
        pattern = self._pattern()
        if pattern is None:
            return self._scan(text, 0)
        found: list[tuple[int, int]] = []
        for m in pattern.finditer(text):
            # Re-read from the candidate: it may start a phrase that runs on.
            window = text[m.start() : m.start() + 400] if self.phrases else m.group()
            found.extend(
                (m.start() + s, m.start() + e) for s, e in self._scan(window, 0, first_only=True)
            )
        return _merge(found)

    def _scan(self, text: str, base: int, first_only: bool = False) -> list[tuple[int, int]]:
        kept = [(s, e, w) for s, e, w in token_spans(text) if is_indexed_word(w)]
        if first_only:
            kept = kept[: 1 + max((len(p) for p in self.phrases), default=1)]
        found: list[tuple[int, int]] = []
        stems_seq = [stem(w) for _, _, w in kept]
        for i, ((s, e, w), st) in enumerate(zip(kept, stems_seq, strict=True)):
            if first_only and i > 0:
                break
            if self._word_matches(w, st):
                found.append((base + s, base + e))
        for phrase in self.phrases:
            size = len(phrase)
            last = 1 if first_only else len(stems_seq) - size + 1
            for i in range(min(last, len(stems_seq) - size + 1)):
                if stems_seq[i] == phrase[0] and tuple(stems_seq[i : i + size]) == phrase:
                    found.append((base + kept[i][0], base + kept[i + size - 1][1]))
        return _merge(found)


def _letter_class(ch: str) -> str:
    """Regex class for a folded letter and the accented letters that fold to it."""
    forms = _ACCENTED.get(ch)
    return f"[{re.escape(ch)}{''.join(forms)}]" if forms else re.escape(ch)


def _accented() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for cp in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        ch = chr(cp)
        folded = fold(ch)
        if len(folded) == 1 and folded != ch.lower() and folded.isalnum():
            out.setdefault(folded, []).append(ch)
    return out


_ACCENTED = _accented()


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _best_window(spans: list[tuple[int, int]], width: int) -> int:
    """Start offset of the window of `width` characters holding the most matches."""
    best_start, best_count, j = spans[0][0], 0, 0
    for i, (s, _) in enumerate(spans):
        j = max(j, i)
        while j + 1 < len(spans) and spans[j + 1][1] <= s + width:
            j += 1
        if j - i + 1 > best_count:
            best_start, best_count = s, j - i + 1
    return best_start


def make_snippet(text: str, spans: list[tuple[int, int]], style: SnippetStyle) -> str:
    """A short extract of `text` around the densest matches, with matches marked."""
    width = style.width
    if spans:
        first = _best_window(spans, width)
        start = max(0, first - width // 4)
    else:
        start = 0
    end = min(len(text), start + width)
    if end == len(text):
        start = max(0, end - width)
    # Snap to word boundaries so the snippet never starts or ends mid-word.
    if start > 0:
        space = text.find(" ", start, first if spans else end)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    for s, e in spans:  # never cut a match in half
        if s < end < e:
            end = e
    esc = html.escape if style.escape_html else (lambda t: t)
    parts: list[str] = []
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        parts.append(esc(text[pos:s]))
        parts.append(style.before + esc(text[s:e]) + style.after)
        pos = e
    parts.append(esc(text[pos:end]))
    body = _SPACE_RE.sub(" ", "".join(parts)).strip()
    head = style.ellipsis if start > 0 else ""
    return head + body + (style.ellipsis if end < len(text) else "")
