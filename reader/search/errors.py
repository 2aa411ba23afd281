"""Errors the search subsystem raises to its callers."""

from __future__ import annotations


class SearchError(Exception):
    """Base class of every error raised by `reader.search`."""


class QuerySyntaxError(SearchError, ValueError):
    """The query cannot be understood; the message says why, in one line.

    Attributes:
        position: character offset in the query where the problem is, if known.
    """

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


class IndexBusy(SearchError):
    """Another process holds the index writer lock and did not let go in time."""


class IndexDamaged(SearchError):
    """The index cannot be read (missing/corrupt files, older schema): rebuild it."""
