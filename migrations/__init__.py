"""Alembic environment and revisions; installed as the package `parallax_migrations`."""
