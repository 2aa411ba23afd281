"""Near-duplicate detection with MinHash over word shingles (wire copies, re-saved edits)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np

# Imported from their modules: `import datasketch` also loads its async/Redis extras.
from datasketch.lsh import MinHashLSH
from datasketch.minhash import MinHash

__all__ = ["MinHash", "NearDuplicateIndex", "from_hex", "signature", "to_hex"]

NUM_PERM = 128
# Named explicitly so stored signatures stay comparable across datasketch versions.
SCHEME = "affine32"
SHINGLE = 5
# Jaccard similarity of 5-word shingles above which two texts are "the same story":
# a re-save with a changed headline or a trimmed paragraph stays well above it.
THRESHOLD = 0.7

_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash:
    """The MinHash of a text's lower-cased 5-word shingles."""
    words = _WORD.findall(text.casefold())
    mh = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def to_hex(mh: MinHash) -> str:
    """Serialise a signature for storage."""
    return mh.hashvalues.astype(np.uint64).tobytes().hex()


def from_hex(value: str) -> MinHash:
    """Load a stored signature."""
    values = np.frombuffer(bytes.fromhex(value), dtype=np.uint64)
    return MinHash(num_perm=NUM_PERM, hashvalues=values, scheme=SCHEME)


class NearDuplicateIndex:
    """An in-memory LSH over the archive's signatures, to group new imports."""

    def __init__(self, stored: Iterable[tuple[int, str, int | None]] = ()) -> None:
        """Build from (article id, signature hex, group id) triples."""
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[int, MinHash] = {}
        self._groups: dict[int, int | None] = {}
        for article_id, hexsig, group in stored:
            self.add(article_id, from_hex(hexsig), group)

    def add(self, article_id: int, mh: MinHash, group: int | None) -> None:
        """Remember an article's signature and group."""
        if article_id in self._signatures:
            return
        self._lsh.insert(str(article_id), mh)
        self._signatures[article_id] = mh
        self._groups[article_id] = group

    def match(self, mh: MinHash) -> tuple[int, float] | None:
        """The most similar stored article above the threshold, with its estimated Jaccard."""
        best: tuple[int, float] | None = None
        for key in self._lsh.query(mh):
            other = int(key)
            score = mh.jaccard(self._signatures[other])
            if score >= THRESHOLD and (best is None or score > best[1]):
                best = (other, score)
        return best

    def group_of(self, article_id: int) -> int:
        """The group id of a stored article (its own id when it starts the group)."""
        return self._groups.get(article_id) or article_id
