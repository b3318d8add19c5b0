"""Writing a bank as Moodle XML: a category question carries the bank title (and its id as
``idnumber``), the article is a description question named ``article``, then one ``<question>``
per question through ``_WRITERS``. The skill and quizapp's own type (for evidence) travel as tags
(``quizapp-skill:detail``), which Moodle keeps. Cloze becomes ``multianswer`` with embedded
``{1:SHORTANSWER:...}`` answers, ordering the ``ordering`` type, evidence a multichoice of the
article's sentences, a written response an ``essay`` with its grader information.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from lxml import etree

from quizapp.banks import schema
from quizapp.banks.convert import PLACEHOLDER
from quizapp.banks.formats import embedded
from quizapp.banks.formats.base import (
    ARTICLE_NAME,
    Exported,
    Notice,
    common_losses,
    number_text,
    numeric_answers,
    percent,
)
from quizapp.banks.formats.marking_guide import guide_text
from quizapp.banks.formats.moodle_xml.vocabulary import (
    ORDERING_GRADING,
    PROMPT_TAG,
    SKILL_TAG,
    TYPE_TAG,
)
from quizapp.banks.formats.text import text_to_html
from quizapp.domain.article import Article


def _text(parent: etree._Element, tag: str, value: str, *, html: bool = True) -> etree._Element:
    element = etree.SubElement(parent, tag)
    if html:
        element.set("format", "html")
    etree.SubElement(element, "text").text = text_to_html(value) if html and value else value
    return element


def _answer(
    parent: etree._Element, fraction: str, text: str, feedback: str, *, html: bool = True
) -> etree._Element:
    answer = etree.SubElement(parent, "answer", fraction=fraction)
    answer.set("format", "html" if html else "plain_text")
    etree.SubElement(answer, "text").text = text_to_html(text) if html else text
    _text(answer, "feedback", feedback)
    return answer


def _simple(tag: str, value: str, parent: etree._Element) -> None:
    etree.SubElement(parent, tag).text = value


Writer = Callable[[Any, etree._Element, schema.BankSpec, list[str]], str]


def _choices(
    question: Any, element: etree._Element, bank: schema.BankSpec, losses: list[str]
) -> str:
    single = question.type == "multiple_choice"
    right = sum(c.correct for c in question.choices)
    weight = percent(Decimal(1) / right) if right else "0"
    _simple("single", "true" if single else "false", element)
    _simple("shuffleanswers", "true" if question.shuffle else "false", element)
    _simple("answernumbering", "abc", element)
    for choice in question.choices:
        if single:
            fraction = "100" if choice.correct else "0"
        else:
            fraction = weight if choice.correct else f"-{weight}"
        _answer(element, fraction, choice.text, choice.feedback)
    return "multichoice"


def _true_false(
    question: Any, element: etree._Element, bank: schema.BankSpec, losses: list[str]
) -> str:
    for value, feedback in ((True, question.feedback_true), (False, question.feedback_false)):
        fraction = "100" if value == question.answer else "0"
        _answer(element, fraction, "true" if value else "false", feedback, html=False)
    return "truefalse"


def _short_answer(
    question: Any, element: etree._Element, bank: schema.BankSpec, losses: list[str]
) -> str:
    _simple("usecase", "1" if question.case_sensitive else "0", element)
    for answer in question.answers:
        _answer(element, percent(answer.credit), answer.text, answer.feedback, html=False)
    return "shortanswer"


def _numeric(
    question: Any, element: etree._Element, bank: schema.BankSpec, losses: list[str]
) -> str:
    for value in numeric_answers(question):
        answer = _answer(
            element, percent(value.credit), number_text(value.value), value.feedback, html=False
        )
        _simple("tolerance", number_text(value.tolerance), answer)
    if question.unit:
        units = etree.SubElement(element, "units")
        unit = etree.SubElement(units, "unit")
        _simple("multiplier", "1", unit)
        _simple("unit_name", question.unit, unit)
        # Grade the number only; the unit is shown beside the box, as quizapp does.
        _simple("unitgradingtype", "0", element)
        _simple("unitpenalty", "0", element)
        _simple("showunits", "3", element)
        _simple("unitsleft", "0", element)
    return "numerical"


def _cloze(question: Any, element: etree._Element, bank: schema.BankSpec, losses: list[str]) -> str:
    losses.append("cloze becomes Moodle's embedded answers (multianswer)")

    def blank(match: re.Match[str]) -> str:
        return embedded.write_blank(question.blanks[match.group(1)], question.case_sensitive)

    text = PLACEHOLDER.sub(blank, question.text)
    body = text_to_html(text)
    if question.prompt != schema.DEFAULT_CLOZE_PROMPT:
        body = text_to_html(question.prompt) + body
    questiontext = element.find("questiontext")
    assert questiontext is not None
    questiontext[0].text = body
    # Moodle's XML format names the embedded-answers (multianswer) type "cloze".
    return "cloze"


def _ordering(
    question: Any, element: etree._Element, bank: schema.BankSpec, losses: list[str]
) -> str:
    losses.append(
        f"ordering becomes Moodle's ordering type graded {ORDERING_GRADING} "
        "(quizapp counts pairs in order; close, not always equal)"
    )
    _simple("layouttype", "VERTICAL", element)
    _simple("selecttype", "ALL", element)
    _simple("selectcount", "0", element)
    _simple("gradingtype", ORDERING_GRADING, element)
    _simple("showgrading", "SHOW", element)
    for place, item in enumerate(question.items, start=1):
        answer = etree.SubElement(element, "answer", fraction=str(place), format="html")
        _simple("text", text_to_html(item.text), answer)
    return "ordering"


def _evidence(
    question: Any, element: etree._Element, bank: schema.BankSpec, losses: list[str]
) -> str:
    losses.append("evidence becomes a multiple choice of the article's sentences")
    quotes = [" ".join(q.split()) for q in question.evidence]
    _simple("single", "true", element)
    _simple("shuffleanswers", "false", element)
    _simple("answernumbering", "none", element)
    for sentence in Article(bank.article).sentences:
        text = " ".join(sentence.text.split())
        right = any(quote in text for quote in quotes)
        _answer(element, "100" if right else "0", text, "")
    return "multichoice"


def _written_response(
    question: Any, element: etree._Element, bank: schema.BankSpec, losses: list[str]
) -> str:
    if question.rubric:
        losses.append(
            "the rubric travels as text in the grader information: Moodle marks an essay with "
            "one mark out of its points"
        )
    _simple("responseformat", "editor", element)
    _simple("responserequired", "1", element)
    _simple("responsefieldlines", "10", element)
    _simple("attachments", "0", element)
    _simple("attachmentsrequired", "0", element)
    _text(element, "graderinfo", guide_text(question))
    _text(element, "responsetemplate", "")
    return "essay"


_WRITERS: dict[str, Writer] = {
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


def _tags(element: etree._Element, *names: str) -> None:
    tags = etree.SubElement(element, "tags")
    for tag_name in names:
        tag = etree.SubElement(tags, "tag")
        _simple("text", tag_name, tag)


def export(bank: schema.BankSpec) -> Exported:
    """The bank as Moodle XML (UTF-8), with a notice per thing Moodle cannot carry."""
    root = etree.Element("quiz")
    category = etree.SubElement(root, "question", type="category")
    _text(category, "category", f"$course$/top/{bank.title.replace('/', '//')}", html=False)
    _text(category, "info", "")
    _simple("idnumber", bank.id, category)
    if bank.article.strip():
        article = etree.SubElement(root, "question", type="description")
        _text(article, "name", ARTICLE_NAME, html=False)
        _text(article, "questiontext", bank.article)
        _text(article, "generalfeedback", "")
        _simple("defaultgrade", "0", article)
        _simple("penalty", "0", article)
        _simple("hidden", "0", article)
    notices: list[Notice] = []
    for question in bank.questions:
        losses = common_losses(question, carries_points=True, carries_evidence=False)
        if question.type == "short_answer" or question.type == "cloze":
            losses = [loss for loss in losses if "lenient" in loss or "evidence" in loss]
        element = etree.SubElement(root, "question")
        _text(element, "name", question.id, html=False)
        prompt = question.prompt
        _text(element, "questiontext", prompt)
        _text(element, "generalfeedback", question.explanation)
        _simple("defaultgrade", number_text(question.points), element)
        _simple("penalty", "0", element)
        _simple("hidden", "0", element)
        _simple("idnumber", question.id, element)
        element.set("type", _WRITERS[question.type](question, element, bank, losses))
        tags = [SKILL_TAG + question.skill]
        if question.type in {"evidence", "cloze"}:
            tags.append(TYPE_TAG + question.type)
        if question.type == "cloze" and question.prompt != schema.DEFAULT_CLOZE_PROMPT:
            tags.append(PROMPT_TAG)
        _tags(element, *tags)
        notices += [Notice(question.id, loss) for loss in losses]
    content = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Exported(content, notices)
