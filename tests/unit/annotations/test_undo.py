"""Deleting and restoring annotations and links: what comes back is what was there."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from reader.annotations.store import AnnotationError
from reader.annotations.undo import DeletedAnnotation, from_view
from reader.archive.models import Annotation, Article
from reader.library import Library

FERRY = (
    "Island ferry fares rise for the second time this year\n"
    "The Coastal Courier\n"
    "By Maren Holt\n"
    "3 March 2025\n"
    "\n"
    "Return tickets to the island will cost eleven pounds from April, the ferry "
    "operator said, blaming fuel prices and a new harbour levy.\n"
    "\n"
    "Islanders who commute daily said the rise would push families to leave.\n"
)
FERRY_OTHER = (
    "Operator says fare rise is the last for two years\n"
    "Harbour Daily\n"
    "By Sol Petrov\n"
    "4 March 2025\n"
    "\n"
    "The ferry company promised no further increases until 2027 and said the "
    "harbour levy accounted for most of the new fare.\n"
)
LONG_AGO = datetime(2024, 11, 5, 9, 30, 0)


@pytest.fixture
def pair(library: Library, tmp_path: Path) -> tuple[int, int]:
    paths = []
    for name, text in (("ferry.txt", FERRY), ("ferry-other.txt", FERRY_OTHER)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    rows = library.import_paths(paths).imported
    return int(rows[0]["id"]), int(rows[1]["id"])


def backdate(library: Library, annotation_id: int, author: str) -> None:
    """Give an annotation an old creation date and an author, as an import would."""
    with library.session() as session:
        row = session.get(Annotation, annotation_id)
        row.created_at = row.updated_at = LONG_AGO
        row.author = author
        session.commit()


def author_of(library: Library, annotation_id: int) -> str | None:
    with library.session() as session:
        return session.get(Annotation, annotation_id).author


def test_link_can_be_removed_and_restored_in_its_direction(library, pair):
    a, b = pair
    claim = library.annotate(a, quote="blaming fuel prices and a new harbour levy")
    answer = library.annotate(b, quote="harbour levy accounted for most")
    link_id = library.link_annotations(answer.id, claim.id, "contradicts")

    removed = library.delete_annotation_link(link_id)
    assert removed is not None
    assert library.annotations(article_id=a)[0].links == []
    assert library.annotations(article_id=b)[0].links == []
    assert library.delete_annotation_link(link_id) is None

    assert library.restore_annotation_link(removed) == link_id
    (on_b,) = library.annotations(article_id=b)[0].links
    (on_a,) = library.annotations(article_id=a)[0].links
    assert (on_b["label"], on_b["direction"], on_b["annotation"]) == (
        "contradicts",
        "outgoing",
        claim.id,
    )
    assert (on_a["direction"], on_a["annotation"]) == ("incoming", answer.id)


def test_restoring_a_link_twice_shows_it_once(library, pair):
    a, b = pair
    one = library.annotate(a, quote="eleven pounds")
    two = library.annotate(b, quote="no further increases")
    removed = library.delete_annotation_link(library.link_annotations(one.id, two.id, "same claim"))
    library.restore_annotation_link(removed)
    library.restore_annotation_link(removed)
    assert len(library.annotations(article_id=a)[0].links) == 1


def test_link_to_a_deleted_annotation_cannot_be_restored(library, pair):
    a, b = pair
    one = library.annotate(a, quote="eleven pounds")
    two = library.annotate(b, quote="no further increases")
    removed = library.delete_annotation_link(library.link_annotations(one.id, two.id, "same"))
    library.delete_annotation(two.id)
    with pytest.raises(AnnotationError):
        library.restore_annotation_link(removed)


def test_undo_of_delete_keeps_date_author_id_and_link_directions(library, pair):
    a, b = pair
    kept = library.annotate(a, quote="push families to leave", note="ask the council", tags=["x"])
    earlier = library.annotate(b, quote="promised no further increases")
    later = library.annotate(b, quote="harbour levy accounted for most")
    backdate(library, kept.id, "M. Holt desk")
    library.link_annotations(kept.id, earlier.id, "follows up")
    library.link_annotations(later.id, kept.id, "contradicts")
    (before,) = library.annotations(article_id=a)

    deleted = library.delete_annotation(kept.id)
    assert isinstance(deleted, DeletedAnnotation)
    assert library.annotations(article_id=a) == []
    assert all(r.links == [] for r in library.annotations(article_id=b))

    back = library.restore_annotation(deleted)
    assert back.id == kept.id
    assert back.created == "2024-11-05T09:30:00"
    assert author_of(library, back.id) == "M. Holt desk"
    assert (back.quote, back.note, back.tags) == (before.quote, before.note, before.tags)
    directions = {(k["label"], k["annotation"], k["direction"]) for k in back.links}
    assert directions == {
        ("follows up", earlier.id, "outgoing"),
        ("contradicts", later.id, "incoming"),
    }
    assert {k["direction"] for r in library.annotations(article_id=b) for k in r.links} == {
        "incoming",
        "outgoing",
    }


def test_restore_from_a_listed_record_keeps_its_date_and_directions(library, pair):
    a, b = pair
    mine = library.annotate(a, quote="eleven pounds")
    other = library.annotate(b, quote="no further increases")
    backdate(library, mine.id, "desk")
    library.link_annotations(other.id, mine.id, "follows up")
    (listed,) = library.annotations(article_id=a)
    library.delete_annotation(mine.id)

    back = library.restore_annotation(listed)
    assert back.created == "2024-11-05T09:30:00"
    ((label, target, direction),) = [
        (k["label"], k["annotation"], k["direction"]) for k in back.links
    ]
    assert (label, target, direction) == ("follows up", other.id, "incoming")


def test_restore_follows_a_linked_annotation_that_was_recreated_elsewhere(library, pair):
    a, b = pair
    mine = library.annotate(a, quote="eleven pounds")
    other = library.annotate(b, quote="no further increases")
    library.link_annotations(mine.id, other.id, "same claim")
    deleted = library.delete_annotation(mine.id)
    library.delete_annotation(other.id)
    moved = library.annotate(b, quote="no further increases")

    back = library.restore_annotation(deleted, ids={other.id: moved.id})
    assert [(k["annotation"], k["direction"]) for k in back.links] == [(moved.id, "outgoing")]


def test_restore_after_reextraction_finds_the_quote_again(library, pair):
    a, _b = pair
    mine = library.annotate(a, quote="push families to leave", note="why?")
    deleted = library.delete_annotation(mine.id)
    with library.session() as session:
        article = session.get(Article, a)
        article.text = "Subscribe to our island newsletter.\n\n" + article.text
        session.commit()

    back = library.restore_annotation(deleted)
    with library.session() as session:
        text = session.get(Article, a).text
    assert not back.orphaned
    assert text[back.start : back.end] == "push families to leave"


def test_restored_orphan_stays_an_orphan(library, pair):
    a, _b = pair
    mine = library.annotate(a, quote="eleven pounds", note="check")
    with library.session() as session:
        session.get(Annotation, mine.id).orphaned = True
        session.commit()
    back = library.restore_annotation(library.delete_annotation(mine.id))
    assert back.orphaned and back.quote == "eleven pounds" and back.note == "check"


def test_deleted_record_prints_like_a_listed_one(library, pair):
    a, _b = pair
    mine = library.annotate(a, quote="eleven pounds")
    (listed,) = library.annotations(article_id=a)
    deleted = library.delete_annotation(mine.id)
    assert deleted.to_json() == listed.to_json()
    assert from_view(listed).created_at == datetime.fromisoformat(listed.created)
