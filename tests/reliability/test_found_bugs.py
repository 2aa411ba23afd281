"""Bugs the reliability suite found in modules it does not own, pinned until they are fixed.

Each test asserts the correct behaviour and is marked xfail(strict=True): when the
owner fixes the bug the test passes, strict mode turns that into a failure, and
the marker must be removed so the test guards the fix from then on.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import cli
from reader.ingest.pasted import extract_pasted
from reader.library import Library
from reader.search.errors import QuerySyntaxError


def test_a_last_paragraph_opening_with_the_authors_first_name_is_kept() -> None:
    text = (
        "Port strike enters second week\n\nBy Anna Fischer\n\n"
        "Dock workers in Ghent extended their strike on Tuesday after talks with the port "
        "authority broke down for the third time this month.\n\n"
        "The union said its members would not return until the new rota was withdrawn, and "
        "that a ballot on further action would be held next week.\n\n"
        "Anna Kovalenko, who chairs the shippers' association, said the dispute was costing "
        "exporters millions of euros a day and urged both sides to accept mediation.\n"
    )
    assert "Anna Kovalenko, who chairs" in extract_pasted(text).body_text


def test_a_paragraph_whose_sentences_open_alike_keeps_both() -> None:
    text = (
        "Council approves new budget\n\n"
        "The council said that the bridge would close for repairs on Monday. The council "
        "said that the bridge would close for repairs until the end of May.\n\n"
        "Traders on both banks of the river said they had not been consulted and feared "
        "losing customers during the busiest weeks of the spring.\n\n"
        "A spokesman for the mayor said detours would be signposted from the ring road.\n"
    )
    body = extract_pasted(text).body_text
    assert "would close for repairs on Monday" in body


def test_a_field_with_an_unclosed_group_is_a_syntax_error(archive_dir: Path) -> None:
    with Library(archive_dir) as lib, pytest.raises(QuerySyntaxError):
        lib.search("title:(")


def test_json_before_the_command_is_honoured(
    archive_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["--archive", str(archive_dir), "--json", "list"]) == 0
    assert capsys.readouterr().out.strip() == "[]"
