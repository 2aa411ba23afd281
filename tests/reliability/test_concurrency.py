"""Two processes importing into one archive at once, with searches running meanwhile."""

from __future__ import annotations

import json
import random
import shutil
import time
from pathlib import Path

from reliability_checks import check_then_repair, verify_database
from reliability_children import Child, ForkServer
from reliability_corpus import as_html, as_pasted, make_article

SEED = 4242


def _quiet(child: Child) -> str:
    out, err = child.output()
    assert "Traceback" not in err and "database is locked" not in err, err
    return out


def test_two_importers_and_searches_share_one_new_archive(
    tmp_path: Path, fork_server: ForkServer
) -> None:
    rng = random.Random(SEED)
    pool = tmp_path / "pool"
    pool.mkdir()
    markers = []
    for n in range(24):
        article = make_article(rng, n)
        markers.append(article.marker)
        text = as_html(article) if n % 3 == 0 else as_pasted(article, rng)
        (pool / f"s{n:02d}.{'html' if n % 3 == 0 else 'txt'}").write_text(text, encoding="utf-8")
    files = sorted(pool.iterdir())
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for f in files[:16]:
        shutil.copy(f, first / f.name)
    for f in files[8:]:  # eight files in both folders
        shutil.copy(f, second / f.name)

    archive = tmp_path / "archive"  # does not exist yet: both processes create it
    a = fork_server.spawn(["--archive", str(archive), "import", "--json", str(first)])
    b = fork_server.spawn(["--archive", str(archive), "import", "--json", str(second)])
    searches = []
    for _ in range(6):
        time.sleep(rng.uniform(0.1, 0.6))
        searches.append(fork_server.run(["--archive", str(archive), "search", "spokesperson"]))
    fork_server.wait(a)
    fork_server.wait(b)

    reports = [json.loads(_quiet(c)) for c in (a, b)]
    assert [c.returncode for c in (a, b)] == [0, 0], [r["failed"] for r in reports]
    imported = [r for rep in reports for r in rep["imported"]]
    duplicates = [r for rep in reports for r in rep["duplicates"]]
    assert len(imported) == 24 and len({r["id"] for r in imported}) == 24
    assert len(duplicates) == 8  # the shared files, whichever process got there first
    by_id = {r["id"] for r in imported}
    assert all(d["id"] in by_id for d in duplicates)

    sources = verify_database(archive, expect_mentions=True)
    assert len(sources) == 24
    check_then_repair(archive)
    for child in searches:
        out, err = child.output()
        assert "Traceback" not in err
        if child.returncode == 0:
            assert "match(es)" in out
        else:  # a refusal is fine if it says why in one line
            assert err.startswith("parallax: ") and len(err.strip().splitlines()) == 1, err
    final = fork_server.run(["--archive", str(archive), "search", "--json", "spokesperson"])
    assert json.loads(_quiet(final))["total"] == 24
