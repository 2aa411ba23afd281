"""Snippets and highlight spans: the matched words, marked where a reader sees them."""

from __future__ import annotations

from reader.search import SnippetStyle, match_spans

TEXT = (
    "Evacuation trains left Zelenopol twice a day. Volunteers at the station handed out "
    "tea. "
    + "Nothing else happened that week in the quiet town by the river. " * 8
    + "By Friday the last trains had gone and the station was closed to the public."
)


def marked(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_spans_cover_stemmed_and_case_folded_matches():
    assert marked(TEXT, match_spans("train STATION", TEXT)) == [
        "trains",
        "station",
        "trains",
        "station",
    ]


def test_spans_cover_whole_phrases_only_where_adjacent():
    text = "The talks on a ceasefire failed. Ceasefire talks resume today."
    assert marked(text, match_spans('"ceasefire talks"', text)) == ["Ceasefire talks"]


def test_spans_skip_negated_words_and_other_fields():
    assert marked(TEXT, match_spans("tea NOT trains outlet:station", TEXT)) == ["tea"]


def test_spans_of_prefix_fuzzy_and_accented_text():
    text = "Le café de Évora ouvre. Cafeteria staff in Evora and Evorra agreed."
    assert marked(text, match_spans("evora~", text)) == ["Évora", "Evora", "Evorra"]
    assert marked(text, match_spans("caf*", text)) == ["café", "Cafeteria"]


def test_snippet_is_short_and_centred_on_the_densest_matches():
    from reader.search.snippets import make_snippet

    spans = match_spans("trains station closed", TEXT)
    snippet = make_snippet(TEXT, spans, SnippetStyle(width=120))
    assert len(snippet) < 160
    assert "«closed»" in snippet and "«station»" in snippet
    assert snippet.startswith("…")


def test_snippet_markers_and_html_escaping_are_configurable():
    from reader.search.snippets import make_snippet

    text = "Prices <rose> & trains were late."
    style = SnippetStyle(before="<b>", after="</b>", escape_html=True)
    snippet = make_snippet(text, match_spans("trains", text), style)
    assert snippet == "Prices &lt;rose&gt; &amp; <b>trains</b> were late."


def test_snippet_without_matches_shows_the_beginning():
    from reader.search.snippets import make_snippet

    snippet = make_snippet(TEXT, [], SnippetStyle(width=60))
    assert snippet.startswith("Evacuation trains") and snippet.endswith("…")
