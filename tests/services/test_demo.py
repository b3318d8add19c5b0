"""Demo data: the one-time demo teacher, and seeded classes that are real and repeatable."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.banks import load_bank_file
from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.db.base import Base
from quizapp.errors import InvalidInput
from quizapp.services import accounts, banks, demo, results

UserFactory = Callable[..., models.User]
SAMPLE = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"


def demo_teacher(session: so.Session) -> models.User:
    teacher = session.scalar(sa.select(models.User).where(models.User.username == "demo-teacher"))
    assert teacher is not None
    return teacher


def test_a_fresh_site_gets_a_demo_teacher_once(session: so.Session) -> None:
    banks.import_paths(session, [SAMPLE])
    credentials = demo.ensure_demo_teacher(session)
    assert credentials is not None
    teacher = accounts.authenticate(session, credentials.username, credentials.password)
    assert teacher is not None and teacher.role == models.TEACHER
    classroom = accounts.find_classroom(session, credentials.join_code)
    assert classroom.teacher_id == teacher.id
    assignment = session.scalar(sa.select(models.Assignment))
    assert assignment is not None and assignment.classroom_id == classroom.id
    assert assignment.bank_version.bank.slug == demo.SAMPLE_BANK_SLUG
    assert assignment.attempts_allowed == 2  # the bank's own quiz settings
    assert demo.ensure_demo_teacher(session) is None


def test_no_demo_teacher_when_a_teacher_exists(session: so.Session, make_user: UserFactory) -> None:
    make_user("ms-lee", models.TEACHER)
    assert demo.ensure_demo_teacher(session) is None


def test_without_the_sample_bank_nothing_is_assigned(session: so.Session) -> None:
    assert demo.ensure_demo_teacher(session) is not None
    assert session.scalar(sa.select(models.Assignment)) is None
    with pytest.raises(InvalidInput, match="quizapp setup"):
        demo.seed_demo(session, students=2, seed=1)


def snapshot(session: so.Session) -> list[tuple[str, str, list[str | None]]]:
    """Each seeded student with their attempts' scores, by username."""
    rows = session.execute(
        sa.select(models.User.username, models.User.display_name, models.Attempt.fraction_text)
        .join(models.Attempt, models.Attempt.student_id == models.User.id, isouter=True)
        .where(models.User.role == models.STUDENT)
        .order_by(models.User.username, models.Attempt.number)
    ).all()
    people: dict[tuple[str, str], list[str | None]] = {}
    for username, name, fraction in rows:
        people.setdefault((username, name), []).append(fraction)
    return [(username, name, scores) for (username, name), scores in people.items()]


def empty_database(session: so.Session) -> None:
    session.rollback()
    for table in reversed(Base.metadata.sorted_tables):
        session.execute(table.delete())
    session.commit()


def test_seeding_is_real_and_repeatable(session: so.Session) -> None:
    banks.import_paths(session, [SAMPLE])
    report = demo.seed_demo(session, students=8, seed=7)
    assert report.credentials is not None  # no demo teacher yet: one was made
    assert report.students_added == 8
    assert report.attempts_submitted >= 1
    first = snapshot(session)
    assert len(first) == 8
    assert all(username.endswith(".7") for username, _, _ in first)

    teacher = demo_teacher(session)
    assignment = session.scalar(sa.select(models.Assignment))
    assert assignment is not None
    page = results.assignment_results(session, teacher, assignment.id)
    graded = [s.grade for s in page.students if s.grade is not None]
    assert len(graded) >= 1
    # Grades come from real grading: every submitted attempt has graded responses.
    for student in page.students:
        for attempt in student.attempts:
            assert attempt.state == models.SUBMITTED
            assert any(answer.state for answer in attempt.answers)
    # Running the same seed again adds nobody and takes no new attempts.
    again = demo.seed_demo(session, students=8, seed=7)
    assert (again.students_added, again.attempts_submitted, again.credentials) == (0, 0, None)

    empty_database(session)
    banks.import_paths(session, [SAMPLE])
    demo.seed_demo(session, students=8, seed=7)
    assert snapshot(session) == first


def test_a_different_seed_adds_different_students(session: so.Session) -> None:
    banks.import_paths(session, [SAMPLE])
    demo.seed_demo(session, students=3, seed=1)
    report = demo.seed_demo(session, students=3, seed=2)
    assert report.students_added == 3
    assert report.credentials is None
    assert len(snapshot(session)) == 6


@pytest.mark.parametrize("count", [0, 1001])
def test_student_count_is_bounded(session: so.Session, count: int) -> None:
    with pytest.raises(InvalidInput):
        demo.seed_demo(session, students=count)


def test_wrong_answers_are_plausible_and_wrong() -> None:
    bank = load_bank_file(SAMPLE)
    rng = random.Random(3)
    for question in bank.questions:
        for _ in range(5):
            response = demo.plausible_wrong_response(question, bank, rng)
            assert question.is_complete(response), question.id
            assert question.grade(response).fraction < 1, (question.id, response)
