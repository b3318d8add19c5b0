"""Demo data: a demo teacher and class on a fresh site, and a class full of believable attempts.

``ensure_demo_teacher`` runs once per database (from ``quizapp setup``): when no teacher exists
it creates one with a random password, a class with a join code, and assigns the sample bank if
it is imported; the credentials are returned that one time. ``seed_demo`` fills the demo class
with Faker students who answer the assigned quiz through the student services (so every grade
is a real one): each student has an ability, each question a difficulty, and a wrong answer is
a plausible one (another choice, a name from the article, a nearby number, a neighbouring
sentence). The demo teacher has marked about four in five written answers through the marking
service; the rest wait. The same seed gives the same students and answers.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
import secrets
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db.base import utcnow
from quizapp.db.engine import write_transaction
from quizapp.db.models import (
    STUDENT,
    SUBMITTED,
    TEACHER,
    Assignment,
    Attempt,
    Bank,
    Classroom,
    User,
)
from quizapp.domain.questions import QuestionType
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.errors import InvalidInput
from quizapp.services import accounts, assignments, classes, written_marks
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service

DEMO_TEACHER = "demo-teacher"
DEMO_CLASS = "Demo class"
SAMPLE_BANK_SLUG = "turkey-egypt-talks-2021"


@dataclass(frozen=True)
class DemoCredentials:
    """The demo teacher's login and the demo class's join code, shown once."""

    username: str
    password: str
    join_code: str


@dataclass(frozen=True)
class SeedReport:
    class_name: str
    join_code: str
    students_added: int
    attempts_submitted: int
    credentials: DemoCredentials | None  # set when this run had to create the demo teacher

    def summary(self) -> str:
        return (
            f"{self.class_name} (join code {self.join_code}): {self.students_added} student(s) "
            f"added, {self.attempts_submitted} attempt(s) submitted."
        )


def ensure_demo_teacher(session: so.Session) -> DemoCredentials | None:
    """On a site without teachers, create the demo teacher and class; None when one exists."""
    has_teacher = session.scalar(sa.select(User.id).where(User.role == TEACHER).limit(1))
    if has_teacher is not None:
        return None
    return _create_demo_teacher(session)


def _create_demo_teacher(session: so.Session) -> DemoCredentials:
    password = secrets.token_urlsafe(12)
    teacher = accounts.create_user(
        session,
        username=DEMO_TEACHER,
        password=password,
        role=TEACHER,
        display_name="Demo Teacher",
    )
    classroom = classes.create_class(session, teacher, DEMO_CLASS)
    _assign_sample(session, teacher, classroom)
    return DemoCredentials(teacher.username, password, classroom.join_code)


def _assign_sample(session: so.Session, teacher: User, classroom: Classroom) -> Assignment | None:
    """Assign the sample bank to the class with its own settings, if the bank is imported."""
    bank_id = session.scalar(sa.select(Bank.id).where(Bank.slug == SAMPLE_BANK_SLUG))
    if bank_id is None:
        return None
    settings = assignments.default_settings(session, teacher, bank_id)
    return assignments.assign_bank(session, teacher, classroom.id, bank_id, settings)


def _demo_class(session: so.Session) -> tuple[Classroom, DemoCredentials | None]:
    teacher = session.scalar(sa.select(User).where(User.username == DEMO_TEACHER))
    if teacher is None:
        credentials = _create_demo_teacher(session)
        return accounts.find_classroom(session, credentials.join_code), credentials
    classroom = session.scalar(
        sa.select(Classroom)
        .where(Classroom.teacher_id == teacher.id, Classroom.name == DEMO_CLASS)
        .order_by(Classroom.id)
        .limit(1)
    )
    if classroom is None:
        classroom = classes.create_class(session, teacher, DEMO_CLASS)
    return classroom, None


def _demo_assignment(session: so.Session, classroom: Classroom) -> Assignment:
    assignment = session.scalar(
        sa.select(Assignment)
        .where(Assignment.classroom_id == classroom.id)
        .order_by(Assignment.id)
        .limit(1)
    )
    if assignment is None:
        assignment = _assign_sample(session, classroom.teacher, classroom)
    if assignment is None:
        raise InvalidInput(
            f"The sample bank {SAMPLE_BANK_SLUG!r} is not imported; run `quizapp setup` first."
        )
    return assignment


def seed_demo(session: so.Session, *, students: int = 30, seed: int = 1) -> SeedReport:
    """Add ``students`` Faker students to the demo class and let them take its quiz."""
    if not 1 <= students <= 1000:
        raise InvalidInput("Seed between 1 and 1000 students.")
    from faker import Faker  # imported here: only the demo needs it

    classroom, credentials = _demo_class(session)
    assignment = _demo_assignment(session, classroom)
    bank = bank_service.load_version_bank(assignment.bank_version)
    rng = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    difficulty = {question.id: rng.gauss(-0.4, 0.9) for question in bank.questions}
    people = _demo_students(session, classroom, fake, students, seed)
    added = sum(1 for _, new in people if new)

    submitted = 0
    start = utcnow() - dt.timedelta(days=3)
    for student, _ in people:
        ability = rng.gauss(0.3, 1.1)
        # One student in ten never starts: every real class has some.
        if rng.random() < 0.1 or _has_submitted(session, assignment.id, student.id):
            continue
        tries = 2 if rng.random() < 0.3 else 1
        if assignment.attempts_allowed is not None:
            tries = min(tries, assignment.attempts_allowed)
        moment = start + dt.timedelta(minutes=rng.randint(0, 2 * 24 * 60))
        for attempt_number in range(tries):
            if attempt_number:
                moment += dt.timedelta(hours=rng.randint(2, 20))  # a retry later that day
            responses = {
                question.id: _answer(
                    question, bank, rng, ability + 0.4 * attempt_number - difficulty[question.id]
                )
                for question in bank.questions
                if rng.random() > 0.03  # now and then a question is skipped
            }
            attempt_id = _take(session, student, assignment, responses, moment)
            submitted += 1
            # The teacher has marked most written answers; about one in five still waits.
            if rng.random() < 0.8:
                _mark_written(session, classroom.teacher, attempt_id, bank, responses, rng)
    return SeedReport(classroom.name, classroom.join_code, added, submitted, credentials)


def _demo_students(
    session: so.Session, classroom: Classroom, fake: Any, count: int, seed: int
) -> list[tuple[User, bool]]:
    """The seeded students (username from the name plus the seed), created when missing."""
    people: list[tuple[User, bool]] = []
    planned: list[tuple[str, str]] = []
    seen: set[str] = set()
    while len(planned) < count:
        first, last = fake.first_name(), fake.last_name()
        username = re.sub(r"[^a-z0-9]+", ".", f"{first}.{last}".casefold()).strip(".")
        username = f"{username}.{seed}"[:64]
        if username in seen:
            continue
        seen.add(username)
        planned.append((username, f"{first} {last}"))
    with write_transaction(session):
        for username, name in planned:
            user = session.scalar(sa.select(User).where(User.username == username))
            new = user is None
            if user is None:
                # Demo students get a random password; the teacher can reset it to log in as one.
                user = User(
                    username=username,
                    display_name=name,
                    password_hash=accounts.hash_password(secrets.token_urlsafe(16)),
                    role=STUDENT,
                )
                session.add(user)
                session.flush()
            accounts.enrol(session, classroom.id, user.id)
            people.append((user, new))
    return people


def _has_submitted(session: so.Session, assignment_id: int, student_id: int) -> bool:
    return (
        session.scalar(
            sa.select(Attempt.id).where(
                Attempt.assignment_id == assignment_id,
                Attempt.student_id == student_id,
                Attempt.state == SUBMITTED,
            )
        )
        is not None
    )


def _take(
    session: so.Session,
    student: User,
    assignment: Assignment,
    responses: dict[str, dict[str, str]],
    moment: dt.datetime,
) -> int:
    """One attempt through the student services: start, save each answer, submit; its id."""
    attempt = attempt_service.start_or_resume(session, student, assignment.id, moment)
    # Answers arrive in two autosaves, as they would from a browser.
    items = list(responses.items())
    half = len(items) // 2
    for sequence, part in enumerate((items[:half], items[half:]), start=1):
        if part:
            attempt_service.save_responses(
                session,
                student,
                attempt.id,
                dict(part),
                sequence,
                moment + dt.timedelta(minutes=4 * sequence),
            )
    attempt_service.submit_attempt(session, student, attempt.id, moment + dt.timedelta(minutes=11))
    return attempt.id


def _mark_written(
    session: so.Session,
    teacher: User,
    attempt_id: int,
    bank: DomainBank,
    responses: dict[str, dict[str, str]],
    rng: random.Random,
) -> None:
    """Mark the attempt's written answers: the model answer in full, a copied sentence less."""
    for question in bank.questions:
        answer = responses.get(question.id, {})
        if not question.marked_by_teacher or not question.is_complete(answer):
            continue
        full = answer == question.correct_response()
        points = {
            criterion.id: str(
                criterion.points if full else math.floor(criterion.points * rng.random())
            )
            for criterion in question.marking_criteria()
        }
        comment = "Well explained." if full else "Explain it in your own words, with a detail."
        written_marks.mark_answer(
            session, teacher, attempt_id, question.id, points, comment, utcnow()
        )


def _answer(
    question: QuestionType, bank: DomainBank, rng: random.Random, edge: float
) -> dict[str, str]:
    """Right with probability logistic(ability - difficulty), else a plausible wrong answer."""
    if rng.random() < 1 / (1 + math.exp(-edge)):
        return question.correct_response()
    return plausible_wrong_response(question, bank, rng)


def plausible_wrong_response(
    question: QuestionType, bank: DomainBank, rng: random.Random
) -> dict[str, str]:
    """What a student who misread the article might answer to ``question``."""
    return question.plausible_wrong(bank.parsed_article, rng)
