"""Full-text search over the archive with Whoosh: plain documents in, plain results out."""

from reader.search.errors import IndexBusy, IndexDamaged, QuerySyntaxError, SearchError
from reader.search.index import SearchIndex, match_spans
from reader.search.query import SYNTAX_HELP, parse
from reader.search.results import Hit, SearchResult
from reader.search.schema import SearchDocument
from reader.search.snippets import SnippetStyle

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
