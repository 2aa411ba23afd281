"""Seeded generator of import batches: template articles plus hostile files."""

from __future__ import annotations

import html
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FIRST = ["Anna", "Pieter", "Olena", "Marco", "Sofia", "Tomas", "Ines", "Karl", "Leila", "Jonas"]
FIRST += ["Marta", "Daniel", "Ruth", "Emil", "Nadia", "Victor", "Helena", "Samuel", "Clara"]
LAST = ["Kovalenko", "de Vries", "Moretti", "Lindqvist", "Novak", "Haddad", "Brennan"]
LAST += ["Okafor", "Schulz", "Petrov", "Almeida", "Fischer", "Varga", "Jansen", "Costa"]
ORGS = [
    "the Ministry of Transport",
    "the Harbour Authority",
    "the Red Cross",
    "the National Bank",
    "the Teachers Union",
    "the European Commission",
    "the Court of Auditors",
    "the State Railway Company",
    "the Meteorological Institute",
    "the Dockworkers Federation",
]
PLACES = ["Antwerp", "Gdansk", "Lyon", "Porto", "Tallinn", "Bergen", "Bologna", "Utrecht"]
PLACES += ["Malmo", "Graz", "Rotterdam", "Valencia", "Krakow", "Ghent", "Hamburg"]
OUTLETS = ["The Morning Ledger", "Harbour Post", "Evening Courier", "The Civic Review"]
TOPICS = [
    ("strike", "container traffic", "halted"),
    ("flood", "rail services", "suspended"),
    ("budget", "school meals", "cut"),
    ("inquiry", "ferry crossings", "delayed"),
    ("heatwave", "hospital admissions", "doubled"),
    ("election", "polling stations", "closed early"),
    ("merger", "local branches", "shut"),
    ("fire", "warehouse stocks", "destroyed"),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
BOILERPLATE = [
    "Advertisement",
    "Share this article",
    "Sign up for our morning newsletter",
    "Most read",
    "Skip to main content",
    "Accept all cookies",
]


@dataclass(frozen=True)
class Article:
    """One generated article: its metadata, paragraphs and a sentence unique to it."""

    title: str
    author: str
    outlet: str
    date: str
    paragraphs: list[str]
    marker: str

    @property
    def sentences(self) -> list[str]:
        """Every body sentence, as written."""
        out = []
        for para in self.paragraphs:
            out.extend(s.strip() + "." for s in para.split(". ") if s.strip())
        return [s.replace("..", ".") for s in out]


def person(rng: random.Random) -> str:
    """A made-up full name."""
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def make_article(rng: random.Random, n: int) -> Article:
    """A short news article from templates; `n` makes it unique."""
    topic, thing, effect = rng.choice(TOPICS)
    place, place2 = rng.sample(PLACES, 2)
    org, org2 = rng.sample(ORGS, 2)
    who, who2 = person(rng), person(rng)
    # The reporter is not one of the people quoted. (A paragraph opening with the
    # byline's first name is dropped as an "author bio": a known bug, pinned by
    # test_properties.py::test_a_last_paragraph_opening_with_the_authors_first_name_is_kept.)
    quoted = set(who.split()) | set(who2.split())
    author = person(rng)
    while set(author.split()) & quoted:
        author = person(rng)
    month, day = rng.choice(MONTHS), rng.choice(WEEKDAYS)
    count = rng.randint(12, 4000)
    code = f"{rng.choice('KLMNPR')}-{n:04d}-{rng.randint(10, 99)}"
    marker = (
        f"{who2} said the review, registered as case {code}, would report "
        f"within {rng.randint(5, 90)} days."
    )
    paragraphs = [
        f"{who}, a spokesperson for {org}, said on {day} that {count} people had been "
        f"affected by the {topic} in {place}. The figure was higher than the estimate "
        f"published by the city council the week before.",
        f"The {topic} began early in {month}, when {thing} in {place} were {effect} "
        f"without warning. Residents told reporters that they had received no information "
        f"for several days and that the helpline was constantly busy.",
        f"According to documents seen by the {rng.choice(OUTLETS)}, {org2} had warned about "
        f"the risk in a letter sent to the regional government in {place2}. {marker}",
        f"{who2} added that the lessons of the {topic} would be discussed with unions and "
        f'employers before the end of the year. "We owe the people of {place} a clear '
        f'account of what went wrong," {who2.split()[-1]} said.',
    ]
    if rng.random() < 0.5:
        paragraphs.append(
            f"Officials in {place2} said they expected to publish a full report by {month} "
            f"{rng.randint(2025, 2027)}, and that compensation claims could be filed online "
            f"or at the town hall from next week."
        )
    title = (
        f"{topic.capitalize()} in {place}: {thing} {effect} as {org.removeprefix('the ')} responds"
    )
    date = f"{rng.randint(1, 28)} {month} {rng.randint(2023, 2025)}"
    return Article(title, author, rng.choice(OUTLETS), date, paragraphs, marker)


def as_pasted(article: Article, rng: random.Random) -> str:
    """The article as text copied from a web page, with some menu and promo lines."""
    lines = []
    if rng.random() < 0.6:
        lines += rng.sample(BOILERPLATE, 2)
    lines += [article.title, f"By {article.author}", article.date, ""]
    for k, para in enumerate(article.paragraphs):
        lines += [para, ""]
        if k == 1 and rng.random() < 0.4:
            lines += ["Advertisement", ""]
    if rng.random() < 0.5:
        lines += ["Share this article", "Related stories", "Most read"]
    return "\n".join(lines) + "\n"


def as_html(article: Article, *, extras: str = "") -> str:
    """The article as a saved news page; `extras` is markup placed inside the article."""
    e = html.escape
    paras = "\n".join(f"<p>{e(p)}</p>" for p in article.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{e(article.title)} | {e(article.outlet)}</title>
<meta property="og:site_name" content="{e(article.outlet)}">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{e(article.title)}</h1>
<p class="byline">By {e(article.author)}</p>
<time datetime="2024-05-02">{e(article.date)}</time>
{extras}
{paras}
</article>
<footer><p>&copy; {e(article.outlet)}. All rights reserved.</p></footer>
</body></html>
"""


# -- the hostile inputs -----------------------------------------------------


@dataclass
class Hostile:
    """A hostile file and what must happen to it.

    Attributes:
        name: file name inside the batch folder.
        outcome: "refused" (reported in `failed` with a reason matching `reason`)
            or "imported" (stored, with `keep` sentences in its text and none of
            `forbid` strings).
    """

    name: str
    outcome: str
    reason: str = ""
    keep: list[str] = field(default_factory=list)
    forbid: list[str] = field(default_factory=list)


@dataclass
class Batch:
    """A generated import folder."""

    root: Path
    good: dict[str, Article] = field(default_factory=dict)  # file name -> article
    hostile: list[Hostile] = field(default_factory=list)
    # Called from the import's progress callback with the path about to be read.
    on_progress: list[Callable[[str], None]] = field(default_factory=list)

    def progress(self, _done: int, _total: int, path: str) -> None:
        """Progress callback that sabotages files just before they are read."""
        for hook in self.on_progress:
            hook(path)


HOSTILE_SCRIPT = """
<style>.ad-slot {{ display: block }} body {{ font-family: zqxcssfont }}</style>
<script>var zqxscriptvar = "track"; document.write("zqxscriptwrite");</script>
<script type="application/json">{{"zqxjsonblob": true}}</script>
<noscript><img src="https://tracker.invalid/pixel.gif?zqxnoscript"></noscript>
<iframe src="https://ads.invalid/frame.html">zqxiframetext</iframe>
<form action="https://collect.invalid/post"><label>zqxformlabel</label>
<input name="email" value="zqxforminput"><button>zqxbuttontext</button></form>
<img src="https://images.invalid/photo.jpg" alt="">
<link rel="stylesheet" href="https://cdn.invalid/site.css">
"""


def _write(root: Path, name: str, data: bytes) -> None:
    (root / name).write_bytes(data)


def make_batch(
    root: Path, *, seed: int, n_good: int, max_bytes: int, long_line: bool = True
) -> Batch:
    """Write `n_good` good articles and the hostile files into `root`.

    `long_line` adds the 2 MB single-line file (minutes of entity recognition).
    """
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    batch = Batch(root)
    for n in range(n_good):
        art = make_article(rng, n)
        if n % 3 == 2:
            name = f"good-{n:04d}.html"
            _write(root, name, as_html(art).encode())
        else:
            name = f"good-{n:04d}.txt"
            _write(root, name, as_pasted(art, rng).encode())
        batch.good[name] = art
    _add_hostile(batch, rng, max_bytes, n_good, long_line)
    return batch


def _add_hostile(
    batch: Batch, rng: random.Random, max_bytes: int, base: int, long_line: bool
) -> None:
    root, h = batch.root, batch.hostile
    arts = [make_article(rng, base + 1000 + k) for k in range(16)]

    def refused(name: str, data: bytes, reason: str) -> None:
        _write(root, name, data)
        h.append(Hostile(name, "refused", reason))

    def imported(name: str, data: bytes, art: Article, forbid: list[str] | None = None) -> None:
        _write(root, name, data)
        h.append(Hostile(name, "imported", keep=[art.marker], forbid=forbid or []))

    refused("empty.txt", b"", "empty")
    refused("blank.md", b"  \n\n\t \r\n", "empty")
    refused("photo.html", b"\x89PNG\r\n\x1a\n" + rng.randbytes(3000), "binary")
    refused("noise.txt", rng.randbytes(6000), "binary|decode")
    nul = as_pasted(arts[0], rng).encode()
    refused("nul-bytes.txt", nul[:300] + b"\x00" * 40 + nul[300:], "binary|NUL")
    refused(
        "only-markup.html", b"<html><head><title>x</title></head><body></body></html>", "no article"
    )
    refused("cut-header.html", b"<!DOCTYPE html><html><head><tit", "no article")
    refused("too-big.txt", as_pasted(arts[1], rng).encode() * (max_bytes // 1000 + 2), "too large")
    page = as_html(arts[2]).encode()
    cut = page.index(arts[2].marker.encode()) + len(arts[2].marker) + 20
    imported("truncated.html", page[:cut], arts[2])
    deep = "<div>" * 10_000 + "".join(f"<p>{html.escape(p)}</p>" for p in arts[3].paragraphs)
    imported("nested.html", f"<html><body>{deep}</body></html>".encode(), arts[3])
    # Prose without one line break: a paste from an app that drops them. Built
    # from varied sentences (a long *repeating* line is a separate known problem,
    # see bench/reliability/RESULTS.md).
    pieces = [arts[4].marker]
    while long_line and sum(map(len, pieces)) < 2_000_000:
        pieces.extend(make_article(rng, 50_000 + len(pieces)).paragraphs)
    if long_line:
        imported("long-line.txt", " ".join(pieces).encode(), arts[4])
    bad_utf8 = as_pasted(arts[5], rng).encode().replace(b". The ", b". \xff\xfeThe ", 2)
    imported("bad-utf8.txt", bad_utf8, arts[5])
    mixed = as_pasted(arts[6], rng)
    half = len(mixed) // 2
    mixed_bytes = mixed[:half].encode("utf-8") + (mixed[half:] + " Caf\u00e9 cr\u00e8me.").encode(
        "cp1252", "replace"
    )
    imported("mixed-encodings.txt", mixed_bytes, arts[6])
    imported("utf16le.txt", as_pasted(arts[7], rng).encode("utf-16-le"), arts[7])
    imported("utf16be.html", as_html(arts[8]).encode("utf-16-be"), arts[8])
    forbid = ["zqx", "tracker.invalid", "display: block", "document.write"]
    imported("scripts.html", as_html(arts[9], extras=HOSTILE_SCRIPT).encode(), arts[9], forbid)
    cp1251 = "Новости\n\n" + "\n\n".join(
        "Жители города сообщили, что движение поездов было остановлено на несколько дней. "
        f"Власти обещают опубликовать доклад к концу месяца, номер дела {k}."
        for k in range(5)
    )
    _write(root, "cyrillic-1251.txt", cp1251.encode("cp1251"))
    h.append(Hostile("cyrillic-1251.txt", "imported", keep=["Жители города сообщили"]))
    refused("report.txt", b"%PDF-1.7\n" + rng.randbytes(2000), "binary")
    refused(
        "only-scripts.html", b"<html><body><script>var a = 1;</script></body></html>", "no article"
    )
    western = as_pasted(arts[12], rng).replace("Residents", "R\u00e9sidents")
    imported("windows-1252.txt", western.encode("cp1252"), arts[12])
    h[-1].keep.append("R\u00e9sidents told reporters")
    imported("utf8-bom.txt", b"\xef\xbb\xbf" + as_pasted(arts[13], rng).encode(), arts[13])
    bells = as_pasted(arts[14], rng).replace("\n\n", "\n\x07\x1b[0m\u200b\n", 3)
    imported("control-chars.txt", bells.encode(), arts[14], ["\x07", "\x1b"])
    _add_vanishing(batch, arts[10:12])
    _add_links(batch)


def _add_vanishing(batch: Batch, arts: list[Article]) -> None:
    """Files sabotaged by the progress callback just before the importer reads them."""
    root, rng = batch.root, random.Random(7)
    gone = root / "vanishes.txt"
    gone.write_text(as_pasted(arts[0], rng), encoding="utf-8")
    batch.hostile.append(Hostile(gone.name, "refused", "disappeared"))
    dir_swap = root / "turns-into-folder.txt"
    dir_swap.write_text(as_pasted(arts[1], rng), encoding="utf-8")
    batch.hostile.append(Hostile(dir_swap.name, "refused", "folder|directory"))

    def sabotage(path: str) -> None:
        p = Path(path)
        if p == gone and p.exists():
            p.unlink()
        elif p == dir_swap and p.is_file():
            p.unlink()
            p.mkdir()

    batch.on_progress.append(sabotage)
    if os.geteuid() != 0:  # root reads a mode-000 file anyway; the folder swap covers it
        locked = root / "becomes-unreadable.txt"
        locked.write_text(as_pasted(arts[0], rng) + "Locked.", encoding="utf-8")
        batch.hostile.append(Hostile(locked.name, "refused", "permission"))
        batch.on_progress.append(lambda path: Path(path) == locked and locked.chmod(0))
    os.mkfifo(root / "pipe.txt")  # opening it for reading would wait for a writer
    batch.hostile.append(Hostile("pipe.txt", "refused", "not a regular file"))


def _add_links(batch: Batch) -> None:
    root = batch.root
    (root / "dangling.txt").symlink_to(root / "never-existed.txt")
    batch.hostile.append(Hostile("dangling.txt", "refused", "dangling"))
    (root / "loop-a.txt").symlink_to(root / "loop-b.txt")
    (root / "loop-b.txt").symlink_to(root / "loop-a.txt")
    batch.hostile.append(Hostile("loop-a.txt", "refused", "loop"))
    batch.hostile.append(Hostile("loop-b.txt", "refused", "loop"))
    (root / "sub").mkdir()
    (root / "sub" / "back-to-top").symlink_to(root)  # a folder loop: must end
