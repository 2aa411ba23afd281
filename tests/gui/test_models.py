"""The item models: Qt's model contract, lazy fetching, sorting, filtering, drag data."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.gui.models.articles import ArticleTableModel, ids_from_mime
from reader.gui.models.entities import EntityTreeModel
from reader.gui.palette import assign_styles
from reader.records import ArticleSummary
from reader.types import ArticleId


def _summaries(n: int) -> dict[int, ArticleSummary]:
    outlets = ["Courier", "Post", None]
    return {
        i: ArticleSummary(
            id=ArticleId(i),
            title=f"Story number {i:05d}" if i % 7 else f"Harbour report {i}",
            outlet=outlets[i % 3],
            authors=[f"Writer {i % 5}"],
            published=f"2025-01-{1 + i % 28:02d}",
            language="en",
            words=(i * 37) % 1000,
        )
        for i in range(1, n + 1)
    }


class FakeSource:
    """Counts fetches so the tests can see the cache at work."""

    def __init__(self, n: int) -> None:
        self.rows = _summaries(n)
        self.fetched = 0

    def __call__(self, ids: list[int]) -> list[ArticleSummary]:
        self.fetched += len(ids)
        return [self.rows[i] for i in ids if i in self.rows]


def test_article_model_passes_qtmodeltester(qtmodeltester):
    source = FakeSource(300)
    model = ArticleTableModel(source)
    model.set_ids(list(source.rows))
    qtmodeltester.check(model)


def test_article_model_fetches_only_what_is_shown(qapp):
    source = FakeSource(100_000)
    model = ArticleTableModel(source)
    model.set_ids(list(source.rows))
    assert model.rowCount() == 100_000
    assert source.fetched == 0
    assert model.data(model.index(50_000, 0)) == source.rows[50_001].title
    assert 0 < model.cached_rows() <= 300


def test_sorting_by_words_and_back_to_import_order(qapp):
    source = FakeSource(50)
    model = ArticleTableModel(source)
    model.set_ids(list(source.rows))
    model.sort(4, Qt.SortOrder.DescendingOrder)
    words = [source.rows[model.article_id(r)].words for r in range(model.rowCount())]
    assert words == sorted(words, reverse=True)
    model.sort(-1)
    assert [model.article_id(r) for r in range(3)] == [1, 2, 3]


def test_filter_matches_title_outlet_and_author_case_insensitively(qapp):
    source = FakeSource(70)
    model = ArticleTableModel(source)
    model.set_ids(list(source.rows))
    model.set_filter("HARBOUR")
    assert model.rowCount() == 10
    assert all("Harbour" in model.data(model.index(r, 0)) for r in range(model.rowCount()))
    model.set_filter("writer 3")
    assert model.rowCount() == 14
    model.set_filter("")
    assert model.rowCount() == 70


def test_drag_carries_the_selected_ids(qapp):
    source = FakeSource(10)
    model = ArticleTableModel(source)
    model.set_ids(list(source.rows))
    mime = model.mimeData([model.index(2, 0), model.index(2, 3), model.index(5, 0)])
    assert ids_from_mime(mime) == [3, 6]


def test_entity_tree_passes_qtmodeltester(qtmodeltester, two_article_comparison):
    model = EntityTreeModel()
    styles = assign_styles([e.name for e in two_article_comparison.shared])
    model.set_comparison(two_article_comparison, styles)
    qtmodeltester.check(model)


def test_entity_tree_lists_shared_first_with_counts_per_pane(qapp, two_article_comparison):
    model = EntityTreeModel()
    model.set_comparison(two_article_comparison, {})
    shared = model.index(0, 0)
    assert model.data(shared).startswith("Shared (1)")
    row = model.index(0, 0, shared)
    assert model.data(row) == "Port Elden"
    assert [model.data(model.index(0, c, shared)) for c in (2, 3)] == ["2", "2"]
    only = model.index(1, 0)
    assert model.data(only).startswith("Only in 1")
    assert model.data(model.index(0, 0, only)) == "Hannah Obi"
    assert model.data(model.index(0, 3, only)) == "·"
