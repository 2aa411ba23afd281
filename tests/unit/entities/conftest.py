"""Shared fixtures for the entity tests: the NER pipeline, loaded once per session."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def nlp() -> Any:
    from reader.entities.ner import load_nlp

    return load_nlp()
