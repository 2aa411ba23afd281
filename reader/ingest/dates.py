"""Find publication dates and times in pasted lines and render them as ISO 8601."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import dateparser

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?"
_TIME = (
    r"(?P<time>\d{1,2}[:.h]\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?"
    r"|\d{1,2}\s*[ap]\.?m\.?)(?:\s*(?:[A-Z]{2,5}|UTC|GMT)(?:\s*[+-]\s*\d{1,2}(?::?\d{2})?)?)?"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|(?:{_WEEKDAY}\s*)?{_DAY}\s+{_MONTH},?\s+\d{{4}}"
    rf"|(?:{_WEEKDAY}\s*)?{_MONTH}\s+{_DAY},?\s+\d{{4}}"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}}"
    rf"|\d{{4}}[./]\d{{1,2}}[./]\d{{1,2}})"
)
_TIME2 = _TIME.replace("?P<time>", "?P<time2>")
_EXPR = re.compile(
    rf"(?:{_TIME2}\s*,?\s*)?(?P<date>{_DATE})"
    rf"(?:(?:\s*,|\s*[-–|•·]|\s+at|\s*T)?\s*{_TIME}\b)?",
    re.IGNORECASE,
)
# Words that may surround a date on its own line without making it prose.
_FILLER = re.compile(
    r"\b(?:published|updated|posted|last|modified|created|on|at|am|pm|gmt|utc|bst|cet|cest"
    r"|est|edt|cst|cdt|pst|pdt|date|time|read|min|mins|minutes|ago|and|by)\b|[\W\d_]+",
    re.IGNORECASE,
)
_UPDATE = re.compile(r"\b(?:updated|modified|edited)\b", re.IGNORECASE)
_MAX_LINE = 300


@dataclass(frozen=True)
class DateMatch:
    """A date found in a line.

    Attributes:
        iso: "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM" when the line gives a time.
        start: where the date expression starts in the line.
        end: where it ends.
        is_update: the line says this is an update or modification time.
    """

    iso: str
    start: int
    end: int
    is_update: bool = False


def _parse(date_text: str, time_text: str | None, lang: str | None) -> str | None:
    text = f"{date_text} {time_text}" if time_text else date_text
    text = re.sub(r"(?<=\d)h(?=\d)", ":", text)
    settings: dict[str, object] = {
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    languages = [lang, "en"] if lang and lang != "en" else ["en"]
    if re.fullmatch(r"\d{1,2}[./]\d{1,2}[./]\d{4}.*", text):
        settings["DATE_ORDER"] = "DMY"  # 18.11.2019: most of the world writes day first
    try:
        when = dateparser.parse(text, languages=languages, settings=settings)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    if not isinstance(when, datetime) or not 1900 <= when.year <= 2100:
        return None
    if time_text:
        return when.strftime("%Y-%m-%dT%H:%M")
    return when.strftime("%Y-%m-%d")


def find_date(line: str, lang: str | None = None) -> DateMatch | None:
    """Find the first absolute date (with its time, if any) in `line`."""
    if len(line) > _MAX_LINE:
        line = line[:_MAX_LINE]
    for m in _EXPR.finditer(line):
        iso = _parse(m.group("date"), m.group("time") or m.group("time2"), lang)
        if iso:
            return DateMatch(iso, m.start(), m.end(), bool(_UPDATE.search(line)))
    return None


def is_date_line(line: str, lang: str | None = None) -> DateMatch | None:
    """Return the date if `line` is only a date/time stamp (with filler words)."""
    if len(line) > 120:
        return None
    found = find_date(line, lang)
    if found is None:
        return None
    rest = line[: found.start] + " " + line[found.end :]
    if len(_FILLER.sub(" ", rest).split()) > 2:
        return None
    return found
