"""Walking import paths: recursion, symlink loops, dangling links, size limits."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.ingest.walk import WalkProblem, iter_import_files, read_limited


def test_folders_are_walked_recursively_for_known_suffixes(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "b.html").write_text("<p>b</p>")
    (tmp_path / "sub" / "deeper" / "c.md").write_text("c")
    (tmp_path / "sub" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    found = sorted(p.name for p in iter_import_files([tmp_path]) if isinstance(p, Path))
    assert found == ["a.txt", "b.html", "c.md"]


def test_symlink_loops_end_and_dangling_links_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "loop").symlink_to(tmp_path)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    items = list(iter_import_files([tmp_path]))
    files = [p for p in items if isinstance(p, Path)]
    problems = {p.path.name: p.reason for p in items if isinstance(p, WalkProblem)}
    assert [f.name for f in files] == ["a.txt"]
    assert "dangling" in problems["gone.txt"]
    assert "self.txt" in problems


def test_a_missing_path_is_a_problem_not_an_exception(tmp_path: Path) -> None:
    items = list(iter_import_files([tmp_path / "nope.txt"]))
    assert isinstance(items[0], WalkProblem) and "no such" in items[0].reason


def test_files_over_the_limit_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2001)
    with pytest.raises(ValueError, match="too large"):
        read_limited(big, 2000)
    assert read_limited(big, 3000) == b"x" * 2001
