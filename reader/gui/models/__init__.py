"""Item models over archive ids (rows fetched lazily through the Library)."""
