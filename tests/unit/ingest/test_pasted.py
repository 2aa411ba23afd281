"""End-to-end cleanup of pasted article text, on fixture articles in the messy real style."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from reader.ingest.pasted import extract_pasted, normalise_line

FIXTURES = Path(__file__).parents[2] / "fixtures" / "pasted"
GLUED = re.compile(r"\b\w*[a-z][A-Z]\w*\b")
ALLOWED_MIXED_CASE = {"iPhone", "MacBook", "YouTube", "LinkedIn", "WhatsApp", "JavaScript", "eBay"}
ALLOWED_MIXED_CASE |= {"PhD", "McDonald"}


def _load(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


@pytest.fixture(scope="module")
def strike():
    return extract_pasted(_load("harbour_strike.txt"))


@pytest.fixture(scope="module")
def flood():
    return extract_pasted(_load("river_flood.txt"))


def test_header_fields_of_a_newsletter_heavy_page(strike) -> None:
    assert strike.title == "Dock workers shut Baltic ports as pay talks collapse"
    assert strike.subtitle.startswith("Dockers walk out across three countries")
    assert strike.authors == ["Maria Lindqvist", "Tomás Ortega"]
    assert strike.published == "2025-05-14T09:05"
    assert strike.outlet == "The Northern Ledger"
    assert strike.language == "en"


def test_title_appears_once_and_not_in_the_body(strike) -> None:
    assert strike.title not in strike.text


@pytest.mark.parametrize(
    "furniture",
    [
        "Skip to main content",
        "Sign up",
        "SIGN UP",
        "Privacy notice",
        "open image in gallery",
        "Share",
        "Print",
        "Read more",
        "Comments",
        "Most popular",
        "Become a Northern Ledger member",
        "Support our journalism",
        "Home › News",
        "Senior Correspondent",
        "Nordic correspondent, based in Stockholm",
        "Ferry operator fined",
    ],
)
def test_boilerplate_is_gone(strike, furniture: str) -> None:
    assert furniture.lower() not in strike.text.lower()


def test_every_body_paragraph_survives(strike) -> None:
    raw = _load("harbour_strike.txt")
    for sentence in [
        "walked out of talks on Tuesday night",
        "We came to the table in good faith and we leave it with nothing",
        "Shipping lines began diverting vessels to Gdansk",
        "cost the region about 40 million euros a day",
        "reckless and premature",
        "accept an independent arbitrator",
        "voted on Wednesday afternoon to join the strike from Monday",
    ]:
        assert sentence in raw
        assert sentence in strike.body_text


def test_lost_paragraph_breaks_are_restored(strike, flood) -> None:
    assert strike.blocks[0].text.startswith("The port workers' union walked out")
    for doc in (strike, flood):
        glued = set(GLUED.findall(doc.text)) - ALLOWED_MIXED_CASE
        assert not glued
    assert any(
        b.text == "She added that the clean-up would take months rather than weeks."
        for b in flood.blocks
    )


def test_gallery_caption_becomes_one_caption_block(strike) -> None:
    captions = [b.text for b in strike.blocks if b.kind == "caption"]
    credit = "(Jussi Nieminen/The Northern Ledger)"
    assert captions == [f"Cranes stand idle at the Vuosaari terminal in Helsinki {credit}"]
    assert "Cranes stand idle" not in strike.body_text
    assert "Cranes stand idle" in strike.text


def test_subheading_is_kept_as_heading(strike) -> None:
    assert ("How long could it last?", "heading") in [(b.text, b.kind) for b in strike.blocks]


def test_byline_with_roles_update_stamp_and_logo_outlet(flood) -> None:
    assert flood.title == "Floodwaters recede in the Danube valley, leaving a trail of mud"
    assert flood.authors == ["Petra Novak", "Lukas Brenner"]
    assert flood.published == "2024-03-02T07:15"  # the original, not the update
    assert flood.outlet == "The Greenfield Courier"


def test_placeholder_caption_and_membership_appeal(flood) -> None:
    kinds = {b.text: b.kind for b in flood.blocks}
    assert kinds.get("Sandbags line the river promenade in Melk") == "caption"
    assert "Article image" not in flood.text
    assert "small request" not in flood.text
    assert "Become a member" not in flood.text
    assert not flood.text.rstrip().endswith("Reporter")


def test_brand_and_name_spellings_are_not_split() -> None:
    doc = extract_pasted(_load("tech_names.txt"))
    for word in ["MacBook", "iPhone", "PhD", "YouTube", "LinkedIn", "WhatsApp", "JavaScript"]:
        assert word in doc.body_text
    assert "McDonald's" in doc.body_text
    assert doc.title == "Graduate builds a MacBook stand that charges an iPhone at the same time"
    assert doc.published == "2023-06-12T14:20"
    assert len(doc.blocks) == 4


def test_lines_recurring_in_the_archive_are_removed() -> None:
    raw = (
        _load("tech_names.txt")
        + "\nPaulo Reis runs the packing room with two friends from school.\n"
    )
    plain = extract_pasted(raw)
    assert "two friends from school" in plain.body_text
    seen = frozenset(
        {normalise_line("Paulo Reis runs the packing room with two friends from SCHOOL")}
    )
    assert "two friends from school" not in extract_pasted(raw, recurring_lines=seen).body_text


def test_normalise_line_ignores_case_spacing_punctuation_and_numbers() -> None:
    assert normalise_line("  Sign up  TODAY! 3 issues") == normalise_line(
        "sign up today - 12 issues"
    )
    assert normalise_line("Sign up today") != normalise_line("Sign in today")


@pytest.mark.parametrize("text", ["", "   \n\n ", "\x00\x01\x02", "\ufeff", "a"])
def test_empty_and_junk_input_gives_an_empty_article(text: str) -> None:
    doc = extract_pasted(text)
    assert doc.blocks == [] or all(b.text for b in doc.blocks)


def test_binaryish_input_does_not_crash() -> None:
    junk = bytes(range(256)).decode("latin-1") * 50
    extract_pasted(junk)


def test_two_megabyte_single_line_is_handled_quickly() -> None:
    line = ("The committee met again on Tuesday and agreed nothing. " * 40_000)[:2_000_000]
    start = time.monotonic()
    doc = extract_pasted(line)
    assert time.monotonic() - start < 20
    assert doc.body_text.startswith("The committee met again")


def test_standfirst_set_apart_by_the_byline_is_not_body() -> None:
    raw = "\n".join(
        [
            "Ports",
            "Rail freight strike halts grain exports from the coast",
            "Shippers say the stoppage could not have come at a worse time for farmers, "
            "who are already struggling with low prices.",
            "By Oona Haapala",
            "May 6, 2024 8:10 am ET",
            "Rail workers began a 48-hour strike on Monday, halting grain trains to the coast.",
            "The union said talks with the operator had broken down over night-shift pay.",
            "Exporters said ships were already waiting at anchor outside the harbour.",
        ]
    )
    doc = extract_pasted(raw)
    assert doc.subtitle is not None and doc.subtitle.startswith("Shippers say the stoppage")
    assert doc.authors == ["Oona Haapala"]
    assert doc.published == "2024-05-06T08:10"
    assert doc.body_text.startswith("Rail workers began a 48-hour strike")


def test_author_bio_paragraph_at_the_end_is_dropped() -> None:
    raw = _load("tech_names.txt") + (
        "\nLea Brandt is a freelance writer based in Hamburg. Her work has appeared in "
        "several design magazines and on national radio.\n"
    )
    doc = extract_pasted(raw)
    assert "freelance writer" not in doc.text
    assert doc.body_text.endswith("before Christmas.")


def test_caption_glued_to_its_credit_is_a_caption() -> None:
    raw = _load("tech_names.txt").replace(
        "She first showed",
        "The folding stand on a kitchen tableCredit: Ines Carvalho\nShe first showed",
    )
    doc = extract_pasted(raw)
    assert "kitchen table" not in doc.body_text
    assert "kitchen table" in doc.text


def test_address_pasted_above_the_article_becomes_the_url() -> None:
    raw = "https://www.example.org/news/2023/06/stand-maker\n" + _load("tech_names.txt")
    doc = extract_pasted(raw)
    assert doc.url == "https://www.example.org/news/2023/06/stand-maker"
    assert "example.org" not in doc.text
    assert extract_pasted(_load("tech_names.txt")).url is None
