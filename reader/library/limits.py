"""Limits shared by the CLI and the façade."""

# Larger files are refused at import: no article is 20 MB of text, and reading
# one into memory must stay cheap. `import --max-size` changes it.
DEFAULT_MAX_FILE_BYTES = 20_000_000
