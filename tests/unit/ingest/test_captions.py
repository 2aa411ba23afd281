"""Image captions: undoing gallery doubling and telling captions from body text."""

from __future__ import annotations

from reader.ingest.captions import is_placeholder, looks_like_caption, undouble


def test_gallery_doubled_caption_keeps_the_credited_copy() -> None:
    line = (
        "Firefighters on the ridge above Patrasview full screenFirefighters on the ridge "
        "above Patras (Eleni Markou/Coast Herald)"
    )
    assert undouble(line) == (
        "view full screen",
        "Firefighters on the ridge above Patras (Eleni Markou/Coast Herald)",
    )


def test_sentence_repeating_its_opening_is_not_a_doubled_caption() -> None:
    line = "The river rose again. The river rose again on Sunday, and again on Monday."
    assert undouble(line) is None


def test_credit_in_brackets_marks_a_caption() -> None:
    assert looks_like_caption("A farmer inspects a flooded field near Tulln (AFP via Getty Images)")
    assert looks_like_caption("Sandbags in Krems on March 1. (Petra Novak/The Greenfield Courier)")


def test_body_sentences_are_not_captions() -> None:
    assert not looks_like_caption("The mayor said the plan (approved last year) would go ahead.")
    assert not looks_like_caption("Officials expect the water to fall by Friday.")


def test_line_after_image_placeholder_is_a_caption() -> None:
    assert is_placeholder("Article image")
    assert looks_like_caption("Sandbags line the promenade in Melk", after_placeholder=True)
    assert not is_placeholder("The image of the flooded square spread quickly online.")


def test_wire_photo_descriptions_are_captions() -> None:
    assert looks_like_caption(
        "In this March 3, 2021, file photo, ferries wait at the quay in Tallinn, Estonia."
    )
    assert looks_like_caption("Fans cheer in Porto on Sunday (AP Photo/Ana Brito)")
    assert not looks_like_caption("In this town, people still remember the flood of 1954.")


def test_a_two_megabyte_line_repeating_itself_is_not_searched_for_doubling() -> None:
    import time

    from reader.ingest.pasted import extract_pasted

    line = "The strike began early in March when traffic stopped. " * 40_000
    start = time.perf_counter()
    assert undouble(line.strip()) is None  # far longer than any caption
    body = extract_pasted(line).body_text
    # The repeat search alone once took 146 s on this line.
    assert time.perf_counter() - start < 30.0
    assert body.startswith("The strike began early in March when traffic stopped.")
