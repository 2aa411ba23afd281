"""Extraction of articles from saved HTML pages: text, metadata and robustness."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reader.ingest.html import extract_html
from reader.ingest.html_meta import clean_authors, clean_title
from reader.ingest.model import Extracted

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "html"

PARAGRAPHS = [
    "The ferry linking the mainland with Marrow Island returned to service on Tuesday",
    "About forty passengers, most of them islanders returning",
    "Engineers had originally hoped to finish the work within a fortnight",
    "During the closure, a smaller passenger boat carried essential supplies",
    '"It has been a long six weeks, and people here are relieved," said Martha Quill',
    "The council said it would review the condition of other harbour structures",
]


@pytest.fixture(scope="module")
def article_html() -> str:
    return (FIXTURES / "news_article.html").read_text("utf-8")


@pytest.fixture(scope="module")
def article(article_html: str) -> Extracted:
    return extract_html(article_html)


def test_every_paragraph_is_its_own_block_in_order(article):
    body = [b.text for b in article.blocks if b.kind == "body"]
    assert len(body) == len(PARAGRAPHS)
    for block, start in zip(body, PARAGRAPHS, strict=True):
        assert block.startswith(start)


def test_subheading_is_a_heading_block(article):
    headings = [b.text for b in article.blocks if b.kind == "heading"]
    assert headings == ["Repairs took longer than planned"]


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Home",  # navigation
        "Weather",
        "newsletter",  # sign-up box
        "Email address",
        "Storm damage closes Marrow harbour",  # related links
        "Winter ferry timetable announced",
        "seagull42",  # comments
        "what a disgrace",
        "All rights reserved",  # footer
        "Privacy",
    ],
)
def test_boilerplate_is_not_in_the_text(article, boilerplate):
    assert boilerplate.lower() not in article.text.lower()


def test_headline_and_byline_are_not_repeated_in_the_body(article):
    assert "Ferry service to Marrow Island resumes" not in article.body_text
    assert not article.body_text.startswith("By ")


@pytest.mark.parametrize(
    "leak",
    ["TRACKING-SCRIPT-TEXT", "dataLayer", "IFRAME-FALLBACK-TEXT", "ferry-ramp.jpg", "cdn."],
)
def test_scripts_frames_and_remote_images_never_reach_the_text(article, leak):
    assert leak not in article.text


def test_title_without_site_suffix(article):
    assert article.title == "Ferry service to Marrow Island resumes after storm repairs"


def test_authors_are_bare_names(article):
    assert article.authors == ["Jane Doe", "John Roe"]


def test_published_is_the_original_date_not_the_update(article):
    assert article.published == "2023-03-14"


def test_canonical_url_outlet_and_language(article):
    assert article.url == "https://www.coastal-ledger.example/news/2023/03/ferry-service-resumes"
    assert article.outlet == "The Coastal Ledger"
    assert article.language == "en"


def test_url_argument_is_used_when_page_has_no_canonical(article_html):
    page = article_html.replace('<link rel="canonical"', '<link rel="alternate"')
    result = extract_html(page, url="https://mirror.example/ferry.html")
    assert result.url == "https://mirror.example/ferry.html"


def test_figure_caption_is_a_caption_block_where_the_image_was(article):
    caption = "Workers inspect the rebuilt landing ramp at Marrow harbour on Monday evening."
    kinds = [(b.kind, b.text) for b in article.blocks]
    position = kinds.index(("caption", caption))
    assert kinds[position - 1][1].startswith("About forty passengers")
    assert kinds[position + 1] == ("heading", "Repairs took longer than planned")
    assert caption not in article.body_text


def test_caption_marked_as_caption_and_kept_out_of_body(article_html):
    caption = "Workers inspect the rebuilt landing ramp at Marrow harbour on Monday evening."
    figure = article_html[article_html.index("<figure>") : article_html.index("</figure>") + 9]
    page = article_html.replace(
        figure,
        f'<div class="photo"><img src="r.jpg"><p class="photo-credit">{caption}</p></div>',
    )
    result = extract_html(page)
    assert caption in result.text
    assert caption not in result.body_text
    assert [b.kind for b in result.blocks if b.text == caption] == ["caption"]


def test_language_follows_the_text_when_the_template_declares_another():
    paragraphs = "".join(
        f"<p>{s}</p>"
        for s in [
            "Die Stadtverwaltung hat am Montag angekündigt, dass die Brücke über den Fluss "
            "ab dem kommenden Frühjahr für den Autoverkehr gesperrt wird.",
            "Nach Angaben der Ingenieure ist der Beton an mehreren Stellen so stark "
            "beschädigt, dass eine Sanierung nicht mehr wirtschaftlich wäre.",
            "Für Fußgänger und Radfahrer soll eine provisorische Brücke errichtet werden, "
            "die noch vor dem Sommer fertig sein könnte.",
        ]
    )
    page = (
        '<html lang="en"><head><title>Brücke gesperrt</title></head>'
        f"<body><article>{paragraphs}</article></body></html>"
    )
    assert extract_html(page).language == "de"


def test_title_with_leading_site_name():
    assert (
        clean_title(
            "Coastal Ledger - Harbour reopens after repairs",
            None,
            "https://coastal-ledger.example/x",
        )
        == "Harbour reopens after repairs"
    )


def test_title_keeps_separators_that_belong_to_the_headline():
    title = "Budget 2024: what changes for renters | The Daily Example"
    assert clean_title(title, "The Daily Example", None) == "Budget 2024: what changes for renters"


def test_headline_that_mentions_the_site_is_not_cut():
    title = "The Coastal Ledger view on ferries: a lifeline, not a luxury | Opinion"
    cleaned = clean_title(title, "The Coastal Ledger", "https://coastal-ledger.example/x")
    assert cleaned is not None and cleaned.startswith("The Coastal Ledger view on ferries")


def test_site_name_before_a_colon_is_cut():
    title = "Coastal Ledger: Storm closes the harbour road"
    assert clean_title(title, "Coastal Ledger", None) == "Storm closes the harbour road"


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By JANE DOE, Senior Correspondent and Max Mustermann", ["Jane Doe", "Max Mustermann"]),
        ("Ana Lima; Staff Writer", ["Ana Lima"]),
        ("Written by Tom Baker & Rosa Diaz (@rosad)", ["Tom Baker", "Rosa Diaz"]),
        ("Priya Patel, AP Business Writer", ["Priya Patel"]),
        ("Lena Ortiz Business Columnist", ["Lena Ortiz"]),
        ("OMAR HADDAD Associated Press", ["Omar Haddad"]),
        ("Associated Press", []),
        ("Theresa May, Jan Novak", ["Theresa May", "Jan Novak"]),
        ("Carrie Brandt November 15, 2019", ["Carrie Brandt"]),
    ],
)
def test_byline_is_split_into_names(raw, names):
    assert clean_authors(raw) == names


def _deep(levels: int) -> str:
    sentence = "This sentence sits at the very bottom of a pathologically deep page."
    return (
        "<html><body>"
        + "<div>" * levels
        + f"<p>{sentence}</p>"
        + "</div>" * levels
        + "</body></html>"
    )


@pytest.mark.parametrize(
    "page",
    [
        "",
        "   \n ",
        "<html><body><p>Truncated in the middle of a sent",
        "\x00\x01\x02<html>\x00<body>\x07",
        "<<<>>><p><b><i></p></b>&&&;&#xZZZ;<script>",
        "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>",
        "<iframe src='https://x.example'></iframe>" * 500,
        "plain text, no markup at all",
    ],
)
def test_malformed_input_never_raises(page):
    assert isinstance(extract_html(page), Extracted)


def test_deeply_nested_page_still_yields_its_text():
    result = extract_html(_deep(10_000))
    assert "pathologically deep page" in result.body_text
    assert "SCRIPT-IN-DEEP-PAGE" not in result.text


def test_huge_page_is_handled_quickly():
    paragraph = "<p>" + " ".join(["harbour ferry council island"] * 40) + ".</p>"
    page = "<html><body><article>" + paragraph * 1000 + "</article></body></html>"
    start = time.perf_counter()
    result = extract_html(page)
    assert time.perf_counter() - start < 30
    assert result.blocks


@pytest.fixture(scope="module")
def blog() -> Extracted:
    return extract_html((FIXTURES / "blog_post.html").read_text("utf-8"))


def test_embedded_post_in_a_share_widget_is_kept(blog):
    assert "Packed village hall tonight for the mill bridge meeting." in blog.body_text


@pytest.mark.parametrize(
    "teaser",
    [
        "Flood meeting draws record crowd",  # "Related:" link inside the text
        "Canal towpath reopens",  # list of links to other posts
        "A short history of the mill",
        "GET OUR APP",  # shouting call to action
        "Filed under",  # filing note after the article
        "4 min read",  # reading time above the article
        "Leave a reply",
        "Archive",
    ],
)
def test_teasers_and_labels_are_dropped(blog, teaser):
    assert teaser.lower() not in blog.text.lower()


def test_article_paragraphs_around_teasers_survive(blog):
    assert blog.body_text.startswith("The stone bridge by the old mill")
    assert blog.body_text.endswith("runs for eight weeks.")
    assert "Priya Natarajan" in blog.body_text


def test_json_ld_publication_date_wins_over_modified_date_and_link_dates(blog):
    # The page links to older posts with dates in their URLs, and was modified
    # later; neither is when this post was first published.
    assert blog.published == "2021-06-02"
    assert blog.title == "Why the old mill bridge matters"
    assert blog.authors == ["Sam Ellery"]


def test_page_of_countless_inline_tags_is_handled_in_bounded_time():
    sentence = "<p>The closing paragraph of an absurd page still has real words in it.</p>"
    page = "<html><body>" + "<span>a</span>" * 50_000 + sentence + "</body></html>"
    start = time.perf_counter()
    result = extract_html(page)
    assert time.perf_counter() - start < 30
    assert "real words in it" in result.text
