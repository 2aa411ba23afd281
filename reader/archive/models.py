"""SQLAlchemy 2 typed models: originals, outlets and articles."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base whose metadata Alembic compares against."""


class Blob(Base):
    """The original bytes of an imported file, content-addressed by sha256.

    Bytes live in the database itself so that an import, the original and its
    derived article commit in one transaction and an online backup copies all.
    """

    __tablename__ = "blob"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime]


class Outlet(Base):
    """A publication: The Independent, Kyiv Independent, ..."""

    __tablename__ = "outlet"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    domain: Mapped[str | None] = mapped_column(String(300))


class Article(Base):
    """One imported article: metadata and cleaned text derived from a blob."""

    __tablename__ = "article"
    __table_args__ = (
        Index("ix_article_published", "published"),
        Index("ix_article_outlet_id", "outlet_id"),
        Index("ix_article_near_group", "near_group"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    blob_id: Mapped[int] = mapped_column(ForeignKey("blob.id", ondelete="RESTRICT"))
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlet.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(Text)
    subtitle: Mapped[str | None] = mapped_column(Text)
    authors: Mapped[list[str]] = mapped_column(JSON, default=list)
    published: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    # [[start, end, kind], ...] over `text`: which paragraphs are captions/headings.
    blocks: Mapped[list[list[int | str]]] = mapped_column(JSON, default=list)
    # sha256 of the whitespace- and case-normalised text: exact-duplicate detection.
    text_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    words: Mapped[int]
    source_path: Mapped[str | None] = mapped_column(Text)
    pipeline_version: Mapped[str] = mapped_column(String(20))
    imported_at: Mapped[datetime]
    # Articles that are near-duplicates share the id of the group's first article.
    near_group: Mapped[int | None]
    # MinHash signature (hex) kept so new imports can be grouped without rehashing.
    minhash: Mapped[str | None] = mapped_column(Text)

    blob: Mapped[Blob] = relationship()
    outlet: Mapped[Outlet | None] = relationship()


class Entity(Base):
    """A person, place, organisation... : a cluster of mentions across the archive."""

    __tablename__ = "entity"
    __table_args__ = (Index("ix_entity_type", "type"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    canonical: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(16))
    hidden: Mapped[bool] = mapped_column(default=False)
    # True once a user renamed it: the machine never renames it again.
    user_named: Mapped[bool] = mapped_column(default=False)


class EntityAlias(Base):
    """A surface form linked to an entity, with the rule and score that linked it."""

    __tablename__ = "entity_alias"
    __table_args__ = (
        Index("ix_entity_alias_key", "key"),
        Index("ix_entity_alias_entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"))
    surface: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    rule: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(default=1.0)
    source: Mapped[str] = mapped_column(String(8), default="machine")  # machine | user


class Mention(Base):
    """One occurrence of an entity in an article's stored text."""

    __tablename__ = "mention"
    __table_args__ = (
        Index("ix_mention_article", "article_id"),
        Index("ix_mention_entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("entity.id", ondelete="CASCADE"))
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    label: Mapped[str] = mapped_column(String(16))
    rule: Mapped[str] = mapped_column(String(32))
    score: Mapped[float] = mapped_column(default=1.0)
    # ISO date at the precision written, for DATE mentions.
    value: Mapped[str | None] = mapped_column(String(40))


class EntityDecision(Base):
    """A user's correction, keyed by surface keys so it survives re-extraction and re-import.

    kind is merge | distinct | split | rename | hide; payload holds the keys
    (and the new name, or the article sha256 and offsets of a split mention).
    """

    __tablename__ = "entity_decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    created_at: Mapped[datetime]


class Annotation(Base):
    """A highlight on an article's text, anchored by quote and context as well as offsets."""

    __tablename__ = "annotation"
    __table_args__ = (Index("ix_annotation_article", "article_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("article.id", ondelete="CASCADE"))
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int]
    end: Mapped[int]
    note: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String(16), default="yellow")
    author: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # True when re-extraction left no place for the quote: listed as an orphan.
    orphaned: Mapped[bool] = mapped_column(default=False)
    anchor_method: Mapped[str] = mapped_column(String(16), default="exact")

    tags: Mapped[list[Tag]] = relationship(secondary="annotation_tag", order_by="Tag.name")


class Tag(Base):
    """A label users put on annotations."""

    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class AnnotationTag(Base):
    """Which annotation carries which tag."""

    __tablename__ = "annotation_tag"

    annotation_id: Mapped[int] = mapped_column(
        ForeignKey("annotation.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True)


class AnnotationLink(Base):
    """An annotation linked to a passage of another article ("same claim", "contradicts"...)."""

    __tablename__ = "annotation_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("annotation.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("annotation.id", ondelete="CASCADE"))
    label: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class SavedSearch(Base):
    """A named query the user can re-run."""

    __tablename__ = "saved_search"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    query: Mapped[str] = mapped_column(Text)
    sort: Mapped[str] = mapped_column(String(16), default="relevance")
    variants: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]
