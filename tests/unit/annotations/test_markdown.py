"""Markdown export: what a reader of the exported notes sees."""

from __future__ import annotations

from reader.annotations.markdown import export_markdown
from reader.annotations.records import AnnotationLink, AnnotationRecord, annotation_iri

SHA_A = "5be0" * 16
SHA_B = "77d2" * 16

LATER = AnnotationRecord(
    id=2,
    article_title="Floods close the lower town",
    article_url="https://river.example/floods",
    article_sha256=SHA_A,
    outlet="River Courier",
    quote="The water board said the dyke\nwould hold until Friday.",
    start=400,
    end=455,
    note="Contradicted by the mayor.\n\n- see the *evening* update",
    tags=["dyke", "official statements"],
    colour="red",
    created="2026-11-19T18:00:00+00:00",
    author="Jon",
    links=[AnnotationLink(annotation_iri(5), "contradicts")],
)
EARLIER = AnnotationRecord(
    id=3,
    article_title="Floods close the lower town",
    article_sha256=SHA_A,
    outlet="River Courier",
    quote="# 3 metres above normal",
    start=120,
    end=143,
)
MAYOR = AnnotationRecord(
    id=5,
    article_title="Mayor orders evacuation",
    article_sha256=SHA_B,
    outlet="Evening Post",
    quote="the dyke could give way tonight",
    start=60,
    end=91,
    tags=["dyke"],
)


def test_annotations_are_grouped_under_their_article() -> None:
    md = export_markdown([LATER, MAYOR, EARLIER])
    assert md.startswith("# Annotations\n")
    assert md.count("## Floods close the lower town") == 1
    assert md.count("## Mayor orders evacuation") == 1
    floods = md.index("## Floods")
    mayor = md.index("## Mayor")
    # Both flood annotations sit in the flood section, in text order.
    assert floods < md.index("3 metres above normal") < md.index("The water board") < mayor
    assert md.index("> the dyke could give way") > mayor


def test_each_article_shows_outlet_and_source() -> None:
    md = export_markdown([LATER, MAYOR])
    assert "*River Courier* · <https://river.example/floods> · `sha256:5be05be05be0`" in md
    assert "*Evening Post*" in md


def test_quote_is_a_blockquote_and_note_and_tags_follow() -> None:
    md = export_markdown([LATER])
    assert "> The water board said the dyke\n> would hold until Friday.\n" in md
    assert "Contradicted by the mayor.\n\n- see the *evening* update" in md
    assert "Tags: `dyke`, `official statements`" in md
    assert "Colour: red" in md
    assert "By: Jon" in md


def test_quote_that_looks_like_markdown_stays_literal() -> None:
    md = export_markdown([EARLIER])
    assert "> \\# 3 metres above normal" in md


def test_links_show_the_other_quote_and_its_article() -> None:
    md = export_markdown([LATER, MAYOR])
    assert "- contradicts: “the dyke could give way tonight” (Mayor orders evacuation)" in md


def test_link_to_an_annotation_not_exported_shows_its_iri() -> None:
    md = export_markdown([LATER])
    assert "- contradicts: <urn:parallax:annotation:5>" in md


def test_no_annotations_says_so() -> None:
    assert "No annotations." in export_markdown([])
