"""Expand files and folders into the files to import, safely: no symlink loops, clear problems."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.ingest.sniff import IMPORTABLE_SUFFIXES

NOT_REGULAR = "not a regular file (a pipe, socket or device)"


@dataclass(frozen=True)
class WalkProblem:
    """A path that cannot even be read as a file."""

    path: Path
    reason: str


def iter_import_files(paths: list[Path]) -> Iterator[Path | WalkProblem]:
    """Yield files to import (explicit files always; in folders, known suffixes) and problems.

    Folders are walked recursively, following symlinks but never visiting the
    same real folder twice, so symlink loops end.
    """
    seen_dirs: set[str] = set()
    for path in paths:
        if path.is_symlink() and not path.exists():
            yield WalkProblem(path, _broken_link_reason(path))
        elif path.is_dir():
            yield from _walk_dir(path, seen_dirs)
        elif path.exists():
            yield path
        else:
            yield WalkProblem(path, "no such file or folder")


def _walk_dir(root: Path, seen_dirs: set[str]) -> Iterator[Path | WalkProblem]:
    try:
        real = os.path.realpath(root)
    except OSError as exc:
        yield WalkProblem(root, exc.strerror or str(exc))
        return
    if real in seen_dirs:
        return
    seen_dirs.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield WalkProblem(root, f"cannot list folder: {exc.strerror or exc}")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_symlink() and not path.exists():
                if path.suffix.lower() in IMPORTABLE_SUFFIXES:
                    yield WalkProblem(path, _broken_link_reason(path))
                continue
            if entry.is_dir(follow_symlinks=True):
                yield from _walk_dir(path, seen_dirs)
            elif path.suffix.lower() in IMPORTABLE_SUFFIXES:
                # A pipe or device named like an article would block or never end.
                if entry.is_file(follow_symlinks=True):
                    yield path
                else:
                    yield WalkProblem(path, NOT_REGULAR)
        except OSError as exc:
            # A symlink loop pointing at itself raises ELOOP on stat.
            yield WalkProblem(path, exc.strerror or str(exc))


def read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a regular file's bytes, refusing more than `max_bytes`.

    Raises:
        OSError: unreadable or vanished file.
        ValueError: the file is over the limit, or not a regular file.
    """
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(NOT_REGULAR)
        if info.st_size > max_bytes:
            raise ValueError(f"file too large ({_size(info.st_size, max_bytes)})")
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"file too large (over the {_mb(max_bytes)} MB limit)")
    return data


def _broken_link_reason(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return "dangling symbolic link"


def _size(size: int, limit: int) -> str:
    if _mb(size) == _mb(limit):  # just over: rounding would print "0.2 MB; limit 0.2 MB"
        return f"{size:,} bytes; the limit is {limit:,} bytes"
    return f"{_mb(size)} MB; the limit is {_mb(limit)} MB"


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}".rstrip("0").rstrip(".")
