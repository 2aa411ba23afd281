"""compare_entities: the shared / unique / grid document of `compare --json`."""

from __future__ import annotations

import json

from reader.compare.entities import compare_entities

A = [
    (1, "Kostiantynivka", "GPE", "Kostiantynivka"),
    (1, "Kostiantynivka", "GPE", "Kostiantynivka"),
    (2, "Oleksandr Syrskyi", "PERSON", "Oleksandr Syrskyi"),
    (3, "Kupiansk", "GPE", "Kupiansk"),
    (9, "Reuters", "ORG", "Reuters"),
]
B = [
    (1, "Kostiantynivka", "GPE", "Kostyantynivka"),
    (2, "Oleksandr Syrskyi", "PERSON", "Syrsky"),
    (4, "Izium", "GPE", "Izium"),
]
C = [(2, "Oleksandr Syrskyi", "PERSON", "Syrskyi"), (5, "Lyman", "GPE", "Lyman")]


def test_shared_entities_list_the_spellings_of_each_article() -> None:
    doc = compare_entities({10: A, 11: B, 12: C})
    shared = {s["entity"]: s for s in doc["shared"]}
    assert set(shared) == {"Kostiantynivka", "Oleksandr Syrskyi"}
    assert shared["Kostiantynivka"]["mentions"] == {10: ["Kostiantynivka"], 11: ["Kostyantynivka"]}
    assert shared["Oleksandr Syrskyi"]["mentions"] == {
        10: ["Oleksandr Syrskyi"],
        11: ["Syrsky"],
        12: ["Syrskyi"],
    }
    # Shared by three articles comes before shared by two.
    assert doc["shared"][0]["entity"] == "Oleksandr Syrskyi"


def test_unique_entities_per_article_and_hidden_ones_left_out() -> None:
    doc = compare_entities({10: A, 11: B, 12: C}, hidden=frozenset({9}))
    assert doc["unique"] == {
        10: [{"entity": "Kupiansk", "type": "GPE"}],
        11: [{"entity": "Izium", "type": "GPE"}],
        12: [{"entity": "Lyman", "type": "GPE"}],
    }
    assert all(row["entity"] != "Reuters" for row in doc["grid"])


def test_grid_counts_mentions_and_serialises_to_json() -> None:
    doc = compare_entities({10: A, 11: B})
    row = next(r for r in doc["grid"] if r["entity"] == "Kostiantynivka")
    assert row["counts"] == {10: 2, 11: 1}
    izium = next(r for r in doc["grid"] if r["entity"] == "Izium")
    assert izium["counts"] == {10: 0, 11: 1}
    assert json.loads(json.dumps(doc))["shared"][0]["mentions"]["10"]


def test_an_article_without_entities_still_has_an_empty_unique_list() -> None:
    doc = compare_entities({10: A, 11: []})
    assert doc["shared"] == [] and doc["unique"][11] == []
