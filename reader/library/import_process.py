"""GUI imports in a child process, so loading and running NER never holds the GUI's GIL.

An import in a worker thread of the GUI process froze the window for up to a
third of a second at a time: loading the place gazetteer (one `json.load` of
~30 MB) and the spaCy model are single long C calls that keep the interpreter
lock. Here the import runs in a long-lived child process that owns the
`Importer` and its loaded models; the writer thread of the GUI only waits on a
pipe, so the GUI stays the single *requester* of writes and the child is the
single writer while an import runs. The child is an ordinary `Library`
import, so every guarantee of the CLI import holds (each file lands whole or
not at all, a kill loses nothing).

Protocol: JSON lines. Parent to child: ``{"id": n, "paths": [...]}`` and
``{"cancel": n}``. Child to parent: ``{"id": n, "progress": [done, total, label]}``,
``{"id": n, "report": {...}}`` or ``{"id": n, "error": "..."}``.
This module never imports Qt: the child must start quickly and stay headless.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any

from reader.records import ImportReport

log = logging.getLogger("reader.library.import_process")

ProgressFn = Callable[[int, int, str], None]

# How often the waiting writer thread looks at the cancel flag.
_POLL_S = 0.1
# The child runs at a lower priority: an import is background work.
IMPORT_NICENESS = 5


class ImportProcessError(RuntimeError):
    """The import child stopped or answered something unexpected."""


class _DiedBeforeStarting(Exception):
    """The child ended before saying anything about the request."""


class ImportProcess:
    """A child process that imports files into one archive, one request at a time.

    Started on the first `run()` and kept for the next ones (the NER model and
    the gazetteer take seconds to load); `close()` ends it. Not thread-safe:
    call it from the single writer thread only.
    """

    def __init__(self, archive_dir: Path, *, max_file_bytes: int) -> None:
        """Describe the child; nothing starts until the first import."""
        self.archive_dir = Path(archive_dir)
        self.max_file_bytes = max_file_bytes
        self._proc: subprocess.Popen[str] | None = None
        self._lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._next_id = 0

    @classmethod
    def for_library(cls, library: Any) -> ImportProcess | None:
        """An import process for `library`'s archive, or None when it has no archive file.

        An archive opened from a database URL (tests, in-memory databases) cannot be
        shared with another process, so it keeps importing in-process.
        """
        if getattr(library, "db_path", None) is None:
            return None
        return cls(library.archive_dir, max_file_bytes=library.max_file_bytes)

    @property
    def pid(self) -> int | None:
        """The child's process id while it runs."""
        return self._proc.pid if self._proc is not None and self._proc.poll() is None else None

    def _start(self) -> subprocess.Popen[str]:
        if self._proc is not None and self._proc.poll() is None:
            return self._proc
        root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        cmd = [
            sys.executable,
            "-m",
            "reader.library.import_process",
            str(self.archive_dir),
            str(self.max_file_bytes),
        ]
        proc = subprocess.Popen(  # noqa: S603 (our own interpreter and module)
            cmd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
            env=env,
        )
        self._lines = queue.Queue()
        threading.Thread(
            target=_pump, args=(proc.stdout, self._lines), name="import-child-reader", daemon=True
        ).start()
        self._proc = proc
        return proc

    def run(
        self,
        paths: Sequence[Path],
        progress: ProgressFn | None = None,
        should_cancel: Callable[[], bool] | None = None,
    ) -> ImportReport:
        """Import `paths` in the child, blocking until its report arrives.

        Args:
            paths: files and folders, as for `Library.import_paths`.
            progress: called (on this thread) with each progress message.
            should_cancel: polled while waiting; True asks the child to stop
                after the file it is storing.

        Raises:
            ImportProcessError: the child died or reported an error.
        """
        for attempt in (1, 2):
            proc = self._start()
            self._next_id += 1
            try:
                return self._request(proc, self._next_id, paths, progress, should_cancel)
            except _DiedBeforeStarting:
                # It died idle (killed, out of memory) before reading this request:
                # nothing of it was done, so a fresh child can take it once.
                if attempt == 2:
                    raise ImportProcessError("the import process could not be started") from None
        raise AssertionError("unreachable")

    def _request(
        self,
        proc: subprocess.Popen[str],
        rid: int,
        paths: Sequence[Path],
        progress: ProgressFn | None,
        should_cancel: Callable[[], bool] | None,
    ) -> ImportReport:
        self._send(proc, {"id": rid, "paths": [str(p) for p in paths]})
        cancel_sent = False
        answered = False
        while True:
            if not cancel_sent and should_cancel is not None and should_cancel():
                self._send(proc, {"cancel": rid})
                cancel_sent = True
            try:
                msg = self._lines.get(timeout=_POLL_S)
            except queue.Empty:
                continue
            if msg is None:
                code = proc.wait()
                self._proc = None
                if not answered:
                    raise _DiedBeforeStarting
                raise ImportProcessError(
                    f"the import process stopped unexpectedly (exit status {code}); "
                    "files stored before it stopped are kept"
                )
            if msg.get("id") != rid:
                continue
            answered = True
            if "progress" in msg and progress is not None:
                done, total, label = msg["progress"]
                progress(int(done), int(total), str(label))
            elif "report" in msg:
                return ImportReport(**msg["report"])
            elif "error" in msg:
                raise ImportProcessError(str(msg["error"]))

    def _send(self, proc: subprocess.Popen[str], msg: dict[str, Any]) -> None:
        assert proc.stdin is not None
        try:
            proc.stdin.write(json.dumps(msg) + "\n")
            proc.stdin.flush()
        except OSError as exc:  # the child died; the reader thread reports it
            log.warning("import process unreachable: %s", exc)

    def close(self, timeout: float = 10.0) -> None:
        """End the child: it finishes the file it is storing, then exits."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if proc.stdin is not None:
            try:
                proc.stdin.close()  # EOF: the child cancels and leaves
            except OSError:
                pass
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _pump(stream: IO[str] | None, out: queue.Queue[dict[str, Any] | None]) -> None:
    """Parent side: decode the child's lines until it closes its end (then None)."""
    assert stream is not None
    for line in stream:
        try:
            out.put(json.loads(line))
        except ValueError:
            log.warning("import process said: %s", line.rstrip())
    out.put(None)


# -- the child -----------------------------------------------------------------


def serve(archive_dir: Path, max_file_bytes: int, inp: IO[str], out: IO[str]) -> None:
    """Child side: answer import requests from `inp` until it closes."""
    from reader.library import Library

    requests: queue.Queue[dict[str, Any] | None] = queue.Queue()
    cancelled: set[int] = set()
    gone = threading.Event()  # the parent closed our input or our output

    def read() -> None:
        for line in inp:
            msg = json.loads(line)
            if "cancel" in msg:
                cancelled.add(int(msg["cancel"]))
            else:
                requests.put(msg)
        gone.set()
        requests.put(None)

    def send(msg: dict[str, Any]) -> None:
        try:
            out.write(json.dumps(msg) + "\n")
            out.flush()
        except OSError:  # the parent is gone: stop after the current file
            gone.set()

    threading.Thread(target=read, name="import-requests", daemon=True).start()
    try:
        library = Library(archive_dir, max_file_bytes=max_file_bytes)
    except Exception as exc:  # tell each request why, rather than dying unexplained
        log.exception("cannot open the archive")
        while (msg := requests.get()) is not None:
            send({"id": int(msg["id"]), "error": f"cannot open the archive: {exc}"})
        return
    with library:
        while (msg := requests.get()) is not None:
            rid = int(msg["id"])

            def progress(done: int, total: int, label: str, rid: int = rid) -> None:
                send({"id": rid, "progress": [done, total, label]})

            def stop(rid: int = rid) -> bool:
                return gone.is_set() or rid in cancelled

            try:
                # Library.import_paths merges the index's small segments before it
                # returns: the GUI's writer thread is still waiting, so no write meets it.
                report = library.import_paths(
                    [Path(p) for p in msg["paths"]], progress=progress, should_cancel=stop
                )
            except Exception as exc:  # reported to the GUI as words, never lost
                log.exception("import failed")
                send({"id": rid, "error": str(exc) or type(exc).__name__})
            else:
                send({"id": rid, "report": report.to_json()})
            if gone.is_set():
                break


def main(argv: Sequence[str]) -> int:
    """Child entry point: ``python -m reader.library.import_process ARCHIVE MAX_BYTES``."""
    # The protocol gets the real stdout; anything a library prints goes to stderr.
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    # Requests are read from a copy of stdin, and sys.stdin becomes /dev/null: spaCy's
    # NER workers are forked while our reader thread blocks holding the stdin lock,
    # and multiprocessing closes sys.stdin in each fork (a deadlock on that lock).
    inp = os.fdopen(os.dup(sys.stdin.fileno()), encoding="utf-8")
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, sys.stdin.fileno())
    os.close(devnull)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 (lives as long as we do)
    logging.basicConfig(level=logging.WARNING, format="import child: %(message)s")
    # A background import yields the CPU to the window the user is working in.
    if hasattr(os, "nice"):
        os.nice(IMPORT_NICENESS)
    serve(Path(argv[0]), int(argv[1]), inp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
