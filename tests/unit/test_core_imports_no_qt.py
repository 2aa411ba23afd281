"""The core must run without Qt: importing it never loads PySide6."""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "reader.library",
    "reader.cli",
    "reader.importer",
    "reader.archive.models",
    "reader.archive.migrate",
    "reader.ingest.document",
    "reader.ingest.sniff",
]


def test_core_modules_do_not_import_pyside6() -> None:
    code = (
        "import sys, importlib\n"
        f"for name in {CORE_MODULES!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
