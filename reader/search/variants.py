"""Variant-aware queries: OR each entity spelling with the other spellings of that entity."""

from __future__ import annotations

from collections.abc import Callable

from reader.search.analysis import stems
from reader.search.query import And, Node, Not, Or, Words

#: Returns the other spellings of `text` if it names an entity, else an empty list.
Expand = Callable[[str], list[str]]
_MAX_NGRAM = 3


def expand_variants(node: Node, expand: Expand) -> Node:
    """Rewrite `node` so words and phrases also match other spellings of the same entity.

    Plain words and phrases (and `entity:` values) are looked up; inside an AND of
    plain words, runs of two or three adjacent words are looked up too, so
    `Kryvyi Rih` typed without quotes still finds `Krivoy Rog`.
    """
    cache: dict[str, list[str]] = {}

    def lookup(text: str) -> list[str]:
        if text not in cache:
            cache[text] = list(expand(text) or [])
        return cache[text]

    def variants_of(word: Words) -> list[Words]:
        seen = {word.stems}
        out = []
        for spelling in lookup(word.raw):
            seq = tuple(stems(spelling))
            if seq and seq not in seen:
                seen.add(seq)
                out.append(Words(word.field, seq, spelling))
        return out

    def walk(n: Node) -> Node:
        if isinstance(n, Words) and n.field in (None, "entity"):
            others = variants_of(n)
            return Or((n, *others)) if others else n
        if isinstance(n, Not):
            return Not(walk(n.item))
        if isinstance(n, Or):
            return Or(tuple(walk(i) for i in n.items))
        if isinstance(n, And):
            return _expand_and(n, walk, variants_of)
        return n

    return walk(node)


def _expand_and(
    node: And, walk: Callable[[Node], Node], variants_of: Callable[[Words], list[Words]]
) -> Node:
    items = list(node.items)
    out: list[Node] = []
    i = 0
    while i < len(items):
        done = False
        for size in range(min(_MAX_NGRAM, len(items) - i), 1, -1):
            run = items[i : i + size]
            if not all(isinstance(w, Words) and w.field is None for w in run):
                continue
            words = [w for w in run if isinstance(w, Words)]
            joined = Words(
                None, tuple(s for w in words for s in w.stems), " ".join(w.raw for w in words)
            )
            others = variants_of(joined)
            if others:
                # Keep the words' own meaning (all present anywhere) and add the spellings.
                out.append(Or((And(tuple(walk(w) for w in run)), *others)))
                i += size
                done = True
                break
        if not done:
            out.append(walk(items[i]))
            i += 1
    return out[0] if len(out) == 1 else And(tuple(out))
