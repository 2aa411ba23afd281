"""Ids and small plain-data types shared across layers."""

from __future__ import annotations

from typing import NewType

ArticleId = NewType("ArticleId", int)
EntityId = NewType("EntityId", int)
AnnotationId = NewType("AnnotationId", int)
