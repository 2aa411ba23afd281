"""Reindex re-clusters the archive's entities and keeps every user decision."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.entities.linking import Linker
from reader.library import Library, entity_store

pytestmark = pytest.mark.slow  # loads the NER model

FIRST = """Power cut across Kharkiv after overnight strike
By Maria Lindgren
12 March 2025

A missile strike on a substation left large parts of Kharkiv without power on \
Tuesday, the regional administration said.

Repair crews from Ukrenergo were working to restore supplies, and officials in Kharkiv \
said schools would stay closed for a second day.

Further south, residents of Mariupol described queues for water, while the mayor's \
office in Zaporizhzhia said it was sending generators.
"""

SECOND = """Kharkov hit again as repairs continue
Evening Courier, 13 March 2025

Engineers in Kharkov said on Wednesday that a second strike had damaged the same \
substation, delaying the return of electricity to thousands of homes.

Volunteers who left Mariupolo last spring said they were collecting blankets for \
families in Kharkov, where temperatures fell below freezing.
"""


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _entity_of(lib: Library, article_id: int, surface: str) -> dict:
    for entity in lib.article_entities(article_id):
        if any(m["text"] == surface for m in entity["mentions"]):
            return entity
    raise AssertionError(f"{surface!r} not in {lib.article_entities(article_id)}")


@pytest.fixture
def apart(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Library, int, int]:
    """Two articles whose entities were created apart, as by two imports running at once."""
    first = library.import_paths([_write(tmp_path / "in", "first.txt", FIRST)])
    with monkeypatch.context() as patch:
        # The second importer loaded its linker before the first one committed.
        patch.setattr(entity_store, "load_linker", lambda _session: Linker())
        second = library.import_paths([_write(tmp_path / "in", "second.txt", SECOND)])
    a, b = first.imported[0]["id"], second.imported[0]["id"]
    assert (
        _entity_of(library, a, "Kharkiv")["entity_id"]
        != (_entity_of(library, b, "Kharkov")["entity_id"])
    )
    return library, a, b


def test_reindex_joins_entities_created_apart_and_keeps_a_distinct_pair_apart(
    apart: tuple[Library, int, int],
) -> None:
    lib, a, b = apart
    kharkiv = _entity_of(lib, a, "Kharkiv")["entity_id"]
    mariupol = _entity_of(lib, a, "Mariupol")["entity_id"]
    mariupolo = _entity_of(lib, b, "Mariupolo")["entity_id"]
    lib.mark_distinct(mariupol, mariupolo)
    second_kharkiv = _entity_of(lib, a, "Kharkiv")["mentions"][1]
    split = lib.split_mention(kharkiv, second_kharkiv["id"])

    lib.reindex()

    joined = _entity_of(lib, b, "Kharkov")
    assert joined["entity_id"] == _entity_of(lib, a, "Kharkiv")["entity_id"] == kharkiv
    assert _entity_of(lib, a, "Mariupol")["entity_id"] == mariupol
    assert _entity_of(lib, b, "Mariupolo")["entity_id"] == mariupolo
    owner = {m["start"]: e["entity_id"] for e in lib.article_entities(a) for m in e["mentions"]}
    assert owner[second_kharkiv["start"]] == split["id"] != kharkiv
    # The joined spellings now find each other's articles.
    assert {h.article_id for h in lib.search("Kharkov").hits} == {a, b}
    shared = {e["entity"] for e in lib.compare([a, b], alignment=False, coverage=False)["shared"]}
    assert "Kharkiv" in shared and not {"Mariupol", "Mariupolo"} & shared


def test_reindex_keeps_renames_merges_splits_and_hidden_entities(
    apart: tuple[Library, int, int],
) -> None:
    lib, a, b = apart
    kharkiv = _entity_of(lib, a, "Kharkiv")
    lib.rename_entity(kharkiv["entity_id"], "Kharkiv (city)")
    ukrenergo = _entity_of(lib, a, "Ukrenergo")["entity_id"]
    zaporizhzhia = _entity_of(lib, a, "Zaporizhzhia")["entity_id"]
    lib.merge_entities(ukrenergo, zaporizhzhia)  # a user's odd choice is still theirs
    second_kharkiv = kharkiv["mentions"][1]
    split = lib.split_mention(kharkiv["entity_id"], second_kharkiv["id"])
    mariupol = _entity_of(lib, a, "Mariupol")["entity_id"]
    lib.hide_entity(mariupol)

    lib.reindex()

    renamed = _entity_of(lib, b, "Kharkov")  # joined by the reindex, under the user's name
    assert renamed["entity"] == "Kharkiv (city)"
    assert _entity_of(lib, a, "Ukrenergo")["entity_id"] == zaporizhzhia
    owner = {m["start"]: e["entity_id"] for e in lib.article_entities(a) for m in e["mentions"]}
    first_kharkiv = kharkiv["mentions"][0]
    assert owner[first_kharkiv["start"]] == renamed["entity_id"]
    assert owner[second_kharkiv["start"]] == split["id"] != renamed["entity_id"]
    assert all(e["entity_id"] != mariupol for e in lib.article_entities(a))  # still hidden


def test_reextracting_the_whole_archive_also_joins_entities_created_apart(
    apart: tuple[Library, int, int],
) -> None:
    lib, a, b = apart
    report = lib.reextract()
    assert report["updated"] == 2 and not report["failed"]
    assert _entity_of(lib, a, "Kharkiv")["entity_id"] == _entity_of(lib, b, "Kharkov")["entity_id"]


def test_reindex_names_an_entity_after_all_its_mentions(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "ferry"
    first = _write(
        folder,
        "monday.txt",
        "Ferry plan approved\n\nMinister Lindqvist told reporters in Oslo on Monday that the "
        "ferry plan would go ahead. Lindqvist said the cost would be shared.\n",
    )
    second = _write(
        folder,
        "tuesday.txt",
        "Ferries to run hourly\n\nTransport minister Hanna Lindqvist said on Tuesday that "
        "ferries to Bergen would run hourly from June.\n",
    )
    a = library.import_paths([first]).imported[0]["id"]
    b = library.import_paths([second]).imported[0]["id"]
    entity = _entity_of(library, b, "Hanna Lindqvist")
    assert entity["entity_id"] == _entity_of(library, a, "Lindqvist")["entity_id"]
    assert entity["entity"] == "Lindqvist"  # named when only the surname had been seen

    library.reindex()

    assert _entity_of(library, a, "Lindqvist")["entity"] == "Hanna Lindqvist"
