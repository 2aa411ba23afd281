"""The desktop window as a user meets it: library list, import, comparison, no network."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor

from reader.gui.mainwindow import MainWindow
from reader.gui.models.articles import ARTICLE_IDS_MIME, ArticleTableModel, ids_from_mime
from reader.gui.widgets.reader_pane import ENTITY_PROPERTY
from reader.library import Library


@pytest.fixture
def story(library: Library, fixtures_dir: Path) -> list[int]:
    report = library.import_paths(sorted((fixtures_dir / "story").glob("*.txt")))
    return [r["id"] for r in report.imported]


def test_the_library_model_is_a_well_behaved_qt_model(
    qtmodeltester, library: Library, fixtures_dir: Path
) -> None:
    library.import_paths([fixtures_dir / "articles"])
    model = ArticleTableModel(library.summaries)
    model.set_ids(library.article_ids())
    qtmodeltester.check(model)
    titles = {model.data(model.index(r, 0)) for r in range(model.rowCount())}
    assert "Coalition talks begin after close vote in Lisbon" in titles


def test_importing_through_the_worker_fills_the_library(
    window: MainWindow, fixtures_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    shutil.copytree(fixtures_dir / "articles", folder)
    (folder / "empty.txt").write_bytes(b"")
    window.import_paths([folder])
    assert window.library_view.model.rowCount() == 3
    summary = window.last_summary
    assert summary is not None
    assert "<b>3</b> imported" in summary.summary.text()
    assert "<b>1</b> failed" in summary.summary.text()
    assert summary.report.failed[0]["error"] == "empty file"


def test_dropping_files_on_the_window_imports_them(window: MainWindow, fixtures_dir: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(fixtures_dir / "articles" / "election-night.html"))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert window.library_view.model.rowCount() == 1


def test_shared_entities_get_one_style_in_every_pane(window: MainWindow, story: list[int]) -> None:
    window.compare.open_articles(story)
    panes = window.compare.panes
    assert len(panes) == 2
    library = window.ctx.library
    doc = library.compare(story, alignment=False, coverage=False)
    kharkiv = next(e for e in doc["shared"] if "Kharkiv" in e["mentions"].get(story[0], []))
    formats = []
    for pane, article_id in zip(panes, story, strict=True):
        entity = next(
            e
            for e in library.article_entities(article_id)
            if e["entity_id"] == kharkiv["entity_id"]
        )
        mention = entity["mentions"][0]
        span = pane.offsets.span(mention["start"], mention["end"])
        assert span is not None
        cursor = QTextCursor(pane.browser.document())
        cursor.setPosition(span[0] + 1)
        fmt = cursor.charFormat()
        assert fmt.property(ENTITY_PROPERTY) == kharkiv["entity_id"]
        formats.append(fmt)
    # The same colour and an underline (not colour alone) in both panes.
    assert formats[0].background().color() == formats[1].background().color()
    assert all(f.underlineStyle() != f.underlineStyle().NoUnderline for f in formats)


def test_dragging_articles_from_the_library_opens_them(
    qtbot, window: MainWindow, story: list[int]
) -> None:
    window.library_view.reload()  # the articles were imported behind the window's back
    model = window.library_view.model
    assert model.rowCount() == 2
    mime = model.mimeData([model.index(0, 0), model.index(1, 0)])
    assert mime.hasFormat(ARTICLE_IDS_MIME)
    assert sorted(ids_from_mime(mime)) == sorted(story)
    event = QDropEvent(
        QPointF(QPoint(50, 50)),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.compare.dropEvent(event)
    qtbot.waitUntil(lambda: len(window.compare.panes) == 2)
    assert sorted(window.compare.open_ids) == sorted(story)


def test_stored_html_with_remote_images_fetches_nothing(
    window: MainWindow, library: Library, tmp_path: Path
) -> None:
    page = tmp_path / "tracked.html"
    page.write_text(
        "<html><head><title>Pixel test</title>"
        '<link rel="stylesheet" href="https://cdn.example.com/site.css"></head><body><article>'
        "<h1>Pixel test</h1><p>An article long enough to be kept by the extractor, about the "
        "harbour authority and its plans for the northern quay, written for this test.</p>"
        '<img src="https://tracker.example.com/p.gif"><p>A second paragraph follows the '
        "image and closes the article with one more sentence about the quay.</p>"
        "</article></body></html>"
    )
    (article_id,) = (r["id"] for r in library.import_paths([page]).imported)
    window.compare.open_articles([article_id])
    pane = window.compare.panes[0]
    pane.original_button.setChecked(True)  # the original is shown as source, never rendered
    assert "<img" in pane.browser.toPlainText()
    # Whatever the document asks for, the browser hands back nothing.
    assert pane.browser.loadResource(2, QUrl("https://tracker.example.com/p.gif")) is None


def test_the_library_gives_way_so_three_panes_stay_readable(
    qtbot, window: MainWindow, library: Library, fixtures_dir: Path
) -> None:
    from reader.gui.mainwindow import MIN_LIBRARY_WIDTH, READABLE_PANE_WIDTH

    ids = [r["id"] for r in library.import_paths([fixtures_dir / "articles"]).imported]
    window.resize(1500, 900)
    window.splitter.setSizes([440, 1060])
    before = window.splitter.sizes()[0]
    window.compare.open_articles(ids)
    qtbot.waitUntil(lambda: len(window.compare.panes) == 3)
    library_width, area = window.splitter.sizes()
    assert library_width < before
    assert library_width >= MIN_LIBRARY_WIDTH
    assert area / 3 >= READABLE_PANE_WIDTH or library_width == MIN_LIBRARY_WIDTH
