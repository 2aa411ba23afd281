"""Named entities: extraction, normalisation, cross-source alias linking."""
