"""Reading Moodle XML into a bank dict: Moodle's fractions (100, 33.33333, -50), HTML text,
per-answer and general feedback, categories, units and ``usecase``; embedded answers
(``embedded``) become a cloze, or the multiple-choice, multi-select or numeric question that a
lone blank of those kinds is, and an ``essay`` a written response with the model answer and
rubric of its grader information. Questions of types quizapp has no equivalent for are
unsupported, and what an import loses (embedded files, merged categories) is announced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from quizapp.banks.formats import embedded
from quizapp.banks.formats.base import (
    GAP,
    Notice,
    Parsed,
    credit_from_percent,
    finish_parse,
    multi_select_weight_loss,
    settle_choices,
    unique_slug,
)
from quizapp.banks.formats.marking_guide import read_guide
from quizapp.banks.formats.moodle_xml.vocabulary import (
    ORDERING_GRADING,
    PROMPT_TAG,
    SKILL_TAG,
    TYPE_TAG,
)
from quizapp.banks.formats.text import html_to_text, looks_like_html
from quizapp.banks.formats.xmlsafe import XmlRefused, element_path, local_name, parse_xml
from quizapp.banks.issues import Issue
from quizapp.domain.questions import SKILLS


def recognises(raw: bytes) -> bool:
    return b"<quiz" in raw[:4096] and b"<question" in raw


# A category path starts with the context Moodle saved it from; none of them names a bank.
_CONTEXTS = {"top", "$course$", "$module$", "$system$", "$coursecategory$", "$cat$"}


class _Problem(Exception):
    def __init__(self, element: etree._Element, message: str) -> None:
        super().__init__(message)
        self.element = element
        self.message = message


class _Unsupported(_Problem):
    """A question of a type quizapp has no equivalent for; an import may skip it."""


def _child_text(element: etree._Element, path: str) -> str:
    found = element.find(path)
    if found is None:
        return ""
    text_element = found.find("text") if found.tag != "text" else found
    return (text_element.text if text_element is not None else found.text) or ""


def _rich(element: etree._Element | None) -> str:
    """A Moodle text element's words (HTML turned into paragraphs)."""
    if element is None:
        return ""
    text_element = element.find("text")
    raw = (text_element.text if text_element is not None else element.text) or ""
    text_format = element.get("format", "html")
    if text_format == "html" or looks_like_html(raw):
        return html_to_text(raw)
    return raw.strip()


def _fraction(answer: etree._Element) -> Decimal:
    try:
        return credit_from_percent(answer.get("fraction", "0"))
    except InvalidOperation:
        raise _Problem(answer, f"fraction {answer.get('fraction')!r} is not a number") from None


def _tag_values(element: etree._Element) -> list[str]:
    return [(tag.text or "").strip() for tag in element.iterfind("tags/tag/text")]


def _read_question(
    element: etree._Element, kind: str, taken: set[str], notices: list[Notice]
) -> dict[str, Any]:
    name_text = _child_text(element, "name").strip()
    if looks_like_html(name_text):
        name_text = html_to_text(name_text)
    question_id = unique_slug(
        (element.findtext("idnumber") or "").strip() or name_text, f"q{len(taken) + 1}", taken
    )
    question: dict[str, Any] = {"id": question_id, "prompt": _rich(element.find("questiontext"))}
    tags = _tag_values(element)
    for tag in tags:
        if tag.startswith(SKILL_TAG) and tag[len(SKILL_TAG) :] in SKILLS:
            question["skill"] = tag[len(SKILL_TAG) :]
    grade = (element.findtext("defaultgrade") or "1").strip()
    try:
        points = Decimal(grade)
    except InvalidOperation:
        raise _Problem(element, f"defaultgrade {grade!r} is not a number") from None
    if points != 1 and points > 0:
        question["points"] = points
    explanation = _rich(element.find("generalfeedback"))
    if explanation:
        question["explanation"] = explanation
    reader = _READERS.get(kind)
    if reader is None:
        known = ", ".join(sorted(_READERS))
        raise _Unsupported(
            element,
            f"question '{name_text or question_id}' is of type '{kind}', which quizapp does not "
            f"support (it reads: {known}); remove it or rewrite it",
        )
    read = reader(element, question, tags, notices)
    if _carries_files(element):
        notices.append(
            Notice(question["id"], "images and other embedded files are left out; text is kept")
        )
    return read


def _carries_files(element: etree._Element) -> bool:
    """Whether a question shows files: ``<file>`` (Moodle 2+), ``<image>`` (1.9) or ``<img>``."""
    if element.find(".//file") is not None or (element.findtext("image") or "").strip():
        return True
    return any("<img" in (text.text or "").lower() for text in element.iter("text"))


def _read_choices(
    element: etree._Element, question: dict[str, Any], tags: list[str], notices: list[Notice]
) -> dict[str, Any]:
    single = (element.findtext("single") or "true").strip().lower() in {"true", "1"}
    choices = []
    fractions = []
    for answer in element.iterfind("answer"):
        fraction = _fraction(answer)
        fractions.append(fraction)
        choice: dict[str, Any] = {"text": _rich(answer), "correct": fraction > 0}
        if single and 0 < fraction < 1:
            choice["correct"] = False
            notices.append(Notice(question["id"], f"partial credit for {choice['text']!r} is lost"))
        feedback = _rich(answer.find("feedback"))
        if feedback:
            choice["feedback"] = feedback
        choices.append(choice)
    if TYPE_TAG + "evidence" in tags:
        question.update(type="evidence", evidence=[c["text"] for c in choices if c["correct"]])
        return question
    settle_choices(question, choices, single=single, credits=fractions, notices=notices)
    shuffle = (element.findtext("shuffleanswers") or "true").strip().lower()
    if shuffle in {"false", "0"}:
        question["shuffle"] = False
    return question


def _read_true_false(
    element: etree._Element, question: dict[str, Any], tags: list[str], notices: list[Notice]
) -> dict[str, Any]:
    question["type"] = "true_false"
    question["answer"] = True
    for answer in element.iterfind("answer"):
        value = _rich(answer).strip().lower() in {"true", "1", "yes"}
        if _fraction(answer) > 0:
            question["answer"] = value
        feedback = _rich(answer.find("feedback"))
        if feedback:
            question["feedback_true" if value else "feedback_false"] = feedback
    return question


def _read_answers(element: etree._Element) -> list[dict[str, Any]]:
    answers = []
    for answer in element.iterfind("answer"):
        read: dict[str, Any] = {"text": _rich(answer), "credit": max(_fraction(answer), Decimal(0))}
        feedback = _rich(answer.find("feedback"))
        if feedback:
            read["feedback"] = feedback
        answers.append(read)
    return answers


def _read_short_answer(
    element: etree._Element, question: dict[str, Any], tags: list[str], notices: list[Notice]
) -> dict[str, Any]:
    question.update(type="short_answer", answers=_read_answers(element))
    if (element.findtext("usecase") or "0").strip() == "1":
        question["case_sensitive"] = True
    return question


def _read_numeric(
    element: etree._Element, question: dict[str, Any], tags: list[str], notices: list[Notice]
) -> dict[str, Any]:
    answers = []
    for answer in element.iterfind("answer"):
        text = _rich(answer).strip()
        if text == "*":
            notices.append(Notice(question["id"], "the catch-all '*' answer is left out"))
            continue
        try:
            value = Decimal(text)
            tolerance = abs(Decimal((answer.findtext("tolerance") or "0").strip() or "0"))
        except InvalidOperation:
            raise _Problem(answer, f"{text!r} is not a number") from None
        read: dict[str, Any] = {
            "value": value,
            "tolerance": tolerance,
            "credit": max(_fraction(answer), Decimal(0)),
        }
        feedback = _rich(answer.find("feedback"))
        if feedback:
            read["feedback"] = feedback
        answers.append(read)
    question.update(type="numeric", answers=answers)
    unit = (element.findtext("units/unit/unit_name") or "").strip()
    if unit:
        question["unit"] = unit
    return question


def _read_cloze(
    element: etree._Element, question: dict[str, Any], tags: list[str], notices: list[Notice]
) -> dict[str, Any]:
    """Embedded answers as the quizapp type they map to, by the kinds of their blanks.

    One multiple-choice, multi-response or numerical blank is that question with the blank
    shown as a gap in the prompt; short-answer blanks (and numerical ones matched exactly) are a
    cloze. Other mixes have no quizapp type.
    """
    try:
        text, blanks = embedded.read_blanks(_child_text(element, "questiontext"))
    except embedded.EmbeddedUnknownKind as unknown:
        raise _Unsupported(element, f"question '{question['id']}' has {unknown}") from None
    except embedded.EmbeddedUnreadable as unreadable:
        raise _Problem(element, str(unreadable)) from None
    if not blanks:
        raise _Problem(element, "the embedded-answers question has no {1:SHORTANSWER:...} blank")
    text = html_to_text(text)
    families = {blank.family for blank in blanks}
    if len(blanks) == 1 and families & {embedded.CHOICE, embedded.RESPONSE, embedded.NUMERIC}:
        question["prompt"] = text.replace("[[blank-1]]", GAP)
        return _ONE_BLANK[blanks[0].family](blanks[0], question, notices)
    inexact = [
        blank
        for blank in blanks
        if blank.family != embedded.SHORT
        and (blank.family != embedded.NUMERIC or any(a.tolerance != 0 for a in blank.answers))
    ]
    if inexact:
        kinds = ", ".join(dict.fromkeys(blank.kind for blank in inexact))
        raise _Unsupported(
            element,
            f"question '{question['id']}' has {len(blanks)} blanks, of them {kinds}: quizapp's "
            "cloze takes typed answers only (one multiple-choice or numerical blank alone "
            "becomes that question)",
        )
    if any(blank.family == embedded.NUMERIC for blank in blanks):
        notices.append(
            Notice(question["id"], "numerical blanks are compared as typed answers, not numbers")
        )
    if len({blank.weight for blank in blanks}) > 1:
        notices.append(
            Notice(question["id"], "the blanks' marks differ; in quizapp each earns an equal share")
        )
    question["type"] = "cloze"
    if PROMPT_TAG in tags and "\n\n" in text:
        question["prompt"], text = text.split("\n\n", 1)
    else:
        question.pop("prompt", None)
    question["text"] = text
    question["blanks"] = {
        f"blank-{number}": [_embedded_answer(answer) for answer in blank.answers]
        for number, blank in enumerate(blanks, start=1)
    }
    if any(blank.case_sensitive for blank in blanks):
        question["case_sensitive"] = True
    return question


def _embedded_answer(answer: embedded.EmbeddedAnswer) -> dict[str, Any]:
    read: dict[str, Any] = {"text": answer.text, "credit": max(answer.credit, Decimal(0))}
    if answer.feedback:
        read["feedback"] = answer.feedback
    return read


def _one_choice_blank(
    blank: embedded.Blank, question: dict[str, Any], notices: list[Notice]
) -> dict[str, Any]:
    single = blank.family == embedded.CHOICE
    choices = []
    for answer in blank.answers:
        choice: dict[str, Any] = {"text": answer.text, "correct": answer.credit > 0}
        if single and 0 < answer.credit < 1:
            choice["correct"] = False
            notices.append(Notice(question["id"], f"partial credit for {answer.text!r} is lost"))
        if answer.feedback:
            choice["feedback"] = answer.feedback
        choices.append(choice)
    loss = None if single else multi_select_weight_loss([answer.credit for answer in blank.answers])
    if loss:
        notices.append(Notice(question["id"], loss))
    notices.append(
        Notice(question["id"], f"the embedded {blank.kind} blank becomes a question of its own")
    )
    right_count = sum(choice["correct"] for choice in choices)
    question["type"] = "multiple_choice" if single and right_count <= 1 else "multi_select"
    question["choices"] = choices
    if not blank.shuffled:
        question["shuffle"] = False
    return question


def _one_numerical_blank(
    blank: embedded.Blank, question: dict[str, Any], notices: list[Notice]
) -> dict[str, Any]:
    answers = []
    for answer in blank.answers:
        if answer.tolerance is None:
            notices.append(Notice(question["id"], "the catch-all '*' answer is left out"))
            continue
        read = _embedded_answer(answer)
        del read["text"]
        answers.append({"value": Decimal(answer.text), "tolerance": answer.tolerance, **read})
    notices.append(
        Notice(question["id"], "the embedded NUMERICAL blank becomes a question of its own")
    )
    question.update(type="numeric", answers=answers)
    return question


_ONE_BLANK = {
    embedded.CHOICE: _one_choice_blank,
    embedded.RESPONSE: _one_choice_blank,
    embedded.NUMERIC: _one_numerical_blank,
}


def _read_ordering(
    element: etree._Element, question: dict[str, Any], tags: list[str], notices: list[Notice]
) -> dict[str, Any]:
    items: list[tuple[Decimal, int, str]] = []
    for answer in element.iterfind("answer"):
        try:
            place = Decimal(answer.get("fraction", "0"))
        except InvalidOperation:
            place = Decimal(len(items))
        items.append((place, len(items), _rich(answer)))
    question.update(type="ordering", items=[text for _, _, text in sorted(items)])
    grading = (element.findtext("gradingtype") or "").strip()
    if grading and grading != ORDERING_GRADING:
        notices.append(Notice(question["id"], f"{grading} grading becomes quizapp's pair credit"))
    return question


def _read_essay(
    element: etree._Element, question: dict[str, Any], tags: list[str], notices: list[Notice]
) -> dict[str, Any]:
    """An essay: the grader information is the model answer, and the rubric if it has one."""
    question.update(type="written_response", **read_guide(_rich(element.find("graderinfo"))))
    if (element.findtext("attachments") or "0").strip() not in {"", "0"}:
        notices.append(Notice(question["id"], "file attachments are not carried: answers are text"))
    return question


_READERS: dict[
    str, Callable[[etree._Element, dict[str, Any], list[str], list[Notice]], dict[str, Any]]
] = {
    "multichoice": _read_choices,
    "truefalse": _read_true_false,
    "shortanswer": _read_short_answer,
    "numerical": _read_numeric,
    "cloze": _read_cloze,
    "multianswer": _read_cloze,
    "ordering": _read_ordering,
    "essay": _read_essay,
}


def parse(raw: bytes, source_name: str) -> Parsed:
    """A Moodle XML file as a bank dict; each unreadable question is an issue with its path."""
    parsed = Parsed()
    try:
        root = parse_xml(raw)
    except XmlRefused as refused:
        parsed.issues.append(Issue(source_name, refused.line, 1, refused.message))
        return parsed
    if local_name(root) != "quiz":
        parsed.issues.append(
            Issue(source_name, 1, 1, f"expected <quiz> as the root element, not <{root.tag}>")
        )
        return parsed
    title, bank_id, article = "", "", ""
    questions: list[dict[str, Any]] = []
    # Only the categories that hold questions count as merged; Moodle writes every parent too.
    categories: list[str] = []
    category = ""
    taken: set[str] = set()
    for element in root.iterfind("question"):
        kind = element.get("type", "")
        line = element.sourceline or 1
        where = element_path(element)
        if kind == "category":
            path = _child_text(element, "category").strip()
            category = path
            segments = [s for s in re.split(r"(?<!/)/(?!/)", path) if s]
            if segments and segments[-1] not in _CONTEXTS:
                title = segments[-1].replace("//", "/").strip()
            bank_id = (element.findtext("idnumber") or "").strip() or bank_id
            continue
        if kind == "description":
            text = _rich(element.find("questiontext"))
            if not article:
                article = text
            else:
                parsed.notices.append(Notice(where, "an extra description is left out"))
            continue
        try:
            question = _read_question(element, kind, taken, parsed.notices)
        except _Problem as problem:
            found = parsed.unsupported if isinstance(problem, _Unsupported) else parsed.issues
            found.append(
                Issue(
                    source_name,
                    problem.element.sourceline or line,
                    1,
                    f"{element_path(problem.element)}: {problem.message}",
                )
            )
            continue
        questions.append(question)
        parsed.places.append((line, where))
        if category not in categories:
            categories.append(category)
    if len(categories) > 1:
        parsed.notices.append(
            Notice("file", f"{len(categories)} categories are merged into one bank")
        )
    return finish_parse(
        parsed, source_name, title=title, article=article, questions=questions, bank_id=bank_id
    )
