"""Facet counts (outlet, month, entity) over every document a query matched."""

from __future__ import annotations

import numpy as np

from reader.search.engine import Interner, View


def count_facets(
    view: View, names: Interner, mask: np.ndarray, size: int
) -> dict[str, dict[str, int]]:
    """Counts by outlet, month and entity over every matching document."""

    def top(counts: np.ndarray) -> dict[str, int]:
        nz = np.flatnonzero(counts)
        if nz.size > size:
            nz = nz[np.argpartition(-counts[nz], size - 1)[:size]]
        nz = nz[np.lexsort((nz, -counts[nz]))]
        return {names.names[i]: int(counts[i]) for i in nz if names.names[i]}

    outlets = top(np.bincount(view.outlets[mask], minlength=len(names.names)))
    months_raw = view.dates[mask] // 100
    months, counts = np.unique(months_raw[months_raw > 0], return_counts=True)
    month = {f"{m // 100:04d}-{m % 100:02d}": int(c) for m, c in zip(months, counts, strict=True)}
    ent_mask = mask[view.ent_doc] if view.ent_doc.size else np.zeros(0, bool)
    entities = top(np.bincount(view.ent_code[ent_mask], minlength=len(names.names)))
    return {"outlet": outlets, "month": month, "entity": entities}
