"""Entities through the Library: linked across spellings, corrected by the user, compared."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library

pytestmark = pytest.mark.slow  # loads the NER model


@pytest.fixture
def story(library: Library, fixtures_dir: Path) -> tuple[Library, int, int]:
    report = library.import_paths(sorted((fixtures_dir / "story").glob("*.txt")))
    assert not report.failed
    a, b = (r["id"] for r in report.imported)
    return library, a, b


def _entity_named(lib: Library, article_id: int, surface: str) -> dict:
    for entity in lib.article_entities(article_id):
        if any(m["text"] == surface for m in entity["mentions"]):
            return entity
    raise AssertionError(f"{surface!r} not found among {lib.article_entities(article_id)}")


def test_one_city_spelled_two_ways_is_one_entity(story: tuple[Library, int, int]) -> None:
    lib, a, b = story
    assert (
        _entity_named(lib, a, "Kharkiv")["entity_id"]
        == _entity_named(lib, b, "Kharkov")["entity_id"]
    )


def test_mention_offsets_point_into_the_stored_text(story: tuple[Library, int, int]) -> None:
    lib, a, _ = story
    text = lib.get_article(a).text
    for entity in lib.article_entities(a):
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_user_corrections_are_kept(story: tuple[Library, int, int]) -> None:
    lib, a, b = story
    kupiansk = _entity_named(lib, a, "Kupiansk")["entity_id"]
    vovchansk = _entity_named(lib, a, "Vovchansk")["entity_id"]
    lib.mark_distinct(kupiansk, vovchansk)
    renamed = lib.rename_entity(kupiansk, "Kupiansk (town)")
    assert renamed["entity"] == "Kupiansk (town)"
    hidden = lib.hide_entity(vovchansk)
    assert hidden["hidden"] is True
    assert all(e["entity_id"] != vovchansk for e in lib.article_entities(a))
    # A reindex rebuilds the derived index; the user's decisions stay.
    lib.reindex()
    assert _entity_named(lib, a, "Kupiansk")["entity"] == "Kupiansk (town)"


def test_merge_moves_every_mention(story: tuple[Library, int, int]) -> None:
    lib, a, b = story
    source = _entity_named(lib, a, "Ukrenergo")["entity_id"]
    target = _entity_named(lib, a, "Kharkiv")["entity_id"]
    merged = lib.merge_entities(source, target)
    assert "Ukrenergo" in merged["aliases"]
    assert _entity_named(lib, b, "Ukrenergo")["entity_id"] == target


def test_search_for_one_spelling_finds_the_other(story: tuple[Library, int, int]) -> None:
    lib, a, b = story
    found = {h.article_id for h in lib.search("Kharkov").hits}
    assert found == {a, b}


def test_compare_lists_shared_entities_with_each_spelling(story: tuple[Library, int, int]) -> None:
    lib, a, b = story
    doc = lib.compare([a, b])
    kharkiv = next(e for e in doc["shared"] if "Kharkiv" in e["mentions"].get(a, []))
    assert kharkiv["mentions"][b] == ["Kharkov"]
    assert {"Kharkiv", "Kharkov"} <= set(kharkiv["aliases"])
    # Aligned passages point at real spans of both articles.
    assert doc["alignment"], "the two accounts of the same strike should align somewhere"
    for pair in doc["alignment"]:
        (ida, sa, ea), (idb, sb, eb) = pair["a"], pair["b"]
        assert {ida, idb} == {a, b} and 0 <= sa < ea and 0 <= sb < eb


def test_compare_refuses_a_single_article(story: tuple[Library, int, int]) -> None:
    lib, a, _ = story
    with pytest.raises(ValueError, match="two"):
        lib.compare([a, a])


def test_reextraction_keeps_annotations_and_user_decisions(
    story: tuple[Library, int, int],
) -> None:
    lib, a, _ = story
    kharkiv = _entity_named(lib, a, "Kharkiv")["entity_id"]
    lib.rename_entity(kharkiv, "Kharkiv (city)")
    note = lib.annotate(a, quote="cutting electricity to thousands of homes", note="scale?")
    with lib.session() as session:
        from reader.archive.models import Article

        article = session.get(Article, a)
        # An older pipeline had glued two paragraphs and shifted everything by 40 chars.
        article.text = "x" * 40 + article.text.replace("\n\n", " ", 1)
        article.pipeline_version = "0"
        session.commit()

    report = lib.reextract([a])

    assert report["updated"] == 1 and report["orphaned"] == 0
    (moved,) = lib.annotations(article_id=a)
    text = lib.get_article(a).text
    assert text[moved.start : moved.end] == note.quote
    assert moved.start != note.start or text.startswith("A Russian")
    assert _entity_named(lib, a, "Kharkiv")["entity"] == "Kharkiv (city)"
    assert lib.get_article(a).pipeline_version != "0"


def test_variants_can_be_switched_off(story: tuple[Library, int, int]) -> None:
    lib, a, b = story
    assert {h.article_id for h in lib.search("Kharkov", variants=True).hits} == {a, b}
    # Off: only the article that spells it that way.
    assert {h.article_id for h in lib.search("Kharkov", variants=False).hits} == {b}
    assert {h.article_id for h in lib.search("Kharkiv", variants=False).hits} == {a}


def test_compare_gives_timeline_figures_and_claims(story: tuple[Library, int, int]) -> None:
    lib, a, b = story
    doc = lib.compare([a, b])
    speakers = {s for group in doc["claims"] for s in group["speakers"]}
    assert any("Syniehubov" in s for s in speakers)
    text_a = lib.get_article(a).text
    for event in doc["timeline"]:
        article_text = text_a if event["article"] == a else lib.get_article(b).text
        assert article_text[event["start"] : event["end"]] == event["sentence"]


def test_compare_without_entities_keeps_alignment_and_leaves_out_the_entity_part(
    story: tuple[Library, int, int],
) -> None:
    lib, a, b = story
    full = lib.compare([a, b])
    lean = lib.compare([a, b], entities=False)
    assert full["shared"] and "shared" not in lean and "grid" not in lean
    assert lean["alignment"] == full["alignment"] and lean["only"] == full["only"]
