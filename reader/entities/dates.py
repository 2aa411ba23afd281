"""DATE mentions to ISO 8601 at the precision written, relative ones against publication."""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_RE = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_RE = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR_RE = r"(?P<year>(?:1[89]|20)\d\d)"

_PATTERNS = (
    re.compile(rf"^{_YEAR_RE}-(?P<m>\d\d)-(?P<d>\d\d)$"),
    re.compile(rf"^{_MONTH_RE}\s+{_DAY_RE},?\s+{_YEAR_RE}$"),
    re.compile(rf"^{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE},?\s+{_YEAR_RE}$"),
    re.compile(rf"^{_MONTH_RE},?\s+{_YEAR_RE}$"),
    re.compile(rf"^{_MONTH_RE}\s+{_DAY_RE}$"),
    re.compile(rf"^{_DAY_RE}\s+(?:of\s+)?{_MONTH_RE}$"),
    re.compile(rf"^{_MONTH_RE}$"),
    re.compile(rf"^(?:(?:early|mid|late|the (?:end|start|beginning) of)[-\s]+)?{_YEAR_RE}$"),
)
_LEAD = re.compile(r"^(?:on|in|since|by|until|from|of|the|this|during)\s+")
_AGO = re.compile(r"\bago\b")
# A month named without a year in a news story is in the past, or at most slightly ahead.
_FUTURE_SLACK = timedelta(days=62)


def normalise_date(surface: str, published: date | None = None) -> str | None:
    """Return the ISO form of a DATE mention, or None if it names no point in time.

    "Dec. 2" in an article of 2025-12-03 -> "2025-12-02"; "October" -> "2025-10";
    "2023" -> "2023"; "on Tuesday", "yesterday", "last week" (-> "2025-W48") are resolved
    against ``published`` and give None without it.  Durations ("three months") give None.
    """
    text = " ".join(surface.casefold().replace(",", ", ").split()).strip(" .,")
    text = text.replace(" ,", ",")
    while True:
        stripped = _LEAD.sub("", text)
        if stripped == text:
            break
        text = stripped
    explicit = _explicit(text, published)
    if explicit is not None:
        return explicit
    if published is None:
        return None
    return _relative(text, published)


def _explicit(text: str, published: date | None) -> str | None:
    for pattern in _PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        groups = match.groupdict()
        year = int(groups["year"]) if groups.get("year") else None
        if groups.get("m"):
            return _iso(year, int(groups["m"]), int(groups["d"]))
        month = _MONTHS[groups["month"]] if groups.get("month") else None
        day = int(groups["day"]) if groups.get("day") else None
        if month is None:
            return f"{year:04d}" if year else None
        if year is None:
            if published is None:
                return None
            year = _infer_year(month, day or 1, published)
        return _iso(year, month, day)
    return None


def _infer_year(month: int, day: int, published: date) -> int:
    try:
        candidate = date(published.year, month, day)
    except ValueError:
        return published.year
    return published.year - 1 if candidate - published > _FUTURE_SLACK else published.year


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _relative(text: str, published: date) -> str | None:
    simple = {"today": 0, "tonight": 0, "this morning": 0, "this evening": 0, "yesterday": -1}
    if text in simple:
        return (published + timedelta(days=simple[text])).isoformat()
    if text == "tomorrow":
        return (published + timedelta(days=1)).isoformat()
    words = text.split()
    if words and words[-1] in _WEEKDAYS:
        return _weekday(words, published)
    period = _period(text, published)
    if period is not None:
        return period
    if _AGO.search(text):
        return _dateparser(text, published)
    return None


def _weekday(words: list[str], published: date) -> str:
    target = _WEEKDAYS.index(words[-1])
    if len(words) > 1 and words[-2] == "next":
        delta = (target - published.weekday()) % 7 or 7
        return (published + timedelta(days=delta)).isoformat()
    # A bare weekday in a news story is the most recent one, the publication day included.
    delta = (published.weekday() - target) % 7
    if len(words) > 1 and words[-2] == "last" and delta == 0:
        delta = 7
    return (published - timedelta(days=delta)).isoformat()


def _period(text: str, published: date) -> str | None:
    if text in ("last week", "past week", "previous week"):
        year, week, _ = (published - timedelta(days=7)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if text in ("week", "current week"):
        year, week, _ = published.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if text in ("last month", "previous month", "past month"):
        first = published.replace(day=1) - timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if text in ("month", "current month"):
        return f"{published.year:04d}-{published.month:02d}"
    if text in ("last year", "previous year", "past year"):
        return f"{published.year - 1:04d}"
    if text in ("year", "current year"):
        return f"{published.year:04d}"
    return None


def _dateparser(text: str, published: date) -> str | None:
    import datetime as dt

    import dateparser  # slow import: only for the rarer "two days ago" forms

    base = dt.datetime.combine(published, dt.time(12))
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"},
    )
    if parsed is None:
        return None
    if "year" in text:
        return f"{parsed.year:04d}"
    if "month" in text:
        return f"{parsed.year:04d}-{parsed.month:02d}"
    if "week" in text:
        year, week, _ = parsed.date().isocalendar()
        return f"{year:04d}-W{week:02d}"
    return parsed.date().isoformat()
