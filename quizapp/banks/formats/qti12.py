"""QTI 1.2 as Canvas imports and exports it: a zip with ``imsmanifest.xml`` and one
``questestinterop`` assessment, each item typed by its ``question_type`` metadata.

The article is a ``text_only_question`` item at the top. Canvas grades by question type, not by
the response processing in the file, so each quizapp type maps to the Canvas type that grades
closest (``_WRITERS``) and what Canvas cannot grade is a notice: Canvas's short-answer, numeric
and blank answers are all full credit, it has no wildcards, and its matching type stands in for
ordering. Points are ``points_possible``. The quiz settings travel in Canvas's own
``assessment_meta.xml`` (``canvas_meta``), so that Canvas imports the package as a quiz.
Reading takes Canvas exports (zipped or the bare XML), settings included.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from quizapp.banks import schema
from quizapp.banks.convert import PLACEHOLDER, choice_ids
from quizapp.banks.formats import canvas_meta
from quizapp.banks.formats.base import (
    Exported,
    Notice,
    Parsed,
    common_losses,
    finish_parse,
    number_text,
    numeric_answers,
    slug,
    unique_slug,
)
from quizapp.banks.formats.packages import PackageRefused, is_zip, read_package, write_package
from quizapp.banks.formats.text import html_to_text, text_to_html
from quizapp.banks.formats.xmlsafe import XmlRefused, local_name, parse_xml
from quizapp.banks.issues import Issue
from quizapp.domain.article import Article

name = "qti12"
label = "QTI 1.2 (Canvas)"
extension = "zip"
media_type = "application/zip"

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
# A Canvas item title ends with the skill in brackets, which is how it is read back.
_SKILL_IN_TITLE = re.compile(
    r"\((detail|main_idea|inference|vocabulary|sequence|cause_effect)(, evidence)?\)$"
)


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


# --- reading -----------------------------------------------------------------------------------


def _assessment_file(files: dict[str, bytes]) -> tuple[str, bytes] | None:
    """The path and bytes of the package's QTI 1.2 assessment, if it has one."""
    for path, content in files.items():
        if path.endswith(".xml") and b"<questestinterop" in content[:4096]:
            return path, content
    return None


def _questestinterop(raw: bytes) -> bytes | None:
    if not is_zip(raw):
        return raw if b"questestinterop" in raw[:4096] else None
    try:
        found = _assessment_file(read_package(raw))
    except PackageRefused:
        return None
    return found[1] if found else None


def _quiz_settings(
    files: dict[str, bytes], assessment: str, notices: list[Notice]
) -> dict[str, Any]:
    """The settings of the ``assessment_meta.xml`` beside the assessment, if there is one."""
    folder = assessment.rpartition("/")[0]
    meta = files.get(f"{folder}/{canvas_meta.FILE_NAME}" if folder else canvas_meta.FILE_NAME)
    return canvas_meta.read(meta, notices) if meta is not None else {}


def recognises(raw: bytes) -> bool:
    return _questestinterop(raw) is not None


class _Problem(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class _Unsupported(_Problem):
    """A question of a type quizapp has no equivalent for; an import may skip it."""


def _children(element: Any, tag: str) -> list[Any]:
    return [
        child for child in element.iter() if isinstance(child.tag, str) and local_name(child) == tag
    ]


def _first(element: Any, tag: str) -> Any:
    found = _children(element, tag)
    return found[0] if found else None


def _mat(element: Any) -> str:
    """The text of the first ``mattext`` under ``element`` (HTML turned into paragraphs)."""
    mattext = _first(element, "mattext")
    if mattext is None:
        return ""
    return html_to_text(mattext.text or "")


def _metadata(item: Any) -> dict[str, str]:
    found = {}
    for field in _children(item, "qtimetadatafield"):
        label_element, entry = _first(field, "fieldlabel"), _first(field, "fieldentry")
        if label_element is not None and entry is not None:
            found[(label_element.text or "").strip()] = (entry.text or "").strip()
    return found


def _direct_material(presentation: Any) -> str:
    for child in presentation:
        if isinstance(child.tag, str) and local_name(child) == "material":
            return _mat(child)
    return ""


def _scored(item: Any) -> list[tuple[Decimal, Any]]:
    """(score 0..1, conditionvar) for each respcondition that sets a score above 0."""
    found = []
    for condition in _children(item, "respcondition"):
        setvar = _first(condition, "setvar")
        variables = _first(condition, "conditionvar")
        if setvar is None or variables is None:
            continue
        try:
            value = Decimal((setvar.text or "0").strip())
        except InvalidOperation:
            raise _Problem(f"the score {setvar.text!r} is not a number") from None
        if value > 0:
            found.append((value / 100 if value > 1 else value, variables))
    return found


def _feedback(item: Any) -> tuple[dict[str, str], dict[str, str]]:
    """Feedback texts by ident, and the response value each feedback is linked to."""
    texts = {fb.get("ident", ""): _mat(fb) for fb in _children(item, "itemfeedback")}
    links = {}
    for condition in _children(item, "respcondition"):
        display = _first(condition, "displayfeedback")
        equal = _first(condition, "varequal")
        if display is not None and equal is not None and _first(condition, "setvar") is None:
            links[(equal.text or "").strip()] = texts.get(display.get("linkrefid", ""), "")
    return texts, links


def _labels(response: Any) -> list[tuple[str, str]]:
    return [
        (label.get("ident", ""), _mat(label)) for label in _children(response, "response_label")
    ]


def _read_item(
    item: Any, kind: str, points: str, taken: set[str], notices: list[Notice]
) -> dict[str, Any]:
    title = item.get("title", "")
    skill = _SKILL_IN_TITLE.search(title)
    question: dict[str, Any] = {
        "id": unique_slug(
            item.get("ident", "") if skill else title or item.get("ident", ""),
            f"q{len(taken) + 1}",
            taken,
        )
    }
    if skill:
        question["skill"] = skill.group(1)
    try:
        if points and Decimal(points) not in (0, 1):
            question["points"] = Decimal(points)
    except InvalidOperation:
        raise _Problem(f"points_possible {points!r} is not a number") from None
    presentation = _first(item, "presentation")
    if presentation is None:
        raise _Problem("the item has no <presentation>")
    texts, links = _feedback(item)
    if texts.get("general_fb"):
        question["explanation"] = texts["general_fb"]
    prompt = _direct_material(presentation)
    scored = _scored(item)
    if kind in {"multiple_choice_question", "multiple_answers_question", "true_false_question"}:
        options = _labels(presentation)
        right: set[str] = set()
        for _, variables in scored:
            for equal in _children(variables, "varequal"):
                parent = equal.getparent()
                if parent is None or local_name(parent) != "not":
                    right.add((equal.text or "").strip())
        question["prompt"] = prompt
        if kind == "true_false_question":
            truth = {ident: text.strip().lower() for ident, text in options}
            question.update(type="true_false", answer=any(truth.get(r) == "true" for r in right))
            for ident, text in truth.items():
                if links.get(ident) and text in {"true", "false"}:
                    question[f"feedback_{text}"] = links[ident]
            return question
        if skill and skill.group(2):
            question.update(type="evidence", evidence=[t for i, t in options if i in right])
            return question
        choices = []
        for ident, text in options:
            choice: dict[str, Any] = {"text": text, "correct": ident in right}
            if links.get(ident):
                choice["feedback"] = links[ident]
            choices.append(choice)
        single = kind == "multiple_choice_question" and sum(c["correct"] for c in choices) == 1
        question.update(type="multiple_choice" if single else "multi_select", choices=choices)
        return question
    if kind == "essay_question":
        question.update(type="written_response", prompt=prompt)
        return question
    if kind == "short_answer_question":
        answers = [
            {"text": (equal.text or "").strip(), "credit": Decimal(1)}
            for _, variables in scored
            for equal in _children(variables, "varequal")
        ]
        question.update(type="short_answer", prompt=prompt, answers=answers)
        return question
    if kind == "numerical_question":
        answers = []
        for _, variables in scored:
            exact = _first(variables, "varequal")
            low, high = _first(variables, "vargte"), _first(variables, "varlte")
            try:
                if low is not None and high is not None:
                    low_value, high_value = Decimal(low.text.strip()), Decimal(high.text.strip())
                    value = (
                        Decimal(exact.text.strip())
                        if exact is not None
                        else (low_value + high_value) / 2
                    )
                    tolerance = max(value - low_value, high_value - value)
                else:
                    value, tolerance = Decimal(exact.text.strip()), Decimal(0)
            except (InvalidOperation, AttributeError):
                raise _Problem("a numerical answer is not a number") from None
            answers.append({"value": value, "tolerance": tolerance, "credit": Decimal(1)})
        question.update(type="numeric", prompt=prompt, answers=answers)
        return question
    if kind == "fill_in_multiple_blanks_question":
        blanks: dict[str, list[dict[str, Any]]] = {}
        for response in _children(presentation, "response_lid"):
            blank_id = slug(
                _mat(response) or response.get("ident", "").removeprefix("response_"), "blank"
            )
            blanks[blank_id] = [
                {"text": text, "credit": Decimal(1)} for _, text in _labels(response)
            ]
        instruction, _, text = prompt.partition("\n\n")
        if not text:
            instruction, text = schema.DEFAULT_CLOZE_PROMPT, prompt
        for blank_id in blanks:
            text = text.replace(f"[{blank_id}]", f"[[{blank_id}]]")
        question.update(type="cloze", prompt=instruction, text=text, blanks=blanks)
        return question
    if kind == "matching_question":
        items: list[tuple[int, str]] = []
        for response in _children(presentation, "response_lid"):
            labels = dict(_labels(response))
            place = ""
            for _, variables in scored:
                equal = _first(variables, "varequal")
                if equal is not None and equal.get("respident") == response.get("ident"):
                    place = (equal.text or "").strip()
            rank = list(labels).index(place) if place in labels else len(items)
            items.append((rank, _mat(response)))
        if sorted(rank for rank, _ in items) != list(range(len(items))):
            raise _Unsupported(
                f"question {title!r} is a Canvas matching_question that is not an ordering, "
                "which quizapp does not support"
            )
        question.update(type="ordering", prompt=prompt, items=[text for _, text in sorted(items)])
        notices.append(Notice(question["id"], "a matching question is read as an ordering"))
        return question
    raise _Unsupported(
        f"question {title or item.get('ident', '')!r} is of the Canvas type "
        f"{kind or '(none)'!r}, which quizapp does not support; remove it or rewrite it"
    )


def parse(raw: bytes, source_name: str) -> Parsed:
    """A Canvas QTI 1.2 export (zip or XML) as a bank dict; each problem names its item."""
    parsed = Parsed()
    quiz: dict[str, Any] = {}
    try:
        content = raw
        if is_zip(raw):
            files = read_package(raw)
            assessment_file = _assessment_file(files)
            if assessment_file is None:
                raise PackageRefused("the package holds no QTI 1.2 <questestinterop> file")
            path, content = assessment_file
            quiz = _quiz_settings(files, path, parsed.notices)
        root = parse_xml(content)
    except (PackageRefused, XmlRefused) as refused:
        parsed.issues.append(Issue(source_name, getattr(refused, "line", 1), 1, str(refused)))
        return parsed
    assessment = _first(root, "assessment")
    title = assessment.get("title", "") if assessment is not None else ""
    bank_id = assessment.get("ident", "") if assessment is not None else ""
    article = ""
    questions: list[dict[str, Any]] = []
    taken: set[str] = set()
    for index, item in enumerate(_children(root, "item"), start=1):
        metadata = _metadata(item)
        kind = metadata.get("question_type", "")
        where = f"item {item.get('ident', index)}"
        line = item.sourceline or 1
        if kind == ARTICLE_TYPE:
            presentation = _first(item, "presentation")
            if not article and presentation is not None:
                article = _direct_material(presentation)
            continue
        try:
            question = _read_item(
                item, kind, metadata.get("points_possible", ""), taken, parsed.notices
            )
        except _Problem as problem:
            found = parsed.unsupported if isinstance(problem, _Unsupported) else parsed.issues
            found.append(Issue(source_name, line, 1, f"{where}: {problem.message}"))
            continue
        questions.append(question)
        parsed.places.append((line, where))
    finish_parse(
        parsed, source_name, title=title, article=article, questions=questions, bank_id=bank_id
    )
    if parsed.data is not None and quiz:
        parsed.data["quiz"] = quiz
    return parsed
