"""Bytes to text: BOMs, UTF-8, UTF-16 without BOM, then charset-normalizer's best guess."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode `data` and return (text, encoding name).

    Raises:
        UndecodableError: when no encoding yields plausible text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise UndecodableError(f"invalid {encoding} after its byte-order mark") from exc
    guessed = _utf16_without_bom(data)
    if guessed:
        try:
            return data.decode(guessed), guessed
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise UndecodableError("not text in any recognised encoding")
    # Western European text fits several Latin single-byte code pages; when
    # Windows-1252 reads every non-ASCII byte as a Latin-1 letter it is by far
    # the likeliest (charset-normalizer often prefers Baltic or Central pages).
    if _latin_letters_only(str(best)):
        try:
            western = data.decode("cp1252")
        except UnicodeDecodeError:
            western = ""
        if western and all(_is_latin1_letter(ch) for ch in western if ord(ch) > 127):
            return western, "cp1252"
    return str(best), best.encoding


def _is_latin1_letter(ch: str) -> bool:
    return "\u00c0" <= ch <= "\u00ff" and ch not in "\u00d7\u00f7"


def _latin_letters_only(text: str) -> bool:
    return all(ch.isalpha() and ord(ch) < 0x250 for ch in text if ord(ch) > 127)


def _utf16_without_bom(data: bytes) -> str | None:
    """Spot UTF-16 without a BOM: it has NUL bytes, and decodes to printable text."""
    sample = data[:4000]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            decoded = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        if is_plausible_text(decoded):
            return encoding
    return None


def is_plausible_text(text: str) -> bool:
    """Mostly printable characters, as real prose is."""
    if not text:
        return False
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\r\t")
    # ASCII mis-read as UTF-16 gives printable CJK with no spaces at all.
    separators = sum(1 for ch in text if ch.isspace() or ch in ".,;:!?\"'()-")
    return printable / len(text) > 0.97 and separators / len(text) > 0.04
