"""A warm-up and a first search asking for the index at once share one opened index."""

from __future__ import annotations

import threading
import time

from reader.library import Library, facade


def test_concurrent_first_uses_open_the_index_once(tmp_path, monkeypatch):
    opened: list[object] = []
    real = facade._search_index_type()

    class SlowIndex(real):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs):
            time.sleep(0.2)  # opening a big index takes a while: both threads get in
            super().__init__(*args, **kwargs)
            opened.append(self)

    monkeypatch.setattr(facade, "_search_index_type", lambda: SlowIndex)
    with Library(tmp_path / "a") as library:
        seen: list[object] = []
        threads = [
            threading.Thread(target=lambda: seen.append(library.search_index)) for _ in range(3)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(opened) == 1
        assert all(s is opened[0] for s in seen)
