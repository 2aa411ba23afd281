"""Test-side handle on the fork server: spawn CLI children, kill them, collect their output."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SERVER = Path(__file__).with_name("fork_server.py")
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Child:
    """A forked CLI process."""

    pid: int
    stdout: Path
    stderr: Path
    returncode: int | None = None

    def output(self) -> tuple[str, str]:
        """What it printed on stdout and stderr."""
        return (
            self.stdout.read_text(encoding="utf-8", errors="replace"),
            self.stderr.read_text(encoding="utf-8", errors="replace"),
        )


class ForkServer:
    """Drives fork_server.py; every child is a `reader.cli.main(argv)` run."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self._count = 0
        self._log = open(workdir / "server.log", "wb")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [sys.executable, str(SERVER), str(workdir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            cwd=REPO,
        )
        ready = self._reply(timeout=600)
        assert ready == {"ready": True}, ready

    def _reply(self, timeout: float) -> dict:
        assert self.proc.stdout is not None
        readable, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not readable:
            raise TimeoutError("the fork server did not answer")
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"the fork server died: {(self.workdir / 'server.log').read_text()}")
        return json.loads(line)

    def _send(self, request: dict) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()

    def spawn(self, argv: list[str]) -> Child:
        """Start `parallax ARGV` in a forked child."""
        self._count += 1
        out = self.workdir / f"child-{self._count}.out"
        err = self.workdir / f"child-{self._count}.err"
        self._send({"op": "spawn", "argv": argv, "stdout": str(out), "stderr": str(err)})
        return Child(self._reply(timeout=60)["pid"], out, err)

    def kill(self, child: Child) -> None:
        """SIGKILL the child (harmless if it already finished: it waits to be reaped)."""
        os.kill(child.pid, signal.SIGKILL)

    def wait(self, child: Child, timeout: float = 300) -> int:
        """Reap the child; one that runs past `timeout` is killed and the test fails."""
        self._send({"op": "wait", "pid": child.pid})
        try:
            child.returncode = self._reply(timeout)["returncode"]
        except TimeoutError:
            self.kill(child)
            self._reply(timeout=60)
            raise AssertionError(f"child {child.pid} hung: {child.output()}") from None
        return child.returncode

    def run(self, argv: list[str], timeout: float = 300) -> Child:
        """Run `parallax ARGV` to the end."""
        child = self.spawn(argv)
        self.wait(child, timeout)
        return child

    def close(self) -> None:
        """Stop the server."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait(timeout=60)
        self._log.close()
