"""The layer rules of DESIGN.md hold in the code: import-linter's contracts from pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), str(ROOT / "pyproject.toml"), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert "6 kept" in result.stdout  # every contract was read and run


def test_a_broken_rule_is_caught(tmp_path: Path) -> None:
    """The check can fail: a config forbidding an import the code makes is reported broken."""
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_packages = ["reader"]\n\n'
        "[[tool.importlinter.contracts]]\n"
        'name = "library without archive (false on purpose)"\n'
        'type = "forbidden"\nsource_modules = ["reader.library"]\n'
        'forbidden_modules = ["reader.archive"]\n',
        encoding="utf-8",
    )
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), str(config), "--no-cache"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode != 0
    assert "BROKEN" in result.stdout
