"""Writing a bank as a QTI 3.0 package: the article as a shared stimulus, one item per question
(``items``), the test that lists them in order with their points as weights, and the manifest.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from quizapp.banks import schema
from quizapp.banks.formats.base import Exported, Notice, common_losses, number_text
from quizapp.banks.formats.packages import write_package
from quizapp.banks.formats.qti3.elements import (
    ASI_XSD,
    CP_NS,
    CP_XSD,
    ITEM_TYPE,
    NS,
    STIMULUS_FILE,
    STIMULUS_ID,
    STIMULUS_RESOURCE,
    STIMULUS_TYPE,
    TEST_FILE,
    TEST_TYPE,
    XML_LANG,
    XSI,
    add_element,
    add_paragraphs,
    identifier,
    qname,
)
from quizapp.banks.formats.qti3.items import write_item


def _stimulus(bank: schema.BankSpec) -> bytes:
    root = etree.Element(qname("qti-assessment-stimulus"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {ASI_XSD}")
    root.set("identifier", STIMULUS_ID)
    root.set("title", bank.title)
    root.set(XML_LANG, "en")
    add_paragraphs(add_element(root, "qti-stimulus-body"), bank.article)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _test(bank: schema.BankSpec, items: list[tuple[str, str, Decimal]]) -> bytes:
    root = etree.Element(qname("qti-assessment-test"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {ASI_XSD}")
    root.set("identifier", identifier(bank.id))
    root.set("title", bank.title)
    part = add_element(
        root,
        "qti-test-part",
        identifier="part-1",
        navigation_mode="nonlinear",
        submission_mode="simultaneous",
    )
    section = add_element(
        part, "qti-assessment-section", identifier="section-1", title=bank.title, visible="true"
    )
    if bank.quiz.shuffle_questions:
        add_element(section, "qti-ordering", shuffle="true")
    for item_id, href, points in items:
        reference = add_element(section, "qti-assessment-item-ref", identifier=item_id, href=href)
        add_element(reference, "qti-weight", identifier="WEIGHT", value=number_text(points))
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _manifest(bank: schema.BankSpec, items: list[tuple[str, str, Decimal]]) -> bytes:
    def cp(tag: str) -> str:
        return f"{{{CP_NS}}}{tag}"

    root = etree.Element(cp("manifest"), nsmap={None: CP_NS, "xsi": XSI})
    root.set("identifier", identifier(f"manifest-{bank.id}"))
    root.set(f"{{{XSI}}}schemaLocation", f"{CP_NS} {CP_XSD}")
    metadata = etree.SubElement(root, cp("metadata"))
    etree.SubElement(metadata, cp("schema")).text = "QTI Package"
    etree.SubElement(metadata, cp("schemaversion")).text = "3.0.0"
    etree.SubElement(root, cp("organizations"))
    resources = etree.SubElement(root, cp("resources"))

    def resource(resource_id: str, kind: str, href: str, depends: list[str]) -> None:
        element = etree.SubElement(
            resources, cp("resource"), identifier=resource_id, type=kind, href=href
        )
        etree.SubElement(element, cp("file"), href=href)
        for dependency in depends:
            etree.SubElement(element, cp("dependency"), identifierref=dependency)

    # Resource identifiers are XML IDs, unique in the manifest: a question called "article"
    # must not collide with the stimulus, hence the prefixes.
    resource("test", TEST_TYPE, TEST_FILE, [f"item-{item_id}" for item_id, _, _ in items])
    stimulus = [STIMULUS_RESOURCE] if bank.article.strip() else []
    if stimulus:
        resource(STIMULUS_RESOURCE, STIMULUS_TYPE, STIMULUS_FILE, [])
    for item_id, href, _ in items:
        resource(f"item-{item_id}", ITEM_TYPE, href, stimulus)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def export(bank: schema.BankSpec) -> Exported:
    """The bank as a QTI 3.0 package (zip bytes), with a notice per thing QTI cannot carry."""
    notices: list[Notice] = []
    # A bank without an article (imported from elsewhere) has no stimulus to share.
    files: dict[str, bytes] = {STIMULUS_FILE: _stimulus(bank)} if bank.article.strip() else {}
    items: list[tuple[str, str, Decimal]] = []
    for question in bank.questions:
        losses = common_losses(question, carries_points=True, carries_evidence=False)
        href = f"items/{question.id}.xml"
        files[href] = write_item(question, bank, losses)
        items.append((identifier(question.id), href, question.points))
        notices += [Notice(question.id, loss) for loss in dict.fromkeys(losses)]
    files[TEST_FILE] = _test(bank, items)
    files = {"imsmanifest.xml": _manifest(bank, items), **files}
    return Exported(write_package(files), notices)
