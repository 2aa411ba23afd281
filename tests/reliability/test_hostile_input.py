"""Hostile input: a seeded batch of good and bad files imports the good and reports the bad."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_corpus import Batch, make_batch
from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from reader import cli
from reader.archive.db import make_engine, sqlite_url
from reader.archive.models import Article
from reader.library import Library
from reader.library.importer import Importer
from reader.paths import DB_NAME
from reader.records import ImportReport

MAX_BYTES = 3_000_000  # above the 2 MB line, below the oversized file
REPO = Path(__file__).resolve().parents[2]


def _stored_texts(archive: Path) -> dict[str, str]:
    engine = make_engine(sqlite_url(archive / DB_NAME))
    try:
        with sessionmaker(engine)() as session:
            rows = session.execute(select(Article.source_path, Article.text)).all()
    finally:
        engine.dispose()
    return {Path(source).name: text for source, text in rows}


def _assert_outcomes(batch: Batch, report: ImportReport, archive: Path) -> None:
    """Every good file imported whole, every hostile one refused with a reason or imported clean."""
    imported = {Path(r["path"]).name for r in report.imported}
    failed = {Path(r["path"]).name: r["error"] for r in report.failed}
    assert report.duplicates == []
    assert all(Path(r["path"]).parent == batch.root for r in report.failed), report.failed
    assert sorted(set(batch.good) - imported) == []
    texts = _stored_texts(archive)
    for name, article in batch.good.items():
        missing = [s for s in article.sentences if s not in texts[name]]
        assert missing == [], f"{name} lost body sentences"
    refused = {h.name: h for h in batch.hostile if h.outcome == "refused"}
    assert set(failed) == set(refused), "exactly the bad files fail"
    for name, hostile in refused.items():
        assert re.search(hostile.reason, failed[name], re.IGNORECASE), (name, failed[name])
    for hostile in batch.hostile:
        if hostile.outcome != "imported":
            continue
        assert hostile.name in imported, (hostile.name, failed.get(hostile.name))
        text = texts[hostile.name]
        assert all(k in text for k in hostile.keep), hostile.name
        assert [f for f in hostile.forbid if f in text] == [], hostile.name
        assert "\x00" not in text and "\ufffd" not in text[:200]


def _cli(capsys: pytest.CaptureFixture[str], archive: Path, *args: str) -> tuple[int, str]:
    code = cli.main(["--archive", str(archive), *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out


def test_a_batch_with_a_tenth_hostile_files_imports_every_good_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = make_batch(tmp_path / "inbox", seed=8, n_good=240, max_bytes=MAX_BYTES)
    assert len(batch.hostile) >= (len(batch.good) + len(batch.hostile)) // 10
    archive = tmp_path / "archive"
    with Library(archive, max_file_bytes=MAX_BYTES) as lib:
        engine = make_engine(sqlite_url(archive / DB_NAME))
        importer = Importer(sessionmaker(engine), max_file_bytes=MAX_BYTES, with_entities=False)
        report = importer.run([batch.root], batch.progress, None)
        engine.dispose()
        _assert_outcomes(batch, report, archive)
        assert lib.check().problems  # imported behind the Library's back: the index lags
    code, out = _cli(capsys, archive, "check", "--repair")
    assert code == 0 and "ok" in out.splitlines()[-1]

    code, out = _cli(capsys, archive, "list", "--json")
    assert code == 0 and len(json.loads(out)) == len(report.imported)
    article = batch.good["good-0003.txt"]
    case = re.search(r"case (\S+),", article.marker)
    assert case is not None
    code, out = _cli(capsys, archive, "search", f'"{case.group(1)}"', "--json")
    hits = json.loads(out)["hits"]
    assert code == 0 and [h["title"] for h in hits] == [article.title]
    code, out = _cli(capsys, archive, "search", '"unclosed', "--json")
    assert code == 2  # a malformed query is a usage error, not a crash
    code, out = _cli(capsys, archive, "check")
    assert code == 0


@pytest.mark.slow
def test_the_library_with_entities_survives_hostile_input_and_the_cli_still_works(
    tmp_path: Path,
) -> None:
    batch = make_batch(tmp_path / "inbox", seed=9, n_good=24, max_bytes=MAX_BYTES, long_line=False)
    archive = tmp_path / "archive"
    with Library(archive, max_file_bytes=MAX_BYTES) as lib:
        report = lib.import_paths([batch.root], progress=batch.progress)
        _assert_outcomes(batch, report, archive)
        for row in report.imported:
            assert lib.article_entities(row["id"]), f"{row['path']} has no entities"
        assert lib.check().ok

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", "--archive", str(archive), *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
        )

    listed = run("list", "--json")
    assert listed.returncode == 0 and len(json.loads(listed.stdout)) == len(report.imported)
    place = batch.good["good-0001.txt"].paragraphs[0].split(" in ")[-1].split(".")[0]
    found = run("search", place, "--json")
    assert found.returncode == 0 and json.loads(found.stdout)["total"] >= 1
    checked = run("check")
    assert checked.returncode == 0 and checked.stdout.strip().endswith("ok")
    for done in (listed, found, checked):
        assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_a_text_longer_than_the_recogniser_takes_is_recognised_in_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    from reliability_corpus import make_article

    from reader.library import importer

    rng = random.Random(11)
    parts = [" ".join(make_article(rng, n).paragraphs) for n in range(6)]
    source = tmp_path / "long.txt"
    source.write_text("Six reports in one line\n\n" + " ".join(parts) + "\n", encoding="utf-8")
    # Pieces of ~2,000 characters stand in for spaCy's 1,000,000-character limit.
    monkeypatch.setattr(importer, "NER_PIECE_CHARS", 2_000)
    with Library(tmp_path / "archive") as lib:
        report = lib.import_paths([source])
        assert report.failed == [] and len(report.imported) == 1
        article_id = report.imported[0]["id"]
        text = lib.get_article(article_id).text
        assert len(text) > 3 * 2_000
        mentions = [m for e in lib.article_entities(article_id) for m in e["mentions"]]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    assert max(m["start"] for m in mentions) > len(text) - 2_000  # the last piece too
