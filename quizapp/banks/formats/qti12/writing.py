"""Writing a bank as a Canvas QTI 1.2 package: the article is a ``text_only_question`` item at
the top, then one item per question. Canvas grades by question type, not by the response
processing in the file, so each quizapp type maps to the Canvas type that grades closest
(``_WRITERS``) and what Canvas cannot grade is a notice: Canvas's short-answer, numeric and blank
answers are all full credit, it has no wildcards, and its matching type stands in for ordering.
Points are ``points_possible``; the quiz settings go to ``assessment_meta.xml`` (``canvas_meta``),
so that Canvas imports the package as a quiz.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from lxml import etree

from quizapp.banks import schema
from quizapp.banks.convert import PLACEHOLDER, choice_ids
from quizapp.banks.formats import canvas_meta
from quizapp.banks.formats.base import Exported, Notice, common_losses, number_text, numeric_answers
from quizapp.banks.formats.packages import write_package
from quizapp.banks.formats.text import text_to_html
from quizapp.domain.article import Article

NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
QTI_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
ARTICLE_TYPE = "text_only_question"
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
]


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def _sub(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
    element = etree.SubElement(parent, _q(tag), attributes)
    if text is not None:
        element.text = text
    return element


def _material(parent: Any, text: str, *, html: bool = True) -> None:
    material = _sub(parent, "material")
    if html:
        _sub(material, "mattext", text_to_html(text), texttype="text/html")
    else:
        _sub(material, "mattext", text, texttype="text/plain")


class _Item:
    """One ``<item>`` being written: metadata, presentation, processing and feedback."""

    def __init__(self, section: Any, ident: str, title: str, kind: str, points: Decimal) -> None:
        self.element = _sub(section, "item", ident=ident, title=title)
        metadata = _sub(_sub(self.element, "itemmetadata"), "qtimetadata")
        for field_label, entry in (
            ("question_type", kind),
            ("points_possible", number_text(points)),
        ):
            field = _sub(metadata, "qtimetadatafield")
            _sub(field, "fieldlabel", field_label)
            _sub(field, "fieldentry", entry)
        self.presentation = _sub(self.element, "presentation")
        self.processing: Any = None
        self.feedback: dict[str, str] = {}

    def rules(self) -> Any:
        if self.processing is None:
            self.processing = _sub(self.element, "resprocessing")
            outcomes = _sub(self.processing, "outcomes")
            _sub(
                outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal"
            )
        return self.processing

    def condition(self, score: Decimal | None, feedback_id: str = "") -> tuple[Any, Any]:
        condition = _sub(self.rules(), "respcondition", **{"continue": "No" if score else "Yes"})
        variables = _sub(condition, "conditionvar")
        if score is not None:
            _sub(condition, "setvar", number_text(score * 100), action="Set", varname="SCORE")
        if feedback_id:
            _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback_id)
        return condition, variables

    def finish(self, explanation: str) -> None:
        if explanation:
            self.feedback["general_fb"] = explanation
            if self.processing is None:
                self.rules()
            condition = etree.Element(_q("respcondition"), attrib={"continue": "Yes"})
            _sub(_sub(condition, "conditionvar"), "other")
            _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
            self.processing.insert(1, condition)
        for feedback_id, text in self.feedback.items():
            feedback = _sub(self.element, "itemfeedback", ident=feedback_id)
            _material(_sub(feedback, "flow_mat"), text)


def _choice_list(item: _Item, prompt: str, options: list[tuple[str, str]], single: bool) -> Any:
    _material(item.presentation, prompt)
    response = _sub(
        item.presentation,
        "response_lid",
        ident="response1",
        rcardinality="Single" if single else "Multiple",
    )
    render = _sub(response, "render_choice")
    for ident, text in options:
        _material(_sub(render, "response_label", ident=ident), text, html=False)
    return response


def _choices(question: Any, item: _Item, bank: schema.BankSpec, losses: list[str]) -> str:
    ids = choice_ids(question.choices)
    pairs = list(zip(ids, question.choices, strict=True))
    single = question.type == "multiple_choice"
    _choice_list(item, question.prompt, [(i, c.text) for i, c in pairs], single)
    for choice_id, choice in pairs:
        if choice.feedback:
            item.feedback[f"{choice_id}_fb"] = choice.feedback
            _, variables = item.condition(None, f"{choice_id}_fb")
            _sub(variables, "varequal", choice_id, respident="response1")
    _, variables = item.condition(Decimal(1))
    if single:
        right = next(i for i, c in pairs if c.correct)
        _sub(variables, "varequal", right, respident="response1")
    else:
        both = _sub(variables, "and")
        for choice_id, choice in pairs:
            target = both if choice.correct else _sub(both, "not")
            _sub(target, "varequal", choice_id, respident="response1")
    if not question.shuffle:
        losses.append("'shuffle: false' is not carried; Canvas's quiz setting decides")
    return "multiple_choice_question" if single else "multiple_answers_question"


def _true_false(question: Any, item: _Item, bank: schema.BankSpec, losses: list[str]) -> str:
    _choice_list(item, question.prompt, [("true", "True"), ("false", "False")], True)
    for value, text in (("true", question.feedback_true), ("false", question.feedback_false)):
        if text:
            item.feedback[f"{value}_fb"] = text
            _, variables = item.condition(None, f"{value}_fb")
            _sub(variables, "varequal", value, respident="response1")
    _, variables = item.condition(Decimal(1))
    _sub(variables, "varequal", "true" if question.answer else "false", respident="response1")
    return "true_false_question"


def _accepted(answers: list[schema.AnswerSpec], where: str, losses: list[str]) -> list[str]:
    """The answers Canvas can take: full credit, no wildcard; the others are notices."""
    kept = []
    for answer in answers:
        if "*" in answer.text.replace("\\*", ""):
            losses.append(
                f"{where}the wildcard answer {answer.text!r} is left out (Canvas has none)"
            )
        elif answer.credit != 1:
            losses.append(
                f"{where}the answer {answer.text!r} ({number_text(answer.credit * 100)}%) is left "
                "out: Canvas answers are all full credit"
            )
        else:
            kept.append(answer.text.replace("\\*", "*"))
        if answer.feedback and answer.credit == 1:
            losses.append(f"{where}feedback for {answer.text!r} is not carried")
    return kept


def _short_answer(question: Any, item: _Item, bank: schema.BankSpec, losses: list[str]) -> str:
    _material(item.presentation, question.prompt)
    response = _sub(item.presentation, "response_str", ident="response1", rcardinality="Single")
    _sub(response, "render_fib", fibtype="String", prompt="Box")
    _, variables = item.condition(Decimal(1))
    for text in _accepted(question.answers, "", losses):
        _sub(variables, "varequal", text, respident="response1")
    if question.case_sensitive:
        losses.append("'case_sensitive: true' is not carried; Canvas ignores case")
    return "short_answer_question"


def _numeric(question: Any, item: _Item, bank: schema.BankSpec, losses: list[str]) -> str:
    prompt = f"{question.prompt} ({question.unit})" if question.unit else question.prompt
    if question.unit:
        losses.append(f"the unit ({question.unit}) is not carried; it is added to the prompt")
    _material(item.presentation, prompt)
    response = _sub(item.presentation, "response_str", ident="response1", rcardinality="Single")
    _sub(response, "render_fib", fibtype="Decimal")
    for answer in numeric_answers(question):
        if answer.credit != 1:
            losses.append(
                f"the value {number_text(answer.value)} ({number_text(answer.credit * 100)}%) is "
                "left out: Canvas answers are all full credit"
            )
            continue
        _, variables = item.condition(Decimal(1))
        either = _sub(variables, "or")
        _sub(either, "varequal", number_text(answer.value), respident="response1")
        both = _sub(either, "and")
        _sub(both, "vargte", number_text(answer.value - answer.tolerance), respident="response1")
        _sub(both, "varlte", number_text(answer.value + answer.tolerance), respident="response1")
        if answer.feedback:
            losses.append(f"feedback for {number_text(answer.value)} is not carried")
    return "numerical_question"


def _cloze(question: Any, item: _Item, bank: schema.BankSpec, losses: list[str]) -> str:
    text = PLACEHOLDER.sub(lambda match: f"[{match.group(1)}]", question.text)
    _material(item.presentation, f"{question.prompt}\n\n{text}")
    share = Decimal(1) / len(question.blanks)
    for blank_id, answers in question.blanks.items():
        response = _sub(item.presentation, "response_lid", ident=f"response_{blank_id}")
        _material(response, blank_id, html=False)
        render = _sub(response, "render_choice")
        accepted = _accepted(answers, f"blank {blank_id}: ", losses)
        for number, answer in enumerate(accepted, start=1):
            label_id = f"{blank_id}-{number}"
            _material(_sub(render, "response_label", ident=label_id), answer, html=False)
        if accepted:
            _, variables = item.condition(share)
            _sub(variables, "varequal", f"{blank_id}-1", respident=f"response_{blank_id}")
    if question.case_sensitive:
        losses.append("'case_sensitive: true' is not carried; Canvas ignores case")
    return "fill_in_multiple_blanks_question"


def _ordering(question: Any, item: _Item, bank: schema.BankSpec, losses: list[str]) -> str:
    losses.append(
        "ordering becomes a matching question (each item to its place); Canvas scores each "
        "place, quizapp each pair kept in order"
    )
    _material(item.presentation, question.prompt)
    places = [
        (f"place-{n}", _ORDINALS[n - 1] if n <= len(_ORDINALS) else str(n))
        for n in range(1, len(question.items) + 1)
    ]
    ids = choice_ids(question.items)
    share = Decimal(1) / len(ids)
    for (place_id, _), item_id, entry in zip(places, ids, question.items, strict=True):
        response = _sub(item.presentation, "response_lid", ident=f"response_{item_id}")
        _material(response, entry.text, html=False)
        render = _sub(response, "render_choice")
        for other_id, place_name in places:
            _material(_sub(render, "response_label", ident=other_id), place_name, html=False)
        _, variables = item.condition(share)
        _sub(variables, "varequal", place_id, respident=f"response_{item_id}")
    return "matching_question"


def _evidence(question: Any, item: _Item, bank: schema.BankSpec, losses: list[str]) -> str:
    losses.append("evidence becomes a multiple choice of the article's sentences")
    quotes = [" ".join(q.split()) for q in question.evidence]
    sentences = [(s.id, " ".join(s.text.split())) for s in Article(bank.article).sentences]
    right = [sid for sid, text in sentences if any(quote in text for quote in quotes)]
    _choice_list(item, question.prompt, sentences, True)
    for sentence_id in right:
        _, variables = item.condition(Decimal(1))
        _sub(variables, "varequal", sentence_id, respident="response1")
    if len(right) > 1:
        losses.append("only the first of several right sentences counts in Canvas")
    return "multiple_choice_question"


def _written_response(question: Any, item: _Item, bank: schema.BankSpec, losses: list[str]) -> str:
    """Canvas's essay: a text box the teacher grades in SpeedGrader, with no grader notes."""
    if question.model_answer.strip() or question.rubric:
        losses.append("the model answer and the rubric are not carried")
    _material(item.presentation, question.prompt)
    response = _sub(item.presentation, "response_str", ident="response1", rcardinality="Single")
    _sub(_sub(response, "render_fib"), "response_label", ident="answer1", rshuffle="No")
    condition, variables = item.condition(None)
    condition.set("continue", "No")
    _sub(variables, "other")
    return "essay_question"


_WRITERS: dict[str, Callable[[Any, _Item, schema.BankSpec, list[str]], str]] = {
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


def _set_type(item: _Item, kind: str) -> None:
    entry = item.element.find(
        f"{_q('itemmetadata')}/{_q('qtimetadata')}/{_q('qtimetadatafield')}/{_q('fieldentry')}"
    )
    entry.text = kind


def export(bank: schema.BankSpec) -> Exported:
    """The bank as a Canvas QTI 1.2 zip, with a notice per thing Canvas cannot carry."""
    root = etree.Element(_q("questestinterop"), nsmap={None: NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{NS} {QTI_XSD}")
    assessment = _sub(root, "assessment", ident=bank.id, title=bank.title)
    section = _sub(assessment, "section", ident="root_section")
    if bank.article.strip():
        article = _Item(section, "article", bank.title, ARTICLE_TYPE, Decimal(0))
        _material(article.presentation, bank.article)
    notices: list[Notice] = []
    for question in bank.questions:
        losses = common_losses(question, carries_points=True, carries_evidence=False)
        marker = ", evidence" if question.type == "evidence" else ""
        title = f"{question.id} ({question.skill}{marker})"
        item = _Item(section, question.id, title, "", question.points)
        _set_type(item, _WRITERS[question.type](question, item, bank, losses))
        item.finish(question.explanation)
        notices += [Notice(question.id, loss) for loss in dict.fromkeys(losses)]
    folder = bank.id
    xml = bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    manifest = etree.Element(
        f"{{{CP_NS}}}manifest", nsmap={None: CP_NS}, identifier=f"manifest-{bank.id}"
    )
    etree.SubElement(
        etree.SubElement(manifest, f"{{{CP_NS}}}metadata"), f"{{{CP_NS}}}schema"
    ).text = "IMS Content"
    etree.SubElement(manifest, f"{{{CP_NS}}}organizations")
    resources = etree.SubElement(manifest, f"{{{CP_NS}}}resources")
    resource = etree.SubElement(
        resources,
        f"{{{CP_NS}}}resource",
        identifier=bank.id,
        type="imsqti_xmlv1p2",
        href=f"{folder}/{folder}.xml",
    )
    etree.SubElement(resource, f"{{{CP_NS}}}file", href=f"{folder}/{folder}.xml")
    # Canvas reads the quiz settings from this file only through the assessment's dependency.
    meta_href = f"{folder}/{canvas_meta.FILE_NAME}"
    etree.SubElement(resource, f"{{{CP_NS}}}dependency", identifierref=f"{bank.id}-meta")
    meta = etree.SubElement(
        resources,
        f"{{{CP_NS}}}resource",
        identifier=f"{bank.id}-meta",
        type=canvas_meta.RESOURCE_TYPE,
        href=meta_href,
    )
    etree.SubElement(meta, f"{{{CP_NS}}}file", href=meta_href)
    files = {
        "imsmanifest.xml": bytes(
            etree.tostring(manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        ),
        f"{folder}/{folder}.xml": xml,
        meta_href: canvas_meta.write(bank, notices),
    }
    return Exported(write_package(files), notices)
