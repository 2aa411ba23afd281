"""Comparing articles: shared and unique entities, alignment, figures."""
