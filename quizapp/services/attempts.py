"""Taking a quiz: starting or resuming an attempt, saving answers, checking, submitting, grading.

Every function takes the acting user and the time explicitly. The rules that keep answers safe
live here: a save is committed before it returns and carries the client's sequence number, so a
late save never overwrites a newer answer (per question, the highest sequence number wins);
submitting is exactly-once (the attempt row is locked and its state checked inside the write
transaction, so a double click, two tabs or a retry all find it already submitted); a time limit
or a closing date is enforced here, with a grace period for saves in flight, and an attempt past
its deadline is submitted with its last saved answers, stamped at the deadline. Question and
choice order is drawn once per attempt and stored in ``Attempt.layout``, so reloads keep it.
``grade_attempt`` is the one grading function (the teacher's regrade reuses it), and
``attempt_view`` decides, question by question, what the person looking may see: no correct
answer, explanation or evidence leaves the server before the feedback timing allows it.
Options reach the page under per-attempt names (``services.page_ids``), never the bank's ids,
and :func:`save_page_answers` maps them back, so stored responses keep the bank's ids.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field, replace
from fractions import Fraction
from types import MappingProxyType
from typing import Any, NamedTuple, Protocol

import sqlalchemy as sa
import sqlalchemy.orm as so
from sqlalchemy.exc import IntegrityError

from quizapp.banks.convert import QUOTE_SEPARATOR
from quizapp.db.engine import write_transaction
from quizapp.db.models import (
    IN_PROGRESS,
    STUDENT,
    SUBMITTED,
    AcceptedAnswer,
    Assignment,
    Attempt,
    BankVersion,
    Classroom,
    Enrollment,
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
from quizapp.domain.questions import (
    Answer,
    Cloze,
    Evidence,
    MultipleChoice,
    MultiSelect,
    Numeric,
    Ordering,
    QuestionType,
    ShortAnswer,
    TrueFalse,
)
from quizapp.domain.questions.cloze import PLACEHOLDER
from quizapp.domain.questions.evidence import accepted_sentences
from quizapp.domain.quiz import Availability, Source, attempt_fraction, availability
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.domain.text import normalise
from quizapp.errors import Conflict, Forbidden, InvalidInput, NotFound
from quizapp.services import banks as bank_service
from quizapp.services.page_ids import PageIds

# Moodle's minimum grace period: a save sent just before time-out still lands.
DEFAULT_GRACE = dt.timedelta(seconds=60)
MAX_VALUE_CHARS = 2000
MAX_SEQ = 2**31 - 1  # the column is a 32-bit integer on PostgreSQL
NOT_YOURS = "There is no such attempt among yours."


# --- grading (pure) ---------------------------------------------------------------------------


class AcceptedText(Protocol):
    """A teacher-accepted alternative answer (an ``AcceptedAnswer`` row has these fields)."""

    @property
    def question_id(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def credit_text(self) -> str: ...


class GradedAttempt(NamedTuple):
    """Every question's grade (by question id) and the points-weighted total of the attempt."""

    grades: dict[str, Grade]
    fraction: Fraction


def accepts_alternative_answers(question: QuestionType) -> bool:
    """Whether a teacher may accept another typed answer for this question."""
    return isinstance(question, ShortAnswer | Numeric | Cloze)


def grade_attempt(
    bank: DomainBank,
    responses: Mapping[str, Mapping[str, str]],
    accepted: Sequence[AcceptedText] = (),
) -> GradedAttempt:
    """Grade each question of ``bank`` on its response (missing ones are unanswered)."""
    by_question: dict[str, list[AcceptedText]] = {}
    for alternative in accepted:
        by_question.setdefault(alternative.question_id, []).append(alternative)
    grades = {
        question.id: grade_question(
            question, responses.get(question.id, {}), by_question.get(question.id, ())
        )
        for question in bank.questions
    }
    return GradedAttempt(grades, attempt_fraction(bank, grades))


def grade_question(
    question: QuestionType, response: Mapping[str, str], accepted: Sequence[AcceptedText] = ()
) -> Grade:
    """One question's grade, counting the teacher's accepted alternatives with their credit.

    The teacher's own answers are tried first (they come first in the list), so an accepted
    alternative never lowers a grade the bank already gives.
    """
    if not accepted or not accepts_alternative_answers(question):
        return question.grade(response)
    extras = [(alternative.text, Fraction(alternative.credit_text)) for alternative in accepted]
    if isinstance(question, ShortAnswer):
        widened = replace(question, answers=question.answers + _answers(extras))
        return widened.grade(response)
    if isinstance(question, Cloze):
        per_blank = _accepted_per_blank(question, extras)
        blanks = tuple(
            replace(blank, answers=blank.answers + _answers(per_blank.get(blank.id, [])))
            for blank in question.blanks
        )
        return replace(question, blanks=blanks).grade(response)
    grade = question.grade(response)
    given = normalise(question.summarise(response))
    credits = [credit for text, credit in extras if given and normalise(text) == given]
    if credits and max(credits) > grade.fraction:
        return Grade.for_fraction(max(credits), matched=question.summarise(response))
    return grade


def _answers(texts: Iterable[tuple[str, Fraction]]) -> tuple[Answer, ...]:
    # A star typed by a student is a star, not a teacher's wildcard.
    return tuple(Answer(text.replace("*", "\\*"), credit) for text, credit in texts)


def _accepted_per_blank(
    question: Cloze, extras: Sequence[tuple[str, Fraction]]
) -> dict[str, list[tuple[str, Fraction]]]:
    """Accepted texts by blank: "blank: text; blank: text" (a cloze summary) or a bare text.

    A bare text only makes sense when the passage has a single blank.
    """
    blank_ids = [blank.id for blank in question.blanks]
    found: dict[str, list[tuple[str, Fraction]]] = {}
    for text, credit in extras:
        pairs = [part.partition(":") for part in text.split(";")]
        named = [(name.strip(), value.strip()) for name, sep, value in pairs if sep]
        if named and all(name in blank_ids for name, _ in named):
            for name, value in named:
                if value and value != "(blank)":
                    found.setdefault(name, []).append((value, credit))
        elif len(blank_ids) == 1:
            found.setdefault(blank_ids[0], []).append((text.strip(), credit))
    return found


# --- layout -----------------------------------------------------------------------------------


def build_layout(bank: DomainBank, seed: str) -> dict[str, Any]:
    """The order of questions and of each question's options for one attempt.

    Drawn from ``seed`` so it can be reproduced; stored on the attempt so reloads keep it.
    Ordering items are always shuffled, since their authored order is the answer.
    """
    rng = random.Random(seed)
    question_ids = [question.id for question in bank.questions]
    if bank.settings.shuffle_questions:
        rng.shuffle(question_ids)
    orders: dict[str, list[str]] = {}
    for question in bank.questions:
        if isinstance(question, MultipleChoice | MultiSelect):
            order = [choice.id for choice in question.choices]
            if bank.settings.shuffle_choices and question.shuffle:
                rng.shuffle(order)
            orders[question.id] = order
        elif isinstance(question, Ordering):
            # Every order equally likely, the authored one included: ruling it out would tell
            # a student something about the answer (with two items, all of it).
            order = [item.id for item in question.items]
            rng.shuffle(order)
            orders[question.id] = order
    return {"questions": question_ids, "choices": orders, "seed": seed}


def _question_order(
    bank: DomainBank, layout: Mapping[str, Any], by_id: Mapping[str, QuestionType] | None = None
) -> list[QuestionType]:
    if by_id is None:
        by_id = {question.id: question for question in bank.questions}
    listed = [qid for qid in layout.get("questions", []) if qid in by_id]
    listed += [qid for qid in by_id if qid not in listed]
    return [by_id[qid] for qid in listed]


def _ordered(options: Sequence[Any], order: Sequence[str] | None) -> list[Any]:
    by_id = {option.id: option for option in options}
    ids = [oid for oid in (order or []) if oid in by_id]
    ids += [oid for oid in by_id if oid not in ids]
    return [by_id[oid] for oid in ids]


# --- access and deadlines ---------------------------------------------------------------------


def require_student(user: User) -> None:
    """Forbidden unless ``user`` is a student (teachers preview nothing through these)."""
    if user.role != STUDENT:
        raise Forbidden("Only students take quizzes.")


def _enrolled(session: so.Session, student_id: int, classroom_id: int) -> bool:
    found = session.scalar(
        sa.select(Enrollment.id).where(
            Enrollment.student_id == student_id, Enrollment.classroom_id == classroom_id
        )
    )
    return found is not None


def student_assignment(session: so.Session, student: User, assignment_id: int) -> Assignment:
    """An assignment of one of the student's classes, else :class:`NotFound`."""
    require_student(student)
    assignment = session.get(Assignment, assignment_id)
    if assignment is None or not _enrolled(session, student.id, assignment.classroom_id):
        raise NotFound("There is no such quiz in your classes.")
    return assignment


# Loads an attempt's assignment and bank version in the attempt's own SELECT. The version's YAML
# text stays unloaded: the bank cache needs only its content hash, and reads the text (one more
# query) only the first time this process meets the version.
_WITH_BANK_VERSION = so.joinedload(Attempt.assignment, innerjoin=True).options(
    so.joinedload(Assignment.bank_version, innerjoin=True).defer(BankVersion.yaml_text)
)
_WITH_ASSIGNMENT = so.joinedload(Attempt.assignment, innerjoin=True)


# Whether an attempt's student is still in the class of its assignment: a correlated test read
# in the attempt's own SELECT, so checking enrolment costs no query. (The eager loads join an
# alias of the assignment table, so the table named here stays inside the test.)
_STILL_ENROLLED = (
    sa.exists()
    .where(
        Assignment.id == Attempt.assignment_id,
        Enrollment.classroom_id == Assignment.classroom_id,
        Enrollment.student_id == Attempt.student_id,
    )
    .label("still_enrolled")
)
NO_LONGER_ENROLLED = (
    "You are no longer in the class of this quiz, so this attempt is closed to you. "
    "Ask your teacher if this is a mistake."
)


def _own_attempt(session: so.Session, student: User, attempt_id: int) -> Attempt:
    """The student's attempt with its assignment and bank version (one query).

    NotFound unless it is theirs; Forbidden once they have left (or been removed from) the
    class, even with the attempt still open.
    """
    require_student(student)
    found = session.execute(
        sa.select(Attempt, _STILL_ENROLLED)
        .where(Attempt.id == attempt_id)
        .options(_WITH_BANK_VERSION)
    ).first()
    if found is None or found.Attempt.student_id != student.id:
        raise NotFound(NOT_YOURS)
    if not found.still_enrolled:
        raise Forbidden(NO_LONGER_ENROLLED)
    attempt: Attempt = found.Attempt
    return attempt


def _locked_attempt(session: so.Session, attempt_id: int) -> Attempt:
    """The attempt and its assignment re-read inside a write transaction.

    On PostgreSQL only the attempt's row is locked (``FOR UPDATE OF attempt``): the
    assignment is shared by the whole class, and locking it would queue every student's saves
    behind one another.
    """
    attempt = session.scalar(
        sa.select(Attempt)
        .where(Attempt.id == attempt_id)
        .options(_WITH_ASSIGNMENT)
        .with_for_update(of=Attempt)
        .execution_options(populate_existing=True)
    )
    if attempt is None:
        raise NotFound(NOT_YOURS)
    return attempt


def effective_deadline(attempt: Attempt, assignment: Assignment) -> dt.datetime | None:
    """When the attempt must end: its time limit or the quiz's closing time, whichever is first."""
    limits = [when for when in (attempt.deadline, assignment.closes_at) if when is not None]
    return min(limits) if limits else None


def is_overdue(
    attempt: Attempt, assignment: Assignment, now: dt.datetime, grace: dt.timedelta
) -> bool:
    """An attempt still in progress after its deadline and the grace period."""
    deadline = effective_deadline(attempt, assignment)
    return attempt.state == IN_PROGRESS and deadline is not None and now > deadline + grace


def _when(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def _accepted_for(session: so.Session, assignment_id: int) -> list[AcceptedAnswer]:
    return list(
        session.scalars(
            sa.select(AcceptedAnswer).where(AcceptedAnswer.assignment_id == assignment_id)
        )
    )


def _responses(
    session: so.Session, attempt_id: int, question_ids: Iterable[str] | None = None
) -> list[ResponseRow]:
    """The attempt's stored responses, freshly read; only those of ``question_ids`` if given."""
    query = sa.select(ResponseRow).where(ResponseRow.attempt_id == attempt_id)
    if question_ids is not None:
        wanted = list(question_ids)
        if not wanted:
            return []
        query = query.where(ResponseRow.question_id.in_(wanted))
    return list(session.scalars(query.execution_options(populate_existing=True)))


def _finish(session: so.Session, attempt: Attempt, bank: DomainBank, at: dt.datetime) -> None:
    """Grade the saved responses and mark the attempt submitted (inside a write transaction)."""
    rows = _responses(session, attempt.id)
    result = grade_attempt(
        bank,
        {row.question_id: row.data for row in rows},
        _accepted_for(session, attempt.assignment_id),
    )
    for row in rows:
        grade = result.grades.get(row.question_id)
        if grade is not None:
            row.fraction_text = str(grade.fraction)
            row.state = str(grade.state)
    attempt.state = SUBMITTED
    attempt.submitted_at = at
    attempt.fraction_text = str(result.fraction)
    attempt.percent = float(result.fraction * 100)


def _finish_late(
    session: so.Session,
    attempt: Attempt,
    assignment: Assignment,
    bank: DomainBank,
    now: dt.datetime,
    grace: dt.timedelta,
) -> bool:
    """Inside a write transaction: submit the attempt at its deadline, with the answers saved
    by then, if it is overdue; True when it did."""
    if not is_overdue(attempt, assignment, now, grace):
        return False
    deadline = effective_deadline(attempt, assignment)
    assert deadline is not None  # is_overdue says there is one
    _finish(session, attempt, bank, deadline)
    return True


TIME_IS_UP = "Time is up: this attempt was submitted with the answers saved before the deadline."


def _finish_if_overdue(
    session: so.Session, attempt_id: int, now: dt.datetime, grace: dt.timedelta
) -> bool:
    """Submit the attempt at its deadline if it is overdue; True when this call submitted it."""
    attempt = session.get(Attempt, attempt_id)
    if attempt is None or not is_overdue(attempt, attempt.assignment, now, grace):
        return False
    bank = bank_service.load_version_bank(attempt.assignment.bank_version)
    with write_transaction(session):
        attempt = _locked_attempt(session, attempt_id)
        return _finish_late(session, attempt, attempt.assignment, bank, now, grace)


def submit_overdue(
    session: so.Session,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
    student_id: int | None = None,
) -> int:
    """Submit every attempt past its deadline (and grace) with its last saved answers.

    For a scheduled job (all attempts) or a student's home page (``student_id``). Each attempt
    is submitted at its deadline, not at ``now``. Returns how many were submitted.
    """
    cutoff = now - grace
    query = (
        sa.select(Attempt.id)
        .join(Assignment, Assignment.id == Attempt.assignment_id)
        .where(
            Attempt.state == IN_PROGRESS,
            sa.or_(Attempt.deadline < cutoff, Assignment.closes_at < cutoff),
        )
        .order_by(Attempt.id)
    )
    if student_id is not None:
        query = query.where(Attempt.student_id == student_id)
    attempt_ids = list(session.scalars(query))
    return sum(_finish_if_overdue(session, attempt_id, now, grace) for attempt_id in attempt_ids)


# --- starting ---------------------------------------------------------------------------------


def start_or_resume(
    session: so.Session,
    student: User,
    assignment_id: int,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> Attempt:
    """The student's attempt in progress, or a new one if the quiz is open and attempts remain.

    An attempt in progress that is past its deadline is submitted instead and returned, so the
    student sees its result. Two racing requests get the same attempt: the enrollment row is
    locked while choosing, and the unique attempt number catches anything that slips through.
    """
    assignment = student_assignment(session, student, assignment_id)
    bank = bank_service.load_version_bank(assignment.bank_version)
    for _ in range(3):
        try:
            with write_transaction(session):
                attempt = _start_locked(session, student, assignment_id, bank, now, grace)
                session.flush()
            return attempt
        except IntegrityError:
            continue  # another request created the same attempt number: look again
    raise Conflict("The quiz could not be started just now. Reload the page to try again.")


def _start_locked(
    session: so.Session,
    student: User,
    assignment_id: int,
    bank: DomainBank,
    now: dt.datetime,
    grace: dt.timedelta,
) -> Attempt:
    assignment = session.scalar(
        sa.select(Assignment)
        .where(Assignment.id == assignment_id)
        .execution_options(populate_existing=True)
    )
    if assignment is None:
        raise NotFound("There is no such quiz in your classes.")
    enrollment = session.scalar(
        sa.select(Enrollment)
        .where(
            Enrollment.student_id == student.id,
            Enrollment.classroom_id == assignment.classroom_id,
        )
        .with_for_update()
    )
    if enrollment is None:
        raise NotFound("There is no such quiz in your classes.")
    attempts = list(
        session.scalars(
            sa.select(Attempt)
            .where(Attempt.assignment_id == assignment_id, Attempt.student_id == student.id)
            .order_by(Attempt.number)
            .execution_options(populate_existing=True)
        )
    )
    current = next((a for a in attempts if a.state == IN_PROGRESS), None)
    if current is not None:
        _finish_late(session, current, assignment, bank, now, grace)
        return current
    status = availability(assignment.opens_at, assignment.closes_at, now)
    if status is Availability.UPCOMING:
        assert assignment.opens_at is not None  # only an opening time makes a quiz upcoming
        raise Conflict(f"This quiz opens on {_when(assignment.opens_at)}.")
    if status is Availability.CLOSED:
        assert assignment.closes_at is not None  # only a closing time closes a quiz
        raise Conflict(f"This quiz closed on {_when(assignment.closes_at)}.")
    allowed = assignment.attempts_allowed
    if allowed is not None and len(attempts) >= allowed:
        raise Conflict(
            f"You have used all {allowed} attempt{'s' if allowed != 1 else ''} at this quiz."
        )
    number = max((a.number for a in attempts), default=0) + 1
    limit = assignment.time_limit_minutes
    attempt = Attempt(
        assignment_id=assignment_id,
        student_id=student.id,
        number=number,
        state=IN_PROGRESS,
        started_at=now,
        deadline=now + dt.timedelta(minutes=limit) if limit else None,
        layout=build_layout(bank, f"{assignment_id}/{student.id}/{number}"),
    )
    session.add(attempt)
    return attempt


# --- saving -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SaveResult:
    """What a save did: questions written, ignored as older than stored, or frozen by a check."""

    attempt_id: int
    client_seq: int
    saved: tuple[str, ...]
    ignored: tuple[str, ...]
    frozen: tuple[str, ...]
    saved_at: dt.datetime


def _clean_answers(
    parts: BankParts, answers: Mapping[str, Mapping[str, str]], page_ids: PageIds | None
) -> dict[str, dict[str, str]]:
    """Check the shape of posted answers; the stored response keeps non-empty fields only.

    With ``page_ids``, the answers name options by their page names, mapped back here.
    """
    if not isinstance(answers, Mapping):
        raise InvalidInput("Answers must be given question by question.")
    cleaned: dict[str, dict[str, str]] = {}
    for question_id, fields in answers.items():
        expected = parts.expected_fields.get(question_id) if isinstance(question_id, str) else None
        if expected is None:
            raise InvalidInput(f"This quiz has no question {str(question_id)[:80]!r}.")
        if not isinstance(fields, Mapping):
            raise InvalidInput(f"The answer to {question_id!r} must be a set of fields.")
        for name, value in fields.items():
            if not isinstance(name, str) or not isinstance(value, str):
                raise InvalidInput(f"The answer to {question_id!r} must be text.")
            if len(value) > MAX_VALUE_CHARS:
                raise InvalidInput(
                    f"The answer to {question_id!r} is longer than {MAX_VALUE_CHARS} characters."
                )
        if page_ids is not None:
            fields = page_ids.from_page(parts.questions_by_id[question_id], fields)
        unknown = next((name for name in fields if name not in expected), None)
        if unknown is not None:
            raise InvalidInput(f"Question {question_id!r} has no field {unknown[:80]!r}.")
        cleaned[question_id] = {name: value for name, value in fields.items() if value.strip()}
    return cleaned


def save_page_answers(
    session: so.Session,
    student: User,
    attempt_id: int,
    answers: Mapping[str, Mapping[str, str]],
    client_seq: int,
    now: dt.datetime,
    *,
    secret: str | bytes,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> SaveResult:
    """:func:`save_responses` for answers posted by the quiz page, which names options by the
    page names :func:`attempt_view` gave them (from the same ``secret``).

    A name the attempt's page never showed is refused with :class:`InvalidInput`, and the
    whole save with it, so nothing stored changes.
    """
    return _save(
        session, student, attempt_id, answers, client_seq, now, grace, PageIds(secret, attempt_id)
    )


def save_responses(
    session: so.Session,
    student: User,
    attempt_id: int,
    answers: Mapping[str, Mapping[str, str]],
    client_seq: int,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> SaveResult:
    """Store the student's answers, which name options by the bank's stable ids; committed
    before returning.

    Per question, the answer is written only when ``client_seq`` is higher than the sequence
    number of the save that wrote the stored one, so a late or repeated save changes nothing.
    Checked questions are frozen. After submission, or past the deadline and its grace, the save
    is refused with :class:`Conflict` (an overdue attempt is submitted first).
    """
    return _save(session, student, attempt_id, answers, client_seq, now, grace, None)


def _save(
    session: so.Session,
    student: User,
    attempt_id: int,
    answers: Mapping[str, Mapping[str, str]],
    client_seq: int,
    now: dt.datetime,
    grace: dt.timedelta,
    page_ids: PageIds | None,
) -> SaveResult:
    if isinstance(client_seq, bool) or not isinstance(client_seq, int):
        raise InvalidInput("The save's sequence number must be a whole number.")
    if not 0 <= client_seq <= MAX_SEQ:
        raise InvalidInput("The save's sequence number is out of range.")
    # Everything that needs no lock is done first: the write transaction below holds SQLite's
    # single write lock, so it reads only what the decision needs and writes at once.
    attempt = _own_attempt(session, student, attempt_id)
    parts = bank_parts(attempt.assignment.bank_version)
    bank = parts.bank
    cleaned = _clean_answers(parts, answers, page_ids)
    saved: list[str] = []
    ignored: list[str] = []
    frozen: list[str] = []
    with write_transaction(session):
        attempt = _locked_attempt(session, attempt_id)
        assignment = attempt.assignment
        if attempt.state == SUBMITTED:
            raise Conflict("This attempt is already submitted: its answers can no longer change.")
        timed_out = _finish_late(session, attempt, assignment, bank, now, grace)
        if not timed_out:
            rows = {row.question_id: row for row in _responses(session, attempt_id, cleaned)}
            new_rows: list[dict[str, Any]] = []
            for question_id, data in cleaned.items():
                row = rows.get(question_id)
                if row is None and not data:
                    saved.append(question_id)  # still unanswered: nothing worth a row
                elif row is None:
                    new_rows.append(
                        {
                            "attempt_id": attempt_id,
                            "question_id": question_id,
                            "data": data,
                            "client_seq": client_seq,
                            "saved_at": now,
                        }
                    )
                    saved.append(question_id)
                elif row.checked:
                    frozen.append(question_id)
                elif client_seq <= row.client_seq:
                    ignored.append(question_id)
                else:
                    row.data = data
                    row.client_seq = client_seq
                    row.saved_at = now
                    saved.append(question_id)
            if new_rows:
                # One multi-row INSERT: the form's Save may bring every answer at once.
                session.execute(sa.insert(ResponseRow), new_rows)
    if timed_out:
        raise Conflict(TIME_IS_UP)
    return SaveResult(attempt_id, client_seq, tuple(saved), tuple(ignored), tuple(frozen), now)


# --- checking and submitting ------------------------------------------------------------------


def check_question(
    session: so.Session,
    student: User,
    attempt_id: int,
    question_id: str,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> Grade:
    """Grade one question now and freeze its answer (quizzes with immediate feedback only)."""
    attempt = _own_attempt(session, student, attempt_id)
    assignment = attempt.assignment
    if not may_check(FeedbackTiming(assignment.feedback_timing)):
        raise Forbidden("In this quiz, feedback comes after you submit.")
    bank = bank_service.load_version_bank(assignment.bank_version)
    try:
        question = bank.question(question_id)
    except KeyError:
        raise InvalidInput("This quiz has no such question.") from None
    with write_transaction(session):
        attempt = _locked_attempt(session, attempt_id)
        if attempt.state == SUBMITTED:
            raise Conflict("This attempt is already submitted.")
        timed_out = _finish_late(session, attempt, attempt.assignment, bank, now, grace)
        if timed_out:
            grade = Grade.unanswered()
        else:
            row = next(iter(_responses(session, attempt_id, [question_id])), None)
            if row is None or not question.is_complete(row.data):
                raise InvalidInput("Answer the question before checking it.")
            grade = grade_question(
                question,
                row.data,
                [a for a in _accepted_for(session, assignment.id) if a.question_id == question_id],
            )
            if not row.checked:
                row.checked = True
                row.fraction_text = str(grade.fraction)
                row.state = str(grade.state)
    if timed_out:
        raise Conflict(TIME_IS_UP)
    return grade


def submit_attempt(
    session: so.Session,
    student: User,
    attempt_id: int,
    now: dt.datetime,
    *,
    grace: dt.timedelta = DEFAULT_GRACE,
) -> Attempt:
    """Grade and submit the attempt once; submitting it again returns it unchanged."""
    attempt = _own_attempt(session, student, attempt_id)
    bank = bank_service.load_version_bank(attempt.assignment.bank_version)
    with write_transaction(session):
        attempt = _locked_attempt(session, attempt_id)
        if attempt.state != SUBMITTED:
            deadline = effective_deadline(attempt, attempt.assignment)
            late = deadline is not None and now > deadline + grace
            _finish(session, attempt, bank, deadline if late and deadline else now)
    return attempt


# --- what the attempt page shows --------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """Something to pick or place: a choice, an ordering item, a sentence, true or false.

    On a page, ``id`` is the option's per-attempt page name (see ``services.page_ids``);
    ``sentence_id`` is the article sentence an evidence option stands for, so the page can let
    a student pick it in the article (every sentence of the article carries its id anyway).
    """

    id: str
    text: str
    sentence_id: str = ""


@dataclass(frozen=True)
class ClozePiece:
    """A stretch of a cloze passage: text, or the blank to fill (``blank_id``)."""

    text: str
    blank_id: str | None = None


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
    options: tuple[Option, ...] = ()
    pieces: tuple[ClozePiece, ...] = ()
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
    shuffled_options: Mapping[str, tuple[Option, ...]]  # choices and items, in authored order
    fixed_options: Mapping[str, tuple[Option, ...]]  # true/false, evidence sentences
    cloze_pieces: Mapping[str, tuple[ClozePiece, ...]]
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
                _correct_answer_text(self.bank, question),
                MappingProxyType(question.correct_response()),
                evidence_sentence_ids(self.bank, question),
            )
            self._answer_keys[question.id] = key
        return key


def _build_bank_parts(bank: DomainBank) -> BankParts:
    """Everything about ``bank`` an attempt page needs that is the same for every attempt."""
    article = bank.parsed_article
    shuffled: dict[str, tuple[Option, ...]] = {}
    fixed: dict[str, tuple[Option, ...]] = {}
    pieces: dict[str, tuple[ClozePiece, ...]] = {}
    for question in bank.questions:
        if isinstance(question, MultipleChoice | MultiSelect):
            shuffled[question.id] = tuple(Option(c.id, c.text) for c in question.choices)
        elif isinstance(question, Ordering):
            shuffled[question.id] = tuple(Option(i.id, i.text) for i in question.items)
        elif isinstance(question, TrueFalse):
            fixed[question.id] = (Option("true", "True"), Option("false", "False"))
        elif isinstance(question, Evidence):
            offered = set(question.sentences)
            fixed[question.id] = tuple(
                Option(s.id, s.text, sentence_id=s.id) for s in article.sentences if s.id in offered
            )
        elif isinstance(question, Cloze):
            pieces[question.id] = _cloze_pieces(question)
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
        shuffled_options=MappingProxyType(shuffled),
        fixed_options=MappingProxyType(fixed),
        cloze_pieces=MappingProxyType(pieces),
        plain_paragraphs=tuple(tuple(sentences) for _, sentences in sorted(paragraphs.items())),
        has_evidence_questions=any(isinstance(q, Evidence) for q in bank.questions),
    )


def bank_parts(version: BankVersion) -> BankParts:
    """The shared parts of a stored version's bank (cached with the bank, by content hash)."""
    return bank_service.derive_from_version(version, _build_bank_parts)


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
    paragraphs: tuple[tuple[SentenceView, ...], ...]
    questions: tuple[QuestionView, ...]
    score: Fraction | None  # None while the score is not yet shown
    next_seq: int
    has_evidence_questions: bool

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
        sa.select(Attempt, _STILL_ENROLLED)
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


def _saved_answers(session: so.Session, attempt_id: int) -> dict[str, SavedAnswer]:
    """The attempt's responses by question id: the page's second and last SELECT.

    Read as plain values, joined to nothing: joined to the attempt, each response row would
    repeat (and decode again) the attempt's columns, its JSON layout included, and tracked
    rows cost more to build than the page, which changes nothing, needs.
    """
    rows = session.execute(
        sa.select(
            ResponseRow.question_id,
            ResponseRow.data,
            ResponseRow.checked,
            ResponseRow.client_seq,
            ResponseRow.fraction_text,
            ResponseRow.state,
        ).where(ResponseRow.attempt_id == attempt_id)
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
    if _finish_if_overdue(session, attempt_id, now, grace):
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
    for number, question in enumerate(
        _question_order(bank, layout, parts.questions_by_id), start=1
    ):
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
        feedback = None
        if visible:
            if accepted is None:
                accepted = _accepted_for(session, assignment.id)
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
                checkable=editable and may_check(timing),
                checked=checked,
                options=_page_options(parts, question, layout, page_ids),
                pieces=parts.cloze_pieces.get(question.id, ()),
                unit=question.unit if isinstance(question, Numeric) else "",
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
    )


def _page_options(
    parts: BankParts, question: QuestionType, layout: Mapping[str, Any], page_ids: PageIds
) -> tuple[Option, ...]:
    """The question's options in this attempt's order, each named by its page name."""
    shuffled = parts.shuffled_options.get(question.id)
    if shuffled is not None:
        options: Sequence[Option] = _ordered(shuffled, layout.get("choices", {}).get(question.id))
    else:
        options = parts.fixed_options.get(question.id, ())
    renamed = set(question.option_ids())  # true and false name themselves and stay as they are
    return tuple(
        replace(option, id=page_ids.name(question.id, option.id))
        if option.id in renamed
        else option
        for option in options
    )


def _cloze_pieces(question: Cloze) -> tuple[ClozePiece, ...]:
    pieces: list[ClozePiece] = []
    position = 0
    for match in PLACEHOLDER.finditer(question.text):
        if match.start() > position:
            pieces.append(ClozePiece(question.text[position : match.start()]))
        pieces.append(ClozePiece("", match.group(1)))
        position = match.end()
    if position < len(question.text):
        pieces.append(ClozePiece(question.text[position:]))
    return tuple(pieces)


def evidence_sentence_ids(bank: DomainBank, question: QuestionType) -> tuple[str, ...]:
    """The article sentences that support the question's answer, in article order."""
    if isinstance(question, Evidence):
        wanted = set(question.accepted)
    else:
        quotes = question.evidence.split(QUOTE_SEPARATOR) if question.evidence else []
        wanted = set(accepted_sentences(bank.parsed_article, quotes))
    return tuple(s.id for s in bank.parsed_article.sentences if s.id in wanted)


def _correct_answer_text(bank: DomainBank, question: QuestionType) -> str:
    if isinstance(question, Evidence):
        article = bank.parsed_article
        return " / ".join(
            " ".join(article.sentence(sentence_id).text.split())
            for sentence_id in evidence_sentence_ids(bank, question)
        )
    text = question.summarise(question.correct_response())
    if isinstance(question, Numeric) and question.unit:
        text = f"{text} {question.unit}"
    return text


def _feedback(
    parts: BankParts, question: QuestionType, grade: Grade, row: SavedAnswer | None
) -> Feedback:
    fraction = grade.fraction
    state = str(grade.state)
    # The stored grade is the one given (a regrade updates it); the message comes from grading.
    if row is not None and row.fraction_text is not None and row.state is not None:
        fraction, state = Fraction(row.fraction_text), row.state
    if row is None or not row.data:
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
    )
