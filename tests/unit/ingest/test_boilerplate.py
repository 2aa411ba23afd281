"""Telling article prose from page furniture."""

from __future__ import annotations

import pytest

from reader.ingest.boilerplate import classify_line, is_call_to_action
from reader.ingest.language import stopwords
from reader.ingest.lines import normalise_line

EN = stopwords("en")


@pytest.mark.parametrize(
    "line",
    [
        "Sign up to our free Evening Digest and get the news in your inbox",
        "Become a Coast Herald member",
        "Subscribe now",
        "Share on Facebook",
        "Click to print (Opens in new window)",
        "Support our journalism: donate today and help us keep reporting from the front line.",
        "I would like to be emailed about offers and events. Read our Privacy notice",
    ],
)
def test_calls_to_action_are_recognised(line: str) -> None:
    assert is_call_to_action(line)


@pytest.mark.parametrize(
    "line",
    [
        "The union said its members would vote on the offer next week.",
        "Residents were told to sign up for evacuation alerts, the mayor said on Friday, "
        "as the water kept rising across the valley.",
    ],
)
def test_reported_speech_is_not_a_call_to_action(line: str) -> None:
    assert not is_call_to_action(line)


def _classify(lines: list[str], recurring: frozenset[str] = frozenset()):
    return [classify_line(x, EN, recurring, normalise_line(x)) for x in lines]


def test_recurring_lines_are_boilerplate() -> None:
    line = "Tip us off: our newsroom reads every message sent to it."
    assert _classify([line])[0].cls != "bad"
    assert _classify([line], frozenset({normalise_line(line)}))[0].cls == "bad"


def test_prose_that_mentions_a_cookie_is_not_a_cookie_banner() -> None:
    line = (
        "For taste cells in the tongue, this cascade lets us tell the sweetness of a fresh "
        "cookie from the bitterness of burnt coffee, the researchers wrote."
    )
    assert not is_call_to_action(line)
    assert is_call_to_action("We use cookies to improve your experience on our site.")


def test_quoted_speech_about_support_is_body_text() -> None:
    line = (
        "“Where the teams do not directly support our core goals, we have to make some "
        "hard choices,” the chief executive told staff in a memo on Monday."
    )
    assert not is_call_to_action(line)


def test_social_follow_prompts_are_boilerplate() -> None:
    assert is_call_to_action("Follow the Valley Times on Instagram")
    assert is_call_to_action("Find us on Facebook, X and TikTok.")
    assert not is_call_to_action("The mayor posted the video on Facebook late on Sunday night.")


def test_headlines_strung_with_pipes_are_a_teaser_strip() -> None:
    line = (
        "Morning Memo: Council backs tram plan | Bus fares frozen again | "
        "Bridge repairs to start in May"
    )
    assert _classify([line])[0].cls == "bad"


def test_news_about_subscribers_is_not_a_sign_up_prompt() -> None:
    assert not is_call_to_action("Streaming subscribers will pay two euros more a month.")
    assert is_call_to_action("Subscribe to the Harbour Post channel for the latest videos!")


def test_short_sentence_with_one_widget_word_is_prose() -> None:
    assert not is_call_to_action("Police released the video.")
    assert is_call_to_action("Share this video")
    assert _classify(["You may also like..."])[0].cls == "bad"


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    assert _classify(["By Tuesday the water had fallen."])[0].cls != "bad"
    assert _classify(["By Jana Horak"])[0].cls == "bad"


def test_reprint_notices_and_further_reading_are_furniture() -> None:
    notice = "This material may not be published, broadcast, rewritten, or redistributed."
    assert _classify([notice])[0].cls == "bad"
    assert _classify(["Explore further"])[0].cls == "bad"


@pytest.mark.parametrize(
    "headline",
    [
        "Bridge repairs close the river road",
        "Storm forces ferry operators to share one harbour",
        "Regulator to watch grain prices after the harvest fails",
    ],
)
def test_a_headline_using_one_widget_word_is_not_chrome(headline: str) -> None:
    assert not is_call_to_action(headline)


@pytest.mark.parametrize(
    "label", ["Skip to main content", "More from the Valley Courier", "Tags: floods, rail, budget"]
)
def test_labels_made_of_widget_words_are_chrome(label: str) -> None:
    assert is_call_to_action(label)


def test_pasted_article_keeps_a_headline_with_a_widget_word() -> None:
    from reader.ingest.pasted import extract_pasted

    text = (
        "Bridge repairs close the river road\n\nBy Ana Lindqvist\nMarch 3, 2025\n\n"
        "Engineers closed the river road on Monday after inspectors found cracks in the "
        "main span of the old bridge, the council said.\n\n"
        "The closure is expected to last three weeks, and drivers were told to use the "
        "northern ring road instead."
    )
    assert extract_pasted(text).title == "Bridge repairs close the river road"
