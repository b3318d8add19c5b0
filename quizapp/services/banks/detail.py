"""A bank as its page shows it: its versions, article and questions with their answers.

Only the owner edits a bank in the browser; a shared bank is edited in its file.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import Bank, BankVersion, User
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.errors import Forbidden, NotFound
from quizapp.services.banks.access import visible_bank
from quizapp.services.banks.cache import load_version_bank


@dataclass(frozen=True)
class QuestionOutline:
    """One question as the bank page lists it, with its right answer in words."""

    id: str
    prompt: str
    type_name: str
    skill: str
    points: Fraction
    answer: str
    evidence: str | None


@dataclass(frozen=True)
class BankDetail:
    bank: Bank
    latest: BankVersion
    versions: list[BankVersion]
    domain: DomainBank
    paragraphs: list[str]
    questions: list[QuestionOutline]
    editable: bool  # the teacher's own bank (shared banks are edited in their files)

    @property
    def shared(self) -> bool:
        return self.bank.owner_id is None


def bank_detail(session: so.Session, teacher: User, bank_id: int) -> BankDetail:
    """A visible bank with its newest version built, for viewing or editing."""
    bank = visible_bank(session, teacher, bank_id)
    versions = list(
        session.scalars(
            sa.select(BankVersion)
            .where(BankVersion.bank_id == bank.id)
            .order_by(BankVersion.number)
        )
    )
    if not versions:
        raise NotFound(f"The bank {bank.slug!r} has no saved version yet.")
    latest = versions[-1]
    domain = load_version_bank(latest)
    return BankDetail(
        bank=bank,
        latest=latest,
        versions=versions,
        domain=domain,
        paragraphs=[paragraph.text for paragraph in domain.parsed_article.paragraphs],
        questions=[
            QuestionOutline(
                id=question.id,
                prompt=question.prompt,
                type_name=question.type_name,
                skill=question.skill,
                points=question.points,
                answer=question.summarise(question.correct_response()),
                evidence=question.evidence,
            )
            for question in domain.questions
        ],
        editable=bank.owner_id == teacher.id,
    )


def editable_bank_detail(session: so.Session, teacher: User, bank_id: int) -> BankDetail:
    """The teacher's own bank for the YAML editor; a shared bank is :class:`Forbidden`."""
    detail = bank_detail(session, teacher, bank_id)
    if not detail.editable:
        raise Forbidden(
            "Shared banks are edited in their file in question_banks/. Download this one and "
            "upload it under a new id to make your own copy."
        )
    return detail
