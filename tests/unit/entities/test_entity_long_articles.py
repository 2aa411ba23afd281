"""One very long article (a 2 MB paste) links in time proportional to its length."""

from __future__ import annotations

import random
import time

from reader.entities import gazetteer
from reader.entities.linking import Linker
from reader.entities.mentions import Mention

SYLLABLES = ["ka", "lo", "mi", "ren", "tas", "vo", "dre", "sul", "bi", "nor", "zed", "pa"]


def _warm() -> None:
    gazetteer.place_id("Lisbon")  # the one-off GeoNames build is not the article's cost


def _made_up_names(rng: random.Random, n: int) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        names.add("".join(rng.choices(SYLLABLES, k=4)).capitalize())
    return sorted(names)


def _long_article(n_names: int, rng: random.Random) -> tuple[str, list[Mention], list[str]]:
    """Sentences naming made-up people; NER "found" only each name's first occurrence."""
    names = _made_up_names(rng, n_names)
    parts: list[str] = []
    mentions: list[Mention] = []
    seen: set[str] = set()
    pos = 0
    order = names * 3
    rng.shuffle(order)
    for name in order:
        before = "Officials said that "
        sentence = f"{before}{name} Tarvo had left the harbour on Monday. "
        start = pos + len(before)
        if name not in seen:
            seen.add(name)
            surface = f"{name} Tarvo"
            mentions.append(Mention(surface, start, start + len(surface), "PERSON"))
        parts.append(sentence)
        pos += len(sentence)
    return "".join(parts), mentions, names


def test_a_long_article_full_of_names_links_every_mention_quickly() -> None:
    text, mentions, names = _long_article(1500, random.Random(5))
    assert len(text) > 300_000
    _warm()
    start = time.perf_counter()
    result = Linker().link_article(mentions, text=text)
    took = time.perf_counter() - start
    # Every later occurrence NER missed is spotted as the same person.
    assert len(result.links) == 3 * len(names)
    by_name: dict[str, set[int | None]] = {}
    for lk in result.links:
        by_name.setdefault(lk.mention.text, set()).add(lk.entity_id)
    assert all(len(ids) == 1 for ids in by_name.values())
    # Quadratic passes took over 30 s here; linear ones take about one.
    assert took < 10.0, took


def test_variants_and_look_alikes_among_thousands_of_names_in_one_article() -> None:
    rng = random.Random(6)
    filler = _made_up_names(rng, 2000)
    names = {f"{n} Lindqvar": "PERSON" for n in filler}
    # A spelling variant of a place, and two look-alike places, hidden among them.
    names |= {"Kastehelmi": "GPE", "Kasetehelmi": "GPE", "Pokrovsk": "GPE", "Pokrovske": "GPE"}
    text = ""
    mentions = []
    for surface, label in names.items():
        text += "Reports from "
        mentions.append(Mention(surface, len(text), len(text) + len(surface), label))
        text += surface + " arrived late. "
    _warm()
    start = time.perf_counter()
    result = Linker().link_article(mentions, text=text, spot=False)
    took = time.perf_counter() - start
    entity = {lk.mention.text: lk.entity_id for lk in result.links}
    assert entity["Kastehelmi"] == entity["Kasetehelmi"]
    assert entity["Pokrovsk"] != entity["Pokrovske"]
    fillers = {entity[n] for n in names if "Lindqvar" in n}
    assert not fillers & {entity["Kastehelmi"], entity["Pokrovsk"], entity["Pokrovske"]}
    assert took < 10.0, took


def test_spotting_a_text_whose_every_name_is_already_a_mention_is_linear() -> None:
    from reader.entities.spotting import spot_known

    rng = random.Random(7)
    names = _made_up_names(rng, 500)
    words = [rng.choice(names) for _ in range(20_000)]
    text = ". ".join(words) + "."
    mentions, pos = [], 0
    for word in words:
        mentions.append(Mention(word, pos, pos + len(word), "GPE"))
        pos += len(word) + 2
    start = time.perf_counter()
    extra = spot_known(text, mentions, lambda _key: ("GPE", True))
    took = time.perf_counter() - start
    assert extra == []  # known everywhere, but already found: nothing twice
    # Testing each hit against every mention so far took about 7 s.
    assert took < 3.0, took
