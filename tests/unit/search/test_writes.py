"""Index maintenance: updates, deletes, rebuilds, damage and writer locking."""

from __future__ import annotations

import dataclasses
import json

import pytest

from reader.search import IndexBusy, IndexDamaged, SearchDocument, SearchIndex


def found(index: SearchIndex, query: str) -> set[int]:
    return {h.id for h in index.search(query).hits if h.kind == "article"}


def test_indexed_ids_lists_articles_and_annotations(index):
    assert index.indexed_ids() == {"article": {1, 2, 3, 4}, "annotation": {10}}


def test_update_replaces_the_old_version_without_a_stale_copy(index, articles):
    edited = dataclasses.replace(articles[2], text="Markets fell sharply after the bank surprised.")
    index.add([edited])
    assert found(index, "surprised") == {3}
    assert found(index, "inflation") == set()
    assert index.doc_count() == 5
    assert index.indexed_ids()["article"] == {1, 2, 3, 4}


def test_delete_removes_documents_of_one_kind(index):
    assert index.delete([2]) == 1
    assert found(index, "evacuation") == set()
    assert index.indexed_ids() == {"article": {1, 3, 4}, "annotation": {10}}
    assert index.delete([10], kind="annotation") == 1
    assert index.search("timetable").total == 0


def test_a_new_instance_sees_committed_writes(index, tmp_path):
    other = SearchIndex(index.path)
    index.add([SearchDocument(id=7, title="Harbour strike ends", text="Dockers returned.")])
    assert found(other, "dockers") == {7}
    other.close()


def test_rebuild_replaces_everything(index, articles):
    count = index.rebuild(articles[:2])
    assert count == 2
    assert index.indexed_ids() == {"article": {1, 2}, "annotation": set()}
    assert found(index, "inflation") == set()


def test_clear_leaves_an_empty_usable_index(index, articles):
    index.clear()
    assert index.doc_count() == 0
    assert index.search("governor").total == 0
    index.add(articles[:1])
    assert found(index, "governor") == {1}


def test_dicts_are_accepted_as_documents(tmp_path):
    ix = SearchIndex(tmp_path / "ix")
    ix.add([{"id": 5, "title": "Grain corridor reopens", "text": "Ships sailed.", "extra": 1}])
    assert found(ix, "grain") == {5}


def test_second_writer_gets_index_busy(index, articles):
    other = SearchIndex(index.path, lock_timeout=0.2)
    writer = index._ix.writer()  # another writer holds Whoosh's lock file
    try:
        with pytest.raises(IndexBusy):
            other.add(articles[:1])
    finally:
        writer.cancel()
    other.add(articles[:1])  # free again once the lock is released


def test_truncated_segment_file_is_reported_as_damaged(index):
    index.close()
    victims = [p for p in index.path.iterdir() if p.suffix in (".trm", ".seg")]
    assert victims
    for p in victims:
        p.write_bytes(b"\0" * 10)
    with pytest.raises(IndexDamaged):
        SearchIndex(index.path).search("governor")


def test_missing_table_of_contents_is_reported_as_damaged(index):
    index.close()
    for p in index.path.glob("*.toc"):
        p.unlink()
    with pytest.raises(IndexDamaged):
        SearchIndex(index.path)


def test_index_from_another_schema_version_is_reported_as_damaged(index):
    index.close()
    marker = index.path / "parallax-search.json"
    info = json.loads(marker.read_text())
    info["schema"] = 0
    marker.write_text(json.dumps(info))
    with pytest.raises(IndexDamaged, match="rebuild"):
        SearchIndex(index.path)


def test_damaged_index_can_be_rebuilt_in_place(index, articles):
    index.close()
    for p in index.path.glob("*.toc"):
        p.unlink()
    with pytest.raises(IndexDamaged):
        SearchIndex(index.path)
    fresh = SearchIndex.recreate(index.path)
    assert fresh.doc_count() == 0
    fresh.rebuild(articles)
    assert found(fresh, "governor") == {1, 3}


def test_rebuild_with_two_writer_processes_indexes_everything(tmp_path, articles):
    ix = SearchIndex(tmp_path / "mp")
    many = [dataclasses.replace(a, id=a.id + 100 * k) for k in range(60) for a in articles]
    assert ix.rebuild(many, procs=2) == 240
    assert len(ix.indexed_ids()["article"]) == 240
    assert ix.search('"ceasefire talks"').total == 60


def test_chunked_rebuild_then_single_adds_keep_every_document(tmp_path, articles):
    ix = SearchIndex(tmp_path / "chunks")
    ix.rebuild(articles, chunk=1)  # one segment per article
    for k in range(20):  # enough single additions to trigger a merge of small segments
        ix.add([dataclasses.replace(articles[0], id=100 + k)])
    ix.delete([2])
    assert ix.indexed_ids()["article"] == {1, 3, 4} | set(range(100, 120))
    assert ix.search("governor").total == 22


def test_rebuild_reports_progress_up_to_the_total(tmp_path, articles):
    ix = SearchIndex(tmp_path / "progress")
    many = [dataclasses.replace(a, id=a.id + 10 * k) for k in range(300) for a in articles]
    seen: list[int] = []
    ix.rebuild(many, chunk=700, progress=seen.append)
    assert seen == sorted(seen) and seen[-1] == 1200
    assert len(seen) >= 3


def test_duplicate_ids_are_reported_for_check(tmp_path, articles):
    ix = SearchIndex(tmp_path / "dups")
    ix.rebuild([articles[0], articles[1], articles[0]])
    assert ix.duplicate_ids() == {"article": {1}, "annotation": set()}
    ix.add([articles[0]])  # re-adding replaces every copy
    assert ix.duplicate_ids() == {"article": set(), "annotation": set()}


def test_adding_the_same_document_twice_in_one_batch_keeps_the_last(tmp_path, articles):
    ix = SearchIndex(tmp_path / "twice")
    newer = dataclasses.replace(articles[0], text="Rewritten after the editor's note.")
    assert ix.add([articles[0], newer]) == 1
    assert ix.doc_count() == 1
    assert found(ix, "editor") == {1}
    assert found(ix, "sweep") == set()


def _segments(index: SearchIndex) -> int:
    return len(index._ix._segments())


def test_single_adds_do_not_merge_and_merge_small_keeps_every_document(tmp_path):
    index = SearchIndex(tmp_path / "ix")
    stories = [
        SearchDocument(id=i, title=f"Ferry timetable change {i}", text=f"Crossing number {i}.")
        for i in range(1, 21)
    ]
    for story in stories:
        index.add([story])
    # Each addition is its own commit and none of them merged (adding stays fast).
    assert _segments(index) == 20
    # Replacing and deleting still find the old copy in whichever segment holds it.
    index.add([dataclasses.replace(stories[0], text="Crossing cancelled for storms.")])
    assert index.delete([2]) == 1
    assert found(index, "storms") == {1}
    assert index.search("timetable").total == 19

    assert index.merge_small(at_least=2) == 21
    assert _segments(index) == 1
    assert index.indexed_ids()["article"] == set(range(1, 21)) - {2}
    assert index.duplicate_ids() == {"article": set(), "annotation": set()}
    assert found(index, "storms") == {1}
    assert index.search("timetable").total == 19
    # Too few small segments: nothing to do.
    index.add([SearchDocument(id=30, title="Harbour reopens", text="Quay repaired.")])
    assert index.merge_small() == 0
    index.close()


def test_a_write_from_another_instance_is_seen_by_the_next_replace(tmp_path):
    first = SearchIndex(tmp_path / "ix")
    first.add([SearchDocument(id=1, title="Bridge closed", text="Repairs start.")])
    first.add([SearchDocument(id=2, title="Market day", text="Stalls return.")])
    other = SearchIndex(tmp_path / "ix")
    other.add([SearchDocument(id=1, title="Bridge closed again", text="Cracks found.")])
    other.close()
    # `first` kept readers of the old segments; the copy `other` wrote must be replaced too.
    first.add([SearchDocument(id=1, title="Bridge reopened", text="Traffic flows.")])
    assert found(first, "bridge") == {1}
    assert first.search("cracks").total == 0
    assert first.doc_count() == 2
    first.close()
