"""The cross-archive linker: each rule, the look-alike traps and the user's decisions."""

from __future__ import annotations

import re
from datetime import date

from reader.entities.linking import Linker
from reader.entities.mentions import Mention
from reader.entities.model import Alias, ArticleLinks, KnownEntity, UserDecisions
from reader.entities.relink import ArticleInput, cluster_all


def mentions_of(text: str, labelled: dict[str, str]) -> list[Mention]:
    """Mentions of the given surfaces (longest first, no overlaps), as NER would give."""
    found: list[Mention] = []
    for surface in sorted(labelled, key=len, reverse=True):
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text):
            if not any(m.start() < f.end and f.start < m.end() for f in found):
                found.append(Mention(surface, m.start(), m.end(), labelled[surface]))
    return sorted(found, key=lambda m: m.start)


def link(linker: Linker, text: str, labelled: dict[str, str], **kw: object) -> ArticleLinks:
    return linker.link_article(mentions_of(text, labelled), text=text, **kw)  # type: ignore[arg-type]


def entity_of(result: ArticleLinks, surface: str) -> int | None:
    return next(lk.entity_id for lk in result.links if lk.mention.text == surface)


def rule_of(result: ArticleLinks, surface: str) -> str:
    return next(lk.rule for lk in result.links if lk.mention.text == surface)


def test_same_key_links_across_articles_whatever_the_case_or_accent() -> None:
    linker = Linker()
    a = link(linker, "Talks in Reykjavík ended.", {"Reykjavík": "GPE"})
    b = link(linker, "Delegates left REYKJAVIK on Monday.", {"REYKJAVIK": "GPE"})
    assert entity_of(a, "Reykjavík") == entity_of(b, "REYKJAVIK")
    assert rule_of(b, "REYKJAVIK") == "same_key"


def test_transliteration_links_romanisations() -> None:
    linker = Linker()
    a = link(linker, "Shelling hit Kostiantynivka.", {"Kostiantynivka": "GPE"})
    b = link(linker, "Residents left Kostyantynivka.", {"Kostyantynivka": "GPE"})
    assert entity_of(a, "Kostiantynivka") == entity_of(b, "Kostyantynivka")
    assert rule_of(b, "Kostyantynivka") == "transliteration"


def test_short_form_in_the_same_article_and_later_ones() -> None:
    linker = Linker()
    text = "Valery Gerasimov met officers. Gerasimov said the front held."
    a = link(linker, text, {"Valery Gerasimov": "PERSON", "Gerasimov": "PERSON"})
    assert entity_of(a, "Gerasimov") == entity_of(a, "Valery Gerasimov")
    assert rule_of(a, "Gerasimov") == "short_form"
    assert [e.canonical for e in a.new_entities] == ["Valery Gerasimov"]
    b = link(linker, "Gerasimov flew south.", {"Gerasimov": "ORG"})  # a flipped label
    assert entity_of(b, "Gerasimov") == entity_of(a, "Valery Gerasimov")


def test_ambiguous_surname_is_not_guessed() -> None:
    linker = Linker()
    text = "Anna Kovac and Marek Kovac voted. Kovac abstained."
    a = link(linker, text, {"Anna Kovac": "PERSON", "Marek Kovac": "PERSON", "Kovac": "PERSON"})
    assert entity_of(a, "Kovac") not in {entity_of(a, "Anna Kovac"), entity_of(a, "Marek Kovac")}


def test_acronym_defined_in_text_links_later_articles() -> None:
    linker = Linker()
    text = "The Centre for Maritime Security Studies (CMSS) counted ships. CMSS said more."
    a = link(linker, text, {"Centre for Maritime Security Studies": "ORG", "CMSS": "ORG"})
    assert entity_of(a, "CMSS") == entity_of(a, "Centre for Maritime Security Studies")
    b = link(linker, "Analysts at CMSS disagreed.", {"CMSS": "ORG"})
    assert entity_of(b, "CMSS") == entity_of(a, "CMSS")


def test_common_acronyms_link_to_their_full_names() -> None:
    linker = Linker()
    a = link(linker, "The European Union approved the loan.", {"European Union": "ORG"})
    b = link(linker, "The EU approved it.", {"EU": "ORG"})
    c = link(linker, "U.S. officials and the United States Senate.", {"U.S.": "GPE"})
    d = link(linker, "Aid from the United States arrived.", {"United States": "GPE"})
    assert entity_of(a, "European Union") == entity_of(b, "EU")
    assert rule_of(b, "EU") == "acronym"
    assert entity_of(c, "U.S.") == entity_of(d, "United States")
    assert linker.canonical(entity_of(c, "U.S.") or 0) == "United States"


def test_fuzzy_link_is_probable() -> None:
    linker = Linker()
    a = link(linker, "Emil Kastehelmi, an analyst, said so.", {"Emil Kastehelmi": "PERSON"})
    b = link(linker, "Emil Kasetehelmi disagreed.", {"Emil Kasetehelmi": "PERSON"})
    assert entity_of(a, "Emil Kastehelmi") == entity_of(b, "Emil Kasetehelmi")
    fuzzy = next(lk for lk in b.links if lk.mention.text == "Emil Kasetehelmi")
    assert fuzzy.rule == "fuzzy" and fuzzy.probable and 0.85 <= fuzzy.score < 1.0


def test_gazetteer_confirms_a_known_alternate_name() -> None:
    linker = Linker()
    a = link(linker, "Flights to Vienna resumed.", {"Vienna": "GPE"})
    b = link(linker, "Die Züge nach Wien fahren.", {"Wien": "GPE"})
    assert entity_of(a, "Vienna") == entity_of(b, "Wien")
    assert rule_of(b, "Wien") == "gazetteer"


def test_look_alike_traps_stay_apart() -> None:
    linker = Linker()
    pairs = [
        ("Kramatorsk", "Kramatorske", "GPE"),
        ("Pokrovsk", "Pokrovske", "GPE"),
        ("Niger", "Nigeria", "GPE"),
        ("Sudan", "South Sudan", "GPE"),
        ("Austria", "Australia", "GPE"),
        ("Petrov", "Petrenko", "PERSON"),
        ("Slovakia", "Slovenia", "GPE"),
    ]
    for first, second, label in pairs:
        a = link(linker, f"News from {first} today.", {first: label})
        b = link(linker, f"News from {second} today.", {second: label})
        assert entity_of(a, first) != entity_of(b, second), (first, second)
        both = link(linker, f"{first} and {second} talk.", {first: label, second: label})
        assert entity_of(both, first) != entity_of(both, second), (first, second)


def test_flipped_labels_join_and_majority_type_wins() -> None:
    linker = Linker()
    a = link(linker, "Kherson was shelled.", {"Kherson": "PERSON"})
    b = link(linker, "Kherson is calm.", {"Kherson": "GPE"})
    c = link(linker, "In Kherson, power returned.", {"Kherson": "GPE"})
    eid = entity_of(a, "Kherson")
    assert eid == entity_of(b, "Kherson") == entity_of(c, "Kherson")
    assert linker.entity_type(eid or 0) == "GPE"


def test_dates_become_iso_entities_and_durations_are_dropped() -> None:
    linker = Linker()
    pub = date(2025, 12, 3)
    a = link(linker, "The truce began on Dec. 2.", {"Dec. 2": "DATE"}, published=pub)
    b = link(
        linker,
        "It began on December 2 after months.",
        {"December 2": "DATE", "months": "DATE"},
        published=pub,
    )
    assert entity_of(a, "Dec. 2") == entity_of(b, "December 2")
    assert linker.canonical(entity_of(a, "Dec. 2") or 0) == "2025-12-02"
    assert entity_of(b, "months") is None


def test_incremental_use_with_known_entities_and_register() -> None:
    known = [KnownEntity(7, "Kyiv", "GPE", (Alias("Kiev", "user"),))]
    linker = Linker(known)
    a = link(linker, "Trains from Kyyiv and Lutsk.", {"Kyyiv": "GPE", "Lutsk": "GPE"})
    assert entity_of(a, "Kyyiv") == 7
    assert (7, Alias("Kyyiv", "transliteration")) in a.new_aliases
    (new,) = a.new_entities
    assert new.canonical == "Lutsk" and new.provisional_id < 0
    linker.register(new.provisional_id, 42)
    b = link(linker, "Lutsk again.", {"Lutsk": "GPE"})
    assert entity_of(b, "Lutsk") == 42


def test_user_alias_and_merge_win_over_the_machine() -> None:
    known = [KnownEntity(1, "Artemivsk", "GPE"), KnownEntity(2, "Bakhmut", "GPE")]
    decisions = UserDecisions(aliases={"Artyomovsk": 2}, merged={1: 2})
    linker = Linker(known, decisions)
    a = link(linker, "Artyomovsk and Artemivsk.", {"Artyomovsk": "GPE", "Artemivsk": "GPE"})
    assert entity_of(a, "Artyomovsk") == 2 and rule_of(a, "Artyomovsk") == "user"
    assert entity_of(a, "Artemivsk") == 2


def test_distinct_pair_is_never_merged() -> None:
    known = [KnownEntity(1, "Ivan Horak", "PERSON"), KnownEntity(2, "Ivan Horrak", "PERSON")]
    free = link(Linker(known[:1]), "Ivan Horrak spoke.", {"Ivan Horrak": "PERSON"})
    assert entity_of(free, "Ivan Horrak") == 1  # the machine alone would join them
    linker = Linker(known, UserDecisions(distinct=[(1, 2)]))
    a = link(
        linker,
        "Ivan Horak and Ivan Horrak spoke.",
        {"Ivan Horak": "PERSON", "Ivan Horrak": "PERSON"},
    )
    assert entity_of(a, "Ivan Horak") == 1 and entity_of(a, "Ivan Horrak") == 2


def test_split_pin_survives_relinking() -> None:
    text = "Paris agreed. Paris Hilton did not."
    found = mentions_of(text, {"Paris": "GPE"})
    pin = {(5, found[1].start, found[1].end): 9}
    known = [KnownEntity(9, "Paris Hilton", "PERSON")]
    _, (res,) = cluster_all(
        [ArticleInput(5, text, found)], known=known, decisions=UserDecisions(pinned=pin)
    )
    assert [lk.entity_id for lk in res.links][1] == 9
    assert res.links[1].rule == "user" and res.links[0].entity_id != 9


def test_cluster_all_learns_acronyms_defined_in_a_later_article() -> None:
    rows = [
        ArticleInput(1, "The OPRF said so.", [Mention("OPRF", 4, 8, "ORG")]),
        ArticleInput(
            2,
            "The Office of Public Radio Frequencies (OPRF) said so.",
            [Mention("Office of Public Radio Frequencies", 4, 38, "ORG")],
        ),
    ]
    _, results = cluster_all(rows)
    assert results[0].links[0].entity_id == results[1].links[0].entity_id


def test_many_aliases_link_fast() -> None:
    import time

    known = [KnownEntity(i, f"Zorvak{i:05d}ski", "PERSON") for i in range(1, 20_001)]
    linker = Linker(known)
    start = time.perf_counter()
    for i in range(50):
        link(linker, f"Borlan{i}ovich met Zorvak00{i:03d}ski.", {f"Zorvak00{i:03d}ski": "PERSON"})
    assert time.perf_counter() - start < 5.0


def test_known_names_missed_by_ner_are_spotted() -> None:
    linker = Linker()
    a = link(linker, "Shelling hit Lozova and Balakliia.", {"Lozova": "GPE", "Balakliia": "GPE"})
    text = "Officials in Lozova said trains stopped. Balakliia was quiet. Photo: Lozova station."
    caption = (text.index("Photo"), len(text))
    b = linker.link_article([], text=text, skip=[caption])
    spotted = {(lk.mention.text, lk.mention.start) for lk in b.links}
    assert spotted == {("Lozova", text.index("Lozova")), ("Balakliia", text.index("Balakliia"))}
    assert all(
        lk.entity_id in {entity_of(a, "Lozova"), entity_of(a, "Balakliia")} for lk in b.links
    )
    assert all(text[lk.mention.start : lk.mention.end] == lk.mention.text for lk in b.links)


def test_spotting_skips_a_known_common_word_at_sentence_start() -> None:
    linker = Linker()
    link(linker, "Readers of the Guardian wrote in.", {"Guardian": "ORG"})
    text = "Guardian angels were seen. A report in the Guardian said so."
    result = linker.link_article([], text=text)
    assert [lk.mention.start for lk in result.links] == [text.rindex("Guardian")]


def test_events_named_after_a_place_link_across_a_foreign_vowel_ending() -> None:
    linker = Linker()
    a = link(linker, "Since the Battle of Kherson, little moved.", {"Battle of Kherson": "EVENT"})
    b = link(linker, "He fought in the Battle of Khersono.", {"Battle of Khersono": "EVENT"})
    c = link(linker, "Then the Battle of Khersonske began.", {"Battle of Khersonske": "EVENT"})
    assert entity_of(a, "Battle of Kherson") == entity_of(b, "Battle of Khersono")
    assert entity_of(c, "Battle of Khersonske") != entity_of(a, "Battle of Kherson")


def test_registering_many_new_entities_stays_fast_in_a_large_archive() -> None:
    import time

    known = [KnownEntity(i, f"Velmor{i:05d}ka", "GPE") for i in range(1, 20_001)]
    linker = Linker(known)
    names = {f"Tarsk{i:03d}ovo": "GPE" for i in range(40)}
    result = link(linker, " ".join(names), names)
    start = time.perf_counter()
    for k, new in enumerate(result.new_entities):
        linker.register(new.provisional_id, 100_000 + k)
    assert time.perf_counter() - start < 0.5
    again = link(linker, "Tarsk007ovo", {"Tarsk007ovo": "GPE"})
    assert entity_of(again, "Tarsk007ovo") == 100_000 + 7


def test_end_of_a_full_name_seen_in_another_article() -> None:
    linker = Linker()
    a = link(linker, "Karim al-Nouri spoke.", {"Karim al-Nouri": "PERSON"})
    b = link(linker, "Al-Nouri left.", {"Al-Nouri": "PERSON"})
    c = link(linker, "Greta van der Wal spoke.", {"Greta van der Wal": "PERSON"})
    d = link(linker, "Then van der Wal left.", {"van der Wal": "PERSON"})
    assert entity_of(b, "Al-Nouri") == entity_of(a, "Karim al-Nouri")
    assert entity_of(d, "van der Wal") == entity_of(c, "Greta van der Wal")


def test_acronym_skips_name_particles() -> None:
    linker = Linker()
    text = "Jabhat Ansar al-Din (JAD) fighters left. JAD denied it."
    a = link(linker, text, {"Jabhat Ansar al-Din": "ORG", "JAD": "ORG"})
    assert entity_of(a, "JAD") == entity_of(a, "Jabhat Ansar al-Din")


def test_big_places_with_rare_names_are_spotted_common_words_are_not() -> None:
    linker = Linker()
    text = "Drones hit the Kursk region. Reading the report, Jackson said so."
    spotted = {lk.mention.text: lk.mention.label for lk in linker.link_article([], text=text).links}
    assert spotted == {"Kursk": "GPE"}


def test_outlet_named_after_a_place_is_not_a_full_name_of_its_last_word() -> None:
    linker = Linker()
    text = "The Lviv Post said so, and the Post was right. Ostap Vynnyk agreed; Vynnyk left."
    labels = {"Lviv Post": "ORG", "Post": "ORG", "Ostap Vynnyk": "ORG", "Vynnyk": "ORG"}
    a = link(linker, text, labels)
    assert entity_of(a, "Post") != entity_of(a, "Lviv Post")
    assert entity_of(a, "Vynnyk") == entity_of(a, "Ostap Vynnyk")  # a person tagged ORG


def test_undefined_acronym_links_to_unique_initials_as_probable() -> None:
    linker = Linker()
    a = link(linker, "The Baltic Grain Exchange reopened.", {"Baltic Grain Exchange": "ORG"})
    b = link(linker, "Traders at the BGE cheered.", {"BGE": "ORG"})
    assert entity_of(b, "BGE") == entity_of(a, "Baltic Grain Exchange")
    only = b.links[0]
    assert only.rule == "acronym" and only.probable
    # Two long names with the same initials: the acronym is left alone.
    link(linker, "The Black Gold Estate sold.", {"Black Gold Estate": "ORG"})
    c = link(linker, "BGE shares fell.", {"BGE": "ORG"})
    assert entity_of(c, "BGE") == entity_of(b, "BGE")  # same key as before still wins
    d = link(linker, "The KRS met.", {"KRS": "ORG"})
    assert [e.canonical for e in d.new_entities] == ["KRS"]


def test_acronym_next_to_its_long_form_in_one_article() -> None:
    linker = Linker()
    text = "The Danube Water Commission met. Later the DWC issued a note."
    a = link(linker, text, {"Danube Water Commission": "ORG", "DWC": "ORG"})
    assert entity_of(a, "DWC") == entity_of(a, "Danube Water Commission")


def test_a_city_gets_its_own_geonames_name_as_canonical() -> None:
    linker = Linker()
    a = link(linker, "Flights to Kiiv resumed.", {"Kiiv": "GPE"})
    assert [e.canonical for e in a.new_entities] == ["Kyiv"]
    b = link(linker, "The Sunflower Party met.", {"Sunflower Party": "ORG"})
    assert [e.canonical for e in b.new_entities] == ["Sunflower Party"]


def test_short_codes_do_not_borrow_a_city_name() -> None:
    linker = Linker()
    a = link(linker, "KI reported it.", {"KI": "GPE"})
    assert [e.canonical for e in a.new_entities] == ["KI"]


def test_a_romanisation_variant_ner_missed_is_spotted_and_linked() -> None:
    first = "President Nurlan Kassymbekov opened the plant."
    second = "Visitors met Nurlan Kasymbekov, who spoke briefly."
    _, results = cluster_all(
        [
            ArticleInput(1, first, mentions_of(first, {"Nurlan Kassymbekov": "PERSON"})),
            # NER kept only the first name of the variant spelling.
            ArticleInput(2, second, mentions_of(second, {"Nurlan": "PERSON"})),
        ]
    )
    found = {lk.mention.text: lk.entity_id for r in results for lk in r.links}
    assert "Nurlan" not in found
    assert found["Nurlan Kasymbekov"] == found["Nurlan Kassymbekov"]


def test_a_leading_article_does_not_widen_a_mention() -> None:
    first = "The Coastal Defence League (CDL) met."
    second = "The CDL said it would return."
    _, results = cluster_all(
        [
            ArticleInput(1, first, mentions_of(first, {"Coastal Defence League": "ORG"})),
            ArticleInput(2, second, mentions_of(second, {"CDL": "ORG"})),
        ]
    )
    assert [lk.mention.text for lk in results[1].links] == ["CDL"]


def test_a_big_city_tagged_as_a_nationality_is_a_place() -> None:
    linker = Linker()
    a = link(linker, "Aid convoys reached Mosul.", {"Mosul": "NORP"})
    assert a.links[0].mention.label == "GPE"
    b = linker.link_article([], text="Fighting resumed near Mosul on Friday.")
    assert entity_of(b, "Mosul") == entity_of(a, "Mosul")


def test_a_fuzzy_spelling_variant_ner_missed_is_spotted_but_not_a_look_alike() -> None:
    first = "Shelling hit Verkhnotoretsk overnight, officials said."
    second = "In Verkhnotaretsk, residents queued for water; nearby Verkhnotoretske was quiet."
    _, results = cluster_all(
        [
            ArticleInput(1, first, mentions_of(first, {"Verkhnotoretsk": "GPE"})),
            ArticleInput(2, second, []),  # NER found nothing in the second article
        ]
    )
    found = {lk.mention.text: lk.entity_id for r in results for lk in r.links}
    assert found["Verkhnotaretsk"] == found["Verkhnotoretsk"]
    assert found.get("Verkhnotoretske") != found["Verkhnotoretsk"]
