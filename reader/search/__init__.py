"""Full-text search over the archive with Whoosh: plain documents in, plain results out."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from reader.search.errors import IndexBusy, IndexDamaged, QuerySyntaxError, SearchError

if TYPE_CHECKING:
    from reader.search.index import SearchIndex, match_spans
    from reader.search.query import SYNTAX_HELP, parse
    from reader.search.results import Hit, SearchResult
    from reader.search.schema import SearchDocument
    from reader.search.snippets import SnippetStyle

# Whoosh and numpy take ~0.1 s to import: the rest loads on first use, so that
# opening the app (which needs only the errors) does not pay for them.
_LAZY = {
    "SearchIndex": "reader.search.index",
    "match_spans": "reader.search.index",
    "SYNTAX_HELP": "reader.search.query",
    "parse": "reader.search.query",
    "Hit": "reader.search.results",
    "SearchResult": "reader.search.results",
    "SearchDocument": "reader.search.schema",
    "SnippetStyle": "reader.search.snippets",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reader.search' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "Hit",
    "IndexBusy",
    "IndexDamaged",
    "QuerySyntaxError",
    "SearchDocument",
    "SYNTAX_HELP",
    "SearchError",
    "SearchIndex",
    "SearchResult",
    "SnippetStyle",
    "match_spans",
    "parse",
]
