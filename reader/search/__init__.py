"""Full-text search over the archive with Whoosh."""
