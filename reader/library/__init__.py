"""The library layer: the one package that composes the subsystems, behind the `Library` façade."""

from reader.annotations.undo import LinkSnapshot
from reader.archive.listing import SORT_KEYS, ArticleFilter
from reader.library.facade import CancelCheck, Library, ProgressCallback
from reader.library.originals import decode_original

__all__ = [
    "SORT_KEYS",
    "ArticleFilter",
    "CancelCheck",
    "Library",
    "LinkSnapshot",
    "ProgressCallback",
    "decode_original",
]
