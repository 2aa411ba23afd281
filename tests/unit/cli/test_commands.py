"""The command-line contract: JSON shapes and exit statuses that scripts rely on."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main

ROOT = Path(__file__).resolve().parents[3]


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_import_list_show_round_trip(
    archive_dir: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = fixtures_dir / "articles" / "election-night.html"
    code, doc = run_json(capsys, "import", str(html), "--archive", str(archive_dir))
    assert code == 0
    assert set(doc) >= {"imported", "duplicates", "failed"}
    article_id = doc["imported"][0]["id"]
    assert doc["imported"][0]["title"] == "Coalition talks begin after close vote in Lisbon"

    code, rows = run_json(capsys, "list", "--archive", str(archive_dir))
    assert code == 0
    assert set(rows[0]) >= {"id", "title", "outlet", "authors", "published", "language", "words"}
    assert rows[0]["outlet"] == "The Harbour Gazette"

    code, shown = run_json(capsys, "show", str(article_id), "--archive", str(archive_dir))
    assert code == 0
    assert set(shown) >= {"text", "url", "imported_at", "sha256"}
    assert "Chega" in shown["text"]

    assert main(["show", str(article_id), "--raw", "--archive", str(archive_dir)]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_import_exits_1_when_some_files_fail(
    archive_dir: Path, fixtures_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    shutil.copy(fixtures_dir / "articles" / "election-night.html", tmp_path / "ok.html")
    code, doc = run_json(capsys, "import", str(tmp_path), "--archive", str(archive_dir))
    assert code == 1
    assert len(doc["imported"]) == 1
    assert doc["failed"] == [{"path": str(tmp_path / "empty.txt"), "error": "empty file"}]


def test_extract_writes_nothing_to_the_archive(
    archive_dir: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = fixtures_dir / "articles" / "election-night.html"
    code, doc = run_json(capsys, "extract", str(html), "--archive", str(archive_dir))
    assert code == 0
    assert set(doc) >= {"title", "authors", "published", "outlet", "url", "language", "text"}
    assert doc["language"] == "en"
    assert not (archive_dir / "archive.sqlite3").exists()


def test_usage_errors_exit_2_with_a_message(
    archive_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["show", "999", "--archive", str(archive_dir)]) == 2
    assert "no article with id 999" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["show", "not-a-number"])
    assert exc.value.code == 2


def test_check_reports_ok_on_a_clean_archive(
    archive_dir: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", str(fixtures_dir / "articles"), "--archive", str(archive_dir)])
    capsys.readouterr()
    code, report = run_json(capsys, "check", "--archive", str(archive_dir))
    assert code == 0 and report["ok"] is True and report["articles"] == 3


def test_annotate_then_list(
    archive_dir: Path, fixtures_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(
        [
            "import",
            str(fixtures_dir / "articles" / "election-night.html"),
            "--archive",
            str(archive_dir),
        ]
    )
    capsys.readouterr()
    code, made = run_json(
        capsys,
        "annotate",
        "1",
        "--quote",
        "minority government",
        "--note",
        "as before",
        "--tag",
        "outcome",
        "--archive",
        str(archive_dir),
    )
    assert code == 0
    assert set(made) >= {"id", "article", "quote", "start", "end"}
    assert made["quote"] == "minority government"
    code, rows = run_json(
        capsys, "annotations", "list", "--tag", "outcome", "--archive", str(archive_dir)
    )
    assert [r["note"] for r in rows] == ["as before"]
    assert (
        main(["annotate", "1", "--quote", "not in the text at all", "--archive", str(archive_dir)])
        == 2
    )


def test_archive_location_comes_from_the_environment(tmp_path: Path, fixtures_dir: Path) -> None:
    env_archive = tmp_path / "env-archive"
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "main.py"),
            "import",
            str(fixtures_dir / "articles" / "election-night.html"),
            "--json",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"PARALLAX_ARCHIVE": str(env_archive), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert (env_archive / "archive.sqlite3").exists()


def test_list_shows_and_filters_a_near_duplicate_group(
    archive_dir: Path, fixtures_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (fixtures_dir / "articles" / "harbour-strike.txt").read_text()
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text.replace("2,300 members", "2,400 members"))
    shutil.copy(fixtures_dir / "articles" / "election-night.html", tmp_path / "c.html")
    main(["import", str(tmp_path), "--archive", str(archive_dir)])
    capsys.readouterr()
    assert main(["list", "--archive", str(archive_dir)]) == 0
    assert capsys.readouterr().out.count("[near-duplicates: group 1]") == 2
    code, rows = run_json(capsys, "list", "--group", "2", "--archive", str(archive_dir))
    assert code == 0 and sorted(r["id"] for r in rows) == [1, 2]
