"""Search through the Library and CLI: index kept in step, variants, bad queries, saved searches."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library
from reader.search.errors import QuerySyntaxError


@pytest.fixture
def filled(library: Library, fixtures_dir: Path) -> Library:
    report = library.import_paths([fixtures_dir / "articles"])
    assert len(report.imported) == 3
    return library


def _titles(lib: Library, query: str, **kwargs: object) -> set[str]:
    return {h.title for h in lib.search(query, **kwargs).hits}  # type: ignore[arg-type]


def test_imported_articles_are_searchable_at_once(filled: Library) -> None:
    # Stemming: "automated" in one article, "automation" in both.
    assert _titles(filled, "automation") == {
        "Port workers walk out as talks over automation collapse in Rotterdam",
        "Rotterdam dockers strike over robot cranes",
    }
    assert _titles(filled, '"coalition talks"') == {
        "Coalition talks begin after close vote in Lisbon"
    }
    assert _titles(filled, "outlet:gazette") == {"Coalition talks begin after close vote in Lisbon"}
    hits = filled.search("Chega").hits
    assert "«Chega»" in hits[0].snippet


def test_sort_by_date_puts_the_newest_first(filled: Library) -> None:
    hits = filled.search("Rotterdam OR Lisbon", sort="date").hits
    days = [h.published[:10] for h in hits if h.published]  # sorted by day
    assert len(days) == 3
    assert days == sorted(days, reverse=True)


def test_a_malformed_query_is_a_clear_error(
    filled: Library, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(QuerySyntaxError):
        filled.search('"unclosed phrase')
    code = main(["search", "strike AND", "--archive", str(filled.archive_dir)])
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("parallax: bad query") and "Traceback" not in err


def test_annotations_are_searchable_and_say_so(filled: Library) -> None:
    article = next(a.id for a in filled.list_articles() if a.title.startswith("Port workers"))
    filled.annotate(
        article,
        quote="remote-controlled cranes",
        note="Check the crane supplier",
        tags=["follow-up"],
    )
    kinds = {h.kind for h in filled.search("supplier").hits}
    assert kinds == {"annotation"}
    assert {h.kind for h in filled.search("tag:follow-up").hits} == {"annotation"}
    assert {h.kind for h in filled.search("note:supplier").hits} == {"annotation"}


def test_saved_searches_round_trip(filled: Library, capsys: pytest.CaptureFixture[str]) -> None:
    archive = str(filled.archive_dir)
    assert main(["saved-search", "add", "docks", "Rotterdam AND strike", "--archive", archive]) == 0
    capsys.readouterr()
    assert main(["saved-search", "list", "--json", "--archive", archive]) == 0
    assert [s["name"] for s in json.loads(capsys.readouterr().out)] == ["docks"]
    assert main(["saved-search", "run", "docks", "--json", "--archive", archive]) == 0
    assert json.loads(capsys.readouterr().out)["total"] >= 1
    assert main(["saved-search", "delete", "docks", "--archive", archive]) == 0
    assert main(["saved-search", "run", "docks", "--archive", archive]) == 2


def test_check_finds_a_stale_index_and_repair_fixes_it(filled: Library) -> None:
    victim = filled.list_articles()[0].id
    filled.search_index.delete([victim])
    report = filled.check()
    assert not report.ok and any("missing from the index" in p for p in report.problems)
    repaired = filled.check(repair=True)
    assert repaired.ok and repaired.repaired
    assert filled.check().ok


def test_a_damaged_index_is_rebuilt(filled: Library) -> None:
    filled.close()
    for path in filled.index_dir.iterdir():
        if path.suffix == ".seg" or path.name.endswith(".toc") or path.is_file():
            path.write_bytes(b"garbage")
    lib = Library(filled.archive_dir)
    try:
        report = lib.check(repair=True)
        assert report.ok
        assert lib.search("Rotterdam").total >= 1
    finally:
        lib.close()


def test_reindex_from_scratch(filled: Library) -> None:
    shutil.rmtree(filled.index_dir)
    filled.close()
    lib = Library(filled.archive_dir)
    try:
        assert lib.reindex() == 3
        assert lib.search("Lisbon").total == 1
    finally:
        lib.close()
