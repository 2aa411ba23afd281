"""Claims: statements attributed to sources, grouped by who made them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.compare.claims import claims, find_claims, speaker_key
from reader.compare.story import Article

# Two accounts of a disputed strike on a depot, written for these tests.
FIRST = Article(
    1,
    "Eastern Post",
    None,
    "Depot hit overnight\n"
    "Tarnovia's defence ministry claimed on Friday that its missiles had destroyed a fuel "
    "depot near Ulm.\n"
    "Belmark denied the depot had been hit.\n"
    '"The fire was caused by a gas leak," said Ida Roos, a regional official.\n'
    "Smoke could be seen for miles, according to residents.\n"
    "She added that nobody was hurt.\n"
    "It is unclear what the ministry said about civilians.",
)
SECOND = Article(
    2,
    "Western Ledger",
    None,
    "The Tarnovian Defence Ministry said its forces struck the depot on Thursday night.\n"
    "Belmark's army rejected the claim, saying the fire was an accident.\n"
    "The depot burned for six hours, the fire service told reporters.\n"
    "According to Belmark, no fuel was stored there.",
)


def by_speaker(article: Article) -> dict[str, tuple[str, str]]:
    return {c.speaker: (c.lemma, c.claim) for c in find_claims(article)}


def test_speaker_verb_and_claim_are_found_in_each_pattern() -> None:
    found = by_speaker(FIRST)
    assert found["Tarnovia's defence ministry"] == (
        "claim",
        "its missiles had destroyed a fuel depot near Ulm",
    )
    assert found["Belmark"] == ("deny", "the depot had been hit")
    assert found["Ida Roos, a regional official"] == ("say", "The fire was caused by a gas leak")
    assert found["residents"] == ("according", "Smoke could be seen for miles")
    later = by_speaker(SECOND)
    assert later["the fire service"] == ("tell", "The depot burned for six hours")
    assert later["Belmark"][0] == "according"
    # A time phrase opening the sentence is not part of the speaker.
    dated = Article(3, "", None, "On Jan. 28 the company said it would cut 450 jobs.")
    assert by_speaker(dated) == {"the company": ("say", "it would cut 450 jobs")}


def test_questions_about_what_was_said_are_not_claims() -> None:
    assert not any("unclear" in c.sentence for c in find_claims(FIRST))


def test_claim_span_is_the_sentence() -> None:
    for claim in find_claims(FIRST):
        assert FIRST.text[claim.span[0] : claim.span[1]] == claim.sentence
        assert claim.claim in claim.sentence


def test_pronoun_speaker_continues_the_last_named_one() -> None:
    added = next(c for c in find_claims(FIRST) if c.speaker == "She")
    assert added.key == speaker_key("residents")


def test_claims_are_grouped_by_normalised_speaker_across_articles() -> None:
    groups = {g.key: g for g in claims([FIRST, SECOND])}
    ministry = groups[speaker_key("Tarnovia's Defence Ministry")]
    assert {c.article for c in ministry.claims} == {1, 2}
    assert set(ministry.speakers) == {
        "Tarnovia's defence ministry",
        "The Tarnovian Defence Ministry",
    }
    belmark = groups[speaker_key("Belmark")]
    assert {(c.article, c.lemma) for c in belmark.claims} == {(1, "deny"), (2, "according")}
    # The army is a different speaker from the state it belongs to.
    assert speaker_key("Belmark's army") in groups
    assert speaker_key("Belmark's army") != speaker_key("Belmark")


def test_speakers_cited_by_more_articles_come_first() -> None:
    groups = claims([FIRST, SECOND])
    counts = [len({c.article for c in g.claims}) for g in groups]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2


def test_no_crash_without_attributions() -> None:
    assert claims([]) == []
    assert claims([Article(1, "", None, "")]) == []
    assert claims([Article(2, "", None, "The river rose. Nobody knows why.")]) == []


def test_addressees_channels_and_adverbs_stay_out_of_speaker_and_claim() -> None:
    text = (
        '"The line is holding," the brigade told the Evening Courier on Sunday.\n'
        "Supplies are short, although Belmark still insists the road is open.\n"
        "The mayor told residents that the water was safe."
    )
    found = by_speaker(Article(4, "", None, text))
    assert found["the brigade"] == ("tell", "The line is holding")
    assert found["Belmark"] == ("insist", "the road is open")
    assert found["The mayor"] == ("tell", "the water was safe")


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"aS ,.\"'\n", "said", "according to", "He", "told", "Tuesday"]),
        max_size=40,
    ).map("".join)
)
def test_any_text_gives_claims_inside_their_sentence(text: str) -> None:
    article = Article(1, "", None, text)
    for claim in find_claims(article):
        assert text[claim.span[0] : claim.span[1]] == claim.sentence
        assert claim.key
