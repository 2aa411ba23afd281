"""Sanity check on the shared seeds (raw text): which spellings the linker joins."""

from __future__ import annotations

import glob
import sys
from collections import defaultdict

from reader.entities.ner import extract_mentions
from reader.entities.relink import ArticleInput, cluster_all

EXPECT_LINKED = [
    ("Myrnohrad", "Mirnograd"),
    ("Kyiv", "Kiiv"),
    ("Sloviansk", "Slovyansk"),
    ("Krasnoarmeisk", "Krasnoarmeysk"),
    ("Mariupol", "Mariupolo"),
]
EXPECT_APART = [("Pokrovsk", "Pokrovske")]


def main(pattern: str = "/work/shared/seeds/*.txt") -> None:
    paths = sorted(glob.glob(pattern))
    texts = [open(p, encoding="utf-8").read() for p in paths]
    if "--paragraphs" in sys.argv:
        # Closer to the cleaned import text: one NER call per paragraph (line).
        mentions = []
        for text in texts:
            offset, found = 0, []
            for line in text.split("\n"):
                (ms,) = extract_mentions([(line, [])]) if line.strip() else ([],)
                found += [type(m)(m.text, m.start + offset, m.end + offset, m.label) for m in ms]
                offset += len(line) + 1
            mentions.append(found)
    else:
        mentions = extract_mentions([(t, []) for t in texts])
    rows = [ArticleInput(i + 1, t, m) for i, (t, m) in enumerate(zip(texts, mentions, strict=True))]
    linker, results = cluster_all(rows)
    surfaces: dict[int, set[str]] = defaultdict(set)
    articles: dict[int, set[int]] = defaultdict(set)
    entity_of: dict[str, set[int]] = defaultdict(set)
    for res in results:
        for link in res.links:
            if link.entity_id is None:
                continue
            surfaces[link.entity_id].add(link.mention.text)
            articles[link.entity_id].add(res.article_id or 0)
            entity_of[link.mention.text].add(link.entity_id)
    for eid, names in sorted(surfaces.items()):
        if len(names) > 1:
            print(linker.canonical(eid), linker.entity_type(eid), sorted(names))
    for want, pairs in (("linked", EXPECT_LINKED), ("apart", EXPECT_APART)):
        for a, b in pairs:
            ea, eb = entity_of.get(a, set()), entity_of.get(b, set())
            if not ea or not eb:
                print(f"{want:7} {a}/{b}: not both extracted ({sorted(ea)}, {sorted(eb)})")
                continue
            together = bool(ea & eb)
            ok = together if want == "linked" else not together
            print(f"{want:7} {a}/{b}: {'OK' if ok else 'FAIL'}")
    for a, b in (("Mariupol", "Mariupolo"),):
        ea = {e for s, ids in entity_of.items() if a in s and b not in s for e in ids}
        eb = {e for s, ids in entity_of.items() if b in s for e in ids}
        print(f"{a}/{b} inside longer names (e.g. Battle of ...): {'OK' if ea & eb else 'FAIL'}")
    glued = [s for s in entity_of if any(s.endswith(w) for w in ("open", "image"))]
    print("glued junk:", glued or "none")


if __name__ == "__main__":
    main(*[a for a in sys.argv[1:] if not a.startswith("--")])
