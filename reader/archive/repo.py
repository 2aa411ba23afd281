"""Queries over the archive that return plain records, never ORM objects."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reader.archive.models import Article, Blob, Outlet
from reader.records import ArticleDetail, ArticleSummary
from reader.types import ArticleId


def utcnow() -> datetime:
    """Naive UTC now, as SQLite stores it."""
    return datetime.now(UTC).replace(tzinfo=None)


def get_or_create_blob(session: Session, sha256: str, data: bytes, media_type: str) -> Blob:
    """The blob with this content, stored now if new."""
    blob = session.scalar(select(Blob).where(Blob.sha256 == sha256))
    if blob is None:
        blob = Blob(
            sha256=sha256, media_type=media_type, size=len(data), data=data, created_at=utcnow()
        )
        session.add(blob)
        session.flush()
    return blob


def get_or_create_outlet(session: Session, name: str | None, domain: str | None) -> Outlet | None:
    """The outlet with this name (case-insensitively), created if new."""
    if not name:
        return None
    name = name.strip()
    outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    if outlet is None:
        for candidate in session.scalars(select(Outlet)):
            if candidate.name.casefold() == name.casefold():
                return candidate
        outlet = Outlet(name=name, domain=domain)
        try:
            with session.begin_nested():
                session.add(outlet)
                session.flush()
        except IntegrityError:
            # Another process created it a moment ago.
            outlet = session.scalar(select(Outlet).where(Outlet.name == name))
    elif domain and not outlet.domain:
        outlet.domain = domain
    return outlet


def article_by_fingerprint(session: Session, fingerprint: str) -> int | None:
    """The id of the article whose text has this fingerprint, if any."""
    return session.scalar(select(Article.id).where(Article.text_sha256 == fingerprint))


def summaries(session: Session, ids: list[int] | None = None) -> list[ArticleSummary]:
    """Library rows, oldest import first, or for the given ids in that order."""
    stmt = select(
        Article.id,
        Article.title,
        Outlet.name,
        Article.authors,
        Article.published,
        Article.language,
        Article.words,
        Article.near_group,
    ).outerjoin(Outlet)
    if ids is not None:
        stmt = stmt.where(Article.id.in_(ids))
    rows = {row[0]: row for row in session.execute(stmt.order_by(Article.id))}
    order = ids if ids is not None else list(rows)
    return [
        ArticleSummary(
            id=ArticleId(r[0]),
            title=r[1],
            outlet=r[2],
            authors=list(r[3] or []),
            published=r[4],
            language=r[5],
            words=r[6],
            near_group=r[7],
        )
        for r in (rows[i] for i in order if i in rows)
    ]


def detail(session: Session, article_id: int) -> ArticleDetail | None:
    """Everything about one article, or None."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    return ArticleDetail(
        id=ArticleId(article.id),
        title=article.title,
        subtitle=article.subtitle,
        outlet=article.outlet.name if article.outlet else None,
        authors=list(article.authors or []),
        published=article.published,
        language=article.language,
        words=article.words,
        url=article.url,
        text=article.text,
        blocks=[(int(b[0]), int(b[1]), str(b[2])) for b in article.blocks or []],
        imported_at=article.imported_at.isoformat(timespec="seconds"),
        sha256=article.blob.sha256,
        media_type=article.blob.media_type,
        source_path=article.source_path,
        near_group=article.near_group,
        pipeline_version=article.pipeline_version,
    )
