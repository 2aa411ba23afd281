"""The query language: tokenizer and parser from a query string to a small plain AST."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz.distance import Levenshtein

from reader.search.analysis import fold, stems
from reader.search.errors import QuerySyntaxError
from reader.search.schema import QUERY_FIELDS

#: One screen of help for the CLI and the GUI search box.
SYNTAX_HELP = """\
words            all of them must appear (stemmed: "attacks" finds "attack")
"two words"      the words next to each other
a OR b   a AND b   NOT a   (a OR b) AND c
title: outlet: author: entity: tag: note: text:   search one field, e.g. outlet:"kyiv ledger"
date:2025-12-02  date:2025-12  date:2025-12-01..2025-12-03  date:2025-12-01..  date:..2025-12-03
pokrov*          words starting with "pokrov" (at least 2 letters)
myrnohrad~       words one typo away (myrnohrad~2: two)
Case and accents never matter."""
MIN_PREFIX = 2
MAX_FUZZY = 2
DATE_MIN = 0
DATE_MAX = 99_999_999
KNOWN_FIELDS = tuple(sorted(set(QUERY_FIELDS) | {"date"}))


@dataclass(frozen=True, slots=True)
class Words:
    """A word or a phrase (several stems that must be adjacent) in one field or the defaults."""

    field: str | None
    stems: tuple[str, ...]
    raw: str


@dataclass(frozen=True, slots=True)
class Prefix:
    """`term*`: any indexed word starting with `prefix` (folded, not stemmed)."""

    field: str | None
    prefix: str


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """`term~` / `term~2`: words within `maxdist` edits of the stem."""

    field: str | None
    stem: str
    maxdist: int
    word: str = ""

    def matches(self, term: str) -> bool:
        """Whether an indexed stem is within reach of this fuzzy term.

        Comparing stems alone misses typos that change the stem ("inflaton"
        stems to itself, "inflation" to "inflat"), so the typed word cut to the
        stem's length is compared too.
        """
        d = self.maxdist
        if term[:1] != self.stem[:1]:
            return False
        if Levenshtein.distance(self.stem, term, score_cutoff=d) <= d:
            return True
        word = self.word
        size = len(term)
        return (
            size >= 4
            and len(word) - 4 <= size < len(word)
            and Levenshtein.distance(word[:size], term, score_cutoff=d) <= d
        )


@dataclass(frozen=True, slots=True)
class DateRange:
    """Publication dates as yyyymmdd numbers, both ends inclusive."""

    lo: int
    hi: int


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Not:
    item: Node


@dataclass(frozen=True, slots=True)
class Nothing:
    """Only stop words: matches no document."""


Node = Words | Prefix | Fuzzy | DateRange | And | Or | Not | Nothing

_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<field>[A-Za-z]+):(?=[^\s)])
  | (?P<phrase>"[^"]*")
  | (?P<quote>")
  | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE,
)
_OPERATORS = {"AND", "OR", "NOT"}
_FUZZY_RE = re.compile(r"^(?P<term>.+?)~(?P<dist>\d*)$")
_DATE_PART = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_DATE_RE = re.compile(rf"^(?P<lo>{_DATE_PART})?(?P<dots>\.\.)?(?P<hi>{_DATE_PART})?$")
_DATE_HELP = "dates look like date:2025-12-02, date:2025-12, or ranges date:2025-12-01..2025-12-03"


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str
    text: str
    pos: int


def _tokenize(query: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN_RE.finditer(query):
        kind = m.lastgroup or ""
        if kind == "ws":
            continue
        if kind == "quote":
            raise QuerySyntaxError(
                f'unclosed quote at position {m.start() + 1}: add the closing "', m.start()
            )
        if kind == "word" and m.group() in _OPERATORS:
            kind = m.group()
        toks.append(_Tok(kind, m.group(), m.start()))
    return toks


def _date_bound(text: str, upper: bool, pos: int) -> int:
    parts = [int(p) for p in text.split("-")]
    year = parts[0]
    month = parts[1] if len(parts) > 1 else (12 if upper else 1)
    if len(parts) > 2:
        day = parts[2]
    elif upper:
        nxt = date(year + month // 12, month % 12 + 1, 1) if 1 <= month <= 12 else None
        day = (nxt - date(year, month, 1)).days if nxt else 0
    else:
        day = 1
    try:
        d = date(year, month, day)
    except ValueError:
        raise QuerySyntaxError(f"not a real date: {text!r}; {_DATE_HELP}", pos) from None
    return d.year * 10000 + d.month * 100 + d.day


def parse_date(value: str, pos: int = 0) -> DateRange:
    """Parse the value of `date:` (a day, month or year, or a `..` range with open ends)."""
    m = _DATE_RE.match(value)
    if not m or not (m.group("lo") or m.group("hi")):
        raise QuerySyntaxError(f"cannot read date {value!r}; {_DATE_HELP}", pos)
    lo, hi, dots = m.group("lo"), m.group("hi"), m.group("dots")
    if not dots:
        if hi and not lo:  # a bare date lands in the "hi" group only if lo is empty
            lo = hi
        return DateRange(_date_bound(lo, False, pos), _date_bound(lo, True, pos))
    low = _date_bound(lo, False, pos) if lo else DATE_MIN
    high = _date_bound(hi, True, pos) if hi else DATE_MAX
    if low > high:
        raise QuerySyntaxError(f"date range {value!r} ends before it starts", pos)
    return DateRange(low, high)


class _Parser:
    def __init__(self, query: str) -> None:
        self.query = query
        self.toks = _tokenize(query)
        self.i = 0

    def peek(self) -> _Tok | None:
        return self.toks[self.i] if self.i < len(self.toks) else None

    def take(self) -> _Tok:
        if self.i >= len(self.toks):
            raise QuerySyntaxError(
                "the query ends too early: something is missing at the end", len(self.query)
            )
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def parse(self) -> Node:
        if not self.toks:
            raise QuerySyntaxError("empty query: type some words to search for")
        node = self.parse_or(None)
        tok = self.peek()
        if tok is not None:
            if tok.kind == "rparen":
                raise QuerySyntaxError(f"unmatched ')' at position {tok.pos + 1}", tok.pos)
            raise QuerySyntaxError(f"unexpected {tok.text!r} at position {tok.pos + 1}", tok.pos)
        return node

    def parse_or(self, field: str | None) -> Node:
        items = [self.parse_and(field)]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            self._need_operand(tok)
            items.append(self.parse_and(field))
        return items[0] if len(items) == 1 else Or(tuple(items))

    def parse_and(self, field: str | None) -> Node:
        items = [self.parse_unary(field)]
        while (tok := self.peek()) is not None and tok.kind not in ("OR", "rparen"):
            if tok.kind == "AND":
                self.take()
                self._need_operand(tok)
            items.append(self.parse_unary(field))
        return items[0] if len(items) == 1 else And(tuple(items))

    def parse_unary(self, field: str | None) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind == "NOT":
            self.take()
            self._need_operand(tok)
            return Not(self.parse_unary(field))
        return self.parse_primary(field)

    def _need_operand(self, op: _Tok) -> None:
        tok = self.peek()
        if tok is None or tok.kind in ("OR", "AND", "rparen"):
            raise QuerySyntaxError(
                f"{op.text} at position {op.pos + 1} needs a word or group after it", op.pos
            )

    def parse_primary(self, field: str | None) -> Node:
        tok = self.take()
        if tok.kind in ("OR", "AND"):
            raise QuerySyntaxError(
                f"{tok.text} at position {tok.pos + 1} needs a word or group before it", tok.pos
            )
        if tok.kind == "lparen":
            if (nxt := self.peek()) is not None and nxt.kind == "rparen":
                raise QuerySyntaxError(f"empty parentheses at position {tok.pos + 1}", tok.pos)
            node = self.parse_or(field)
            close = self.peek()
            if close is None or close.kind != "rparen":
                raise QuerySyntaxError(
                    f"missing ')' for the '(' at position {tok.pos + 1}", tok.pos
                )
            self.take()
            return node
        if tok.kind == "field":
            name = tok.text[:-1].lower()
            if name not in KNOWN_FIELDS:
                raise QuerySyntaxError(
                    f"unknown field {tok.text[:-1]!r}: use one of " + ", ".join(KNOWN_FIELDS),
                    tok.pos,
                )
            if field is not None:
                raise QuerySyntaxError(
                    f"{tok.text} inside a {field}: group at position {tok.pos + 1}", tok.pos
                )
            value = self.peek()
            if value is None or value.kind not in ("word", "phrase", "lparen"):
                raise QuerySyntaxError(f"{tok.text} needs a value right after the colon", tok.pos)
            if name == "date":
                if value.kind != "word":
                    raise QuerySyntaxError(_DATE_HELP, value.pos)
                self.take()
                return parse_date(value.text, value.pos)
            return self.parse_primary(name)
        if tok.kind == "phrase":
            return _words(field, tok.text[1:-1], tok.pos)
        if tok.kind == "word":
            return _word(field, tok.text, tok.pos)
        raise QuerySyntaxError(f"unexpected {tok.text!r} at position {tok.pos + 1}", tok.pos)


def _words(field: str | None, text: str, pos: int) -> Node:
    seq = tuple(stems(text))
    if not seq:
        return Nothing()
    del pos
    return Words(field, seq, text)


def _word(field: str | None, text: str, pos: int) -> Node:
    if text.endswith(":") and text[:-1].lower() in KNOWN_FIELDS:
        raise QuerySyntaxError(f"{text} needs a value right after the colon", pos)
    if "*" in text:
        if text.count("*") > 1 or not text.endswith("*"):
            raise QuerySyntaxError(
                f"{text!r}: '*' only works at the end of a word (prefix search)", pos
            )
        prefix = fold(text[:-1])
        if "~" in prefix:
            raise QuerySyntaxError(f"{text!r}: use either '*' or '~', not both", pos)
        if not re.fullmatch(r"\w+", prefix):
            raise QuerySyntaxError(f"{text!r}: a prefix must be one plain word", pos)
        if len(prefix) < MIN_PREFIX:
            raise QuerySyntaxError(
                f"{text!r}: a prefix needs at least {MIN_PREFIX} letters before '*'", pos
            )
        return Prefix(field, prefix)
    fm = _FUZZY_RE.match(text)
    if fm:
        dist = int(fm.group("dist") or 1)
        if not 1 <= dist <= MAX_FUZZY:
            raise QuerySyntaxError(
                f"{text!r}: fuzzy distance must be between 1 and {MAX_FUZZY}", pos
            )
        seq = stems(fm.group("term"))
        if len(seq) != 1:
            if not seq:
                return Nothing()
            raise QuerySyntaxError(f"{text!r}: '~' works on one word at a time", pos)
        return Fuzzy(field, seq[0], dist, fold(fm.group("term")))
    if "~" in text:
        raise QuerySyntaxError(f"{text!r}: '~' goes at the end of a word, like term~", pos)
    return _words(field, text, pos)


def parse(query: str) -> Node:
    """Parse a query string.

    Raises:
        QuerySyntaxError: with a one-line message saying what is wrong and where.
    """
    return _simplify(_Parser(query).parse())


def _simplify(node: Node) -> Node:
    """Drop stop-word-only parts of AND/OR groups so "the battle" means "battle"."""
    if isinstance(node, And | Or):
        items = tuple(_simplify(n) for n in node.items)
        kept = tuple(n for n in items if not isinstance(n, Nothing))
        if not kept:
            return Nothing()
        if len(kept) == 1:
            return kept[0]
        return type(node)(kept)
    if isinstance(node, Not):
        inner = _simplify(node.item)
        return Nothing() if isinstance(inner, Nothing) else Not(inner)
    return node
