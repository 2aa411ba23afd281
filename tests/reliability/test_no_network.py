"""No network, ever: the suite runs with sockets disabled, and importing pages reaches for none."""

from __future__ import annotations

import random
import socket
import sys
import urllib.request
import warnings
from pathlib import Path

import pytest
from pytest_socket import SocketBlockedError
from reliability_corpus import HOSTILE_SCRIPT, as_html, make_article

from reader.library import Library

_EVENTS = ("socket.__new__", "socket.connect", "socket.getaddrinfo", "urllib.Request")
_seen: list[tuple[str, tuple[object, ...]]] = []
_recording = False


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _recording and event in _EVENTS:
        _seen.append((event, args))


sys.addaudithook(_audit)  # hooks cannot be removed; it records only while _recording


def test_a_connection_attempt_fails_under_the_suite() -> None:
    # The warning is how an attempt swallowed by library code is still noticed below.
    with pytest.warns(UserWarning, match="tried to use socket"):
        with pytest.raises(SocketBlockedError):
            socket.create_connection(("127.0.0.1", 9), timeout=1)
    with pytest.raises(SocketBlockedError):
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    with pytest.raises(SocketBlockedError):
        urllib.request.urlopen("http://example.invalid/", timeout=1)


def test_importing_a_page_full_of_remote_resources_opens_no_socket(tmp_path: Path) -> None:
    global _recording
    article = make_article(random.Random(5), 0)
    page = tmp_path / "page.html"
    page.write_text(as_html(article, extras=HOSTILE_SCRIPT), encoding="utf-8")
    with Library(tmp_path / "archive") as lib, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        _recording = True
        try:
            lib.extract_file(page)
            report = lib.import_paths([page])
            lib.search("spokesperson")
        finally:
            _recording = False
    assert len(report.imported) == 1
    assert [w for w in caught if "socket" in str(w.message)] == []
    assert _seen == []
