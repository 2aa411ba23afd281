"""Re-extraction: derive an article again from its original with the current pipeline.

Text, metadata and entities are recomputed; annotations re-anchor by quote;
user decisions on entities are kept (they are stored apart from the mentions).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from reader import PIPELINE_VERSION
from reader.annotations import store as annotation_store
from reader.archive import repo
from reader.archive.db import session_scope
from reader.archive.models import Article, Mention
from reader.entities.linking import Linker
from reader.ingest.document import Document, extract_document, text_fingerprint
from reader.ingest.sniff import RejectedFile
from reader.library import entity_store
from reader.library.importer import Importer
from reader.library.recurring import recurring_lines

log = logging.getLogger("reader.library.reextract")


def reextract(
    sessions: sessionmaker[Session],
    ids: Sequence[int] | None,
    *,
    on_changed: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    """Re-derive articles (all when `ids` is None) from their originals.

    Returns a report: how many were updated, annotations placed and orphaned,
    and the articles that failed with their reason.
    """
    with sessions() as session:
        query = select(Article.id).order_by(Article.id)
        if ids is not None:
            query = query.where(Article.id.in_(list(ids)))
        targets = list(session.scalars(query))
    importer = Importer(sessions, max_file_bytes=1 << 62)
    report: dict[str, Any] = {"updated": 0, "placed": 0, "orphaned": 0, "failed": []}
    recurring: dict[str, frozenset[str]] = {}
    linker: Linker | None = None
    for article_id in targets:
        try:
            doc = _extract_again(sessions, article_id, recurring)
            found = importer.find_mentions([doc], 1)[0]
            with session_scope(sessions) as session:
                linker = linker or entity_store.load_linker(session)
                placed, orphaned = _replace(session, linker, article_id, doc, found)
        except (RejectedFile, ValueError) as exc:
            linker = None  # it may hold entities of the rolled-back transaction
            report["failed"].append({"id": article_id, "error": str(exc)})
            continue
        report["updated"] += 1
        report["placed"] += placed
        report["orphaned"] += orphaned
        if on_changed is not None:
            on_changed(article_id)
    with session_scope(sessions) as session:
        report["entities_removed"] = entity_store.drop_unused_entities(session)
    if ids is None:
        # The whole archive was derived again: cluster its entities together, as reindex does.
        from reader.library.recluster import recluster

        report["entities"] = recluster(sessions)["entities"]
    return report


def _extract_again(
    sessions: sessionmaker[Session], article_id: int, recurring: dict[str, frozenset[str]]
) -> Document:
    with sessions() as session:
        article = session.get(Article, article_id)
        assert article is not None
        data, media = article.blob.data, article.blob.media_type
        outlet = article.outlet.name if article.outlet else None
        name = Path(article.source_path or f"article{article_id}").name
        if outlet and media == "text/plain" and outlet not in recurring:
            recurring[outlet] = recurring_lines(session, outlet)
    suffix = ".html" if media == "text/html" else ".txt"
    path = Path(name if Path(name).suffix else name + suffix)
    return extract_document(data, path, recurring.get(outlet or "", frozenset()))


def _replace(
    session: Session, linker: Linker, article_id: int, doc: Document, found: list[Any]
) -> tuple[int, int]:
    article = session.get(Article, article_id)
    assert article is not None
    ex = doc.extracted
    fingerprint = text_fingerprint(ex.body_text)
    clash = repo.article_by_fingerprint(session, fingerprint)
    if clash is not None and clash != article_id:
        raise ValueError(f"its new text is identical to article {clash}")
    article.title = ex.title or article.title
    article.subtitle, article.authors, article.published = ex.subtitle, ex.authors, ex.published
    article.url, article.language = ex.url or article.url, ex.language
    article.outlet = repo.get_or_create_outlet(session, ex.outlet, None) or article.outlet
    article.text = ex.text
    article.blocks = [[s, e, k] for s, e, k in ex.block_spans()]
    article.text_sha256, article.words = fingerprint, len(ex.body_text.split())
    article.pipeline_version = PIPELINE_VERSION
    session.execute(delete(Mention).where(Mention.article_id == article_id))
    session.flush()
    entity_store.link_and_store(
        session, linker, article_id, ex.text, found, ex.published, ex.caption_spans()
    )
    return annotation_store.reanchor_article(session, article_id, ex.text)
