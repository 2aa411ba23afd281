"""The archive: SQLAlchemy models, engine and sessions, queries, migrations."""
