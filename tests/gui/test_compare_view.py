"""Side by side: one style per shared entity in every pane, tooltips, marks, F3, scrolling."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCharFormat, QTextCursor

from reader.gui.palette import entity_key, style_for
from reader.gui.widgets.compare_view import CompareView
from reader.gui.widgets.reader_pane import ENTITY_PROPERTY, ReaderPane

NO_LINE = QTextCharFormat.UnderlineStyle.NoUnderline


def _format_at(pane: ReaderPane, start: int, end: int) -> QTextCharFormat:
    span = pane.offsets.span(start, end)
    assert span is not None
    cursor = QTextCursor(pane.browser.document())
    cursor.setPosition(span[0] + 1)
    return cursor.charFormat()


def _view(qtbot, ctx, comparison) -> CompareView:
    view = CompareView(ctx)
    qtbot.addWidget(view)
    view.resize(1000, 300)
    view.show()
    view.show_comparison(comparison)
    return view


def test_shared_entity_has_one_colour_and_underline_across_spellings(
    qtbot, ctx, two_article_comparison
):
    view = _view(qtbot, ctx, two_article_comparison)
    a, b = view.panes
    in_a = [m for m in two_article_comparison.mentions[1] if m.entity_id == 10]
    in_b = [m for m in two_article_comparison.mentions[2] if m.entity_id == 10]
    formats = [_format_at(a, m.start, m.end) for m in in_a]
    formats += [_format_at(b, m.start, m.end) for m in in_b]
    assert {f.property(ENTITY_PROPERTY) for f in formats} == {10}
    assert len({f.background().color().name() for f in formats}) == 1
    assert len({f.underlineColor().name() for f in formats}) == 1
    assert all(f.underlineStyle() != NO_LINE for f in formats)
    # The text between mentions is not decorated.
    plain = _format_at(a, 0, 5)
    assert plain.property(ENTITY_PROPERTY) is None
    assert plain.underlineStyle() == NO_LINE


def test_entity_in_one_article_only_is_not_coloured(qtbot, ctx, two_article_comparison):
    view = _view(qtbot, ctx, two_article_comparison)
    (obi,) = [m for m in two_article_comparison.mentions[1] if m.entity_id == 11]
    fmt = _format_at(view.panes[0], obi.start, obi.end)
    assert fmt.property(ENTITY_PROPERTY) == 11
    assert fmt.underlineStyle() == NO_LINE
    assert fmt.background().style().name == "NoBrush"


def test_tooltip_names_entity_type_spellings_and_counts(qtbot, ctx, two_article_comparison):
    view = _view(qtbot, ctx, two_article_comparison)
    (m,) = [m for m in two_article_comparison.mentions[2] if m.entity_id == 10][:1]
    tip = _format_at(view.panes[1], m.start, m.end).toolTip()
    assert "Port Elden" in tip and "Pt. Elden" in tip and "GPE" in tip
    assert "Pane 1" in tip and "Pane 2" in tip and "2×" in tip


def test_styles_are_stable_and_ignore_case_and_accents():
    assert style_for("Port Elden") == style_for("port  elden")
    assert entity_key("Kraków") == entity_key("krakow")


def test_marking_an_entity_and_stepping_through_mentions_across_panes(
    qtbot, ctx, two_article_comparison
):
    view = _view(qtbot, ctx, two_article_comparison)
    view.mark_entity(10)
    stops = [view.step_mention(True) for _ in range(3)]
    pane, _start, _end = stops[2]
    assert view.panes[pane].browser.textCursor().selectedText() == "Pt. Elden"
    assert view.active == 1
    stops += [view.step_mention(True) for _ in range(2)]
    assert [s[0] for s in stops if s] == [0, 0, 1, 1, 0]
    assert view.step_mention(False)[0] == 1
    # Marks are extra selections on every mention, in both panes.
    assert len(view.panes[0].browser.extraSelections()) == 2
    assert len(view.panes[1].browser.extraSelections()) == 2


def test_closing_a_pane_keeps_the_other(qtbot, ctx, two_article_comparison):
    view = _view(qtbot, ctx, two_article_comparison)
    view.close_pane(0)
    assert view.open_ids == [2]
    assert len(view.panes) == 1
    assert view.comparison.shared == []


def test_synchronised_scrolling_follows_relative_position(qtbot, ctx, detail_factory):
    long_a = "\n".join(f"Paragraph {i} about the quay and its cranes." for i in range(300))
    long_b = "\n".join(f"Line {i}." for i in range(120))
    from reader.gui.comparison import Comparison

    comparison = Comparison(
        (1, 2), {1: detail_factory(1, "A", long_a), 2: detail_factory(2, "B", long_b)}
    )
    view = _view(qtbot, ctx, comparison)
    bar_a = view.panes[0].browser.verticalScrollBar()
    bar_b = view.panes[1].browser.verticalScrollBar()
    assert bar_a.maximum() > 0 and bar_b.maximum() > 0
    bar_a.setValue(bar_a.maximum() // 2)
    assert abs(bar_b.value() - bar_b.maximum() / 2) <= 2
    view.sync_scroll = False
    bar_a.setValue(0)
    assert bar_b.value() > 0


def test_reader_refuses_every_resource(qtbot):
    pane = ReaderPane()
    qtbot.addWidget(pane)
    pane.browser.setHtml(
        '<p>Quay</p><img src="https://tracker.example.com/pixel.gif">'
        '<img src="file:///etc/hostname"><link rel="stylesheet" href="http://cdn.example/x.css">'
    )
    pane.show()
    qtbot.wait(10)
    asked = {u.toString() for u in pane.browser.refused}
    assert "https://tracker.example.com/pixel.gif" in asked
    assert pane.browser.loadResource(2, QUrl("file:///etc/hostname")) is None
