"""Trimming raw NER spans into clean mentions (no spaCy needed)."""

from __future__ import annotations

from reader.entities.mentions import clean_mentions


def _span(text: str, needle: str, label: str = "GPE") -> tuple[int, int, str]:
    start = text.index(needle)
    return start, start + len(needle), label


def test_offsets_match_text_after_trimming() -> None:
    text = 'Troops left the Donbas region. "The Kremlin\'s" envoy spoke.'
    spans = [_span(text, "the Donbas"), _span(text, '"The Kremlin\'s"', "ORG")]
    mentions = clean_mentions(text, spans)
    assert [m.text for m in mentions] == ["Donbas", "Kremlin"]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_mentions_never_cross_a_paragraph_break() -> None:
    text = "Fighting near Lysychansk\n\nVolodymyr Zelensky visited."
    mentions = clean_mentions(text, [_span(text, "Lysychansk\n\nVolodymyr Zelensky", "PERSON")])
    assert "\n" not in "".join(m.text for m in mentions)
    assert {m.text for m in mentions} == {"Lysychansk", "Volodymyr Zelensky"}


def test_mentions_in_skip_spans_are_dropped() -> None:
    text = "Odesa was hit. Photo: Reuters/Odesa city council. Residents fled Odesa."
    caption = (text.index("Photo"), text.index("Residents"))
    spans = [(m, m + 4, "GPE") for m in (0, text.index("Odesa city"), text.rindex("Odesa"))]
    spans = [(s, s + 5, label) for s, _, label in spans]
    mentions = clean_mentions(text, spans, [caption])
    assert [m.start for m in mentions] == [0, text.rindex("Odesa")]


def test_glued_words_are_cut_off() -> None:
    text = "A lack of personnelMoscow sent troops. Lozova is quiet. Photo of Lozovaopen image."
    spans = [_span(text, "personnelMoscow"), _span(text, "Lozovaopen")]
    assert [m.text for m in clean_mentions(text, spans)] == ["Moscow", "Lozova"]


def test_abbreviation_dot_kept_sentence_dot_dropped() -> None:
    text = "Aid from the U.S. reached Kherson."
    spans = [_span(text, "U.S."), _span(text, "Kherson.")]
    assert [m.text for m in clean_mentions(text, spans)] == ["U.S.", "Kherson"]


def test_lists_of_two_known_places_are_split() -> None:
    text = "Drones hit Lviv and Odesa overnight."
    mentions = clean_mentions(text, [_span(text, "Lviv and Odesa", "ORG")])
    assert [m.text for m in mentions] == ["Lviv", "Odesa"]


def test_battle_of_a_real_place_is_an_event_other_works_of_art_are_dropped() -> None:
    text = "Troops held out since the Battle of Kherson. She read War and Peace."
    spans = [
        _span(text, "the Battle of Kherson", "WORK_OF_ART"),
        _span(text, "War and Peace", "WORK_OF_ART"),
    ]
    mentions = clean_mentions(text, spans)
    assert [(m.text, m.label) for m in mentions] == [("Battle of Kherson", "EVENT")]


def test_dashes_and_slashes_between_names_split_them() -> None:
    text = "Cities in Donetsk - Sloviansk and Kramatorsk. (Olena Marchuk/Reuters)"
    spans = [
        _span(text, "Donetsk - Sloviansk", "ORG"),
        _span(text, "Olena Marchuk/Reuters", "PERSON"),
    ]
    assert [m.text for m in clean_mentions(text, spans)] == [
        "Donetsk",
        "Sloviansk",
        "Olena Marchuk",
        "Reuters",
    ]


def test_a_recurring_camel_case_name_is_not_cut() -> None:
    text = (
        "The OpenMaps project shows the front line. Analysts at OpenMaps said the city fell. "
        "Troops left on Monday, OpenMaps added."
    )
    start = text.index("OpenMaps")
    (kept,) = clean_mentions(text, [(start, start + len("OpenMaps"), "ORG")])
    assert kept.text == "OpenMaps"


def test_a_place_name_does_not_end_in_a_lower_case_word() -> None:
    text = "Shelling hit Velykoselske village and the Sumy region overnight."
    spans = [_span(text, "Velykoselske village"), _span(text, "Sumy region")]
    assert [m.text for m in clean_mentions(text, spans)] == ["Velykoselske", "Sumy"]


def test_a_name_cut_at_its_particle_is_joined_again() -> None:
    text = "Greta van der Linde opened the talks. Later the premier thanked van der Linde."
    spans = [
        _span(text, "Greta van der", "PERSON"),
        _span(text, "Linde", "GPE"),
        (text.rindex("Linde"), text.rindex("Linde") + 5, "GPE"),
    ]
    mentions = clean_mentions(text, spans)
    assert [(m.text, m.label) for m in mentions] == [
        ("Greta van der Linde", "PERSON"),
        ("van der Linde", "PERSON"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_a_capitalised_word_before_particles_is_not_guessed_into_the_name() -> None:
    text = "The von Hallern plan was dropped."
    mentions = clean_mentions(text, [_span(text, "Hallern", "PERSON")])
    assert [m.text for m in mentions] == ["Hallern"]
