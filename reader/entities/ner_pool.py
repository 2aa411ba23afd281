"""NER worker processes that live for a whole import, so each chunk does not pay for new ones.

``nlp.pipe(n_process=2)`` starts and stops its workers on every call; for an
import that calls it once per chunk of files that start-up cost more than the
recognition itself. A pool forked once, after the model is loaded (the
children share its memory), takes the chunks one after another, while the
importing process extracts and stores the files around them.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from reader.entities.mentions import Mention
from reader.entities.ner import extract_mentions, load_nlp

log = logging.getLogger("reader.entities.ner_pool")

Docs = Sequence[tuple[str, Sequence[tuple[int, int]]]]


def _recognise(docs: list[tuple[str, list[tuple[int, int]]]]) -> list[list[Mention]]:
    return extract_mentions(docs, n_process=1)


def _exit_with_parent(parent: int) -> None:
    """Worker start-up: leave when the importing process is gone (even if SIGKILLed)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


class PendingMentions:
    """The mentions of one batch of texts, being recognised by the pool's workers."""

    def __init__(self, parts: list[tuple[list[int], Future]], size: int) -> None:
        self._parts = parts
        self._size = size

    def result(self) -> list[list[Mention]]:
        """Wait for every part; one list of mentions per text, in input order."""
        out: list[list[Mention]] = [[] for _ in range(self._size)]
        for positions, pending in self._parts:
            for position, mentions in zip(positions, pending.result(), strict=True):
                out[position] = mentions
        return out


class NerPool:
    """Worker processes for NER, forked once with the model already in memory.

    Use as a context manager; the workers stop when it exits, or on their own
    when the importing process dies. A worker that dies makes `result()` raise
    (the importer then recognises those files in-process) instead of hanging.
    """

    def __init__(self, processes: int = 2) -> None:
        load_nlp()  # before the fork, so every worker starts with the model loaded
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        )

    def submit(self, docs: Docs) -> PendingMentions:
        """Start recognising these texts; the texts are dealt out across the workers."""
        if self._pool is None:
            raise RuntimeError("the NER pool is closed")
        parts: list[tuple[list[int], Future]] = []
        # Dealt by size so that one long article does not leave the other worker idle.
        order = sorted(range(len(docs)), key=lambda i: -len(docs[i][0]))
        loads = [0] * self.processes
        shares: list[list[int]] = [[] for _ in range(self.processes)]
        for i in order:
            lightest = loads.index(min(loads))
            shares[lightest].append(i)
            loads[lightest] += len(docs[i][0])
        for positions in shares:
            if positions:
                batch = [(docs[i][0], list(docs[i][1])) for i in positions]
                parts.append((positions, self._pool.submit(_recognise, batch)))
        return PendingMentions(parts, len(docs))

    def close(self) -> None:
        """Stop the workers (work not yet started is dropped)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> NerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
