"""Print extract_html's result for one saved page as JSON (for evaluate.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.ingest.html import extract_html  # noqa: E402


def main() -> None:
    """Read the page given on the command line (as UTF-8) and print its extraction."""
    path = Path(sys.argv[1])
    markup = path.read_bytes().decode("utf-8", errors="replace")
    result = extract_html(markup)
    print(
        json.dumps(
            {
                "title": result.title,
                "authors": result.authors,
                "published": result.published,
                "outlet": result.outlet,
                "url": result.url,
                "language": result.language,
                "text": result.body_text,
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
