"""Library.query_has_variants: does a query name an entity known by other spellings?"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.library import Library
from reader.search.errors import QuerySyntaxError

pytestmark = pytest.mark.slow  # the entities come from the NER model

ARTICLES = {
    "a.txt": "Grain silo fire in Zhovtovody\nBy Irena Halas\n4 June 2025\n\n"
    "Firefighters in Zhovtovody put out a blaze at the grain silo on Tuesday. "
    "Officials in Zhovtovody said nobody was hurt.\n",
    "b.txt": "Silo blaze contained\nBy Oleg Marten\n5 June 2025\n\n"
    "The fire at the silo in Zheltye Vody was contained overnight, the mayor of "
    "Zheltye Vody said.\n",
}


def test_only_queries_naming_a_known_variant_change(library: Library, tmp_path: Path) -> None:
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    ids = [r["id"] for r in library.import_paths(sorted(tmp_path.glob("*.txt"))).imported]

    def entity(aid: int, name: str) -> int:
        return next(e["entity_id"] for e in library.article_entities(aid) if e["entity"] == name)

    library.merge_entities(entity(ids[1], "Zheltye Vody"), entity(ids[0], "Zhovtovody"))
    assert library.query_has_variants("Zhovtovody")
    assert library.query_has_variants("silo AND Zhovtovody")
    assert not library.query_has_variants("silo fire")
    with pytest.raises(QuerySyntaxError):
        library.query_has_variants('"unclosed')
