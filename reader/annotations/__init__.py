"""Annotations: anchoring quotes to text, re-anchoring, export and import."""
