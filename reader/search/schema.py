"""What a search document is, and how it maps onto the Whoosh schema."""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from whoosh.analysis import Analyzer, Token
from whoosh.fields import ID, STORED, FieldType, Schema
from whoosh.formats import Format

from reader.search.analysis import MAX_POSITION, index_terms, stems

#: Bump when the schema or the analysis changes: older indexes are then reported
#: as damaged so the caller rebuilds them.
SCHEMA_VERSION = 1

Kind = Literal["article", "annotation"]
#: Fields a query can name, mapped to the stored Whoosh field.
QUERY_FIELDS = {
    "title": "title",
    "outlet": "outlet",
    "author": "author",
    "entity": "entity",
    "tag": "tag",
    "note": "note",
    "text": "text",
}
#: Where plain words are looked for, with their weight in the score. Not the entity
#: field: its spellings reach plain queries only through variant expansion, so that
#: turning variants off really matches only what was typed (`entity:` still works).
DEFAULT_FIELDS = {"title": 2.0, "text": 1.0, "note": 1.0, "tag": 1.0}
#: An annotation shows its article's title and outlet but is not found by them: a
#: search for words of a title should list the article, not each of its notes.
_ARTICLE_ONLY = ("title", "outlet", "author")
TEXT_FIELDS = ("title", "text", "outlet", "author", "entity", "tag", "note")


@dataclass(slots=True)
class SearchDocument:
    """One searchable thing: an article, or an annotation on an article.

    Attributes:
        id: article id, or annotation id when `kind` is "annotation".
        entities: canonical entity names (searchable, and counted in facets).
        aliases: other spellings of those entities (searchable with `entity:`).
        article_id: the annotated article (annotations only; articles: their id).
        text: article body, or an annotation's quoted text.
    """

    id: int
    title: str = ""
    outlet: str = ""
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    text: str = ""
    entities: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    kind: Kind = "article"
    article_id: int | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SearchDocument:
        """Build from a plain dict with the attribute names (extra keys ignored)."""
        names = cls.__dataclass_fields__.keys()
        return cls(**{k: v for k, v in data.items() if k in names})


def doc_key(kind: str, doc_id: int) -> str:
    """The unique key of a document in the index."""
    return ("n" if kind == "annotation" else "a") + str(doc_id)


def date_number(published: str | None) -> int:
    """2025-12-02 -> 20251202; 0 when unknown or unparsable."""
    if not published:
        return 0
    try:
        d = date.fromisoformat(published[:10])
    except ValueError:
        return 0
    return d.year * 10000 + d.month * 100 + d.day


class StemAnalyzer(Analyzer):
    """Whoosh-facing wrapper of `reader.search.analysis.stems` (same terms as indexing)."""

    def __call__(self, value: str, **kwargs: Any) -> Iterator[Token]:  # noqa: ARG002
        tok = Token()
        for pos, text in enumerate(stems(value)):
            tok.text = text
            tok.pos = pos
            tok.boost = 1.0
            yield tok


class PackedPositions(Format):
    """Posting values are the word's positions as little-endian uint16 (no pickling).

    Kept this simple so the search engine can decode the positions of many
    postings at once with numpy (`numpy.frombuffer`) when checking phrases.
    """

    posting_size = -1

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 2

    def decode_weight(self, valuestring: bytes) -> float:
        return float(len(valuestring) // 2)

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return list(array("H", valuestring))


def encode_positions(positions: list[int]) -> bytes:
    """The posting value of one word in one document."""
    if positions[-1] > MAX_POSITION:
        positions = [min(p, MAX_POSITION) for p in positions]
    return array("H", positions).tobytes()


class TermsField(FieldType):
    """A text field whose terms and positions come from `analysis.index_terms`.

    Whoosh's own analysis builds a Token object per word; this field takes the
    positions computed in one pass (see `to_fields`), which is what makes bulk
    re-indexing fast. Field lengths for scoring live in the stored metadata, so
    Whoosh's per-posting length bookkeeping is switched off (`scorable=False`).
    """

    def __init__(self) -> None:
        super().__init__(
            format=PackedPositions(), analyzer=StemAnalyzer(), scorable=False, stored=False
        )

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:  # noqa: ARG002
        # `to_fields` passes the positions it already computed (for the field length).
        positions = value if isinstance(value, dict) else index_terms(value)[0]
        for term, poses in positions.items():
            yield term.encode("utf-8"), len(poses), float(len(poses)), encode_positions(poses)


def build_schema() -> Schema:
    """The Whoosh schema: a key, one stored metadata dict, and the text fields."""
    fields: dict[str, Any] = {"key": ID(unique=True), "meta": STORED(), "body": STORED()}
    for name in TEXT_FIELDS:
        fields[name] = TermsField()
    return Schema(**fields)


def to_fields(doc: SearchDocument, store_text: bool) -> dict[str, Any]:
    """Keyword arguments for `writer.add_document` of one document."""
    article_id = doc.article_id if doc.article_id is not None else doc.id
    values = {
        "title": doc.title,
        "text": doc.text,
        "outlet": doc.outlet,
        "author": list(doc.authors),
        "entity": list(doc.entities) + list(doc.aliases),
        "tag": list(doc.tags),
        "note": doc.notes,
    }
    lengths = {}
    out: dict[str, Any] = {"key": doc_key(doc.kind, doc.id)}
    for name, value in values.items():
        if not value or (doc.kind == "annotation" and name in _ARTICLE_ONLY):
            continue
        positions, length = index_terms(value)
        if not positions:
            continue
        lengths[name] = length
        out[name] = positions
    out["meta"] = {
        "id": doc.id,
        "kind": doc.kind,
        "article_id": article_id,
        "title": doc.title,
        "outlet": doc.outlet,
        "published": doc.published,
        "date": date_number(doc.published),
        "entities": list(doc.entities),
        "lengths": lengths,
    }
    if store_text:
        out["body"] = doc.text
    return out
