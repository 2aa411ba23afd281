"""The core must run without Qt: importing every module outside reader/gui never loads PySide6."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

READER = Path(__file__).resolve().parents[2] / "reader"


def core_modules() -> list[str]:
    """Every module of the package outside reader/gui, found on disk (so none is forgotten)."""
    names = []
    for path in sorted(READER.rglob("*.py")):
        parts = path.relative_to(READER.parent).with_suffix("").parts
        if parts[1:2] == ("gui",) or parts[-1] == "__main__":
            continue
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_core_module_imports_without_pyside6() -> None:
    modules = core_modules()
    assert len(modules) > 80  # the walk really found the core
    code = (
        "import sys, importlib\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
