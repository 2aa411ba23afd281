"""Annotations across the archive: All annotations, orphans, links between panes, export/import."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QToolTip

from reader.archive.models import Article
from reader.gui.widgets.annotation_actions import EXPORT_FILTERS, export_format
from reader.gui.widgets.annotation_dialog import LinkDialog
from reader.gui.widgets.reader_pane import ReaderPane

DAM = (
    "Reservoir levels fall to a ten-year low\n"
    "The Upland Gazette\n"
    "By Tomas Reyna\n"
    "9 August 2025\n"
    "\n"
    "Water in the Greywater reservoir has dropped to 41 percent of capacity, the "
    "lowest August reading in ten years, the utility said on Friday.\n"
    "\n"
    "A hosepipe ban for the whole valley will begin next week, and farmers have "
    "been asked to cut irrigation by a fifth.\n"
)

DAM_OTHER = (
    "Valley utility denies shortage as hosepipe ban looms\n"
    "Riverside Weekly\n"
    "By Ada Okafor\n"
    "10 August 2025\n"
    "\n"
    "The utility insisted there was no shortage even as it confirmed "
    "restrictions, saying the Greywater reservoir stood at 48 percent.\n"
    "\n"
    "Farmers' groups said a cut of one fifth in irrigation would ruin the late "
    "harvest.\n"
)


@pytest.fixture
def pair(import_texts) -> tuple[int, int]:
    first, second = import_texts({"dam.txt": DAM, "dam-other.txt": DAM_OTHER})
    return first, second


def select(pane: ReaderPane, words: str) -> tuple[int, int]:
    """Select these words in the pane, as the user would with the mouse."""
    assert pane.detail is not None
    start = pane.detail.text.index(words)
    assert pane.go_to(start, start + len(words))
    return start, start + len(words)


def at_caret(pane: ReaderPane) -> str:
    """The article text from the caret on, once the caret is scrolled into view."""
    browser = pane.browser
    assert browser.viewport().rect().contains(browser.cursorRect().center())
    offset = pane.offsets.to_text(browser.textCursor().position())
    assert offset is not None and pane.detail is not None
    return pane.detail.text[offset:]


def dotted(pane: ReaderPane) -> list[str]:
    """The passages drawn with the link marker (a line over the text)."""
    return [
        s.cursor.selectedText() for s in pane.browser.extraSelections() if s.format.fontOverline()
    ]


def test_all_annotations_lists_articles_that_are_not_open(qtbot, window, pair, library):
    a, b = pair
    library.annotate(b, quote="no shortage", note="contradicted by the gauge", tags=["water"])
    library.annotate(a, quote="41 percent", tags=["figures"])
    window.compare.open_articles([a])
    qtbot.waitUntil(lambda: len(window.compare.panes) == 1)

    dialog = window.annotation_actions.show_all()
    model = dialog.model
    rows = {model.data(model.index(r, 1)): r for r in range(model.rowCount())}
    assert set(rows) == {"no shortage", "41 percent"}
    row = rows["no shortage"]
    assert model.data(model.index(row, 0)) == "Valley utility denies shortage as hosepipe ban looms"
    assert model.data(model.index(row, 2)) == "contradicted by the gauge"
    assert model.data(model.index(row, 3)) == "water"

    dialog.filter_edit.setText("gauge")
    assert model.rowCount() == 1
    dialog.filter_edit.clear()
    dialog.tag_box.setCurrentIndex(dialog.tag_box.findData("figures"))
    assert model.rowCount() == 1 and model.data(model.index(0, 1)) == "41 percent"
    dialog.tag_box.setCurrentIndex(0)

    # Double-click opens the article beside the open one and goes to the passage.
    row = next(r for r in range(model.rowCount()) if model.record(r).article == b)
    dialog.table.doubleClicked.emit(model.index(row, 1))
    qtbot.waitUntil(lambda: list(window.compare.open_ids) == [a, b])
    assert at_caret(window.compare.panes[1]).startswith("no shortage")


def test_orphan_after_reextraction_is_listed_and_can_be_deleted_or_reattached(
    qtbot, window, pair, library, qtmodeltester
):
    a, _b = pair
    with library.session() as session:
        article = session.get(Article, a)
        # An older extraction kept a newsletter box that the current pipeline drops.
        article.text = "Sign up for the morning water bulletin today.\n\n" + article.text
        session.commit()
    library.annotate(a, quote="morning water bulletin", note="boilerplate?", tags=["x"])
    library.annotate(a, quote="hosepipe ban", note="kept")

    report = library.reextract([a])
    assert report["orphaned"] == 1

    window.compare.open_articles([a])
    qtbot.waitUntil(lambda: len(window.compare.panes) == 1)
    panel = window.annotation_panel
    quotes = [panel.model.data(panel.model.index(r, 1)) for r in range(panel.model.rowCount())]
    assert "⚠ orphaned: morning water bulletin" in quotes

    dialog = window.annotation_actions.show_all()
    qtmodeltester.check(dialog.orphans)
    assert dialog.orphans.rowCount() == 1
    assert dialog.tabs.tabText(1) == "Orphans (1)"
    assert dialog.orphans.data(dialog.orphans.index(0, 0)).startswith("Reservoir levels fall")

    # Re-attach to a passage selected in the article's pane: note and tags move along.
    dialog.orphan_table.selectRow(0)
    select(window.compare.panes[0], "utility said on Friday")
    assert dialog.reattach_orphan()
    assert dialog.orphans.rowCount() == 0
    moved = [r for r in library.annotations(article_id=a) if r.note == "boilerplate?"]
    assert [(r.quote, r.tags, r.orphaned) for r in moved] == [
        ("utility said on Friday", ["x"], False)
    ]
    # One undo step puts the orphan back as it was.
    window.annotation_actions.act_undo.trigger()
    orphans = [r for r in library.annotations(article_id=a) if r.orphaned]
    assert [(r.quote, r.note) for r in orphans] == [("morning water bulletin", "boilerplate?")]
    assert dialog.orphans.rowCount() == 1

    dialog.orphan_table.selectRow(0)
    dialog.delete_orphan()
    assert dialog.orphans.rowCount() == 0
    assert [r.note for r in library.annotations(article_id=a)] == ["kept"]
    window.annotation_actions.act_undo.trigger()
    (back,) = [r for r in library.annotations(article_id=a) if r.orphaned]
    assert (back.quote, back.tags) == ("morning water bulletin", ["x"])


def test_link_shows_in_both_panes_and_following_it_opens_the_other(
    qtbot, window, pair, library, monkeypatch
):
    a, b = pair
    window.compare.open_articles([a, b])
    qtbot.waitUntil(lambda: len(window.compare.panes) == 2)
    left, right = window.compare.panes
    select(left, "41 percent of capacity")
    select(right, "stood at 48 percent")
    window.compare.focus_pane(0)

    picked: list[list[str]] = []

    def accept(dialog: LinkDialog) -> int:
        picked.append([dialog.targets.item(i).text() for i in range(dialog.targets.count())])
        dialog.label_box.setCurrentText("contradicts")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(LinkDialog, "exec", accept)
    assert window.annotation_actions.link_to()

    assert picked == [["Selection in pane 2: “stood at 48 percent”"]]
    assert dotted(left) == ["41 percent of capacity"]
    assert dotted(right) == ["stood at 48 percent"]
    panel = window.annotation_panel
    offset = left.detail.text.index("41 percent")
    assert panel.link_tooltip_at(left, offset) == (
        "Link: contradicts → Valley utility denies shortage as hosepipe ban looms"
    )
    offset = right.detail.text.index("48 percent")
    assert panel.link_tooltip_at(right, offset) == (
        "Link: contradicts → Reservoir levels fall to a ten-year low"
    )
    assert any("⇄" in panel.model.data(panel.model.index(r, 1)) for r in range(2))

    # With only A open, following the link opens B beside it at the passage.
    window.compare.close_pane(1)
    qtbot.waitUntil(lambda: list(window.compare.open_ids) == [a])
    (source,) = library.annotations(article_id=a)
    panel.follow_link(source.links[0])
    qtbot.waitUntil(lambda: list(window.compare.open_ids) == [a, b])
    assert at_caret(window.compare.panes[1]).startswith("stood at 48 percent")
    assert window.compare.active == 1


def test_link_to_waits_for_a_target_when_no_other_pane_has_one(qtbot, window, pair, monkeypatch):
    a, b = pair
    window.compare.open_articles([a, b])
    qtbot.waitUntil(lambda: len(window.compare.panes) == 2)
    left, right = window.compare.panes
    select(left, "hosepipe ban")
    window.compare.focus_pane(0)
    actions = window.annotation_actions
    assert not actions.link_to()
    assert "another pane" in window.statusBar().currentMessage()

    monkeypatch.setattr(LinkDialog, "exec", lambda _d: QDialog.DialogCode.Accepted)
    select(right, "late harvest")
    window.compare.focus_pane(1)
    assert actions.link_to()
    assert dotted(left) == ["hosepipe ban"] and dotted(right) == ["late harvest"]


def test_export_and_import_from_the_file_menu_round_trip(
    qtbot, window, pair, library, tmp_path, monkeypatch
):
    a, b = pair
    library.annotate(a, quote="hosepipe ban", note="**start** date?", tags=["rules"], colour="blue")
    library.annotate(b, quote="late harvest", tags=["farming"])
    actions = window.annotation_actions
    out = {}
    for fmt, name in (("md", "notes.md"), ("csv", "notes.csv"), ("jsonld", "notes")):
        chosen = next(f for f, v in EXPORT_FILTERS.items() if v == fmt)
        monkeypatch.setattr(
            QFileDialog,
            "getSaveFileName",
            lambda *_a, n=name, c=chosen, **_k: (str(tmp_path / n), c),
        )
        actions.act_export.trigger()
        out[fmt] = tmp_path / (name if "." in name else name + ".jsonld")
    assert "hosepipe ban" in out["md"].read_text(encoding="utf-8")
    assert "late harvest" in out["csv"].read_text(encoding="utf-8")
    document = json.loads(out["jsonld"].read_text(encoding="utf-8"))
    assert document["@context"] == "http://www.w3.org/ns/anno.jsonld"

    for record in library.annotations():
        library.delete_annotation(record.id)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(out["jsonld"]), ""))
    actions.act_import.trigger()

    back = {r.quote: r for r in library.annotations()}
    assert set(back) == {"hosepipe ban", "late harvest"}
    assert (back["hosepipe ban"].note, back["hosepipe ban"].tags, back["hosepipe ban"].colour) == (
        "**start** date?",
        ["rules"],
        "blue",
    )
    summary = actions.last_summary.text()
    assert "2 imported" in summary and "0 orphaned" in summary and "0 unmatched" in summary


def test_import_reports_annotations_whose_article_is_missing(
    qtbot, window, pair, library, tmp_path, monkeypatch
):
    a, _b = pair
    library.annotate(a, quote="hosepipe ban")
    document = json.loads(library.export_annotations("jsonld"))
    item = document["first"]["items"][0]
    item["target"]["source"]["id"] = "urn:sha256:" + "ab" * 32
    path = tmp_path / "elsewhere.jsonld"
    path.write_text(json.dumps(document), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(path), ""))

    window.annotation_actions.act_import.trigger()

    assert "1 unmatched" in window.annotation_actions.last_summary.text()
    assert len(library.annotations()) == 1


# Tooltips and popup menus ask the offscreen platform for things it cannot do.
@pytest.mark.qt_log_ignore("This plugin does not support")
def test_pane_menu_and_tooltip_of_a_linked_highlight(qtbot, window, pair, library):
    a, b = pair
    first = library.annotate(a, quote="hosepipe ban", colour="orange")
    second = library.annotate(b, quote="late harvest")
    library.link_annotations(first.id, second.id, "follows up")
    window.compare.open_articles([a, b])
    qtbot.waitUntil(lambda: len(window.compare.panes) == 2)
    left = window.compare.panes[0]
    start = left.detail.text.index("hosepipe ban")
    cursor = QTextCursor(left.browser.document())
    cursor.setPosition(left.offsets.span(start, start + 3)[0] + 1)
    left.browser.setTextCursor(cursor)
    left.browser.ensureCursorVisible()
    pos = left.browser.cursorRect().center()

    viewport = left.browser.viewport()
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    )
    assert QToolTip.text() == (
        "Link: follows up → Valley utility denies shortage as hosepipe ban looms"
    )

    menu = window.annotation_actions.pane_menu(left, pos, viewport.mapToGlobal(pos))
    texts = [act.text() for act in menu.actions()]
    assert "Highlight in colour" in texts and "&Link to…" in texts
    (submenu,) = [act.menu() for act in menu.actions() if act.text() == "This annotation"]
    inner = [act.text() for act in submenu.actions()]
    assert any(t.startswith("Follow Link: follows up") for t in inner)
    assert "Delete annotation\tDel" in inner
    menu.close()
    QToolTip.hideText()
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_export_format_follows_the_typed_suffix_else_the_chosen_filter(tmp_path):
    csv_filter = next(f for f, v in EXPORT_FILTERS.items() if v == "csv")
    assert export_format(str(tmp_path / "notes.jsonld"), csv_filter) == (
        tmp_path / "notes.jsonld",
        "jsonld",
    )
    assert export_format(str(tmp_path / "notes"), csv_filter) == (tmp_path / "notes.csv", "csv")
    assert export_format(str(tmp_path / "v1.2"), csv_filter) == (tmp_path / "v1.2.csv", "csv")
