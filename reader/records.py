"""Plain records the Library returns: what the CLI prints and the GUI shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from reader.types import ArticleId


@dataclass(frozen=True)
class ArticleSummary:
    """One row of the library list."""

    id: ArticleId
    title: str
    outlet: str | None
    authors: list[str]
    published: str | None
    language: str | None
    words: int
    near_group: int | None = None

    def to_json(self) -> dict[str, Any]:
        """The `list --json` shape."""
        return asdict(self)


@dataclass(frozen=True)
class ArticleDetail:
    """One article with its text, for reading."""

    id: ArticleId
    title: str
    subtitle: str | None
    outlet: str | None
    authors: list[str]
    published: str | None
    language: str | None
    words: int
    url: str | None
    text: str
    blocks: list[tuple[int, int, str]]
    imported_at: str
    sha256: str
    media_type: str
    source_path: str | None
    near_group: int | None
    pipeline_version: str

    def to_json(self) -> dict[str, Any]:
        """The `show --json` shape."""
        data = asdict(self)
        data["blocks"] = [list(b) for b in self.blocks]
        return data


@dataclass
class ImportReport:
    """What an import did, file by file."""

    imported: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    failed: list[dict[str, Any]] = field(default_factory=list)
    cancelled: bool = False

    def to_json(self) -> dict[str, Any]:
        """The `import --json` shape."""
        return {
            "imported": self.imported,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "cancelled": self.cancelled,
        }


@dataclass
class CheckReport:
    """What `check` found and what `check --repair` fixed."""

    articles: int = 0
    originals: int = 0
    problems: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong (after repairs)."""
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        """The `check --json` shape."""
        return {
            "ok": self.ok,
            "articles": self.articles,
            "originals": self.originals,
            "problems": self.problems,
            "repaired": self.repaired,
        }


@dataclass(frozen=True)
class AnnotationView:
    """One annotation as the CLI prints it and the GUI lists it."""

    id: int
    article: int
    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    note: str
    tags: list[str]
    colour: str
    orphaned: bool
    created: str
    updated: str
    links: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `annotations list --json` shape."""
        return asdict(self)
