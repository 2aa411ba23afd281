"""The library list in SQL: filters by text, outlet, dates and tags; sorting; near-duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.archive.listing import ArticleFilter
from reader.library import Library

BODY = (
    "The {topic} committee met on {weekday} to discuss the budget for the coming year. "
    "Members disagreed about how much should go to {topic} and how much to roads, "
    "and the chair asked officials to return with {n} costed options next month. "
    "Residents who attended said they wanted answers before the winter."
)

ARTICLES = {
    "libraries.txt": (
        "Library hours cut in Northmere",
        "The Northmere Herald",
        "Ana Kovač",
        "3 February 2025",
        BODY.format(topic="library", weekday="Monday", n="three"),
    ),
    "schools.txt": (
        "School meals budget argued over",
        "The Northmere Herald",
        "Tom Reyes",
        "20 March 2025",
        BODY.format(topic="school meals", weekday="Tuesday", n="four"),
    ),
    "parks.txt": (
        "Parks funding question returns",
        "Valley Gazette",
        "Ana Kovač",
        "2 April 2025",
        BODY.format(topic="parks", weekday="Friday", n="five"),
    ),
}


@pytest.fixture
def lib(library: Library, tmp_path: Path) -> Library:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, (title, outlet, author, day, body) in ARTICLES.items():
        text = f"{title}\nBy {author}\n{day}\n\n{body}\n\n© 2025 {outlet}\n"
        (folder / name).write_text(text, encoding="utf-8")
    report = library.import_paths([folder])
    assert len(report.imported) == 3
    return library


def _titles(lib: Library, ids: list[int]) -> list[str]:
    return [s.title for s in lib.summaries(ids)]


def test_text_filter_looks_at_title_outlet_and_authors(lib: Library) -> None:
    assert _titles(lib, lib.filter_article_ids(ArticleFilter(text="BUDGET"))) == [
        "School meals budget argued over"
    ]
    assert len(lib.filter_article_ids(ArticleFilter(text="gazette"))) == 1
    # An accented author name is stored escaped in JSON and still found.
    by_ana = _titles(lib, lib.filter_article_ids(ArticleFilter(text="Kovač")))
    assert sorted(by_ana) == ["Library hours cut in Northmere", "Parks funding question returns"]


def test_outlet_and_date_filters_narrow_and_combine(lib: Library) -> None:
    assert lib.outlet_counts() == [("The Northmere Herald", 2), ("Valley Gazette", 1)]
    herald = lib.filter_article_ids(ArticleFilter(outlet="The Northmere Herald"))
    assert len(herald) == 2
    march_on = lib.filter_article_ids(ArticleFilter(date_from="2025-03-01"))
    assert sorted(_titles(lib, march_on)) == [
        "Parks funding question returns",
        "School meals budget argued over",
    ]
    # The last day is included whole.
    both = ArticleFilter(
        outlet="The Northmere Herald", date_from="2025-03-01", date_to="2025-03-20"
    )
    assert _titles(lib, lib.filter_article_ids(both)) == ["School meals budget argued over"]
    assert lib.date_span() == ("2025-02-03", "2025-04-02")


def test_tag_filter_keeps_annotated_articles(lib: Library) -> None:
    first = lib.filter_article_ids(ArticleFilter(text="parks"))[0]
    lib.annotate(first, quote="costed options", tags=["follow-up"])
    assert lib.tag_counts() == [("follow-up", 1)]
    assert lib.filter_article_ids(ArticleFilter(tag="follow-up")) == [first]
    assert lib.filter_article_ids(ArticleFilter(tag="nothing")) == []


def test_sorting_in_sql_and_within_search_hits(lib: Library) -> None:
    by_date = lib.filter_article_ids(sort="date", descending=True)
    days = [s.published or "" for s in lib.summaries(by_date)]
    assert days == sorted(days, reverse=True)
    by_title = _titles(lib, lib.filter_article_ids(sort="title"))
    assert by_title == sorted(by_title, key=str.casefold)
    hits = list(reversed(lib.article_ids()))
    # Unsorted, the hits keep their rank order; the filter still applies.
    kept = lib.filter_article_ids(ArticleFilter(text="northmere"), within=hits)
    assert kept == [i for i in hits if i in set(kept)] and len(kept) == 2
    with pytest.raises(ValueError):
        lib.filter_article_ids(sort="colour")


def test_near_duplicates_are_grouped(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "dups"
    folder.mkdir()
    body = BODY.format(topic="harbour", weekday="Wednesday", n="six") * 3
    other = BODY.format(topic="parks", weekday="Friday", n="five")
    texts = {
        "a.txt": f"Harbour budget row\n\n{body}\n",
        "b.txt": f"Harbour budget row deepens\n\n{body} The meeting ran late.\n",
        "c.txt": f"Parks again\n\n{other}\n",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    report = library.import_paths([folder])
    ids = {Path(r["path"]).name: r["id"] for r in report.imported}
    assert len(ids) == 3
    sizes = library.near_group_sizes()
    assert list(sizes.values()) == [2]
    assert [s.id for s in library.near_duplicates(ids["a.txt"])] == [ids["b.txt"]]
    assert [s.id for s in library.near_duplicates(ids["b.txt"])] == [ids["a.txt"]]
    assert library.near_duplicates(ids["c.txt"]) == []
    by_near = library.filter_article_ids(sort="near", descending=True)
    assert set(by_near[:2]) == {ids["a.txt"], ids["b.txt"]}
