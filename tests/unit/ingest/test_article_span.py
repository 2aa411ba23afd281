"""Finding the article among classified lines: menus, teasers and comment threads fall away."""

from __future__ import annotations

from reader.ingest.article_span import select_article
from reader.ingest.boilerplate import classify_line
from reader.ingest.language import stopwords
from reader.ingest.lines import normalise_line

EN = stopwords("en")


def _classify(lines: list[str], recurring: frozenset[str] = frozenset()):
    return [classify_line(x, EN, recurring, normalise_line(x)) for x in lines]


ARTICLE = [
    "The regional council approved the new tram line on Thursday after a year of debate.",
    "Construction is due to start in the spring and should take about three years to finish.",
    "Opponents said the route would cut through a park that families have used for decades.",
    "The council's transport chief said the park would be restored once the work was done.",
]


def test_menus_and_teasers_around_the_article_are_dropped() -> None:
    lines = [
        "Home",
        "News",
        "Sport",
        "Weather",
        *ARTICLE,
        "Most read",
        "Council tax to rise again next year",
        "Why the old harbour is empty",
        "Ten walks for the autumn",
    ]
    keep = select_article(_classify(lines))
    assert [lines[i] for i in keep] == ARTICLE


def test_comment_thread_after_the_article_is_dropped() -> None:
    lines = [
        *ARTICLE,
        "23 Comments",
        "tramfan99 says:",
        "This is the best news the city has had in years and I hope they build it quickly.",
        "oldtowner says:",
        "Another waste of money that nobody asked for, and the park will never be the same.",
    ]
    keep = select_article(_classify(lines))
    assert [lines[i] for i in keep] == ARTICLE


def test_article_split_by_an_inline_teaser_box_is_kept_whole() -> None:
    lines = [
        *ARTICLE[:2],
        "Related stories",
        "Bus fares frozen for a second year",
        *ARTICLE[2:],
    ]
    keep = select_article(_classify(lines))
    assert [lines[i] for i in keep] == ARTICLE


def test_comment_thread_heading_in_another_language_ends_the_article() -> None:
    lines = [
        *ARTICLE,
        "Deixe uma resposta",
        "Ótimo artigo, muito obrigado pela explicação tão clara e completa sobre o assunto.",
        "Concordo totalmente com tudo o que foi dito aqui e vou partilhar com os amigos.",
    ]
    keep = select_article(_classify(lines))
    assert [lines[i] for i in keep] == ARTICLE


def test_comments_button_in_a_share_bar_does_not_end_the_article() -> None:
    teaser = (
        "Our weekly market report covers prices, volumes and the outlook for the coming "
        "months across the region, with charts and tables for every sector."
    )
    lines = [teaser, "Facebook", "Comments", "Print", *ARTICLE]
    keep = select_article(_classify(lines))
    assert [lines[i] for i in keep][-len(ARTICLE) :] == ARTICLE
