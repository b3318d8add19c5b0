"""A bank shown to its teacher as a student would see it, with nothing stored or graded.

The questions come in the order a new attempt would draw (questions and options shuffled as
the bank's settings say), under page names like an attempt's, but no attempt row exists: the
preview reads the bank's latest version and writes nothing, so no answer, attempt or grade is
recorded and the class's results and item statistics never see it. A draft under review is
previewed the same way, from the bank its review would save (``preview_draft``).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import sqlalchemy.orm as so

from quizapp.db.models import User
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.domain.quiz import Source
from quizapp.services import banks as bank_service
from quizapp.services.attempts.page import (
    BankParts,
    QuestionView,
    SentenceView,
    _page_options,
    bank_parts,
    build_bank_parts,
)
from quizapp.services.attempts.shuffling import build_layout, question_order
from quizapp.services.page_ids import PageIds

# Real attempts are numbered from 1, so a preview's option names never match an attempt's.
_PREVIEW_PAGE = 0


@dataclass(frozen=True)
class PreviewView:
    """The quiz page of a bank as a student would first see it (``bank_id`` None: a draft)."""

    bank_id: int | None
    bank_title: str
    version_number: int
    source: Source
    # The version's content hash, as AttemptView.article_key; None for a draft not stored yet,
    # whose article is rendered afresh each time.
    article_key: str | None
    paragraphs: tuple[tuple[SentenceView, ...], ...]
    questions: tuple[QuestionView, ...]
    has_evidence_questions: bool
    time_limit_minutes: int | None


def preview_bank(
    session: so.Session, teacher: User, bank_id: int, *, secret: str | bytes, seed: str = ""
) -> PreviewView:
    """The latest version of a bank the teacher may use, laid out as a new attempt would be.

    ``seed`` draws the order (a fresh one each time when empty, as each student gets their own).
    """
    bank_row = bank_service.visible_bank(session, teacher, bank_id)
    version = bank_service.latest_version(session, bank_row)
    parts = bank_parts(version)
    return _preview(
        parts, bank_row.id, version.number, version.content_hash, secret=secret, seed=seed
    )


def preview_draft(bank: DomainBank, *, secret: str | bytes, seed: str = "") -> PreviewView:
    """A draft's bank (not stored yet) laid out as a new attempt would be."""
    return _preview(build_bank_parts(bank), None, 0, None, secret=secret, seed=seed)


def _preview(
    parts: BankParts,
    bank_id: int | None,
    version_number: int,
    article_key: str | None,
    *,
    secret: str | bytes,
    seed: str,
) -> PreviewView:
    bank = parts.bank
    layout = build_layout(bank, seed or secrets.token_hex(8))
    page_ids = PageIds(secret, _PREVIEW_PAGE)
    questions = tuple(
        QuestionView(
            number=number,
            id=question.id,
            type_name=question.type_name,
            prompt=question.prompt,
            skill=question.skill,
            points=question.points,
            response={},
            editable=True,
            checkable=False,
            checked=False,
            options=_page_options(parts.displays[question.id], question, layout, page_ids),
            pieces=parts.displays[question.id].pieces,
            unit=parts.displays[question.id].unit,
        )
        for number, question in enumerate(
            question_order(bank, layout, parts.questions_by_id), start=1
        )
    )
    return PreviewView(
        bank_id=bank_id,
        bank_title=bank.title,
        version_number=version_number,
        source=bank.source,
        article_key=article_key,
        paragraphs=parts.plain_paragraphs,
        questions=questions,
        has_evidence_questions=parts.has_evidence_questions,
        time_limit_minutes=bank.settings.time_limit_minutes,
    )
