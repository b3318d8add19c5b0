"""The QTI 3.0 vocabulary that writing and reading share: the ASI and content-packaging
namespaces and schema locations, the resource types and file names of a package, the label
prefix that keeps quizapp's type, skill and points on an item, and building elements in the ASI
namespace.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0"
CP_NS = "http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
ASI_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0p1_v1p0.xsd"
CP_XSD = "https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqtiv3p0_imscpv1p2_v1p0.xsd"
TEMPLATES = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/"
ITEM_TYPE = "imsqti_item_xmlv3p0"
STIMULUS_TYPE = "imsqti_stimulus_xmlv3p0"
TEST_TYPE = "imsqti_test_xmlv3p0"
STIMULUS_ID = "article"
STIMULUS_RESOURCE = "stimulus-article"
STIMULUS_FILE = "article.xml"
TEST_FILE = "test.xml"
EXPLANATION = "explanation"
LABEL_PREFIX = "quizapp:"


def qname(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def new_element(tag: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.Element(qname(tag), {k.replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def add_element(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
    element = new_element(tag, text, **attributes)
    parent.append(element)
    return element


def identifier(text: str) -> str:
    """A QTI identifier (an XML NCName) for a quizapp id, which may start with a digit."""
    return text if text[:1].isalpha() else f"q-{text}"


def add_paragraphs(parent: Any, text: str) -> None:
    for paragraph in [p for p in text.split("\n\n") if p.strip()]:
        add_element(parent, "p", " ".join(paragraph.split()))
