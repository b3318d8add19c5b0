"""Taking a quiz through the services: start, save (sequence rule), check, submit, time limits,
grading with accepted answers, and what the attempt view reveals and when."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.banks import load_bank_text
from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.db.engine import make_session_factory, write_transaction
from quizapp.domain.grading import GradeState
from quizapp.errors import Conflict, Forbidden, InvalidInput, NotFound
from quizapp.services import accounts, assignments, classes, written_marks
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service
from quizapp.services.page_ids import PageIds

UserFactory = Callable[..., models.User]
SAMPLE_BANK = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
NOW = dt.datetime(2031, 3, 3, 9, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
SECRET = "the server's key in these tests"

SMALL_BANK = """\
schema: 1
id: small-bank
title: A small bank
article: |
  Ada visited Paris in 2019. She met Bo there.

  Later they travelled to Rome together.
questions:
  - id: city
    type: multiple_choice
    prompt: Which city did Ada visit first?
    choices: [{text: Paris, correct: true}, Rome, Oslo, Lima]
    evidence: Ada visited Paris in 2019
    explanation: Paris came before the trip south.
  - id: friend
    type: short_answer
    skill: inference
    prompt: Whom did Ada meet?
    answers: [Bo]
    evidence: She met Bo there
    explanation: The second sentence names the friend.
  - id: year
    type: numeric
    prompt: In which year did Ada visit Paris?
    answer: 2019
  - id: where-met
    type: evidence
    skill: inference
    prompt: Which sentence shows whom Ada met?
    evidence: She met Bo there
  - id: trip
    type: cloze
    prompt: Fill in the blanks.
    text: Ada went to [[first]] and then to [[second]].
    blanks: {first: [Paris], second: [Rome]}
  - id: order
    type: ordering
    skill: sequence
    prompt: Put the cities in order.
    items: [Paris, Rome]
  - id: seen
    type: multi_select
    prompt: Which cities did Ada see?
    choices: [{text: Paris, correct: true}, {text: Rome, correct: true}, Oslo]
  - id: alone
    type: true_false
    prompt: Ada went to Rome alone.
    answer: false
"""

ALL_RIGHT = {
    "city": {"choice": "a"},
    "friend": {"answer": "Bo"},
    "year": {"answer": "2019"},
    "where-met": {"sentence": "s2"},
    "trip": {"first": "Paris", "second": "Rome"},
    "order": {"a": "1", "b": "2"},
    "seen": {"a": "1", "b": "1"},
    "alone": {"answer": "false"},
}


@dataclass
class World:
    teacher: models.User
    student: models.User
    other_student: models.User
    classroom: models.Classroom
    version: models.BankVersion

    def assign(self, session: so.Session, **settings: object) -> models.Assignment:
        chosen: dict[str, object] = {"title": "Small quiz", "feedback_timing": "after_submit"}
        chosen.update(settings)
        return assignments.assign_bank(
            session,
            self.teacher,
            self.classroom.id,
            self.version.bank_id,
            assignments.AssignmentSettings(**chosen),  # type: ignore[arg-type]
        )


@pytest.fixture
def world(session: so.Session, make_user: UserFactory) -> World:
    teacher = make_user("ms-lee", models.TEACHER)
    student = make_user("ada")
    other = make_user("bo")
    classroom = classes.create_class(session, teacher, "9A")
    accounts.join_classroom(session, student, classroom.join_code)
    accounts.join_classroom(session, other, classroom.join_code)
    version = bank_service.save_bank_text(session, SMALL_BANK, user=teacher)
    return World(teacher, student, other, classroom, version)


def test_starting_draws_a_layout_once_and_resuming_keeps_it(
    session: so.Session, world: World
) -> None:
    assignment = world.assign(session)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    assert attempt.number == 1 and attempt.state == models.IN_PROGRESS
    layout = attempt.layout
    assert sorted(layout["questions"]) == sorted(ALL_RIGHT)
    assert sorted(layout["choices"]["city"]) == ["a", "b", "c", "d"]
    assert sorted(layout["choices"]["order"]) == ["a", "b"]
    again = attempt_service.start_or_resume(session, world.student, assignment.id, NOW + MINUTE)
    assert again.id == attempt.id
    assert again.layout == layout
    view = attempt_service.attempt_view(session, world.student, attempt.id, NOW, secret=SECRET)
    assert [q.id for q in view.questions] == layout["questions"]
    city = next(q for q in view.questions if q.id == "city")
    page_ids = PageIds(SECRET, attempt.id)
    assert [o.id for o in city.options] == [
        page_ids.name("city", c) for c in layout["choices"]["city"]
    ]


def test_the_layout_follows_the_seed_and_the_shuffle_settings() -> None:
    bank = load_bank_text(SMALL_BANK.replace("questions:\n", QUIZ_NO_SHUFFLE, 1))
    layout = attempt_service.build_layout(bank, "1/2/3")
    assert layout["questions"] == list(ALL_RIGHT)
    assert layout["choices"]["city"] == ["a", "b", "c", "d"]
    shuffled = load_bank_text(SMALL_BANK)
    first = attempt_service.build_layout(shuffled, "7/8/1")
    assert first == attempt_service.build_layout(shuffled, "7/8/1")
    orders = {
        tuple(attempt_service.build_layout(shuffled, f"7/8/{n}")["questions"]) for n in range(8)
    }
    assert len(orders) > 1


QUIZ_NO_SHUFFLE = "quiz: {shuffle_questions: false, shuffle_choices: false}\nquestions:\n"


def test_only_students_of_the_class_may_start(
    session: so.Session, world: World, make_user: UserFactory
) -> None:
    assignment = world.assign(session)
    outsider = make_user("cy")
    with pytest.raises(NotFound):
        attempt_service.start_or_resume(session, outsider, assignment.id, NOW)
    with pytest.raises(Forbidden):
        attempt_service.start_or_resume(session, world.teacher, assignment.id, NOW)
    with pytest.raises(NotFound):
        attempt_service.start_or_resume(session, world.student, assignment.id + 99, NOW)


def test_dates_and_attempt_limits_are_enforced_on_start(session: so.Session, world: World) -> None:
    later = world.assign(session, opens_at=NOW + MINUTE, closes_at=NOW + 60 * MINUTE)
    with pytest.raises(Conflict, match="opens on"):
        attempt_service.start_or_resume(session, world.student, later.id, NOW)
    closed = world.assign(session, closes_at=NOW - MINUTE)
    with pytest.raises(Conflict, match="closed on"):
        attempt_service.start_or_resume(session, world.student, closed.id, NOW)
    once = world.assign(session, attempts_allowed=1)
    first = attempt_service.start_or_resume(session, world.student, once.id, NOW)
    attempt_service.submit_attempt(session, world.student, first.id, NOW)
    with pytest.raises(Conflict, match="all 1 attempt"):
        attempt_service.start_or_resume(session, world.student, once.id, NOW)
    twice = world.assign(session, attempts_allowed=2)
    first = attempt_service.start_or_resume(session, world.student, twice.id, NOW)
    attempt_service.submit_attempt(session, world.student, first.id, NOW)
    second = attempt_service.start_or_resume(session, world.student, twice.id, NOW)
    assert (second.number, second.id != first.id) == (2, True)


def stored(session: so.Session, attempt_id: int) -> dict[str, tuple[dict[str, str], int]]:
    session.rollback()  # end any read transaction: its snapshot would hide newer writes
    rows = session.scalars(
        sa.select(models.Response)
        .where(models.Response.attempt_id == attempt_id)
        .execution_options(populate_existing=True)
    )
    return {row.question_id: (row.data, row.client_seq) for row in rows}


def test_a_save_never_overwrites_a_newer_answer(session: so.Session, world: World) -> None:
    assignment = world.assign(session)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    result = attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "Bob"}}, 5, NOW
    )
    assert result.saved == ("friend",)
    # A late save with an older number, and a repeat of the same number, change nothing.
    late = attempt_service.save_responses(
        session,
        world.student,
        attempt.id,
        {"friend": {"answer": "Al"}, "year": {"answer": "9"}},
        4,
        NOW,
    )
    assert late.ignored == ("friend",) and late.saved == ("year",)
    repeat = attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "Cy"}}, 5, NOW
    )
    assert repeat.ignored == ("friend",)
    assert stored(session, attempt.id)["friend"] == ({"answer": "Bob"}, 5)
    newer = attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "Bo"}}, 6, NOW
    )
    assert newer.saved == ("friend",)
    assert stored(session, attempt.id) == {
        "friend": ({"answer": "Bo"}, 6),
        "year": ({"answer": "9"}, 4),
    }
    # Clearing an answer is a change like any other: the empty field is not stored.
    attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "  "}}, 7, NOW
    )
    assert stored(session, attempt.id)["friend"] == ({}, 7)
    # A question never answered gets no row for an empty answer.
    attempt_service.save_responses(session, world.student, attempt.id, {"city": {}}, 8, NOW)
    assert "city" not in stored(session, attempt.id)


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"nope": {"answer": "x"}}, "no question"),
        ({"friend": {"choice": "a"}}, "no field"),
        ({"friend": {"answer": 3}}, "must be text"),
        ({"friend": "Bo"}, "set of fields"),
        ({"friend": {"answer": "x" * 2001}}, "longer than"),
    ],
)
def test_saves_of_unknown_questions_fields_or_oversized_values_are_refused(
    session: so.Session, world: World, answers: dict[str, object], message: str
) -> None:
    assignment = world.assign(session)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    with pytest.raises(InvalidInput, match=message):
        attempt_service.save_responses(session, world.student, attempt.id, answers, 1, NOW)  # type: ignore[arg-type]
    assert stored(session, attempt.id) == {}


@pytest.mark.parametrize("seq", [-1, 2**31, True, "3"])
def test_a_bad_sequence_number_is_refused(session: so.Session, world: World, seq: object) -> None:
    assignment = world.assign(session)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    with pytest.raises(InvalidInput):
        attempt_service.save_responses(
            session,
            world.student,
            attempt.id,
            {"friend": {"answer": "Bo"}},
            seq,  # type: ignore[arg-type]
            NOW,
        )


def test_another_students_attempt_is_not_found(session: so.Session, world: World) -> None:
    assignment = world.assign(session)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    other = world.other_student
    with pytest.raises(NotFound):
        attempt_service.save_responses(
            session, other, attempt.id, {"friend": {"answer": "x"}}, 1, NOW
        )
    with pytest.raises(NotFound):
        attempt_service.submit_attempt(session, other, attempt.id, NOW)
    with pytest.raises(NotFound):
        attempt_service.attempt_view(session, other, attempt.id, NOW, secret=SECRET)
    with pytest.raises(NotFound):
        attempt_service.check_question(session, other, attempt.id, "friend", NOW)


def test_submitting_grades_once_and_again_changes_nothing(
    session: so.Session, world: World
) -> None:
    assignment = world.assign(session)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    answers = dict(ALL_RIGHT, friend={"answer": "Cy"}, order={"a": "2", "b": "1"})
    attempt_service.save_responses(session, world.student, attempt.id, answers, 1, NOW)
    done = attempt_service.submit_attempt(session, world.student, attempt.id, NOW + MINUTE)
    assert done.state == models.SUBMITTED
    assert done.fraction_text == "3/4"  # 6 of 8 equally weighted questions right
    assert done.percent == pytest.approx(75.0)
    assert done.submitted_at == NOW + MINUTE
    again = attempt_service.submit_attempt(session, world.student, attempt.id, NOW + 5 * MINUTE)
    assert (again.fraction_text, again.submitted_at) == ("3/4", NOW + MINUTE)
    rows = session.scalars(
        sa.select(models.Response).where(models.Response.attempt_id == attempt.id)
    ).all()
    assert {r.question_id: r.state for r in rows}["friend"] == GradeState.WRONG
    with pytest.raises(Conflict, match="already submitted"):
        attempt_service.save_responses(
            session, world.student, attempt.id, {"friend": {"answer": "Bo"}}, 9, NOW
        )


def test_racing_submits_grade_the_attempt_exactly_once(
    session: so.Session, world: World, engine: sa.Engine
) -> None:
    assignment = world.assign(session)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    attempt_service.save_responses(session, world.student, attempt.id, ALL_RIGHT, 1, NOW)
    factory = make_session_factory(engine)
    results: list[tuple[str | None, dt.datetime | None]] = []
    errors: list[BaseException] = []

    def submit(offset: int) -> None:
        with factory() as own:
            student = own.get(models.User, world.student.id)
            assert student is not None
            try:
                done = attempt_service.submit_attempt(
                    own, student, attempt.id, NOW + offset * MINUTE
                )
                results.append((done.fraction_text, done.submitted_at))
            except BaseException as error:  # collected for the assertion below
                errors.append(error)

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(1, 7)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(results)) == 1  # every request saw the one grading
    count = session.scalar(
        sa.select(sa.func.count())
        .select_from(models.Attempt)
        .where(models.Attempt.state == models.SUBMITTED)
    )
    assert count == 1


def test_racing_starts_make_one_attempt(
    session: so.Session, world: World, engine: sa.Engine
) -> None:
    assignment = world.assign(session)
    factory = make_session_factory(engine)
    ids: list[int] = []
    errors: list[BaseException] = []

    def start() -> None:
        with factory() as own:
            student = own.get(models.User, world.student.id)
            assert student is not None
            try:
                ids.append(attempt_service.start_or_resume(own, student, assignment.id, NOW).id)
            except BaseException as error:
                errors.append(error)

    threads = [threading.Thread(target=start) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(ids)) == 1
    assert session.scalar(sa.select(sa.func.count()).select_from(models.Attempt)) == 1


def test_a_timed_attempt_accepts_saves_in_the_grace_period_then_submits_itself(
    session: so.Session, world: World
) -> None:
    assignment = world.assign(session, time_limit_minutes=10)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    deadline = NOW + 10 * MINUTE
    assert attempt.deadline == deadline
    attempt_service.save_responses(
        session, world.student, attempt.id, {"city": {"choice": "a"}}, 1, NOW + 5 * MINUTE
    )
    # Thirty seconds late is within the grace period: still saved.
    attempt_service.save_responses(
        session,
        world.student,
        attempt.id,
        {"friend": {"answer": "Bo"}},
        2,
        deadline + dt.timedelta(seconds=30),
    )
    with pytest.raises(Conflict, match="Time is up"):
        attempt_service.save_responses(
            session,
            world.student,
            attempt.id,
            {"year": {"answer": "2019"}},
            3,
            deadline + 2 * MINUTE,
        )
    done = session.get(models.Attempt, attempt.id, populate_existing=True)
    assert done is not None and done.state == models.SUBMITTED
    assert done.submitted_at == deadline  # stamped at the deadline, not when noticed
    assert done.fraction_text == "1/4"  # the two answers saved in time, nothing else
    assert "year" not in stored(session, attempt.id)


def test_submit_overdue_finishes_abandoned_attempts_with_their_saved_answers(
    session: so.Session, world: World
) -> None:
    timed = world.assign(session, time_limit_minutes=5)
    closing = world.assign(session, closes_at=NOW + 30 * MINUTE)
    open_ended = world.assign(session)
    first = attempt_service.start_or_resume(session, world.student, timed.id, NOW)
    second = attempt_service.start_or_resume(session, world.other_student, closing.id, NOW)
    third = attempt_service.start_or_resume(session, world.student, open_ended.id, NOW)
    attempt_service.save_responses(session, world.student, first.id, ALL_RIGHT, 1, NOW)
    assert attempt_service.submit_overdue(session, NOW + 5 * MINUTE) == 0  # grace not over
    assert attempt_service.submit_overdue(session, NOW + 7 * MINUTE) == 1
    assert attempt_service.submit_overdue(session, NOW + 7 * MINUTE) == 0  # once only
    assert attempt_service.submit_overdue(session, NOW + 40 * MINUTE) == 1
    states = {
        a.id: (a.state, a.fraction_text, a.submitted_at)
        for a in session.scalars(
            sa.select(models.Attempt).execution_options(populate_existing=True)
        )
    }
    assert states[first.id] == (models.SUBMITTED, "1", NOW + 5 * MINUTE)
    assert states[second.id] == (models.SUBMITTED, "0", NOW + 30 * MINUTE)
    assert states[third.id][0] == models.IN_PROGRESS


def test_opening_an_overdue_attempt_submits_it(session: so.Session, world: World) -> None:
    assignment = world.assign(session, time_limit_minutes=5)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "Bo"}}, 1, NOW
    )
    view = attempt_service.attempt_view(
        session, world.teacher, attempt.id, NOW + 20 * MINUTE, secret=SECRET
    )
    assert view.state == models.SUBMITTED
    assert view.submitted_at == NOW + 5 * MINUTE
    friend = next(q for q in view.questions if q.id == "friend")
    assert friend.feedback is not None and friend.feedback.state == GradeState.RIGHT


def test_checking_grades_one_question_and_freezes_it(session: so.Session, world: World) -> None:
    assignment = world.assign(session, feedback_timing="immediate")
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    with pytest.raises(InvalidInput, match="Answer the question"):
        attempt_service.check_question(session, world.student, attempt.id, "friend", NOW)
    attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "Cy"}}, 1, NOW
    )
    grade = attempt_service.check_question(session, world.student, attempt.id, "friend", NOW)
    assert grade.state == GradeState.WRONG
    frozen = attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "Bo"}}, 2, NOW
    )
    assert frozen.frozen == ("friend",) and frozen.saved == ()
    view = attempt_service.attempt_view(session, world.student, attempt.id, NOW, secret=SECRET)
    by_id = {q.id: q for q in view.questions}
    assert by_id["friend"].feedback is not None and not by_id["friend"].editable
    assert by_id["friend"].feedback.correct_answer == "Bo"
    assert by_id["city"].feedback is None and by_id["city"].checkable
    with pytest.raises(InvalidInput):
        attempt_service.check_question(session, world.student, attempt.id, "nope", NOW)


def test_checking_is_refused_when_feedback_comes_later(session: so.Session, world: World) -> None:
    assignment = world.assign(session, feedback_timing="after_submit")
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "Bo"}}, 1, NOW
    )
    with pytest.raises(Forbidden):
        attempt_service.check_question(session, world.student, attempt.id, "friend", NOW)


def test_feedback_stays_hidden_until_the_timing_allows(session: so.Session, world: World) -> None:
    closes = NOW + 60 * MINUTE
    assignment = world.assign(session, feedback_timing="after_close", closes_at=closes)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    attempt_service.save_responses(session, world.student, attempt.id, ALL_RIGHT, 1, NOW)
    during = attempt_service.attempt_view(session, world.student, attempt.id, NOW, secret=SECRET)
    assert all(q.feedback is None for q in during.questions)
    assert not any(s.highlighted for p in during.paragraphs for s in p)
    attempt_service.submit_attempt(session, world.student, attempt.id, NOW + MINUTE)
    submitted = attempt_service.attempt_view(
        session, world.student, attempt.id, NOW + 2 * MINUTE, secret=SECRET
    )
    assert all(q.feedback is None for q in submitted.questions) and submitted.score is None
    closed = attempt_service.attempt_view(session, world.student, attempt.id, closes, secret=SECRET)
    assert closed.score == 1
    by_id = {q.id: q for q in closed.questions}
    assert by_id["where-met"].feedback is not None
    assert by_id["where-met"].feedback.evidence_ids == ("s2",)
    assert by_id["city"].feedback is not None
    assert by_id["city"].feedback.evidence_ids == ("s1",)
    assert by_id["city"].feedback.explanation == "Paris came before the trip south."
    highlighted = {s.id for p in closed.paragraphs for s in p if s.highlighted}
    assert highlighted == {"s1", "s2"}


def test_the_teacher_of_the_class_may_view_an_attempt_and_no_one_else(
    session: so.Session, world: World, make_user: UserFactory
) -> None:
    assignment = world.assign(session, feedback_timing="after_close", closes_at=NOW + 60 * MINUTE)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    attempt_service.save_responses(session, world.student, attempt.id, ALL_RIGHT, 1, NOW)
    attempt_service.submit_attempt(session, world.student, attempt.id, NOW)
    # Before the quiz closes the student sees no score; the teacher sees everything.
    assert (
        attempt_service.attempt_view(session, world.student, attempt.id, NOW, secret=SECRET).score
        is None
    )
    seen = attempt_service.attempt_view(session, world.teacher, attempt.id, NOW, secret=SECRET)
    assert seen.score == 1 and all(q.feedback is not None for q in seen.questions)
    stranger = make_user("mr-kay", models.TEACHER)
    with pytest.raises(NotFound):
        attempt_service.attempt_view(session, stranger, attempt.id, NOW, secret=SECRET)


def test_grading_counts_accepted_alternatives_with_their_credit() -> None:
    bank = load_bank_text(SMALL_BANK)

    @dataclass
    class Accepted:
        question_id: str
        text: str
        credit_text: str = "1"

    responses = {
        "friend": {"answer": "Bob"},
        "trip": {"first": "Pariss Town", "second": "Rome"},
        "year": {"answer": "two thousand nineteen-ish"},
    }
    plain = attempt_service.grade_attempt(bank, responses)
    assert plain.grades["friend"].fraction == 0
    assert plain.grades["trip"].fraction == Fraction(1, 2)
    accepted = [
        Accepted("friend", "Bob", "1/2"),
        Accepted("trip", "first: Pariss Town; second: (blank)"),
        Accepted("year", "two thousand nineteen-ish"),
        Accepted("city", "Rome"),  # choices cannot be widened: ignored
    ]
    graded = attempt_service.grade_attempt(bank, responses, accepted)
    assert graded.grades["friend"].fraction == Fraction(1, 2)
    assert graded.grades["trip"].fraction == 1
    assert graded.grades["year"].fraction == 1
    assert graded.fraction == Fraction(1 + Fraction(1, 2) + 1, 8)
    # Unpacks as a pair, too.
    grades, total = graded
    assert total == graded.fraction and grades is graded.grades


def test_only_typed_answers_take_alternatives() -> None:
    bank = load_bank_text(SMALL_BANK)
    accepting = {q.id for q in bank.questions if attempt_service.accepts_alternative_answers(q)}
    assert accepting == {"friend", "year", "trip"}


def test_the_sample_bank_can_be_taken_end_to_end(session: so.Session, world: World) -> None:
    bank_service.import_paths(session, [SAMPLE_BANK])
    version = bank_service.find_version(session, "turkey-egypt-talks-2021")
    assignment = assignments.assign_bank(
        session,
        world.teacher,
        world.classroom.id,
        version.bank_id,
        assignments.AssignmentSettings(title="Turkey and Egypt"),
    )
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    bank = bank_service.load_version_bank(version)
    answers = {q.id: q.correct_response() for q in bank.questions}
    attempt_service.save_responses(session, world.student, attempt.id, answers, 1, NOW)
    done = attempt_service.submit_attempt(session, world.student, attempt.id, NOW)
    # The written answer waits for the teacher: no score yet, and it says so.
    assert done.fraction_text is None
    waiting = attempt_service.attempt_view(session, world.student, attempt.id, NOW, secret=SECRET)
    assert waiting.waiting and waiting.score is None
    [written] = [q for q in waiting.questions if q.type_name == "written_response"]
    assert written.feedback is not None and written.feedback.state == "waiting"
    full = {"reason": "2", "details": "2", "own-words": "1"}
    written_marks.mark_answer(
        session, world.teacher, attempt.id, written.id, full, "Clear and complete.", NOW
    )
    view = attempt_service.attempt_view(session, world.student, attempt.id, NOW, secret=SECRET)
    assert view.score == 1 and not view.waiting
    assert {q.type_name for q in view.questions} == {
        "multiple_choice",
        "multi_select",
        "true_false",
        "short_answer",
        "numeric",
        "cloze",
        "ordering",
        "evidence",
        "written_response",
    }
    assert all(q.feedback is not None and q.feedback.state == "right" for q in view.questions)


def test_writes_happen_in_committed_transactions(session: so.Session, world: World) -> None:
    """A save is durable when it returns: another session sees it at once."""
    assignment = world.assign(session)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "Bo"}}, 1, NOW
    )
    bind = session.get_bind()
    with so.Session(bind) as other, write_transaction(other):
        row = other.scalar(
            sa.select(models.Response.data).where(models.Response.attempt_id == attempt.id)
        )
    assert row == {"answer": "Bo"}


def test_a_student_removed_from_the_class_can_no_longer_use_an_open_attempt(
    session: so.Session, world: World
) -> None:
    assignment = world.assign(session)
    attempt = attempt_service.start_or_resume(session, world.student, assignment.id, NOW)
    attempt_service.save_responses(
        session, world.student, attempt.id, {"friend": {"answer": "Bo"}}, 1, NOW
    )
    classes.remove_student(session, world.teacher, world.classroom.id, world.student.id)
    later = NOW + MINUTE
    for act in (
        lambda: attempt_service.save_responses(
            session, world.student, attempt.id, {"friend": {"answer": "Cy"}}, 2, later
        ),
        lambda: attempt_service.save_page_answers(
            session, world.student, attempt.id, {}, 2, later, secret=SECRET
        ),
        lambda: attempt_service.check_question(session, world.student, attempt.id, "friend", later),
        lambda: attempt_service.submit_attempt(session, world.student, attempt.id, later),
        lambda: attempt_service.attempt_view(
            session, world.student, attempt.id, later, secret=SECRET
        ),
    ):
        with pytest.raises(Forbidden, match="no longer in the class"):
            act()
    session.rollback()
    kept = session.get(models.Attempt, attempt.id, populate_existing=True)
    assert kept is not None and kept.state == models.IN_PROGRESS
    rows = session.scalars(
        sa.select(models.Response.data).where(models.Response.attempt_id == attempt.id)
    )
    assert list(rows) == [{"answer": "Bo"}]
    # The teacher still sees the attempt; back in the class, the student may go on with it.
    assert attempt_service.attempt_view(
        session, world.teacher, attempt.id, later, secret=SECRET
    ).in_progress
    accounts.join_classroom(session, world.student, world.classroom.join_code)
    attempt_service.submit_attempt(session, world.student, attempt.id, later)
