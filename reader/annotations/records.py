"""Plain annotation records for export and import, and the IRIs that name their targets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from reader.annotations.anchors import Anchor

ANNOTATION_IRI_PREFIX = "urn:parallax:annotation:"
ARTICLE_IRI_PREFIX = "urn:parallax:article:"
SHA256_IRI_PREFIX = "urn:sha256:"

_ANNOTATION_IRI = re.compile(re.escape(ANNOTATION_IRI_PREFIX) + r"([0-9]{1,18})")
_ARTICLE_ID_IRI = re.compile(re.escape(ARTICLE_IRI_PREFIX) + r"([0-9]{1,18})")
# RFC 5147 fragments ("#char=10,42") name a passage of a plain-text resource.
_SHA_IRI = re.compile(
    re.escape(SHA256_IRI_PREFIX) + r"([0-9a-fA-F]{64})(?:#char=([0-9]{1,12}),([0-9]{1,12}))?"
)


@dataclass(frozen=True)
class AnnotationLink:
    """A link from one annotation to another annotation or to a passage of an article.

    Attributes:
        target: an IRI: ``annotation_iri(id)``, ``article_iri(sha256)`` or
            ``article_iri(sha256, start, end)`` for a passage, or any IRI.
        label: "same claim", "contradicts", "follows up" or free text.
    """

    target: str
    label: str = ""


@dataclass(frozen=True, kw_only=True)
class AnnotationRecord:
    """One annotation with what an export needs to know about its article.

    Attributes:
        id: the annotation's id in this archive (None for one not stored yet).
        article_id: the article's id in this archive. Archive-local, so not
            written to JSON-LD; the article travels as ``article_sha256``.
        article_title: the article's headline.
        article_url: where the article was published, if known.
        article_sha256: sha256 of the article's original bytes (hex).
        outlet: the publication's name.
        quote: the annotated text.
        prefix: up to 32 characters before the quote.
        suffix: up to 32 characters after the quote.
        start: offset of the quote in the article's text (None if unknown).
        end: offset just past the quote (None if unknown).
        note: the note, in Markdown.
        tags: tag names.
        colour: the highlight colour's name.
        created: ISO 8601 date-time.
        updated: ISO 8601 date-time of the last change.
        author: who wrote the annotation.
        links: links to other annotations or passages.
        iri: the annotation's IRI when it is not one of ours (from an import).
    """

    id: int | None = None
    article_id: int | None = None
    article_title: str | None = None
    article_url: str | None = None
    article_sha256: str | None = None
    outlet: str | None = None
    quote: str
    prefix: str = ""
    suffix: str = ""
    start: int | None = None
    end: int | None = None
    note: str = ""
    tags: tuple[str, ...] = field(default_factory=tuple)
    colour: str | None = None
    created: str | None = None
    updated: str | None = None
    author: str | None = None
    links: tuple[AnnotationLink, ...] = field(default_factory=tuple)
    iri: str | None = None

    def __post_init__(self) -> None:
        # Callers pass lists; tuples keep the record hashable and comparable.
        object.__setattr__(self, "tags", tuple(self.tags))
        object.__setattr__(self, "links", tuple(self.links))

    @property
    def annotation_iri(self) -> str | None:
        """This annotation's IRI in exports."""
        if self.iri is not None:
            return self.iri
        return None if self.id is None else annotation_iri(self.id)

    @property
    def anchor(self) -> Anchor:
        """The record's anchor, for ``reanchor``; unknown offsets become -1 (placed by quote)."""
        start = -1 if self.start is None else self.start
        end = -1 if self.end is None else self.end
        return Anchor(self.quote, self.prefix, self.suffix, start, end)

    @property
    def source_iri(self) -> str | None:
        """The IRI that names the article: its content hash, else its URL, else its id."""
        if self.article_sha256:
            return article_iri(self.article_sha256)
        if self.article_url:
            return self.article_url
        return None if self.article_id is None else f"{ARTICLE_IRI_PREFIX}{self.article_id}"


@dataclass(frozen=True)
class LinkTarget:
    """What an IRI in a link points at.

    Attributes:
        kind: "annotation", "article" or "other".
        annotation_id: for "annotation".
        sha256: for "article" named by content hash.
        article_id: for "article" named by an archive id.
        start: passage start, for an article IRI with a ``#char=`` fragment.
        end: passage end, likewise.
    """

    kind: Literal["annotation", "article", "other"]
    annotation_id: int | None = None
    sha256: str | None = None
    article_id: int | None = None
    start: int | None = None
    end: int | None = None


def annotation_iri(annotation_id: int) -> str:
    """The IRI of an annotation of this archive."""
    return f"{ANNOTATION_IRI_PREFIX}{annotation_id}"


def article_iri(sha256: str, start: int | None = None, end: int | None = None) -> str:
    """The IRI of an article (by the sha256 of its original), or of a passage of it."""
    iri = f"{SHA256_IRI_PREFIX}{sha256.lower()}"
    if start is not None and end is not None:
        iri += f"#char={start},{end}"
    return iri


def parse_target(iri: str) -> LinkTarget:
    """Tell what an annotation, article or passage IRI points at."""
    if match := _ANNOTATION_IRI.fullmatch(iri):
        return LinkTarget("annotation", annotation_id=int(match[1]))
    if match := _SHA_IRI.fullmatch(iri):
        start = None if match[2] is None else int(match[2])
        end = None if match[3] is None else int(match[3])
        return LinkTarget("article", sha256=match[1].lower(), start=start, end=end)
    if match := _ARTICLE_ID_IRI.fullmatch(iri):
        return LinkTarget("article", article_id=int(match[1]))
    return LinkTarget("other")
