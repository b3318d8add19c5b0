"""Writing a bank as GIFT: ``$CATEGORY:`` carries the bank title, the article is a description
question named ``article`` (HTML paragraphs), then one question per type through ``_WRITERS``. A
``// quizapp:`` comment before each question keeps what GIFT has no syntax for (type, skill,
points), so quizapp reads its own files back exactly while Moodle skips the comment.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from quizapp.banks import schema
from quizapp.banks.convert import cloze_placeholders
from quizapp.banks.formats.base import (
    ARTICLE_NAME,
    Exported,
    Notice,
    common_losses,
    number_text,
    numeric_answers,
    percent,
)
from quizapp.banks.formats.gift.syntax import CATEGORY, HINT, escape
from quizapp.banks.formats.text import text_to_html
from quizapp.domain.article import Article

Writer = Callable[[Any, schema.BankSpec, list[str]], str]


def _feedback(text: str) -> str:
    return f"#{escape(text)}" if text else ""


def _general(question: Any) -> str:
    return f"####{escape(question.explanation)}" if question.explanation else ""


def _write_choices(question: Any, bank: schema.BankSpec, losses: list[str]) -> str:
    if question.type == "multiple_choice":
        parts = [
            ("=" if c.correct else "~") + escape(c.text) + _feedback(c.feedback)
            for c in question.choices
        ]
    else:
        right = sum(c.correct for c in question.choices)
        weight = percent(Decimal(1) / right)
        parts = [
            f"~%{weight if c.correct else '-' + weight}%" + escape(c.text) + _feedback(c.feedback)
            for c in question.choices
        ]
    if not question.shuffle:
        losses.append("'shuffle: false' is not carried; Moodle's quiz setting decides")
    return "{\n\t" + "\n\t".join([*parts, _general(question)]).rstrip() + "\n}"


def _write_true_false(question: Any, bank: schema.BankSpec, losses: list[str]) -> str:
    # GIFT gives the feedback for a wrong answer first, then for a right one.
    right, wrong = (
        (question.feedback_true, question.feedback_false)
        if question.answer
        else (question.feedback_false, question.feedback_true)
    )
    key = "TRUE" if question.answer else "FALSE"
    feedback = f"#{escape(wrong)}#{escape(right)}" if wrong or right else ""
    return "{" + key + feedback + _general(question) + "}"


def _answers(answers: list[schema.AnswerSpec]) -> list[str]:
    return [f"=%{percent(a.credit)}%{escape(a.text)}{_feedback(a.feedback)}" for a in answers]


def _write_short_answer(question: Any, bank: schema.BankSpec, losses: list[str]) -> str:
    if question.case_sensitive:
        losses.append("'case_sensitive: true' is not carried; GIFT short answers ignore case")
    return "{\n\t" + "\n\t".join([*_answers(question.answers), _general(question)]).rstrip() + "\n}"


def _write_numeric(question: Any, bank: schema.BankSpec, losses: list[str]) -> str:
    if question.unit:
        losses.append(f"the unit ({question.unit}) is not carried; it is added to the prompt")
    parts = [
        f"=%{percent(a.credit)}%{number_text(a.value)}:{number_text(a.tolerance)}"
        + _feedback(a.feedback)
        for a in numeric_answers(question)
    ]
    return "{#\n\t" + "\n\t".join([*parts, _general(question)]).rstrip() + "\n}"


def _write_ordering(question: Any, bank: schema.BankSpec, losses: list[str]) -> str:
    losses.append(
        "ordering becomes a matching question (each item to its place); Moodle scores each "
        "place, quizapp each pair kept in order"
    )
    parts = [f"={escape(item.text)} -> {place}" for place, item in enumerate(question.items, 1)]
    return "{\n\t" + "\n\t".join([*parts, _general(question)]).rstrip() + "\n}"


def _write_evidence(question: Any, bank: schema.BankSpec, losses: list[str]) -> str:
    losses.append("evidence becomes a choice of the article's sentences")
    article = Article(bank.article)
    quotes = [" ".join(q.split()) for q in question.evidence]
    parts = []
    for sentence in article.sentences:
        text = " ".join(sentence.text.split())
        right = any(quote in text for quote in quotes)
        parts.append(("=" if right else "~") + escape(text))
    return "{\n\t" + "\n\t".join([*parts, _general(question)]).rstrip() + "\n}"


def _write_written_response(question: Any, bank: schema.BankSpec, losses: list[str]) -> str:
    """An essay, ``{}``: GIFT has no grader information for the model answer or rubric."""
    if question.model_answer.strip() or question.rubric:
        losses.append("the model answer and the rubric are not carried")
    return "{" + _general(question) + "}"


_WRITERS: dict[str, Writer] = {
    "multiple_choice": _write_choices,
    "multi_select": _write_choices,
    "true_false": _write_true_false,
    "short_answer": _write_short_answer,
    "numeric": _write_numeric,
    "ordering": _write_ordering,
    "evidence": _write_evidence,
    "written_response": _write_written_response,
}


def _write_cloze(question: schema.ClozeSpec, losses: list[str]) -> str | None:
    """A one-blank cloze as a missing-word question; GIFT has nothing for several blanks."""
    placeholders = cloze_placeholders(question.text)
    if len(placeholders) != 1:
        return None
    before, _, after = question.text.partition(f"[[{placeholders[0]}]]")
    answers = _answers(question.blanks[placeholders[0]])
    if question.prompt != schema.DEFAULT_CLOZE_PROMPT:
        losses.append("the cloze instruction is not carried (the text with its blank is)")
    losses.append("cloze becomes a missing-word question")
    return f"{escape(before)}{{{' '.join(answers)}{_general(question)}}}{escape(after)}"


def export(bank: schema.BankSpec) -> Exported:
    """The bank as GIFT text (UTF-8), with a notice per thing GIFT cannot carry."""
    notices: list[Notice] = []
    category = bank.title.replace("/", "-")
    lines = [
        f"// {bank.title}",
        f"{HINT} bank={bank.id}",
        f"{CATEGORY} $course$/top/{category}",
        "",
    ]
    if bank.article.strip():
        lines += [f"::{ARTICLE_NAME}::[html]{escape(text_to_html(bank.article))}", ""]
    for question in bank.questions:
        losses = common_losses(question, carries_points=False, carries_evidence=False)
        hint = f"{HINT} type={question.type} skill={question.skill}"
        hint += f" points={number_text(question.points)}"
        prompt = question.prompt
        if question.type == "numeric" and question.unit:
            prompt = f"{prompt} ({question.unit})"
        if question.type == "cloze":
            body = _write_cloze(question, losses)
            if body is None:
                notices.append(
                    Notice(question.id, "left out: GIFT has no question with several blanks")
                )
                continue
            text = f"::{escape(question.id)}::{body}"
        else:
            answer = _WRITERS[question.type](question, bank, losses)
            text = f"::{escape(question.id)}::{escape(prompt)} {answer}"
        notices += [Notice(question.id, loss) for loss in losses]
        lines += [hint, text, ""]
    return Exported("\n".join(lines).encode("utf-8"), notices)
