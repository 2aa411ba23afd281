"""Importing through the Library: whole files land, duplicates and bad files are reported."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import func, select

from reader.archive.models import Article, Blob
from reader.library import Library


def _copy_articles(fixtures_dir: Path, dest: Path) -> Path:
    shutil.copytree(fixtures_dir / "articles", dest)
    return dest


def test_importing_a_folder_then_again_gives_duplicates(
    library: Library, fixtures_dir: Path, tmp_path: Path
) -> None:
    folder = _copy_articles(fixtures_dir, tmp_path / "in")
    first = library.import_paths([folder])
    assert len(first.imported) == 3 and not first.failed and not first.duplicates
    second = library.import_paths([folder])
    assert len(second.duplicates) == 3 and not second.imported
    assert {d["id"] for d in second.duplicates} == {i["id"] for i in first.imported}
    assert library.count_articles() == 3


def test_html_import_keeps_metadata_and_drops_page_furniture(
    library: Library, fixtures_dir: Path
) -> None:
    report = library.import_paths([fixtures_dir / "articles" / "election-night.html"])
    article = library.get_article(report.imported[0]["id"])
    assert article is not None
    assert article.title == "Coalition talks begin after close vote in Lisbon"
    assert article.outlet == "The Harbour Gazette"
    assert article.authors == ["Rita Carvalho"]
    assert article.published is not None and article.published.startswith("2025-11-03")
    assert article.url == "https://gazette.example.org/politics/lisbon-coalition-talks"
    assert "Turnout rose to 64 percent" in article.text
    assert "Sign up for our daily briefing" not in article.text
    assert "All rights reserved" not in article.text
    assert "window.track" not in article.text


def test_the_original_bytes_are_kept_exactly(library: Library, fixtures_dir: Path) -> None:
    path = fixtures_dir / "articles" / "election-night.html"
    report = library.import_paths([path])
    assert library.original_bytes(report.imported[0]["id"]) == path.read_bytes()


def test_each_bad_file_is_reported_with_its_reason_and_good_ones_import(
    library: Library, fixtures_dir: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(fixtures_dir / "articles" / "harbour-strike.txt", folder / "good.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "huge.txt").write_bytes(b"word " * 300_000)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "bad-utf16.txt").write_bytes(b"\xff\xfe" + b"\x00\xd8" * 10)  # lone surrogates
    locked = folder / "locked.txt"
    locked.write_text("A perfectly fine article that nobody may read.")
    locked.chmod(0)
    library.max_file_bytes = 1_000_000

    report = library.import_paths([folder])

    reasons = {Path(f["path"]).name: f["error"] for f in report.failed}
    # root reads a chmod-0 file anyway (CI runs as root): then it is simply a good file.
    readable = ["locked.txt"] if _running_as_root() else []
    good = sorted(["good.txt", *readable])
    assert sorted(Path(i["path"]).name for i in report.imported) == good
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "dangling" in reasons["dangling.txt"]
    assert "decode" in reasons["bad-utf16.txt"] or "utf-16" in reasons["bad-utf16.txt"]
    if not readable:
        assert "permission" in reasons["locked.txt"]
    with library.session() as session:
        # Nothing half-written: one blob and one article per good file.
        assert session.scalar(select(func.count(Blob.id))) == len(good)
        assert session.scalar(select(func.count(Article.id))) == len(good)


def _running_as_root() -> bool:
    import os

    return os.geteuid() == 0


def test_check_passes_on_a_clean_archive_and_reports_a_tampered_original(
    library: Library, fixtures_dir: Path
) -> None:
    library.import_paths([fixtures_dir / "articles" / "election-night.html"])
    assert library.check().ok
    with library.session() as session:
        blob = session.scalars(select(Blob)).one()
        blob.data = blob.data.replace(b"Lisbon", b"Lisboa")
        session.commit()
    report = library.check()
    assert not report.ok
    assert any("damaged" in p for p in report.problems)


def test_near_duplicates_share_a_group(
    library: Library, fixtures_dir: Path, tmp_path: Path
) -> None:
    text = (fixtures_dir / "articles" / "harbour-strike.txt").read_text()
    edited = text.replace("2,300 members", "2,400 members").replace("on Monday", "early on Monday")
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(edited)
    report = library.import_paths([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert len(report.imported) == 2
    rows = library.list_articles()
    assert rows[0].near_group == rows[1].near_group == rows[0].id
