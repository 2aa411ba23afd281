"""Build tests/fixtures/migrations/rev_NNNN.sqlite3: an archive at each schema revision, with data.

Each file is made by running Alembic up to that revision only, then inserting
rows with plain SQL (the models of today may not match an old schema). Run from
the repository root after adding a migration, and commit the new file:

    .venv/bin/python bench/reliability/make_migration_fixture.py
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import tempfile
from pathlib import Path

from alembic import command
from alembic.script import ScriptDirectory

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.archive.db import make_engine, sqlite_url  # noqa: E402
from reader.archive.migrate import alembic_config  # noqa: E402
from reader.ingest.document import extract_document, text_fingerprint  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "migrations"
WHEN = "2026-03-14 09:30:00.000000"

# Written for this fixture: two outlets' accounts of one made-up event, and a third story.
ORIGINALS = {
    "ferry-a.txt": (
        b"Ferry service to Texel suspended after engine fire\n\nBy Maartje Bos\n\n"
        b"The ferry operator TESO suspended all crossings between Den Helder and Texel on "
        b"Saturday after a fire broke out in the engine room of one of its vessels.\n\n"
        b"Nobody was hurt, a spokesperson for the Royal Netherlands Sea Rescue Institution "
        b"said, and the 212 passengers on board were brought back to Den Helder by noon.\n\n"
        b"Crossings are expected to resume on Monday once inspectors have examined the ship.\n"
    ),
    "ferry-b.html": (
        b"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        b"<title>Texel ferries halted by fire | Coastal Courier</title></head><body>"
        b"<article><h1>Texel ferries halted by fire</h1><p>By Joost Hendriks</p>"
        b"<p>All sailings from Den Helder to the island of Texel were cancelled on Saturday "
        b"when fire damaged the engine room of a TESO ferry carrying two hundred passengers."
        b"</p><p>The KNRM lifeboat service said nobody was injured and that passengers had "
        b"been returned to the mainland within hours.</p><p>TESO hopes to restart the "
        b"service on Monday, pending an inspection.</p></article></body></html>"
    ),
    "library-c.txt": (
        b"City library reopens after two-year renovation\n\nBy Ines Almeida\n\n"
        b"The central library of Porto reopened on Thursday after a renovation that cost "
        b"eleven million euros and doubled its reading rooms.\n\n"
        b"Mayor Rui Moreira said the building would stay open until midnight on weekdays "
        b"during the exam season.\n"
    ),
}
# (article file, entity name, type) — mentions are every occurrence of the name.
ENTITIES = [
    ("ferry-a.txt", "Texel", "GPE"),
    ("ferry-a.txt", "Den Helder", "GPE"),
    ("ferry-a.txt", "TESO", "ORG"),
    ("ferry-b.html", "Texel", "GPE"),
    ("ferry-b.html", "Den Helder", "GPE"),
    ("ferry-b.html", "TESO", "ORG"),
    ("library-c.txt", "Porto", "GPE"),
    ("library-c.txt", "Rui Moreira", "PERSON"),
]


def revisions() -> list[str]:
    """Every revision, oldest first."""
    engine = make_engine("sqlite://")
    script = ScriptDirectory.from_config(alembic_config(engine))
    return [r.revision for r in reversed(list(script.walk_revisions()))]


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def _insert(conn: sqlite3.Connection, table: str, row: dict[str, object]) -> int:
    cols = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    cur = conn.execute(f'INSERT INTO "{table}" ({cols}) VALUES ({marks})', list(row.values()))
    return int(cur.lastrowid or 0)


def fill(conn: sqlite3.Connection) -> None:
    """Insert articles, and whatever later tables exist at this revision."""
    tables = _tables(conn)
    outlets: dict[str, int] = {}
    articles: dict[str, tuple[int, str]] = {}
    for name, data in ORIGINALS.items():
        doc = extract_document(data, Path(name))
        ex = doc.extracted
        blob_id = _insert(
            conn,
            "blob",
            {
                "sha256": hashlib.sha256(data).hexdigest(),
                "media_type": doc.media_type,
                "size": len(data),
                "data": data,
                "created_at": WHEN,
            },
        )
        outlet = ex.outlet or ("Coastal Courier" if name.endswith(".html") else None)
        if outlet and outlet not in outlets:
            outlets[outlet] = _insert(conn, "outlet", {"name": outlet, "domain": None})
        article_id = _insert(
            conn,
            "article",
            {
                "blob_id": blob_id,
                "outlet_id": outlets.get(outlet) if outlet else None,
                "title": ex.title or name,
                "subtitle": ex.subtitle,
                "authors": json.dumps(ex.authors),
                "published": ex.published,
                "url": ex.url,
                "language": ex.language,
                "text": ex.text,
                "blocks": json.dumps([[s, e, k] for s, e, k in ex.block_spans()]),
                "text_sha256": text_fingerprint(ex.body_text),
                "words": len(ex.body_text.split()),
                "source_path": f"/home/analyst/clippings/{name}",
                "pipeline_version": "0.1",
                "imported_at": WHEN,
                "near_group": None,
                "minhash": None,
            },
        )
        articles[name] = (article_id, ex.text)
    if "entity" in tables:
        _fill_entities(conn, articles)
    if "annotation" in tables:
        _fill_annotations(conn, articles)


def _fill_entities(conn: sqlite3.Connection, articles: dict[str, tuple[int, str]]) -> None:
    ids: dict[str, int] = {}
    for name, entity, kind in ENTITIES:
        if entity not in ids:
            ids[entity] = _insert(
                conn,
                "entity",
                {"canonical": entity, "type": kind, "hidden": False, "user_named": False},
            )
            key = entity.casefold()
            row = {"entity_id": ids[entity], "surface": entity, "key": key, "rule": "exact"}
            _insert(conn, "entity_alias", {**row, "score": 1.0, "source": "machine"})
        article_id, text = articles[name]
        start = text.find(entity)
        while start != -1:
            end = start + len(entity)
            _insert(
                conn,
                "mention",
                {
                    "article_id": article_id,
                    "entity_id": ids[entity],
                    "start": start,
                    "end": end,
                    "text": entity,
                    "label": kind,
                    "rule": "exact",
                    "score": 1.0,
                    "value": None,
                },
            )
            start = text.find(entity, end)
    payload = json.dumps({"keys": ["teso", "knrm"]})
    _insert(conn, "entity_decision", {"kind": "distinct", "payload": payload, "created_at": WHEN})


def _fill_annotations(conn: sqlite3.Connection, articles: dict[str, tuple[int, str]]) -> None:
    made = []
    for name, quote, note in [
        ("ferry-a.txt", "212 passengers", "figure differs from the other account"),
        ("ferry-b.html", "two hundred passengers", "rounded"),
    ]:
        article_id, text = articles[name]
        start = text.index(quote)
        end = start + len(quote)
        made.append(
            _insert(
                conn,
                "annotation",
                {
                    "article_id": article_id,
                    "quote": quote,
                    "prefix": text[max(0, start - 32) : start],
                    "suffix": text[end : end + 32],
                    "start": start,
                    "end": end,
                    "note": note,
                    "colour": "yellow",
                    "author": "analyst",
                    "created_at": WHEN,
                    "updated_at": WHEN,
                    "orphaned": False,
                    "anchor_method": "exact",
                },
            )
        )
    tag = _insert(conn, "tag", {"name": "casualties"})
    for annotation_id in made:
        _insert(conn, "annotation_tag", {"annotation_id": annotation_id, "tag_id": tag})
    link = {"source_id": made[0], "target_id": made[1], "label": "contradicts"}
    _insert(conn, "annotation_link", {**link, "created_at": WHEN})
    row = {"name": "ferry", "query": "Texel ferry", "sort": "date", "variants": True}
    _insert(conn, "saved_search", {**row, "created_at": WHEN})


def build(revision: str, target: Path) -> None:
    """Create `target` at `revision` and fill it."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "archive.sqlite3"
        engine = make_engine(sqlite_url(db))
        cfg = alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, revision)
        engine.dispose()
        conn = sqlite3.connect(db)
        try:
            with conn:
                fill(conn)
            conn.execute("PRAGMA journal_mode=DELETE")
            conn.execute("VACUUM")
        finally:
            conn.close()
        target.write_bytes(db.read_bytes())


def main() -> None:
    """Write one fixture per revision."""
    OUT.mkdir(parents=True, exist_ok=True)
    for revision in revisions():
        target = OUT / f"rev_{revision}.sqlite3"
        build(revision, target)
        print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
