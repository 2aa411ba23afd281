"""Backups during writes, restore, archive files merged without duplicates, zip-slip refused."""

from __future__ import annotations

import json
import random
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from reliability_checks import check_then_repair, verify_database
from reliability_children import ForkServer
from reliability_corpus import as_html, as_pasted, make_article

from reader.library import Library
from reader.library.portability import PortabilityError, backup, import_archive, restore
from reader.paths import DB_NAME

SEED = 777


def _inbox(folder: Path, rng: random.Random, numbers: range) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    markers = []
    for n in numbers:
        article = make_article(rng, n)
        name, text = (
            (f"b{n:03d}.html", as_html(article))
            if n % 2
            else (f"b{n:03d}.txt", as_pasted(article, rng))
        )
        (folder / name).write_text(text, encoding="utf-8")
        markers.append(article.marker)
    return markers


def _ok(child: object) -> str:
    out, err = child.output()  # type: ignore[attr-defined]
    assert child.returncode == 0 and "Traceback" not in err, (out, err)  # type: ignore[attr-defined]
    return out


def test_backups_taken_while_another_process_imports_restore_whole(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    rng = random.Random(SEED)
    archive = tmp_path / "archive"
    _inbox(tmp_path / "first", rng, range(6))
    _ok(fork_server.run(["--archive", str(archive), "import", str(tmp_path / "first")]))
    _inbox(tmp_path / "second", rng, range(6, 30))
    writer = fork_server.spawn(["--archive", str(archive), "import", str(tmp_path / "second")])
    counts = []
    with Library(archive) as lib:
        deadline = time.monotonic() + 120
        while lib.count_articles() < 8 and time.monotonic() < deadline:
            time.sleep(0.02)  # the writer is under way once its first articles land
        for k in range(3):
            report = backup(lib, tmp_path / f"backup-{k}")
            counts.append(report["articles"])
            time.sleep(rng.uniform(0.1, 0.5))
    fork_server.wait(writer)
    _ok(writer)
    assert counts == sorted(counts) and 8 <= counts[0] < 30, counts
    print(f"backup: articles in the three copies taken during the import: {counts}")

    for k in range(3):
        target = tmp_path / f"restored-{k}"
        restore(tmp_path / f"backup-{k}", target)
        sources = verify_database(target, expect_mentions=True)
        assert len(sources) == counts[k]  # the manifest counts what the copy holds
        check_then_repair(target)  # the index is rebuilt from the restored database

    with Library(archive) as lib:
        final = backup(lib, tmp_path / "backup-final")
        assert final["articles"] == 30
        with pytest.raises(PortabilityError, match="already holds a backup"):
            backup(lib, tmp_path / "backup-final")
    # `restore` through the CLI replaces an archive and keeps the old database aside.
    other = tmp_path / "other"
    _inbox(tmp_path / "unrelated", rng, range(100, 102))
    _ok(fork_server.run(["--archive", str(other), "import", str(tmp_path / "unrelated")]))
    out = _ok(
        fork_server.run(
            ["--archive", str(other), "restore", "--json", str(tmp_path / "backup-final")]
        )
    )
    assert json.loads(out)["articles"] == 30
    assert len(list(other.glob(f"{DB_NAME}.pre-restore.*.bak"))) == 1
    assert len(verify_database(other, expect_mentions=True)) == 30
    assert check_then_repair(other) == 0


def _annotations(archive: Path) -> set[tuple[str, str, str]]:
    """(quote, note, tags) of every annotation, each checked against its article's text."""
    conn = sqlite3.connect(archive / DB_NAME)
    try:
        rows = conn.execute(
            'SELECT a.quote, a.note, a.start, a."end", t.text, a.orphaned, '
            "(SELECT group_concat(g.name) FROM annotation_tag x JOIN tag g ON g.id = x.tag_id "
            " WHERE x.annotation_id = a.id) "
            "FROM annotation a JOIN article t ON t.id = a.article_id"
        ).fetchall()
    finally:
        conn.close()
    for quote, _note, start, end, text, orphaned, _tags in rows:
        assert not orphaned and text[start:end] == quote, "annotation not anchored on its quote"
    return {(q, n, tags or "") for q, n, _s, _e, _t, _o, tags in rows}


def test_export_then_import_into_an_empty_and_an_existing_archive_merges_without_duplicates(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    rng = random.Random(SEED + 1)
    source = tmp_path / "source"
    markers = _inbox(tmp_path / "articles", rng, range(8))
    _ok(fork_server.run(["--archive", str(source), "import", str(tmp_path / "articles")]))
    for article_id, quote, note in [(2, "spokesperson", "who is this?"), (5, "helpline", "check")]:
        argv = ["--archive", str(source), "annotate", str(article_id), "--quote", quote]
        _ok(fork_server.run([*argv, "--note", note, "--tag", "follow-up"]))
    # Offsets made under an older extraction: the import must re-anchor them by quote.
    conn = sqlite3.connect(source / DB_NAME)
    with conn:
        conn.execute('UPDATE annotation SET start = start + 7, "end" = "end" + 7')
    conn.close()
    exported = tmp_path / "story.parallax"
    _ok(fork_server.run(["--archive", str(source), "export-archive", str(exported)]))
    wanted = {
        (q, n, "follow-up") for q, n in [("spokesperson", "who is this?"), ("helpline", "check")]
    }

    empty = tmp_path / "empty"
    out = _ok(fork_server.run(["--archive", str(empty), "import-archive", "--json", str(exported)]))
    report = json.loads(out)
    assert (report["articles_imported"], report["annotations_imported"]) == (8, 2)
    assert _annotations(empty) == wanted
    assert sorted(_texts(empty)) == sorted(_texts(source))

    existing = tmp_path / "existing"
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for f in sorted((tmp_path / "articles").iterdir())[:3]:  # three articles already here
        (mixed / f.name).write_bytes(f.read_bytes())
    _inbox(mixed, rng, range(50, 52))  # and two of its own
    _ok(fork_server.run(["--archive", str(existing), "import", str(mixed)]))
    first_id = min(_ids(existing))
    argv = ["--archive", str(existing), "annotate", str(first_id), "--quote", "reporters"]
    _ok(fork_server.run([*argv, "--note", "mine"]))
    for attempt in range(2):  # the second time, nothing is new
        out = _ok(
            fork_server.run(["--archive", str(existing), "import-archive", "--json", str(exported)])
        )
        report = json.loads(out)
        if attempt == 0:
            assert (report["articles_imported"], report["articles_already_here"]) == (5, 3)
            assert report["annotations_imported"] == 2
        else:
            assert (report["articles_imported"], report["articles_already_here"]) == (0, 8)
            assert (report["annotations_imported"], report["annotations_already_here"]) == (0, 2)
        assert len(_ids(existing)) == 10
        assert _annotations(existing) == wanted | {("reporters", "mine", "")}
        texts = _texts(existing)
        assert all(sum(m in t for t in texts) == 1 for m in markers)
    verify_database(existing, expect_mentions=True)
    check_then_repair(existing)


def _texts(archive: Path) -> list[str]:
    conn = sqlite3.connect(archive / DB_NAME)
    try:
        return [r[0] for r in conn.execute("SELECT text FROM article")]
    finally:
        conn.close()


def _ids(archive: Path) -> list[int]:
    conn = sqlite3.connect(archive / DB_NAME)
    try:
        return [r[0] for r in conn.execute("SELECT id FROM article")]
    finally:
        conn.close()


@pytest.mark.parametrize(
    "member",
    [
        "../evil.txt",
        "sub/../../evil.txt",
        "ABSOLUTE",
        "..\\evil.txt",
        "archive.sqlite3/../../evil.txt",
    ],
)
def test_an_archive_file_whose_paths_escape_is_refused_and_writes_nothing(
    tmp_path: Path, member: str
) -> None:
    good = tmp_path / "good"
    with Library(good) as lib:
        snapshot = tmp_path / "snapshot.sqlite3"
        backup(lib, tmp_path / "snap")
        snapshot.write_bytes((tmp_path / "snap" / DB_NAME).read_bytes())
    evil_target = tmp_path / "outside" / "evil.txt"
    name = str(evil_target) if member == "ABSOLUTE" else member
    hostile = tmp_path / "hostile.parallax"
    with zipfile.ZipFile(hostile, "w") as zf:
        zf.writestr("manifest.json", json.dumps({"format": "parallax-archive", "version": 1}))
        zf.write(snapshot, DB_NAME)
        zf.writestr(zipfile.ZipInfo(name), b"pwned")
    before = sorted(p for p in tmp_path.rglob("*"))
    target = tmp_path / "target"
    with Library(target) as lib:
        with pytest.raises(PortabilityError, match="escapes|unexpected member"):
            import_archive(lib, hostile)
        assert lib.count_articles() == 0
    created = [p for p in tmp_path.rglob("*") if p not in before and target not in p.parents]
    assert created == [p for p in created if p == target]
    assert not list(tmp_path.rglob("evil*")) and not evil_target.exists()
