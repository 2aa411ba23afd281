"""Shared-entity precision/recall and look-alike merges of the linker on bench/entities/cases.py.

Usage: python bench/entities/evaluate.py [--oracle] [--holdout | --holdout2] [-v]
  --oracle   use the gold surfaces as mentions (measures linking alone, without NER misses)
  --holdout  the cases of holdout.py (written after tuning, never tuned on)
  --holdout2 the cases of holdout2.py (written after the NER-miss recovery rules)
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cases import CASES, Case  # noqa: E402
from holdout import HOLDOUT  # noqa: E402
from holdout2 import HOLDOUT2  # noqa: E402

from reader.entities.mentions import Mention  # noqa: E402
from reader.entities.normalise import norm_key  # noqa: E402
from reader.entities.relink import ArticleInput, cluster_all  # noqa: E402


def oracle_mentions(case: Case, text: str) -> list[Mention]:
    typed = [(s, t) for t, group in case.same for s in group]
    typed += [(s, "PERSON" if " " in s else "GPE") for pair in case.traps for s in pair]
    taken: list[Mention] = []
    for surface, label in sorted(set(typed), key=lambda st: -len(st[0])):
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if not any(m.start() < t.end and t.start < m.end() for t in taken):
                taken.append(Mention(surface, m.start(), m.end(), label))
    return sorted(taken, key=lambda m: m.start)


def main(argv: list[str]) -> int:
    oracle, verbose = "--oracle" in argv, "-v" in argv
    case_set = HOLDOUT if "--holdout" in argv else HOLDOUT2 if "--holdout2" in argv else CASES
    rows = []
    owners = []  # (case, article index)
    docs = [(text, []) for case in case_set for text in case.articles]
    if oracle:
        k = 0
        mentions = []
        for case in case_set:
            for text in case.articles:
                mentions.append(oracle_mentions(case, text))
                k += 1
    else:
        from reader.entities.ner import extract_mentions

        mentions = extract_mentions(docs)
    k = 0
    for case in case_set:
        for i, text in enumerate(case.articles):
            rows.append(ArticleInput(k + 1, text, mentions[k], date.fromisoformat(case.published)))
            owners.append((case, i))
            k += 1
    _, results = cluster_all(rows)
    where: dict[tuple[str, int, str], set[int]] = defaultdict(set)  # (case, art, surface) -> ids
    entity_surfaces: dict[int, set[tuple[str, int, str]]] = defaultdict(set)
    for res, (case, art) in zip(results, owners, strict=True):
        for link in res.links:
            if link.entity_id is None:
                continue
            where[(case.name, art, link.mention.text)].add(link.entity_id)
            entity_surfaces[link.entity_id].add((case.name, art, link.mention.text))

    groups = recovered = ner_missed = 0
    for case in case_set:
        for type_, group in case.same:
            seen = [
                (a, s)
                for a in range(len(case.articles))
                for s in group
                if (case.name, a, s) in where
            ]
            present = {
                a for a, s in seen if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", case.articles[a])
            }
            in_text = {
                a
                for a in range(len(case.articles))
                for s in group
                if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", case.articles[a])
            }
            if len(in_text) < 2:
                continue
            groups += 1
            if len(present) < 2:
                ner_missed += 1
                if verbose:
                    print(f"NER MISS  {case.name}: {group} extracted {seen}")
                continue
            ids = [where[(case.name, a, s)] for a, s in seen]
            common = set.intersection(*ids)
            if common:
                recovered += 1
            elif verbose:
                print(f"NOT LINKED {case.name}: {type_} {seen} -> {ids}")
    # Precision over predicted shared entities (in >= 2 articles of one case).
    shared = wrong = 0
    for eid, occ in entity_surfaces.items():
        by_case: dict[str, set[tuple[int, str]]] = defaultdict(set)
        for cname, art, s in occ:
            by_case[cname].add((art, s))
        arts_cases = {c for c, v in by_case.items() if len({a for a, _ in v}) >= 2}
        if not arts_cases and len(by_case) < 2:
            continue
        shared += 1
        surfaces = {s for v in by_case.values() for _, s in v}
        keys = {norm_key(s) for s in surfaces}
        # NER sometimes keeps only part of a gold name ("Tayyip Erdoğan"): count it in.
        gold_hits = {
            (c.name, g)
            for c in case_set
            for _, g in c.same
            if all(any(s in full for full in g) for s in surfaces)
        }
        if len(keys) > 1 and not gold_hits:
            wrong += 1
            if verbose:
                print(f"WRONG MERGE entity {eid}: {sorted(occ)}")
    trap_merges = 0
    for case in case_set:
        for a, b in case.traps:
            ids_a = set().union(*[v for (c, _, s), v in where.items() if c == case.name and s == a])
            ids_b = set().union(*[v for (c, _, s), v in where.items() if c == case.name and s == b])
            if ids_a & ids_b:
                trap_merges += 1
                print(f"LOOK-ALIKE MERGED {case.name}: {a} / {b}")
    linked_groups = groups - ner_missed
    print(f"mode: {'oracle mentions' if oracle else 'spaCy NER'}")
    print(f"shared gold entities: {groups} (NER missed in <2 articles: {ner_missed})")
    print(
        f"recall (of extracted): {recovered}/{linked_groups} = "
        f"{recovered / max(linked_groups, 1):.3f}; end-to-end: {recovered / max(groups, 1):.3f}"
    )
    print(f"precision: {shared - wrong}/{shared} = {(shared - wrong) / max(shared, 1):.3f}")
    print(f"look-alike traps merged: {trap_merges} of {sum(len(c.traps) for c in case_set)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
