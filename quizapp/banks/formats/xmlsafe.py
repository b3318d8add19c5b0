"""Parsing untrusted XML: no DTDs, no entities, no network, bounded size, problems as text.

Question files come from uploads. lxml is asked not to load DTDs, resolve entities or touch the
network, and any document that declares a DOCTYPE is refused outright: no interchange format
needs one, and refusing them closes external entities and "billion laughs" expansion alike.
"""

from __future__ import annotations

from lxml import etree

MAX_XML_BYTES = 20 * 1024 * 1024


class XmlRefused(ValueError):
    """The XML cannot be used; ``line`` is where the problem is (1 when unknown)."""

    def __init__(self, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_xml(raw: bytes) -> etree._Element:
    """The root element of ``raw``; XmlRefused with a reason and line otherwise."""
    if len(raw) > MAX_XML_BYTES:
        raise XmlRefused(f"the XML is larger than {MAX_XML_BYTES // (1024 * 1024)} MB")
    head = raw[:4096].lstrip()
    if b"<!DOCTYPE" in raw.upper() or b"<!ENTITY" in raw.upper():
        raise XmlRefused(
            "the XML declares a DOCTYPE or entities, which are refused for safety; "
            "remove the <!DOCTYPE ...> part"
        )
    if not head:
        raise XmlRefused("the file is empty")
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as error:
        line = error.lineno or 1
        raise XmlRefused(f"broken XML: {error.msg}", line) from None
    if root is None:
        raise XmlRefused("the XML has no root element")
    return root


def local_name(element: etree._Element) -> str:
    """The element's name without its namespace."""
    tag = element.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def element_path(element: etree._Element) -> str:
    """The element's path from the root, e.g. ``/quiz/question[3]``, for error messages."""
    path: str = element.getroottree().getpath(element)
    return path
