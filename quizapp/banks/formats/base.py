"""What every interchange format shares: the result types, notices of loss, and text helpers.

A format module turns a validated ``schema.BankSpec`` into bytes (``export``) and bytes into a
bank dict in the YAML shape of ``schema`` (``parse``). Nothing a format cannot carry disappears
silently: each loss or approximation becomes a ``Notice`` naming the question, printed by the
caller. Parse problems are ``Issue`` values whose line is the source line (text formats) or
whose message starts with the XML element path (XML formats).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from quizapp.banks import schema
from quizapp.banks.issues import Issue

# The description/stimulus that holds the article is recognised on import by this name.
ARTICLE_NAME = "article"
_SLUG_CHARACTERS = re.compile(r"[^a-z0-9]+")
# Where answers stood inside a sentence (a GIFT missing word, a lone embedded blank), as Moodle
# shows it.
GAP = "_____"


@dataclass(frozen=True, order=True)
class Notice:
    """Something a format could not carry exactly, for the question ``where`` (an id)."""

    where: str
    message: str

    def format(self, source_name: str) -> str:
        return f"{source_name}: {self.where}: {self.message}"


@dataclass
class Exported:
    """A bank written in a format, with what the format lost."""

    content: bytes
    notices: list[Notice] = field(default_factory=list)


@dataclass
class Parsed:
    """A bank read from a format: the bank dict, or the issues that stopped reading.

    ``places`` gives, per question of ``data``, where it was in the source (for issues the bank
    validator finds later). ``unsupported`` holds the questions of a type quizapp has no
    equivalent for (essay, matching...), left out of ``data``: problems unless the import is
    asked to skip them.
    """

    data: dict[str, Any] | None = None
    issues: list[Issue] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    places: list[tuple[int, str]] = field(default_factory=list)
    unsupported: list[Issue] = field(default_factory=list)


class BankFormat(Protocol):
    """One interchange format (a module of this package registered in ``registry``)."""

    name: str
    label: str
    extension: str
    media_type: str

    def export(self, bank: schema.BankSpec) -> Exported: ...

    def parse(self, raw: bytes, source_name: str) -> Parsed: ...

    def recognises(self, raw: bytes) -> bool: ...


def slug(text: str, fallback: str) -> str:
    """A bank or question id made from a name ("Q 1: Cairo" -> "q-1-cairo")."""
    made = _SLUG_CHARACTERS.sub("-", text.casefold()).strip("-")[:60].strip("-")
    return made or fallback


def unique_slug(text: str, fallback: str, taken: set[str]) -> str:
    """``slug`` made unique among ``taken`` (by a numeric suffix), then added to it."""
    base = slug(text, fallback)
    made, number = base, 2
    while made in taken:
        made, number = f"{base}-{number}", number + 1
    taken.add(made)
    return made


def percent(credit: Decimal) -> str:
    """A credit (0..1) as the percentage Moodle writes: 100, 50, 33.33333."""
    value = (credit * 100).quantize(Decimal("0.00001"))
    text = format(value.normalize(), "f")
    return text


def credit_from_percent(text: str) -> Decimal:
    """A Moodle percentage or fraction weight back as a credit, rounded like Moodle's grades."""
    value = Decimal(text.strip()) / 100
    return _snap(value)


def _snap(value: Decimal) -> Decimal:
    """Moodle rounds 1/3 to 0.3333333; give back the exact fraction a teacher meant."""
    for denominator in range(1, 11):
        for numerator in range(-denominator, denominator + 1):
            exact = Decimal(numerator) / Decimal(denominator)
            if abs(exact - value) < Decimal("0.000006"):
                if exact == exact.to_integral_value():
                    return Decimal(int(exact))
                return exact.quantize(Decimal("0.0000001")).normalize()
    return value.normalize()


def multi_select_weight_loss(credits: list[Decimal]) -> str | None:
    """The notice when Moodle's per-choice fractions are not quizapp's multi_select scoring.

    quizapp shares the credit equally among the right choices and takes one share away per
    wrong pick; any other fractions (unequal right weights, wrong picks costing more, less or
    nothing) are approximated and must be said so.
    """
    rights = [credit for credit in credits if credit > 0]
    wrongs = [credit for credit in credits if credit <= 0]
    if not rights:
        return None
    share = Decimal(1) / len(rights)
    close = Decimal("0.0001")
    if all(abs(credit - share) < close for credit in rights) and all(
        abs(credit + share) < close for credit in wrongs
    ):
        return None
    return (
        "the choices' fractions become quizapp's scoring: the right choices share the credit "
        "equally and each wrong pick takes one share away"
    )


def settle_choices(
    question: dict[str, Any],
    choices: list[dict[str, Any]],
    *,
    single: bool,
    credits: list[Decimal],
    notices: list[Notice],
) -> None:
    """Give a read choice question its choices and its type, saying what reading changed.

    A single-answer question with several right choices becomes a multi_select; a multi-select
    whose choices' ``credits`` are not quizapp's scoring gets the notice that they are
    approximated.
    """
    right = sum(choice["correct"] for choice in choices)
    question["type"] = "multiple_choice" if single and right <= 1 else "multi_select"
    if single and right > 1:
        notices.append(Notice(question["id"], "several right answers: read as multi_select"))
    loss = None if single else multi_select_weight_loss(credits)
    if loss:
        notices.append(Notice(question["id"], loss))
    question["choices"] = choices


def number_text(value: Decimal) -> str:
    """A decimal written plainly (no exponent): 1200, 0.005."""
    return format(value.normalize(), "f") if value != 0 else "0"


def numeric_answers(question: schema.NumericSpec) -> list[schema.NumericAnswerSpec]:
    """A numeric question's accepted values, whether written as ``answer`` or ``answers``."""
    if question.answers is not None:
        return list(question.answers)
    assert question.answer is not None
    return [
        schema.NumericAnswerSpec(value=question.answer, tolerance=question.tolerance or Decimal(0))
    ]


def common_losses(question: Any, *, carries_points: bool, carries_evidence: bool) -> list[str]:
    """The losses every type shares in a format that lacks points or evidence."""
    losses: list[str] = []
    if not carries_points and question.points != 1:
        losses.append(f"points ({number_text(question.points)}) are not carried; it counts 1")
    if not carries_evidence and question.evidence:
        losses.append("the evidence quotes are not carried (the article is)")
    leniency = getattr(question, "leniency", None)
    if leniency is not None:
        switched = [
            name for name in schema.LeniencySpec.model_fields if getattr(leniency, name, False)
        ]
        if switched:
            losses.append(
                "quizapp's lenient matching (" + ", ".join(switched) + ") has no equivalent; "
                "answers are matched exactly (with '*' wildcards)"
            )
    return losses


def title_from_source(source_name: str) -> str:
    """The title of an import whose file names none: the file name without folder or ending."""
    return source_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def assemble(
    bank_id: str, title: str, article: str, questions: list[dict[str, Any]], parsed: Parsed
) -> dict[str, Any]:
    """A bank dict; without an article, a bank without one, which says so.

    Evidence quotes of other types are dropped with the article (they would point at nothing);
    an evidence question is kept, so that the bank validator refuses it by name.
    """
    bank: dict[str, Any] = {"schema": 1, "id": bank_id, "title": title or bank_id}
    if article.strip():
        bank["article"] = article
    else:
        parsed.notices.append(
            Notice(
                "file",
                "no article (description or stimulus) found: the bank is made without one, "
                "and takes no evidence quotes",
            )
        )
        for question in questions:
            if question["type"] != "evidence" and question.pop("evidence", None) is not None:
                parsed.notices.append(
                    Notice(question["id"], "the evidence quotes are dropped with the article")
                )
    bank["questions"] = questions
    return bank


def finish_parse(
    parsed: Parsed,
    source_name: str,
    *,
    title: str,
    article: str,
    questions: list[dict[str, Any]],
    bank_id: str = "",
) -> Parsed:
    """The end of a parse: with issues, nothing is assembled; else the bank, named if unnamed."""
    if parsed.issues:
        return parsed
    title = title or title_from_source(source_name)
    parsed.data = assemble(
        slug(bank_id or title, "imported-bank"), title, article, questions, parsed
    )
    return parsed
