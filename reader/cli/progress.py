"""A one-line progress bar on a terminal's stderr; silent when not a terminal."""

from __future__ import annotations

import time
from typing import TextIO


class TerminalProgress:
    """Draws `[#####.....] 12/40 path` in place, at most ten times a second."""

    def __init__(self, stream: TextIO, *, enabled: bool = True, min_total: int = 2) -> None:
        self._stream = stream
        self._enabled = enabled and stream.isatty()
        self._min_total = min_total
        self._last = 0.0
        self._drawn = False

    def update(self, done: int, total: int, label: str) -> None:
        """Redraw for `done` of `total` items."""
        if not self._enabled or total < self._min_total:
            return
        now = time.monotonic()
        if now - self._last < 0.1 and done < total:
            return
        self._last = now
        width = 30
        filled = int(width * done / max(total, 1))
        bar = "#" * filled + "." * (width - filled)
        self._stream.write(f"\r[{bar}] {done}/{total} {label[-40:]:<40}")
        self._stream.flush()
        self._drawn = True

    def finish(self) -> None:
        """End the line so the next output starts cleanly."""
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
