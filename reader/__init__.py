"""Parallax: a desktop archival reader for one story across many outlets."""

__version__ = "0.1.0"

# Bumped whenever extraction, cleanup or entity output changes, so derived data
# records which pipeline made it and can be recomputed from the originals.
PIPELINE_VERSION = "1"
