"""The outlet's name, where a pasted page names itself."""

from __future__ import annotations

from reader.ingest.outlet import find_outlet


def test_outlet_from_its_own_sign_up_text() -> None:
    lines = [
        "Council backs new tram line",
        "I would like to be emailed about offers, events and updates from The Harbour Post. "
        "Read our Privacy notice",
        "The council approved the plan on Thursday.",
    ]
    assert find_outlet(lines) == "The Harbour Post"


def test_logo_initials_pick_the_outlet_among_candidates() -> None:
    lines = [
        "MV short logo",
        "Photo: (Ana Ruiz/The Mountain Voice)",
        "Support our journalism and help us grow the Mountain Voice: become a member today.",
    ]
    assert find_outlet(lines) == "The Mountain Voice"


def test_copyright_line_names_the_outlet() -> None:
    assert find_outlet(["Some text.", "© 2024 Riverside Gazette. All rights reserved."]) == (
        "Riverside Gazette"
    )


def test_no_self_reference_gives_none() -> None:
    assert find_outlet(["The council approved the plan.", "It will cost 40 million euros."]) is None
