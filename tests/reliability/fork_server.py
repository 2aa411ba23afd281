"""Child-process factory for the reliability tests: load the app once, fork a CLI per request.

Run as a script: `python fork_server.py WORKDIR`. It imports one article into a
throwaway archive (so the NER model and the place names are in memory), prints
{"ready": true}, then reads JSON requests on stdin, one per line:
  {"op": "spawn", "argv": [...], "stdout": PATH, "stderr": PATH} -> {"pid": N}
  {"op": "wait", "pid": N} -> {"pid": N, "returncode": RC}  (negative: killed by signal)
A forked child runs `reader.cli.main(argv)` exactly as `python main.py ARGV` would,
without paying the interpreter and model start-up again; tests SIGKILL it at will.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path


def warm_up(workdir: Path) -> None:
    """Load everything an import needs, in this (the parent) process."""
    from reader.library import Library

    sample = workdir / "warm-up.txt"
    sample.write_text(
        "Dock workers strike in Hamburg\n\nBy Ruth Jansen\n\n"
        "Maria Novak of the Dockworkers Federation said on Monday that the strike in "
        "Hamburg would continue until the Harbour Authority met the union in Bremen.\n",
        encoding="utf-8",
    )
    with Library(workdir / "warm-up-archive") as lib:
        lib.import_paths([sample])
        lib.search("strike")


def child(request: dict) -> None:
    """In the forked child: redirect output, run the CLI, exit without cleanup handlers."""
    code = 70
    try:
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(err, 2)
        from reader.cli import main

        code = main(request["argv"])
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def serve() -> None:
    """Answer requests until stdin closes."""
    warm_up(Path(sys.argv[1]))
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "spawn":
            sys.stdout.flush()
            sys.stderr.flush()
            # Created before the fork: a child killed at once still leaves (empty) output.
            for name in ("stdout", "stderr"):
                Path(request[name]).touch()
            pid = os.fork()
            if pid == 0:
                child(request)
            reply = {"pid": pid}
        else:
            _, status = os.waitpid(request["pid"], 0)
            reply = {"pid": request["pid"], "returncode": os.waitstatus_to_exitcode(status)}
        print(json.dumps(reply), flush=True)


if __name__ == "__main__":
    serve()
