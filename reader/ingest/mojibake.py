"""Repair mojibake ("â€™" for "’") left by a page copied through the wrong encoding, with ftfy."""

from __future__ import annotations

from ftfy import TextFixerConfig, fix_text

# Only the encoding repair: HTML entities, quotes, ligatures, widths and line
# breaks are the extractors' business, and the text must otherwise stay as written.
_ENCODING_ONLY = TextFixerConfig(
    unescape_html=False,
    remove_terminal_escapes=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_surrogates=False,
    remove_control_chars=False,
    normalization=None,
    explain=False,
)


def repair_mojibake(text: str) -> str:
    """`text` with mis-decoded runs re-decoded; text without mojibake comes back unchanged."""
    if text.isascii():
        return text
    return fix_text(text, _ENCODING_ONLY)
