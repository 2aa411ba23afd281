"""Parse untrusted HTML into an lxml tree without ever raising, and strip what is never text."""

from __future__ import annotations

import re

from lxml import etree, html

# Pages above this size are cut: a saved article is rarely over a few MB and
# the rest is usually inline data (base64 images, JSON state).
MAX_HTML_CHARS = 6_000_000

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Inline base64 payloads can be megabytes long and carry no text.
_DATA_URI_RE = re.compile(r"data:[a-z/+.-]+;base64,[A-Za-z0-9+/=\s]{200,}", re.IGNORECASE)

# Elements that never hold article text; removing them before extraction
# also guarantees that scripts, embedded frames and styles never leak into text.
_NEVER_TEXT = (
    "script",
    "style",
    "noscript",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "template",
    "svg",
    "canvas",
    "button",
    "select",
    "textarea",
    "input",
    "dialog",
)
# Hover cards and pop-ups sit inside paragraphs in the markup but are not
# part of the sentence they decorate.
_POPUP_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:tooltip|popover|rollover|hovercard|popup|modal)(?:$|[\s_-])", re.IGNORECASE
)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def sanitize_markup(markup: str) -> str:
    """Return `markup` without control characters or giant inline payloads, bounded in size."""
    if not markup:
        return ""
    if len(markup) > MAX_HTML_CHARS:
        markup = markup[:MAX_HTML_CHARS]
    markup = _CONTROL_RE.sub("", markup)
    markup = _DATA_URI_RE.sub("data:,", markup)
    # An XML declaration with an encoding makes lxml refuse a str input.
    return re.sub(r"^\s*<\?xml[^>]*\?>", "", markup)


def parse_html(markup: str) -> etree._Element | None:
    """Parse `markup` leniently; None when there is no usable document."""
    if not markup or not markup.strip():
        return None
    try:
        parser = html.HTMLParser(remove_comments=True, remove_pis=True, recover=True)
        tree = html.document_fromstring(markup, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, TypeError):
        return None
    return tree if tree is not None and len(tree) else None


# Real article pages have a few thousand elements; far beyond that the
# extractors' cost grows faster than linearly, so the tree is simplified first.
LARGE_TREE = 30_000
_INLINE_TAGS = ("span", "font", "b", "i", "em", "strong", "small", "u", "s", "sup", "sub", "abbr")


def shrink_large_tree(tree: etree._Element) -> int:
    """Unwrap inline formatting in oversized trees (text is kept); returns the element count."""
    count = sum(1 for _ in tree.iter())
    if count > LARGE_TREE:
        etree.strip_tags(tree, *_INLINE_TAGS)
        count = sum(1 for _ in tree.iter())
    return count


def unwrap_embedded_quotes(tree: etree._Element) -> None:
    """Lift embedded posts (tweets and the like) out of their widget wrappers.

    Such posts are quoted in the article, but their wrappers carry class names
    ("social", "embed") that boilerplate filters treat as share buttons.
    """
    for quote in list(tree.iter("blockquote")):
        parent = quote.getparent()
        while parent is not None and parent.tag in ("div", "figure", "span", "section"):
            others = [c for c in parent if c is not quote and isinstance(c.tag, str)]
            if others or (parent.text and parent.text.strip()):
                break
            grand = parent.getparent()
            if grand is None:
                break
            quote.tail = (quote.tail or "") + (parent.tail or "")
            grand.replace(parent, quote)
            parent = grand


def _inside_paragraph(el: etree._Element) -> bool:
    return any(a.tag in ("p", "li", "blockquote") for a in el.iterancestors())


def strip_non_text(tree: etree._Element) -> None:
    """Remove elements that can never be article text: scripts, frames, hidden boxes."""
    doomed = []
    for el in tree.iter(*_NEVER_TEXT):
        doomed.append(el)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("hidden") is not None or el.get("aria-hidden") == "true":
            doomed.append(el)
            continue
        if _POPUP_CLASS_RE.search(el.get("class") or "") and _inside_paragraph(el):
            doomed.append(el)
            continue
        style = el.get("style")
        if style and _HIDDEN_STYLE_RE.search(style):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        # Keep the tail: it is text of the parent that follows the element.
        if el.tail and el.tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)
