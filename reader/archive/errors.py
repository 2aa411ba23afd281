"""Why an archive cannot be opened, in words a user can act on."""

from __future__ import annotations


class ArchiveUnavailable(Exception):
    """The archive cannot be opened as it is (missing database, newer schema...)."""
