"""Text conversions the formats share: decoding uploaded bytes, HTML in and out.

Moodle and Canvas write question text as HTML; quizapp keeps plain text with paragraphs
separated by blank lines. ``html_to_text`` and ``text_to_html`` convert between the two so that
a round trip keeps the words and the paragraphs. HTML is read with lxml's HTML parser on a
fragment, which never fetches anything.
"""

from __future__ import annotations

import codecs
import html
import re

import lxml.html
from lxml import etree

_BLOCKS = frozenset(
    {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "table"}
)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_HTML_HINT = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*[^<>]*>|&[a-zA-Z]+;|&#\d+;")


def decode_text(raw: bytes) -> tuple[str, str]:
    """The text of an uploaded file and the encoding used (UTF-8, UTF-16 by BOM, else cp1252).

    Files saved by Windows tools in the old "ANSI" encoding still import; the caller reports
    the encoding it fell back to.
    """
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le")):
        if raw.startswith(bom):
            return raw[len(bom) :].decode(encoding, errors="replace"), encoding
    if raw.startswith(codecs.BOM_UTF16_BE):
        return raw[2:].decode("utf-16-be", errors="replace"), "utf-16-be"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace"), "cp1252"


def looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text))


def html_to_text(fragment: str) -> str:
    """The words of an HTML fragment, paragraphs separated by blank lines, entities decoded."""
    if not fragment.strip():
        return ""
    if not looks_like_html(fragment):
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return html.unescape(re.sub(r"<[^>]*>", "", fragment)).strip()
    parts: list[str] = []
    _walk(root, parts)
    text = "".join(parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return _MANY_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _walk(element: etree._Element, parts: list[str], preformatted: bool = False) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    # Line breaks inside <pre> (code, poems, addresses) are the text's own: keep them.
    preformatted = preformatted or tag == "pre"
    if tag in _BLOCKS or tag == "pre":
        parts.append("\n\n")
    if tag == "br":
        parts.append("\n")
    if element.text and tag not in {"script", "style"}:
        parts.append(element.text if preformatted else element.text.replace("\n", " "))
    for child in element:
        _walk(child, parts, preformatted)
        if child.tail:
            parts.append(child.tail if preformatted else child.tail.replace("\n", " "))
    if tag in _BLOCKS or tag == "pre":
        parts.append("\n\n")


def text_to_html(text: str) -> str:
    """Plain text as HTML: each paragraph a ``<p>``, single line breaks as ``<br>``."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )
