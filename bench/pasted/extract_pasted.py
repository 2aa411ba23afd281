"""Print the cleaned article of one pasted-text file as JSON, for the benchmark scorer."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.ingest.pasted import extract_pasted  # noqa: E402


def main() -> None:
    """Read the file named on the command line and print the extraction."""
    raw = Path(sys.argv[1]).read_bytes().decode("utf-8", errors="replace")
    doc = extract_pasted(raw)
    out = {
        "title": doc.title,
        "authors": doc.authors,
        "published": doc.published,
        "outlet": doc.outlet,
        "url": doc.url,
        "language": doc.language,
        "text": doc.body_text,
    }
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
