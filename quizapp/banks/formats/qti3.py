"""QTI 3.0 content packages (1EdTech): a zip with ``imsmanifest.xml``, the article as a shared
``qti-assessment-stimulus``, one ``qti-assessment-item`` per question that refers to it, and a
``qti-assessment-test`` that lists them in order with their points as weights.

Elements follow the ASI 3.0 schema's order (response and outcome declarations, stimulus
reference, item body, response processing, modal feedback). Response processing is written out
rule by rule so that it scores exactly as quizapp does, as a fraction 0..1 in ``SCORE``: answers
are tried in order and the first match counts, '*' wildcards become ``qti-pattern-match``,
numeric tolerances ``qti-equal`` with an absolute tolerance, a cloze scores the mean of its
blanks and an ordering the share of pairs kept in order. A written response is an
``qti-extended-text-interaction`` scored by a person (``external-scored="human"``, no response
processing), with its rubric in a ``qti-rubric-block`` for the scorer. ``FEEDBACK`` (multiple
identifiers) collects the feedback to show: the choices or answers matched, and
``explanation``. The item's ``label`` keeps quizapp's type, skill and points for reading back.
Reading takes these packages and simpler ones that use the standard ``match_correct`` and
``map_response`` templates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import combinations
from typing import Any

from lxml import etree

from quizapp.banks import schema
from quizapp.banks.convert import PLACEHOLDER, choice_ids
from quizapp.banks.formats.base import (
    Exported,
    Notice,
    Parsed,
    common_losses,
    finish_parse,
    number_text,
    slug,
    unique_slug,
)
from quizapp.banks.formats.gift import numeric_answers
from quizapp.banks.formats.marking_guide import guide_lines, read_guide
from quizapp.banks.formats.packages import PackageRefused, is_zip, read_package, write_package
from quizapp.banks.formats.xmlsafe import XmlRefused, local_name, parse_xml
from quizapp.banks.issues import Issue
from quizapp.domain.article import Article
from quizapp.domain.questions import SKILLS

name = "qti3"
label = "QTI 3.0 package"
extension = "zip"
media_type = "application/zip"

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
# XML Schema regular-expression characters that must be escaped in a qti-pattern-match.
_REGEX_SPECIALS = set("\\.?*+{}()[]|^$-")


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _element(tag: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.Element(_q(tag), {k.replace("_", "-"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _sub(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
    element = _element(tag, text, **attributes)
    parent.append(element)
    return element


def identifier(text: str) -> str:
    """A QTI identifier (an XML NCName) for a quizapp id, which may start with a digit."""
    return text if text[:1].isalpha() else f"q-{text}"


def _paragraphs(parent: Any, text: str) -> None:
    for paragraph in [p for p in text.split("\n\n") if p.strip()]:
        _sub(parent, "p", " ".join(paragraph.split()))


# --- writing: the parts of an item -------------------------------------------------------------


@dataclass
class _Parts:
    """What a type writer adds to an item; ``_item`` puts the parts in the schema's order."""

    responses: list[Any] = field(default_factory=list)
    outcomes: list[Any] = field(default_factory=list)
    body: Any = field(default_factory=lambda: _element("qti-item-body"))
    rules: Any = field(default_factory=lambda: _element("qti-response-processing"))
    feedback: dict[str, str] = field(default_factory=dict)
    # Scored by a person (a written response): SCORE says so, and nothing processes responses.
    human_scored: bool = False

    def response(
        self, response_id: str, cardinality: str, base_type: str, correct: list[str]
    ) -> Any:
        declaration = _element(
            "qti-response-declaration",
            identifier=response_id,
            cardinality=cardinality,
            base_type=base_type,
        )
        if correct:
            values = _sub(declaration, "qti-correct-response")
            for value in correct:
                _sub(values, "qti-value", value)
        self.responses.append(declaration)
        return declaration

    def outcome(
        self, outcome_id: str, base_type: str = "float", default: str | None = None
    ) -> None:
        declaration = _element(
            "qti-outcome-declaration",
            identifier=outcome_id,
            cardinality="single",
            base_type=base_type,
        )
        if default is not None:
            _sub(_sub(declaration, "qti-default-value"), "qti-value", default)
        self.outcomes.append(declaration)


def _set(parent: Any, outcome_id: str, expression: Any) -> None:
    _sub(parent, "qti-set-outcome-value", identifier=outcome_id).append(expression)


def _float(value: Decimal | int | str) -> Any:
    text = value if isinstance(value, str) else number_text(Decimal(value))
    return _element("qti-base-value", text, base_type="float")


def _variable(variable_id: str) -> Any:
    return _element("qti-variable", identifier=variable_id)


def _show(parent: Any, feedback_id: str) -> None:
    """Add ``feedback_id`` to the FEEDBACK outcome (the feedback shown after the attempt)."""
    combined = _element("qti-multiple")
    combined.append(_variable("FEEDBACK"))
    _sub(combined, "qti-base-value", feedback_id, base_type="identifier")
    _set(parent, "FEEDBACK", combined)


def wildcard_pattern(text: str, case_sensitive: bool) -> str:
    """A quizapp answer with '*' wildcards as an XML Schema pattern (always whole-string)."""
    out: list[str] = []
    index = 0
    while index < len(text):
        character = text[index]
        if character == "\\" and text[index + 1 : index + 2] == "*":
            out.append("\\*")
            index += 2
            continue
        if character == "*":
            if not out or out[-1] != ".*":
                out.append(".*")
        elif character in _REGEX_SPECIALS:
            out.append("\\" + character)
        elif not case_sensitive and character.lower() != character.upper():
            out.append(f"[{character.lower()}{character.upper()}]")
        else:
            out.append(character)
        index += 1
    return "".join(out)


def _has_wildcard(text: str) -> bool:
    return "*" in text.replace("\\*", "")


def _text_test(response_id: str, answer: str, case_sensitive: bool) -> Any:
    if _has_wildcard(answer):
        test = _element("qti-pattern-match", pattern=wildcard_pattern(answer, case_sensitive))
    else:
        test = _element("qti-string-match", case_sensitive="true" if case_sensitive else "false")
    test.append(_variable(response_id))
    if test.tag == _q("qti-string-match"):
        _sub(test, "qti-base-value", answer.replace("\\*", "*"), base_type="string")
    return test


def _first_match(parent: Any, tests: list[tuple[Any, Decimal, str]], score_id: str) -> None:
    """Rules: the first test that holds sets ``score_id`` to its credit and shows its feedback."""
    condition = _sub(parent, "qti-response-condition")
    for index, (test, credit, feedback_id) in enumerate(tests):
        branch = _sub(condition, "qti-response-if" if index == 0 else "qti-response-else-if")
        branch.append(test)
        _set(branch, score_id, _float(credit))
        if feedback_id:
            _show(branch, feedback_id)
    _set(_sub(condition, "qti-response-else"), score_id, _float(0))


def _answers_rules(
    parts: _Parts,
    response_id: str,
    answers: list[schema.AnswerSpec],
    case_sensitive: bool,
    score_id: str,
    prefix: str,
) -> None:
    tests = []
    for number, answer in enumerate(answers, start=1):
        feedback_id = f"{prefix}answer-{number}" if answer.feedback else ""
        if feedback_id:
            parts.feedback[feedback_id] = answer.feedback
        tests.append(
            (_text_test(response_id, answer.text, case_sensitive), answer.credit, feedback_id)
        )
    _first_match(parts.rules, tests, score_id)


# --- writing: one function per question type ---------------------------------------------------


def _choice_interaction(parts: _Parts, prompt: str, *, shuffle: bool, single: bool) -> Any:
    """A choice interaction in the item body with its prompt; the caller adds the choices."""
    interaction = _sub(
        parts.body,
        "qti-choice-interaction",
        response_identifier="RESPONSE",
        shuffle="true" if shuffle else "false",
        max_choices="1" if single else "0",
    )
    _sub(interaction, "qti-prompt", prompt)
    return interaction


def _choices(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    ids = choice_ids(question.choices)
    single = question.type == "multiple_choice"
    pairs = list(zip(ids, question.choices, strict=True))
    right = [choice_id for choice_id, choice in pairs if choice.correct]
    declaration = parts.response(
        "RESPONSE", "single" if single else "multiple", "identifier", right
    )
    interaction = _choice_interaction(
        parts, question.prompt, shuffle=question.shuffle, single=single
    )
    for choice_id, choice in pairs:
        _sub(interaction, "qti-simple-choice", choice.text, identifier=choice_id)
        if choice.feedback:
            parts.feedback[choice_id] = choice.feedback
    if single:
        _match_correct(parts)
    else:
        # Each right tick earns 1/right, each wrong one takes as much away, floored at 0.
        share = Decimal(1) / len(right)
        mapping = _sub(
            declaration, "qti-mapping", lower_bound="0", upper_bound="1", default_value="0"
        )
        for choice_id, choice in pairs:
            value = share if choice.correct else -share
            _sub(
                mapping,
                "qti-map-entry",
                map_key=choice_id,
                mapped_value=str(value.quantize(Decimal("1E-12")).normalize()),
            )
        score = _element("qti-map-response", identifier="RESPONSE")
        _set(parts.rules, "SCORE", score)
    combined = _element("qti-multiple")
    combined.append(_variable("RESPONSE"))
    _set(parts.rules, "FEEDBACK", combined)


def _match_correct(parts: _Parts) -> None:
    match = _element("qti-match")
    match.append(_variable("RESPONSE"))
    match.append(_element("qti-correct", identifier="RESPONSE"))
    _first_match(parts.rules, [(match, Decimal(1), "")], "SCORE")


def _true_false(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    parts.response("RESPONSE", "single", "identifier", ["true" if question.answer else "false"])
    interaction = _choice_interaction(parts, question.prompt, shuffle=False, single=True)
    _sub(interaction, "qti-simple-choice", "True", identifier="true")
    _sub(interaction, "qti-simple-choice", "False", identifier="false")
    if question.feedback_true:
        parts.feedback["true"] = question.feedback_true
    if question.feedback_false:
        parts.feedback["false"] = question.feedback_false
    _match_correct(parts)
    combined = _element("qti-multiple")
    combined.append(_variable("RESPONSE"))
    _set(parts.rules, "FEEDBACK", combined)


def _full_credit(answers: list[schema.AnswerSpec]) -> list[str]:
    return [
        a.text.replace("\\*", "*") for a in answers if a.credit == 1 and not _has_wildcard(a.text)
    ][:1]


def _short_answer(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    parts.response("RESPONSE", "single", "string", _full_credit(question.answers))
    paragraph = _sub(parts.body, "p", question.prompt + " ")
    _sub(paragraph, "qti-text-entry-interaction", response_identifier="RESPONSE")
    _answers_rules(parts, "RESPONSE", question.answers, question.case_sensitive, "SCORE", "")


def _numeric(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    answers = numeric_answers(question)
    best = max(answers, key=lambda a: a.credit)
    parts.response("RESPONSE", "single", "float", [number_text(best.value)])
    paragraph = _sub(parts.body, "p", question.prompt + " ")
    entry = _sub(paragraph, "qti-text-entry-interaction", response_identifier="RESPONSE")
    if question.unit:
        entry.tail = " " + question.unit
    tests = []
    for number, answer in enumerate(answers, start=1):
        tolerance = number_text(answer.tolerance)
        equal = _element(
            "qti-equal", tolerance_mode="absolute", tolerance=f"{tolerance} {tolerance}"
        )
        equal.append(_variable("RESPONSE"))
        equal.append(_float(answer.value))
        feedback_id = f"answer-{number}" if answer.feedback else ""
        if feedback_id:
            parts.feedback[feedback_id] = answer.feedback
        tests.append((equal, answer.credit, feedback_id))
    _first_match(parts.rules, tests, "SCORE")


def _cloze(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    blank_ids = list(question.blanks)
    for blank_id in blank_ids:
        answers = question.blanks[blank_id]
        parts.response(f"RESPONSE-{blank_id}", "single", "string", _full_credit(answers))
        parts.outcome(f"SCORE-{blank_id}")
    _sub(parts.body, "p", question.prompt)
    for paragraph_text in [p for p in question.text.split("\n\n") if p.strip()]:
        paragraph = _sub(parts.body, "p")
        last: Any = None
        position = 0
        for match in PLACEHOLDER.finditer(paragraph_text):
            before = paragraph_text[position : match.start()]
            if last is None:
                paragraph.text = before
            else:
                last.tail = before
            last = _sub(
                paragraph,
                "qti-text-entry-interaction",
                response_identifier=f"RESPONSE-{match.group(1)}",
            )
            position = match.end()
        if last is None:
            paragraph.text = paragraph_text[position:]
        else:
            last.tail = paragraph_text[position:]
    for blank_id in blank_ids:
        _answers_rules(
            parts,
            f"RESPONSE-{blank_id}",
            question.blanks[blank_id],
            question.case_sensitive,
            f"SCORE-{blank_id}",
            f"{blank_id}-",
        )
    divide = _element("qti-divide")
    total = _sub(divide, "qti-sum")
    for blank_id in blank_ids:
        total.append(_variable(f"SCORE-{blank_id}"))
    divide.append(_float(len(blank_ids)))
    _set(parts.rules, "SCORE", divide)


def _ordering(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    ids = choice_ids(question.items)
    parts.response("RESPONSE", "ordered", "identifier", ids)
    parts.outcome("PAIRS", default="0")
    interaction = _sub(
        parts.body, "qti-order-interaction", response_identifier="RESPONSE", shuffle="true"
    )
    _sub(interaction, "qti-prompt", question.prompt)
    for item_id, entry in zip(ids, question.items, strict=True):
        _sub(interaction, "qti-simple-choice", entry.text, identifier=item_id)
    # One rule per pair of items: it counts when the earlier item comes before the later one.
    places = range(1, len(ids) + 1)
    pairs = list(combinations(ids, 2))
    for earlier, later in pairs:
        branch = _sub(_sub(parts.rules, "qti-response-condition"), "qti-response-if")
        either = _sub(branch, "qti-or")
        for first, second in combinations(places, 2):
            both = _sub(either, "qti-and")
            for place, wanted in ((first, earlier), (second, later)):
                match = _sub(both, "qti-match")
                _sub(match, "qti-index", n=str(place)).append(_variable("RESPONSE"))
                _sub(match, "qti-base-value", wanted, base_type="identifier")
        total = _element("qti-sum")
        total.append(_variable("PAIRS"))
        total.append(_float(1))
        _set(branch, "PAIRS", total)
    divide = _element("qti-divide")
    divide.append(_variable("PAIRS"))
    divide.append(_float(len(pairs)))
    _set(parts.rules, "SCORE", divide)


def _evidence(question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]) -> None:
    losses.append("evidence becomes a choice of the article's sentences")
    quotes = [" ".join(q.split()) for q in question.evidence]
    sentences = [(s.id, " ".join(s.text.split())) for s in Article(bank.article).sentences]
    right = [sid for sid, text in sentences if any(quote in text for quote in quotes)]
    parts.response("RESPONSE", "single", "identifier", right[:1])
    interaction = _choice_interaction(parts, question.prompt, shuffle=False, single=True)
    for sentence_id, text in sentences:
        _sub(interaction, "qti-simple-choice", text, identifier=sentence_id)
    tests = []
    for sentence_id in right:
        match = _element("qti-match")
        match.append(_variable("RESPONSE"))
        _sub(match, "qti-base-value", sentence_id, base_type="identifier")
        tests.append((match, Decimal(1), ""))
    _first_match(parts.rules, tests, "SCORE")


def _written_response(
    question: Any, parts: _Parts, bank: schema.BankSpec, losses: list[str]
) -> None:
    """An extended text scored by a person: the model answer is the correct response (an
    example, as the specification allows) and the rubric a rubric block for the scorer."""
    if question.rubric:
        losses.append(
            "the rubric travels as a rubric block for the scorer; QTI has no criteria to score by"
        )
    parts.human_scored = True
    model = [question.model_answer] if question.model_answer.strip() else []
    parts.response("RESPONSE", "single", "string", model)
    lines = guide_lines(question)
    if lines:
        block = _sub(parts.body, "qti-rubric-block", use="scoring", view="scorer")
        content = _sub(block, "qti-content-body")
        for line in lines:
            if line.strip():
                _sub(content, "p", line)
    interaction = _sub(parts.body, "qti-extended-text-interaction", response_identifier="RESPONSE")
    _sub(interaction, "qti-prompt", question.prompt)


_WRITERS: dict[str, Callable[[Any, _Parts, schema.BankSpec, list[str]], None]] = {
    "multiple_choice": _choices,
    "multi_select": _choices,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "numeric": _numeric,
    "cloze": _cloze,
    "ordering": _ordering,
    "evidence": _evidence,
    "written_response": _written_response,
}


def _item(question: Any, bank: schema.BankSpec, losses: list[str]) -> bytes:
    parts = _Parts()
    _WRITERS[question.type](question, parts, bank, losses)
    root = etree.Element(_q("qti-assessment-item"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {ASI_XSD}")
    root.set("identifier", identifier(question.id))
    root.set("title", question.id)
    root.set(
        "label",
        f"{LABEL_PREFIX}type={question.type};skill={question.skill};"
        f"points={number_text(question.points)}",
    )
    root.set("adaptive", "false")
    root.set("time-dependent", "false")
    root.set(XML_LANG, "en")
    for declaration in parts.responses:
        root.append(declaration)
    score = _element(
        "qti-outcome-declaration",
        identifier="SCORE",
        cardinality="single",
        base_type="float",
        normal_maximum="1",
    )
    if parts.human_scored:
        score.set("external-scored", "human")
    _sub(_sub(score, "qti-default-value"), "qti-value", "0")
    root.append(score)
    maximum = _element(
        "qti-outcome-declaration", identifier="MAXSCORE", cardinality="single", base_type="float"
    )
    _sub(_sub(maximum, "qti-default-value"), "qti-value", "1")
    root.append(maximum)
    root.append(
        _element(
            "qti-outcome-declaration",
            identifier="FEEDBACK",
            cardinality="multiple",
            base_type="identifier",
        )
    )
    for declaration in parts.outcomes:
        root.append(declaration)
    if bank.article.strip():
        _sub(
            root,
            "qti-assessment-stimulus-ref",
            identifier=STIMULUS_ID,
            href=f"../{STIMULUS_FILE}",
            title=bank.title,
        )
    root.append(parts.body)
    if question.explanation:
        parts.feedback[EXPLANATION] = question.explanation
        if not parts.human_scored:
            _show(parts.rules, EXPLANATION)
    if not parts.human_scored:
        root.append(parts.rules)
    for feedback_id, text in parts.feedback.items():
        modal = _sub(
            root,
            "qti-modal-feedback",
            outcome_identifier="FEEDBACK",
            identifier=feedback_id,
            show_hide="show",
        )
        _paragraphs(_sub(modal, "qti-content-body"), text)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _stimulus(bank: schema.BankSpec) -> bytes:
    root = etree.Element(_q("qti-assessment-stimulus"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {ASI_XSD}")
    root.set("identifier", STIMULUS_ID)
    root.set("title", bank.title)
    root.set(XML_LANG, "en")
    _paragraphs(_sub(root, "qti-stimulus-body"), bank.article)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _test(bank: schema.BankSpec, items: list[tuple[str, str, Decimal]]) -> bytes:
    root = etree.Element(_q("qti-assessment-test"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {ASI_XSD}")
    root.set("identifier", identifier(bank.id))
    root.set("title", bank.title)
    part = _sub(
        root,
        "qti-test-part",
        identifier="part-1",
        navigation_mode="nonlinear",
        submission_mode="simultaneous",
    )
    section = _sub(
        part, "qti-assessment-section", identifier="section-1", title=bank.title, visible="true"
    )
    if bank.quiz.shuffle_questions:
        _sub(section, "qti-ordering", shuffle="true")
    for item_id, href, points in items:
        reference = _sub(section, "qti-assessment-item-ref", identifier=item_id, href=href)
        _sub(reference, "qti-weight", identifier="WEIGHT", value=number_text(points))
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
        files[href] = _item(question, bank, losses)
        items.append((identifier(question.id), href, question.points))
        notices += [Notice(question.id, loss) for loss in dict.fromkeys(losses)]
    files[TEST_FILE] = _test(bank, items)
    files = {"imsmanifest.xml": _manifest(bank, items), **files}
    return Exported(write_package(files), notices)


# --- reading -----------------------------------------------------------------------------------


def recognises(raw: bytes) -> bool:
    if not is_zip(raw):
        return False
    try:
        manifest = read_package(raw).get("imsmanifest.xml", b"")
    except PackageRefused:
        return False
    return b"imsqti_item_xmlv3p0" in manifest or b"imsqtiasi_v3p0" in manifest


class _Problem(Exception):
    def __init__(self, where: str, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.where = where
        self.message = message
        self.line = line


class _Unsupported(_Problem):
    """A question of a type quizapp has no equivalent for; an import may skip it."""


def _find(element: Any, tag: str) -> Any:
    return element.find(f".//{_q(tag)}")


def _words(element: Any) -> str:
    """The text of an element: paragraphs (``p``, ``div``) separated by blank lines."""
    blocks = [child for child in element if local_name(child) in {"p", "div", "blockquote"}]
    if not blocks:
        return " ".join("".join(element.itertext()).split())
    return "\n\n".join(" ".join("".join(b.itertext()).split()) for b in blocks).strip()


def _hints(item: Any) -> dict[str, str]:
    label_text = item.get("label", "")
    if not label_text.startswith(LABEL_PREFIX):
        return {}
    pairs = (part.partition("=") for part in label_text[len(LABEL_PREFIX) :].split(";"))
    return {key: value for key, _, value in pairs if key}


@dataclass
class _Declared:
    cardinality: str
    base_type: str
    correct: list[str]
    mapping: list[tuple[str, Decimal, bool]]


def _declarations(item: Any) -> dict[str, _Declared]:
    found: dict[str, _Declared] = {}
    for declaration in item.iterfind(_q("qti-response-declaration")):
        correct = [
            (value.text or "").strip()
            for value in declaration.iterfind(f"{_q('qti-correct-response')}/{_q('qti-value')}")
        ]
        mapping = [
            (
                entry.get("map-key", ""),
                _decimal(entry.get("mapped-value", "0")),
                entry.get("case-sensitive", "true") != "false",
            )
            for entry in declaration.iterfind(f"{_q('qti-mapping')}/{_q('qti-map-entry')}")
        ]
        found[declaration.get("identifier", "")] = _Declared(
            declaration.get("cardinality", "single"),
            declaration.get("base-type", ""),
            correct,
            mapping,
        )
    return found


def _decimal(text: str) -> Decimal:
    try:
        return Decimal(text.strip())
    except InvalidOperation:
        raise _Problem("", f"{text!r} is not a number") from None


@dataclass
class _Rule:
    test: Any
    credit: Decimal
    feedback: str


def _rules(item: Any) -> dict[str, list[_Rule]]:
    """The first-match rules of the response processing, by the score outcome they set."""
    rules: dict[str, list[_Rule]] = {}
    processing = item.find(_q("qti-response-processing"))
    if processing is None:
        return rules
    for condition in processing.iter(_q("qti-response-condition")):
        for branch in condition:
            if local_name(branch) not in {"qti-response-if", "qti-response-else-if"}:
                continue
            test = branch[0] if len(branch) else None
            for setter in branch.iterfind(_q("qti-set-outcome-value")):
                outcome = setter.get("identifier", "")
                value = setter.find(_q("qti-base-value"))
                if outcome.startswith("SCORE") and value is not None and test is not None:
                    shown = [
                        (v.text or "").strip()
                        for s in branch.iterfind(_q("qti-set-outcome-value"))
                        if s.get("identifier") == "FEEDBACK"
                        for v in s.iter(_q("qti-base-value"))
                    ]
                    credit = _decimal(value.text or "0")
                    rules.setdefault(outcome, []).append(_Rule(test, credit, (shown or [""])[0]))
    return rules


def _modal_feedback(item: Any) -> dict[str, str]:
    feedback: dict[str, str] = {}
    for modal in item.iterfind(_q("qti-modal-feedback")):
        content = modal.find(_q("qti-content-body"))
        feedback[modal.get("identifier", "")] = _words(modal if content is None else content)
    return feedback


def _pattern_text(pattern: str) -> tuple[str, bool]:
    """A pattern written by ``wildcard_pattern`` back as (answer text, case sensitive)."""
    case_sensitive = True
    out: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith(".*", index):
            out.append("*")
            index += 2
        elif pattern[index] == "\\" and index + 1 < len(pattern):
            following = pattern[index + 1]
            out.append("\\*" if following == "*" else following)
            index += 2
        elif (
            re.match(r"\[(.)(.)\]", pattern[index:])
            and pattern[index + 1].lower() == pattern[index + 2].lower()
        ):
            out.append(pattern[index + 1])
            case_sensitive = False
            index += 4
        else:
            out.append(pattern[index])
            index += 1
    return "".join(out), case_sensitive


def _text_answers(
    response_id: str, declared: _Declared, rules: list[_Rule], feedback: dict[str, str]
) -> tuple[list[dict[str, Any]], bool]:
    answers: list[dict[str, Any]] = []
    case_sensitive = False
    for rule in rules:
        kind = local_name(rule.test)
        if kind == "qti-string-match":
            value = rule.test.find(_q("qti-base-value"))
            text = (value.text or "") if value is not None else ""
            case_sensitive = rule.test.get("case-sensitive", "true") != "false"
        elif kind == "qti-pattern-match":
            text, case_sensitive = _pattern_text(rule.test.get("pattern", ""))
        else:
            continue
        answer: dict[str, Any] = {"text": text, "credit": max(rule.credit, Decimal(0))}
        if feedback.get(rule.feedback):
            answer["feedback"] = feedback[rule.feedback]
        answers.append(answer)
    if not answers and declared.mapping:
        answers = [
            {"text": key, "credit": max(value, Decimal(0))} for key, value, _ in declared.mapping
        ]
        case_sensitive = any(case for _, _, case in declared.mapping)
    if not answers:
        answers = [{"text": text, "credit": Decimal(1)} for text in declared.correct]
    return answers, case_sensitive


def _read_item(item: Any, where: str, taken: set[str], notices: list[Notice]) -> dict[str, Any]:
    hints = _hints(item)
    question: dict[str, Any] = {
        "id": unique_slug(
            item.get("identifier", "")
            if hints
            else item.get("title") or item.get("identifier", ""),
            f"q{len(taken) + 1}",
            taken,
        )
    }
    if hints.get("skill") in SKILLS:
        question["skill"] = hints["skill"]
    if hints.get("points") and _decimal(hints["points"]) != 1:
        question["points"] = _decimal(hints["points"])
    declared = _declarations(item)
    rules = _rules(item)
    feedback = _modal_feedback(item)
    if feedback.get(EXPLANATION):
        question["explanation"] = feedback[EXPLANATION]
    body = item.find(_q("qti-item-body"))
    if body is None:
        raise _Problem(where, "the item has no qti-item-body", item.sourceline or 1)
    interactions = [
        element
        for element in body.iter()
        if isinstance(element.tag, str) and local_name(element).endswith("-interaction")
    ]
    kinds = {local_name(element) for element in interactions}
    if kinds == {"qti-extended-text-interaction"}:
        return _read_extended_text(question, body, interactions[0], declared)
    unknown = kinds - {
        "qti-choice-interaction",
        "qti-text-entry-interaction",
        "qti-order-interaction",
    }
    if unknown or not interactions:
        shown = ", ".join(sorted(unknown)) or "no interaction"
        named = item.get("title") or item.get("identifier", "")
        raise _Unsupported(
            where,
            f"question {named!r} uses {shown}, which quizapp does not support (it reads "
            "choice, text-entry, extended-text and order interactions)",
            item.sourceline or 1,
        )
    first = interactions[0]
    response_id = first.get("response-identifier", "")
    response = declared.get(response_id, _Declared("single", "", [], []))
    prompt_element = first.find(_q("qti-prompt"))
    if kinds == {"qti-order-interaction"}:
        texts = {c.get("identifier"): _words(c) for c in first.iterfind(_q("qti-simple-choice"))}
        order = response.correct or list(texts)
        question.update(
            type="ordering",
            prompt=_words(prompt_element) if prompt_element is not None else "Put these in order.",
            items=[texts[i] for i in order if i in texts],
        )
        return question
    if kinds == {"qti-choice-interaction"}:
        return _read_choices(question, first, response, rules, feedback, hints, notices)
    if len(interactions) == 1 and hints.get("type") != "cloze":
        unit = (first.tail or "").strip()
        prompt = _words(body).removesuffix(unit).strip() if unit else _words(body)
        question["prompt"] = prompt
        if response.base_type in {"float", "integer"}:
            return _read_numeric(question, response, rules.get("SCORE", []), feedback, unit)
        answers, case_sensitive = _text_answers(
            response_id, response, rules.get("SCORE", []), feedback
        )
        question.update(type="short_answer", answers=answers)
        if case_sensitive:
            question["case_sensitive"] = True
        return question
    return _read_cloze(question, body, interactions, declared, rules, feedback, hints)


def _read_extended_text(
    question: dict[str, Any], body: Any, interaction: Any, declared: dict[str, _Declared]
) -> dict[str, Any]:
    """A written response: its prompt, the scorer's rubric block, and the model answer."""
    prompt_element = interaction.find(_q("qti-prompt"))
    rubric_blocks = [block for block in body.iter(_q("qti-rubric-block"))]
    if prompt_element is not None:
        prompt = _words(prompt_element)
    else:
        for block in rubric_blocks:
            block.getparent().remove(block)
        prompt = _words(body)
    question.update(type="written_response", prompt=prompt)
    for block in rubric_blocks:
        content = block.find(_q("qti-content-body"))
        question.update(read_guide(_words(content if content is not None else block)))
    response = declared.get(interaction.get("response-identifier", ""))
    if response is not None and response.correct:
        question["model_answer"] = response.correct[0]
    return question


def _read_choices(
    question: dict[str, Any],
    interaction: Any,
    response: _Declared,
    rules: dict[str, list[_Rule]],
    feedback: dict[str, str],
    hints: dict[str, str],
    notices: list[Notice],
) -> dict[str, Any]:
    prompt_element = interaction.find(_q("qti-prompt"))
    question["prompt"] = _words(prompt_element) if prompt_element is not None else ""
    options = [
        (c.get("identifier", ""), _words(c)) for c in interaction.iterfind(_q("qti-simple-choice"))
    ]
    right = set(response.correct) or {key for key, value, _ in response.mapping if value > 0}
    for rule in rules.get("SCORE", []):
        value = rule.test.find(_q("qti-base-value"))
        if rule.credit > 0 and value is not None and local_name(rule.test) == "qti-match":
            right.add((value.text or "").strip())
    ids = [choice_id for choice_id, _ in options]
    if hints.get("type") == "true_false" or (
        sorted(ids) == ["false", "true"] and "type" not in hints
    ):
        question.update(type="true_false", answer="true" in right)
        for value in ("true", "false"):
            if feedback.get(value):
                question[f"feedback_{value}"] = feedback[value]
        return question
    if hints.get("type") == "evidence":
        question.update(type="evidence", evidence=[text for key, text in options if key in right])
        return question
    single = response.cardinality == "single"
    choices = []
    for choice_id, text in options:
        choice: dict[str, Any] = {"text": text, "correct": choice_id in right}
        if choice_id and not choice_id[0].isdigit() and choice_id == slug(choice_id, "x"):
            choice["id"] = choice_id
        if feedback.get(choice_id):
            choice["feedback"] = feedback[choice_id]
        choices.append(choice)
    if single and len(right) > 1:
        notices.append(Notice(question["id"], "several right answers: read as multi_select"))
        single = False
    question.update(type="multiple_choice" if single else "multi_select", choices=choices)
    if interaction.get("shuffle") == "false":
        question["shuffle"] = False
    _drop_letter_ids(question["choices"])
    return question


def _drop_letter_ids(choices: list[dict[str, Any]]) -> None:
    """Ids a, b, c... by position are quizapp's default: leave them out of the YAML."""
    from quizapp.banks.convert import position_id

    if all(choice.get("id") == position_id(index) for index, choice in enumerate(choices)):
        for choice in choices:
            choice.pop("id", None)


def _read_numeric(
    question: dict[str, Any],
    response: _Declared,
    rules: list[_Rule],
    feedback: dict[str, str],
    unit: str,
) -> dict[str, Any]:
    answers: list[dict[str, Any]] = []
    for rule in rules:
        if local_name(rule.test) != "qti-equal":
            continue
        value = rule.test.find(_q("qti-base-value"))
        tolerance = (rule.test.get("tolerance") or "0").split()[0]
        answer: dict[str, Any] = {
            "value": _decimal((value.text or "") if value is not None else ""),
            "tolerance": abs(_decimal(tolerance)),
            "credit": max(rule.credit, Decimal(0)),
        }
        if feedback.get(rule.feedback):
            answer["feedback"] = feedback[rule.feedback]
        answers.append(answer)
    if not answers:
        answers = [
            {"value": _decimal(v), "tolerance": Decimal(0), "credit": Decimal(1)}
            for v in response.correct
        ]
    question.update(type="numeric", answers=answers)
    if unit:
        question["unit"] = unit
    return question


def _read_cloze(
    question: dict[str, Any],
    body: Any,
    interactions: list[Any],
    declared: dict[str, _Declared],
    rules: dict[str, list[_Rule]],
    feedback: dict[str, str],
    hints: dict[str, str],
) -> dict[str, Any]:
    blanks: dict[str, list[dict[str, Any]]] = {}
    case_sensitive = False
    names: dict[str, str] = {}
    taken: set[str] = set()
    for interaction in interactions:
        response_id = interaction.get("response-identifier", "")
        blank_id = unique_slug(
            response_id.removeprefix("RESPONSE-"), f"blank-{len(names) + 1}", taken
        )
        names[response_id] = blank_id
        prefix = f"{blank_id}-"
        blank_feedback = {key: text for key, text in feedback.items() if key.startswith(prefix)}
        answers, sensitive = _text_answers(
            response_id,
            declared.get(response_id, _Declared("single", "string", [], [])),
            rules.get(f"SCORE-{response_id.removeprefix('RESPONSE-')}", rules.get("SCORE", [])),
            blank_feedback,
        )
        blanks[blank_id] = answers
        case_sensitive = case_sensitive or sensitive
    paragraphs = []
    for block in body:
        parts = [block.text or ""]
        for child in block:
            if local_name(child) == "qti-text-entry-interaction":
                parts.append(f"[[{names[child.get('response-identifier', '')]}]]")
            else:
                parts.append("".join(child.itertext()))
            parts.append(child.tail or "")
        paragraphs.append(" ".join("".join(parts).split()))
    paragraphs = [p for p in paragraphs if p]
    if hints.get("type") == "cloze" and paragraphs and "[[" not in paragraphs[0]:
        question["prompt"] = paragraphs.pop(0)
    question.update(type="cloze", text="\n\n".join(paragraphs), blanks=blanks)
    if case_sensitive:
        question["case_sensitive"] = True
    return question


def _resources(manifest: Any) -> list[tuple[str, str]]:
    return [
        (resource.get("type", ""), resource.get("href", ""))
        for resource in manifest.iter()
        if isinstance(resource.tag, str) and local_name(resource) == "resource"
    ]


def parse(raw: bytes, source_name: str) -> Parsed:
    """A QTI 3.0 package as a bank dict; unreadable items are issues naming their file."""
    parsed = Parsed()
    try:
        files = read_package(raw)
        manifest_bytes = files.get("imsmanifest.xml")
        if manifest_bytes is None:
            raise PackageRefused("the package has no imsmanifest.xml at its top")
        manifest = parse_xml(manifest_bytes)
    except (PackageRefused, XmlRefused) as refused:
        parsed.issues.append(Issue(source_name, getattr(refused, "line", 1), 1, str(refused)))
        return parsed
    title, article = "", ""
    questions: list[dict[str, Any]] = []
    taken: set[str] = set()
    for kind, href in _resources(manifest):
        if kind not in {ITEM_TYPE, STIMULUS_TYPE, TEST_TYPE}:
            continue
        where = f"{href}"
        content = files.get(href)
        if content is None:
            parsed.issues.append(
                Issue(source_name, 1, 1, f"{href}: named in the manifest but missing")
            )
            continue
        try:
            root = parse_xml(content)
        except XmlRefused as refused:
            parsed.issues.append(Issue(source_name, refused.line, 1, f"{href}: {refused.message}"))
            continue
        if kind == TEST_TYPE:
            title = title or root.get("title", "")
            continue
        if kind == STIMULUS_TYPE:
            stimulus_body = _find(root, "qti-stimulus-body")
            if stimulus_body is not None and not article:
                article = _words(stimulus_body)
                title = root.get("title", "") or title
            continue
        try:
            question = _read_item(root, where, taken, parsed.notices)
        except _Problem as problem:
            found = parsed.unsupported if isinstance(problem, _Unsupported) else parsed.issues
            found.append(Issue(source_name, problem.line, 1, f"{href}: {problem.message}"))
            continue
        questions.append(question)
        parsed.places.append((1, f"{href}"))
    return finish_parse(parsed, source_name, title=title, article=article, questions=questions)
