"""Results: the class table, one assignment's answers and statistics, and regrading.

Attempts are taken through the student services, so the grades are the real ones. The quiz is a
small bank: host-city (multiple choice, 1 point), turkish-lead (short answer, 1 point) and
sisi-year (numeric, 2 points).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.errors import InvalidInput, NotFound
from quizapp.services import (
    accounts,
    assignments,
    attempts,
    banks,
    classes,
    regrading,
    results,
)
from quizapp.services.assignments import AssignmentSettings

UserFactory = Callable[..., models.User]
NOW = dt.datetime(2030, 3, 1, 9, 0, tzinfo=dt.UTC)
MINI_BANK = """\
schema: 1
id: mini
title: Mini quiz
article: |
  Turkish diplomats arrived in Cairo for talks. The talks were led by Sedat Onal.

  Egypt's president Sisi came to power in 2013.
quiz: {attempts: unlimited, grading: highest, feedback: after_submit}
questions:
  - id: host-city
    type: multiple_choice
    prompt: Which city hosted the talks?
    choices: [{text: Cairo, correct: true}, Ankara, Tobruk]
  - id: turkish-lead
    type: short_answer
    prompt: Who led the talks?
    answers: [Sedat Onal]
  - id: sisi-year
    type: numeric
    points: 2
    prompt: In which year did Sisi come to power?
    answer: 2013
"""
RIGHT = {
    "host-city": {"choice": "a"},
    "turkish-lead": {"answer": "Sedat Onal"},
    "sisi-year": {"answer": "2013"},
}


def take(
    session: so.Session,
    student: models.User,
    assignment_id: int,
    answers: dict[str, dict[str, str]],
    at: dt.datetime = NOW,
) -> models.Attempt:
    attempt = attempts.start_or_resume(session, student, assignment_id, at)
    attempts.save_responses(session, student, attempt.id, answers, 1, at)
    return attempts.submit_attempt(session, student, attempt.id, at + dt.timedelta(minutes=5))


@dataclass
class ClassOfTwo:
    """Ms Lee's class 9A with Ana and Ben, one bank of hers assigned; Mr Kay teaches elsewhere."""

    teacher: models.User
    other: models.User
    ana: models.User
    ben: models.User
    assignment: models.Assignment


def class_of_two(
    session: so.Session, make_user: UserFactory, bank_text: str, title: str
) -> ClassOfTwo:
    """The class, with ``bank_text`` assigned as ``title`` and feedback after submitting."""
    teacher = make_user("ms-lee", models.TEACHER)
    other = make_user("mr-kay", models.TEACHER)
    version = banks.save_bank_text(session, bank_text, user=teacher)
    classroom = classes.create_class(session, teacher, "9A")
    ana, ben = make_user("ana", display_name="Ana"), make_user("ben", display_name="Ben")
    for student in (ana, ben):
        accounts.join_classroom(session, student, classroom.join_code)
    assignment = assignments.assign_bank(
        session,
        teacher,
        classroom.id,
        version.bank_id,
        AssignmentSettings(title=title, feedback_timing="after_submit"),
    )
    return ClassOfTwo(teacher, other, ana, ben, assignment)


@pytest.fixture
def teacher(make_user: UserFactory) -> models.User:
    return make_user("ms-lee", models.TEACHER)


@pytest.fixture
def quiz(
    session: so.Session, teacher: models.User, make_user: UserFactory
) -> dict[str, models.User | models.Assignment | models.Classroom]:
    version = banks.save_bank_text(session, MINI_BANK, user=teacher)
    classroom = classes.create_class(session, teacher, "9A")
    people = {
        name: make_user(name, display_name=name.title())
        for name in ("ana", "ben", "cy", "di", "ed")
    }
    for person in people.values():
        accounts.join_classroom(session, person, classroom.join_code)
    assignment = assignments.assign_bank(
        session, teacher, classroom.id, version.bank_id, AssignmentSettings(title="Mini")
    )
    take(session, people["ana"], assignment.id, RIGHT)  # 4/4
    take(
        session,
        people["ben"],
        assignment.id,
        {**RIGHT, "turkish-lead": {"answer": "deputy minister"}},
    )
    take(
        session,
        people["ben"],
        assignment.id,
        {"host-city": {"choice": "c"}, "turkish-lead": {"answer": "Loza"}},
        NOW + dt.timedelta(hours=1),
    )  # 0/4, but "highest" keeps ben's 3/4
    take(
        session,
        people["cy"],
        assignment.id,
        {
            "host-city": {"choice": "b"},
            "turkish-lead": {"answer": "Deputy  Minister "},
            "sisi-year": {"answer": "2012"},
        },
    )  # 0/4
    take(
        session,
        people["di"],
        assignment.id,
        {"host-city": {"choice": "a"}, "turkish-lead": {"answer": "Cairo"}},
    )  # 1/4; ed never starts
    return {"classroom": classroom, "assignment": assignment, **people}


def test_class_results_apply_the_grading_method(
    session: so.Session, teacher: models.User, quiz: dict[str, object]
) -> None:
    classroom = quiz["classroom"]
    assignment = quiz["assignment"]
    assert isinstance(classroom, models.Classroom) and isinstance(assignment, models.Assignment)
    table = results.class_results(session, teacher, classroom.id)
    assert [s.username for s in table.students] == ["ana", "ben", "cy", "di", "ed"]
    assert table.assignments == [assignment]
    grades = {s.username: table.cell(s.id, assignment.id) for s in table.students}
    assert grades["ana"].grade == 1
    assert (grades["ben"].grade, grades["ben"].attempts) == (Fraction(3, 4), 2)
    assert grades["cy"].grade == 0
    assert grades["di"].percent == 25.0
    assert (grades["ed"].grade, grades["ed"].attempts) == (None, 0)

    assignments.update_assignment(
        session, teacher, assignment.id, AssignmentSettings(title="Mini", grading_method="average")
    )
    table = results.class_results(session, teacher, classroom.id)
    ben = next(s for s in table.students if s.username == "ben")
    assert table.cell(ben.id, assignment.id).grade == Fraction(3, 8)


def test_assignment_results_show_answers_distribution_and_statistics(
    session: so.Session, teacher: models.User, quiz: dict[str, object]
) -> None:
    assignment = quiz["assignment"]
    assert isinstance(assignment, models.Assignment)
    page = results.assignment_results(session, teacher, assignment.id)
    assert page.graded_students == 4
    ben = next(s for s in page.students if s.student.username == "ben")
    assert [a.number for a in ben.attempts] == [1, 2]
    first = {answer.question_id: answer for answer in ben.attempts[0].answers}
    assert first["turkish-lead"].summary == "deputy minister"
    assert first["turkish-lead"].fraction == Fraction(0)
    assert first["turkish-lead"].state == "wrong"
    assert (first["host-city"].summary, first["host-city"].state) == ("Cairo", "right")
    second = {answer.question_id: answer for answer in ben.attempts[1].answers}
    assert second["sisi-year"].state == ""  # not answered in that attempt

    # Grades 100, 75, 0 and 25 % in bands of ten.
    counts = {band.low: band.count for band in page.distribution}
    assert counts == {0: 1, 10: 0, 20: 1, 30: 0, 40: 0, 50: 0, 60: 0, 70: 1, 80: 0, 90: 1}
    assert page.distribution[-1].label == "90–100 %"

    questions = {q.question_id: q for q in page.questions}
    host = questions["host-city"]
    assert (host.right, host.attempts, host.share_right) == (3, 4, 75.0)
    assert [(w.summary, w.count, w.acceptable_text) for w in host.common_wrong] == [
        ("Ankara", 1, None)  # a choice cannot be "accepted"
    ]
    lead = questions["turkish-lead"]
    assert lead.right == 1
    assert [(w.summary, w.count) for w in lead.common_wrong] == [
        ("deputy minister", 2),
        ("Cairo", 1),
    ]
    assert lead.common_wrong[0].acceptable_text == "deputy minister"
    # Item statistics over the attempt "highest" picks: sisi-year marks 2, 2, 0, 0 of 2.
    year = questions["sisi-year"].item
    assert year is not None and year.facility == pytest.approx(50.0)
    assert page.statistics.attempts == 4
    assert page.statistics.mean == pytest.approx(50.0)  # (4 + 3 + 0 + 1) / 4 of 4 marks


def test_accepting_an_answer_regrades_only_what_changes(
    session: so.Session, teacher: models.User, quiz: dict[str, object]
) -> None:
    assignment = quiz["assignment"]
    assert isinstance(assignment, models.Assignment)
    report = regrading.accept_answer(
        session, teacher, assignment.id, "turkish-lead", " deputy minister "
    )
    assert (report.checked, report.changed) == (5, 2)  # ben's first attempt and cy's
    assert "2 changed" in report.summary()
    table = results.class_results(session, teacher, assignment.classroom_id)
    grades = {s.username: table.cell(s.id, assignment.id).grade for s in table.students}
    assert grades == {"ana": 1, "ben": 1, "cy": Fraction(1, 4), "di": Fraction(1, 4), "ed": None}
    row = session.scalar(
        sa.select(models.Response)
        .join(models.Attempt)
        .join(models.User, models.User.id == models.Attempt.student_id)
        .where(models.User.username == "cy", models.Response.question_id == "turkish-lead")
    )
    assert row is not None and (row.fraction_text, row.state) == ("1", "right")
    page = results.assignment_results(session, teacher, assignment.id)
    lead = next(q for q in page.questions if q.question_id == "turkish-lead")
    assert lead.accepted == ["deputy minister"]
    assert [w.summary for w in lead.common_wrong] == ["Cairo"]
    # Nothing new to apply: a second regrade changes nothing.
    assert regrading.regrade_assignment(session, teacher, assignment.id).changed == 0


def test_regrading_gives_an_attempt_marked_by_older_rules_the_new_credit(
    session: so.Session, teacher: models.User, quiz: dict[str, object], make_user: UserFactory
) -> None:
    """ "Onal" for "Sedat Onal" scored 0 before name forms; the stored 0 is what regrading fixes."""
    assignment = quiz["assignment"]
    assert isinstance(assignment, models.Assignment)
    student = make_user("fay", display_name="Fay")
    accounts.join_classroom(session, student, assignment.classroom.join_code)
    attempt = take(session, student, assignment.id, {**RIGHT, "turkish-lead": {"answer": "Onal"}})
    row = session.scalar(
        sa.select(models.Response).where(
            models.Response.attempt_id == attempt.id, models.Response.question_id == "turkish-lead"
        )
    )
    assert row is not None and (row.fraction_text, row.state) == ("1", "right")
    row.fraction_text, row.state = "0", "wrong"  # as the earlier rules stored it
    session.commit()
    report = regrading.regrade_assignment(session, teacher, assignment.id)
    assert report.changed == 1
    session.refresh(row)
    assert (row.fraction_text, row.state) == ("1", "right")
    table = results.class_results(session, teacher, assignment.classroom_id)
    assert table.cell(student.id, assignment.id).grade == 1


def test_half_credit_and_accepting_twice(
    session: so.Session, teacher: models.User, quiz: dict[str, object]
) -> None:
    assignment = quiz["assignment"]
    assert isinstance(assignment, models.Assignment)
    regrading.accept_answer(
        session, teacher, assignment.id, "turkish-lead", "Cairo", Fraction(1, 2)
    )
    report = regrading.accept_answer(
        session, teacher, assignment.id, "turkish-lead", "Cairo", Fraction(1, 2)
    )
    assert report.changed == 0
    table = results.class_results(session, teacher, assignment.classroom_id)
    di = next(s for s in table.students if s.username == "di")
    assert table.cell(di.id, assignment.id).grade == Fraction(3, 8)  # (1 + 1/2) / 4


@pytest.mark.parametrize(
    ("question_id", "text", "credit", "error"),
    [
        ("host-city", "Ankara", Fraction(1), InvalidInput),
        ("turkish-lead", "   ", Fraction(1), InvalidInput),
        ("turkish-lead", "Loza", Fraction(0), InvalidInput),
        ("nope", "x", Fraction(1), NotFound),
    ],
)
def test_what_cannot_be_accepted(
    session: so.Session,
    teacher: models.User,
    quiz: dict[str, object],
    question_id: str,
    text: str,
    credit: Fraction,
    error: type[Exception],
) -> None:
    assignment = quiz["assignment"]
    assert isinstance(assignment, models.Assignment)
    with pytest.raises(error):
        regrading.accept_answer(session, teacher, assignment.id, question_id, text, credit)
    assert session.scalar(sa.select(sa.func.count(models.AcceptedAnswer.id))) == 0


def test_another_teacher_sees_nothing(
    session: so.Session, quiz: dict[str, object], make_user: UserFactory
) -> None:
    other = make_user("mr-kay", models.TEACHER)
    assignment = quiz["assignment"]
    classroom = quiz["classroom"]
    assert isinstance(assignment, models.Assignment)
    assert isinstance(classroom, models.Classroom)
    with pytest.raises(NotFound):
        results.class_results(session, other, classroom.id)
    with pytest.raises(NotFound):
        results.assignment_results(session, other, assignment.id)
    with pytest.raises(NotFound):
        regrading.accept_answer(session, other, assignment.id, "turkish-lead", "Loza")
    with pytest.raises(NotFound):
        regrading.regrade_assignment(session, other, assignment.id)


def test_a_student_who_left_keeps_their_attempts_on_the_page(
    session: so.Session, teacher: models.User, quiz: dict[str, object]
) -> None:
    assignment = quiz["assignment"]
    ana = quiz["ana"]
    assert isinstance(assignment, models.Assignment) and isinstance(ana, models.User)
    classes.remove_student(session, teacher, assignment.classroom_id, ana.id)
    page = results.assignment_results(session, teacher, assignment.id)
    gone = next(s for s in page.students if s.student.username == "ana")
    assert not gone.enrolled and gone.grade == 1


def test_score_distribution_edges() -> None:
    bands = results.score_distribution(
        [Fraction(0), Fraction(1, 10), Fraction(99, 100), Fraction(1)]
    )
    assert [band.count for band in bands] == [1, 1, 0, 0, 0, 0, 0, 0, 0, 2]
