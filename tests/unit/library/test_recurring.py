"""Boilerplate learnt from the archive: lines an outlet repeats in every article are dropped."""

from __future__ import annotations

from pathlib import Path

from reader.library import Library

BODIES = [
    "The city council of Valdora voted on Tuesday to approve the harbour expansion, a project "
    "that has divided residents for years. Supporters say the new quay will bring jobs.",
    "Fishermen in Valdora have asked the regional court to halt dredging in the bay, arguing "
    "that the work will destroy the spawning grounds their trade depends on.",
    "The mayor of Valdora, Lidia Fenwick, defended the harbour plan at a packed public meeting "
    "on Thursday night, saying the council had weighed every objection before voting.",
]
CLOSINGS = [
    "Residents can comment on the plan until the end of April, the council said.",
    "The court is expected to rule on the fishermen's request before the summer.",
    "A second public meeting is planned for May in the old customs house.",
]
FUNDING = (
    "Our coverage of the coast is supported by the Coastal Towns Fund, which has no say over "
    "what we publish."
)


def _article(n: int, body: str) -> str:
    return (
        f"Harbour story {n}: the view from Valdora\n"
        "By Kim Osei\n"
        "3 March 2026\n"
        "Become a Daily Ledger member today\n"
        f"{body}\n"
        f"{FUNDING}\n"
        f"{CLOSINGS[n - 1]}\n"
    )


def test_a_line_repeated_across_an_outlets_articles_is_dropped(
    library: Library, tmp_path: Path
) -> None:
    paths = []
    for n, body in enumerate(BODIES, start=1):
        path = tmp_path / f"story{n}.txt"
        path.write_text(_article(n, body))
        paths.append(path)
    library.import_paths(paths[:2])
    third = library.import_paths(paths[2:]).imported[0]["id"]
    article = library.get_article(third)
    assert article is not None and article.outlet == "Daily Ledger"
    assert "Lidia Fenwick" in article.text
    assert "Coastal Towns Fund" not in article.text
    # The original is untouched.
    assert b"Coastal Towns Fund" in (library.original_bytes(third) or b"")
