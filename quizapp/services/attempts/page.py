"""What the attempt page shows: the article, the questions in this attempt's order under their
page names, and only the feedback its timing allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any, NamedTuple

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.models import (
    IN_PROGRESS,
    STUDENT,
    SUBMITTED,
    AcceptedAnswer,
    Assignment,
    Attempt,
    BankVersion,
    Classroom,
    ScoreOverride,
    User,
)
from quizapp.db.models import Response as ResponseRow
from quizapp.domain.behaviours import (
    FeedbackTiming,
    feedback_visible,
    response_editable,
)
from quizapp.domain.behaviours import can_check as may_check
from quizapp.domain.grading import Grade, GradeState
from quizapp.domain.questions import QuestionType
from quizapp.domain.questions.base import Display, PassagePiece, ViewOption
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.domain.quiz import Source
from quizapp.errors import Forbidden, NotFound
from quizapp.services import banks as bank_service
from quizapp.services.attempts.access import (
    DEFAULT_GRACE,
    NO_LONGER_ENROLLED,
    NOT_YOURS,
    STILL_ENROLLED,
    accepted_for,
    effective_deadline,
    finish_if_overdue,
)
from quizapp.services.attempts.grading import grade_question
from quizapp.services.attempts.shuffling import ordered_options, question_order
from quizapp.services.page_ids import PageIds


@dataclass(frozen=True)
class Feedback:
    """What a student learns about one question once feedback is due."""

    fraction: Fraction
    state: str  # a GradeState value
    points: Fraction
    earned: Fraction
    message: str  # the feedback tied to the answer given
    correct_answer: str  # the right answer in words
    correct_fields: Mapping[str, str]  # a response that scores full credit
    explanation: str
    evidence_ids: tuple[str, ...]
    overridden: bool = False  # the teacher set these points by hand
    teacher_comment: str = ""
    # A marked written answer: (what the criterion looks for, points given, its most) each.
    criteria: tuple[tuple[str, Fraction, Fraction], ...] = ()


@dataclass(frozen=True)
class QuestionView:
    """One question as the page shows it; ``feedback`` is None until it is due."""

    number: int
    id: str
    type_name: str
    prompt: str
    skill: str
    points: Fraction
    response: Mapping[str, str]
    editable: bool
    checkable: bool
    checked: bool
    options: tuple[ViewOption, ...] = ()  # named by their page names
    pieces: tuple[PassagePiece, ...] = ()
    unit: str = ""
    feedback: Feedback | None = None

    @property
    def answered(self) -> bool:
        return any(value.strip() for value in self.response.values())


@dataclass(frozen=True)
class SentenceView:
    id: str
    text: str
    highlighted: bool


@dataclass(frozen=True, eq=False)
class BankParts:
    """What every attempt at one bank version shares, worked out once per version and process.

    Built by :func:`bank_parts` and shared by every request: nothing here may be changed. The
    answer-key parts (``correct_answer``, ``correct_fields``, ``evidence_ids``) are worked out
    the first time a page shows that question's feedback.
    """

    bank: DomainBank
    questions_by_id: Mapping[str, QuestionType]
    expected_fields: Mapping[str, Mapping[str, str]]  # the fields a response may have, per question
    displays: Mapping[str, Display]  # options in authored order, passages, units, per question
    plain_paragraphs: tuple[tuple[SentenceView, ...], ...]  # the article, nothing highlighted
    has_evidence_questions: bool
    _answer_keys: dict[str, tuple[str, Mapping[str, str], tuple[str, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def paragraphs(self, highlighted: Set[str]) -> tuple[tuple[SentenceView, ...], ...]:
        """The article's paragraphs of sentences, the ``highlighted`` ids marked."""
        if not highlighted:
            return self.plain_paragraphs
        return tuple(
            tuple(SentenceView(s.id, s.text, s.id in highlighted) for s in paragraph)
            for paragraph in self.plain_paragraphs
        )

    def answer_key(self, question: QuestionType) -> tuple[str, Mapping[str, str], tuple[str, ...]]:
        """The question's right answer in words, a full-credit response, its evidence ids."""
        key = self._answer_keys.get(question.id)
        if key is None:
            key = (
                question.correct_answer_text(self.bank.parsed_article),
                MappingProxyType(question.correct_response()),
                evidence_sentence_ids(self.bank, question),
            )
            self._answer_keys[question.id] = key
        return key


def build_bank_parts(bank: DomainBank) -> BankParts:
    """Everything about ``bank`` an attempt page needs that is the same for every attempt."""
    article = bank.parsed_article
    paragraphs: dict[int, list[SentenceView]] = {}
    for sentence in article.sentences:
        paragraphs.setdefault(sentence.paragraph, []).append(
            SentenceView(sentence.id, sentence.text, False)
        )
    return BankParts(
        bank=bank,
        questions_by_id=MappingProxyType({question.id: question for question in bank.questions}),
        expected_fields=MappingProxyType(
            {question.id: question.expected_fields() for question in bank.questions}
        ),
        displays=MappingProxyType(
            {question.id: question.display(article) for question in bank.questions}
        ),
        plain_paragraphs=tuple(tuple(sentences) for _, sentences in sorted(paragraphs.items())),
        has_evidence_questions=any(q.answered_in_article for q in bank.questions),
    )


def bank_parts(version: BankVersion) -> BankParts:
    """The shared parts of a stored version's bank (cached with the bank, by content hash)."""
    return bank_service.derive_from_version(version, build_bank_parts)


def cached_bank_parts(version: BankVersion) -> BankParts | None:
    """:func:`bank_parts` if this process has them already, else None (nothing is parsed)."""
    return bank_service.derive_from_cached_version(version, build_bank_parts)


@dataclass(frozen=True)
class AttemptView:
    """An attempt page: the article, the questions in this attempt's order, and the status."""

    id: int
    number: int
    state: str
    assignment_id: int
    assignment_title: str
    class_name: str
    bank_title: str
    source: Source
    started_at: dt.datetime
    deadline: dt.datetime | None
    submitted_at: dt.datetime | None
    closes_at: dt.datetime | None
    feedback_timing: str
    # The bank version's content hash: every page of the version shows the same article, so
    # its HTML is kept under this key (a version's text never changes).
    article_key: str
    paragraphs: tuple[tuple[SentenceView, ...], ...]
    questions: tuple[QuestionView, ...]
    score: Fraction | None  # None while the score is not yet shown
    next_seq: int
    has_evidence_questions: bool
    waiting: bool = False  # submitted, with a written answer the teacher has not marked yet

    @property
    def in_progress(self) -> bool:
        return self.state == IN_PROGRESS

    @property
    def can_check(self) -> bool:
        return self.in_progress and may_check(FeedbackTiming(self.feedback_timing))

    @property
    def answered_count(self) -> int:
        return sum(question.answered for question in self.questions)


def score_visible(assignment: Assignment, attempt: Attempt, now: dt.datetime) -> bool:
    """Whether the student may see the attempt's score (the feedback timing of the quiz)."""
    return attempt.state == SUBMITTED and feedback_visible(
        FeedbackTiming(assignment.feedback_timing),
        question_checked=False,
        attempt_submitted=True,
        now=now,
        closes_at=assignment.closes_at,
    )


def _viewer_may_see(session: so.Session, user: User, attempt: Attempt) -> bool:
    if user.role == STUDENT:
        return attempt.student_id == user.id
    classroom = session.get(Classroom, attempt.assignment.classroom_id)
    return classroom is not None and classroom.teacher_id == user.id


class _PageAttempt(NamedTuple):
    attempt: Attempt
    still_enrolled: bool


# The attempt page's first SELECT: the attempt, its assignment, class and bank version, one row.
_PAGE_LOADS = so.joinedload(Attempt.assignment, innerjoin=True).options(
    so.joinedload(Assignment.classroom, innerjoin=True),
    so.joinedload(Assignment.bank_version, innerjoin=True).defer(BankVersion.yaml_text),
)


def _attempt_for_page(session: so.Session, attempt_id: int) -> _PageAttempt | None:
    """The attempt with its assignment, class and bank version, freshly read, and whether its
    student is still in the class."""
    found = session.execute(
        sa.select(Attempt, STILL_ENROLLED)
        .where(Attempt.id == attempt_id)
        .options(_PAGE_LOADS)
        .execution_options(populate_existing=True)
    ).first()
    return None if found is None else _PageAttempt(found.Attempt, bool(found.still_enrolled))


class SavedAnswer(NamedTuple):
    """A stored response as the attempt page reads it (plain values, not a tracked row)."""

    question_id: str
    data: Mapping[str, str]
    checked: bool
    client_seq: int
    fraction_text: str | None
    state: str | None
    override_points: str | None  # the teacher's points, when they changed this question's score
    override_comment: str | None
    criterion_points: Mapping[str, str] | None  # a marked written answer's points per criterion


def _saved_answers(session: so.Session, attempt_id: int) -> dict[str, SavedAnswer]:
    """The attempt's responses by question id, with the teacher's score overrides: the page's
    second and last SELECT.

    Read as plain values, joined only to the overrides (every override has a response row):
    joined to the attempt, each response row would repeat (and decode again) the attempt's
    columns, its JSON layout included, and tracked rows cost more to build than the page, which
    changes nothing, needs.
    """
    rows = session.execute(
        sa.select(
            ResponseRow.question_id,
            ResponseRow.data,
            ResponseRow.checked,
            ResponseRow.client_seq,
            ResponseRow.fraction_text,
            ResponseRow.state,
            ScoreOverride.points_text,
            ScoreOverride.comment,
            ScoreOverride.criterion_points,
        )
        .outerjoin(
            ScoreOverride,
            sa.and_(
                ScoreOverride.attempt_id == ResponseRow.attempt_id,
                ScoreOverride.question_id == ResponseRow.question_id,
            ),
        )
        .where(ResponseRow.attempt_id == attempt_id)
    )
    return {row.question_id: SavedAnswer(*row) for row in rows}


def attempt_view(
    session: so.Session,
    user: User,
    attempt_id: int,
    now: dt.datetime,
    *,
    secret: str | bytes,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> AttemptView:
    """The attempt as ``user`` (its student, or the teacher of the class) may see it now.

    An overdue attempt is submitted first, so whoever opens it sees it finished. Options,
    responses and right answers carry page names derived from ``secret`` (the server's key),
    never the bank's ids: :func:`save_page_answers` takes them back.
    """
    found = _attempt_for_page(session, attempt_id)
    if found is None or not _viewer_may_see(session, user, found.attempt):
        raise NotFound(NOT_YOURS)
    # The class's teacher holds the key anyway: they see every grade and the feedback.
    teacher_view = user.role != STUDENT
    if not teacher_view and not found.still_enrolled:
        raise Forbidden(NO_LONGER_ENROLLED)
    attempt = found.attempt
    if finish_if_overdue(session, attempt_id, now, grace):
        found = _attempt_for_page(session, attempt_id)
        assert found is not None
        attempt = found.attempt
    assignment = attempt.assignment
    parts = bank_parts(assignment.bank_version)
    bank = parts.bank
    timing = FeedbackTiming(assignment.feedback_timing)
    submitted = attempt.state == SUBMITTED
    rows = _saved_answers(session, attempt_id)
    # Read only when some feedback is due: a quiz in progress usually shows none.
    accepted: list[AcceptedAnswer] | None = None
    questions: list[QuestionView] = []
    layout = attempt.layout
    page_ids = PageIds(secret, attempt.id)
    for number, question in enumerate(question_order(bank, layout, parts.questions_by_id), start=1):
        row = rows.get(question.id)
        checked = row is not None and row.checked
        response = dict(row.data) if row is not None else {}
        visible = (teacher_view and submitted) or feedback_visible(
            timing,
            question_checked=checked,
            attempt_submitted=submitted,
            now=now,
            closes_at=assignment.closes_at,
        )
        editable = response_editable(timing, question_checked=checked, attempt_submitted=submitted)
        display = parts.displays[question.id]
        feedback = None
        if visible:
            if accepted is None:
                accepted = accepted_for(session, assignment.id)
            grade = grade_question(
                question, response, [a for a in accepted if a.question_id == question.id]
            )
            feedback = _feedback(parts, question, grade, row)
            feedback = replace(
                feedback, correct_fields=page_ids.to_page(question, feedback.correct_fields)
            )
        questions.append(
            QuestionView(
                number=number,
                id=question.id,
                type_name=question.type_name,
                prompt=question.prompt,
                skill=question.skill,
                points=question.points,
                response=page_ids.to_page(question, response),
                editable=editable,
                checkable=editable and may_check(timing) and not question.marked_by_teacher,
                checked=checked,
                options=_page_options(display, question, layout, page_ids),
                pieces=display.pieces,
                unit=display.unit,
                feedback=feedback,
            )
        )
    highlighted = {
        sentence_id
        for view in questions
        if view.feedback is not None
        for sentence_id in view.feedback.evidence_ids
    }
    return AttemptView(
        id=attempt.id,
        number=attempt.number,
        state=attempt.state,
        assignment_id=assignment.id,
        assignment_title=assignment.title,
        class_name=assignment.classroom.name,
        bank_title=bank.title,
        source=bank.source,
        started_at=attempt.started_at,
        deadline=effective_deadline(attempt, assignment),
        submitted_at=attempt.submitted_at,
        closes_at=assignment.closes_at,
        feedback_timing=timing.value,
        article_key=assignment.bank_version.content_hash,
        paragraphs=parts.paragraphs(highlighted),
        questions=tuple(questions),
        score=(
            Fraction(attempt.fraction_text)
            if attempt.fraction_text is not None
            and (teacher_view or score_visible(assignment, attempt, now))
            else None
        ),
        # a sequence number above every save stored so far, for the page's own form
        next_seq=max((row.client_seq for row in rows.values()), default=0) + 1,
        has_evidence_questions=parts.has_evidence_questions,
        waiting=submitted and attempt.fraction_text is None,
    )


def _page_options(
    display: Display, question: QuestionType, layout: Mapping[str, Any], page_ids: PageIds
) -> tuple[ViewOption, ...]:
    """The question's options in this attempt's order, each named by its page name."""
    order = layout.get("choices", {}).get(question.id)
    options: Sequence[ViewOption] = (
        ordered_options(display.options, order) if order is not None else display.options
    )
    renamed = set(question.option_ids())  # true and false name themselves and stay as they are
    return tuple(
        option.renamed(page_ids.name(question.id, option.id)) if option.id in renamed else option
        for option in options
    )


def evidence_sentence_ids(bank: DomainBank, question: QuestionType) -> tuple[str, ...]:
    """The article sentences that support the question's answer, in article order."""
    wanted = question.evidence_sentence_ids(bank.parsed_article)
    return tuple(s.id for s in bank.parsed_article.sentences if s.id in wanted)


def _feedback(
    parts: BankParts, question: QuestionType, grade: Grade, row: SavedAnswer | None
) -> Feedback:
    fraction = grade.fraction
    state = str(grade.state)
    # The stored grade is the one given (a regrade updates it); the message comes from grading.
    if row is not None and row.fraction_text is not None and row.state is not None:
        fraction, state = Fraction(row.fraction_text), row.state
    overridden = row is not None and row.override_points is not None
    if (row is None or not row.data) and not overridden:
        state = str(GradeState.UNANSWERED)
    correct_answer, correct_fields, evidence_ids = parts.answer_key(question)
    return Feedback(
        fraction=fraction,
        state=state,
        points=question.points,
        earned=question.points * fraction,
        message=grade.feedback,
        correct_answer=correct_answer,
        correct_fields=correct_fields,
        explanation=question.explanation,
        evidence_ids=evidence_ids,
        overridden=overridden,
        teacher_comment=(row.override_comment or "") if row is not None else "",
        criteria=_criteria(question, row),
    )


def _criteria(
    question: QuestionType, row: SavedAnswer | None
) -> tuple[tuple[str, Fraction, Fraction], ...]:
    given = (row.criterion_points or {}) if row is not None else {}
    return tuple(
        (criterion.text, Fraction(given[criterion.id]), criterion.points)
        for criterion in question.marking_criteria()
        if criterion.id in given
    )
