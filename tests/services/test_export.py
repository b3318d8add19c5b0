"""CSV export: both layouts, column order, the grading method, neutralised formulas, scope."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.errors import InvalidInput, NotFound
from quizapp.services import accounts, assignments, banks, classes, export
from quizapp.services.assignments import AssignmentSettings

UserFactory = Callable[..., models.User]
SAMPLE = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
T0 = dt.datetime(2030, 3, 1, 9, 0, tzinfo=dt.UTC)
# (question id, response data, credit, state) for each answer of an attempt.
Answer = tuple[str, dict[str, str], str, str]


def record_attempt(
    session: so.Session,
    assignment: models.Assignment,
    student: models.User,
    number: int,
    answers: list[Answer],
    fraction: str | None,
) -> models.Attempt:
    """Store a graded attempt as the student services would (None: still in progress)."""
    attempt = models.Attempt(
        assignment_id=assignment.id,
        student_id=student.id,
        number=number,
        state=models.SUBMITTED if fraction is not None else models.IN_PROGRESS,
        started_at=T0 + dt.timedelta(hours=number),
        submitted_at=T0 + dt.timedelta(hours=number, minutes=20) if fraction else None,
        layout={"questions": [], "choices": {}},
        fraction_text=fraction,
        percent=float(Fraction(fraction) * 100) if fraction else None,
    )
    attempt.responses = [
        models.Response(
            question_id=qid,
            data=data,
            fraction_text=credit or None,
            state=state or None,
            saved_at=T0 + dt.timedelta(hours=number, minutes=index),
        )
        for index, (qid, data, credit, state) in enumerate(answers)
    ]
    session.add(attempt)
    session.commit()
    return attempt


@pytest.fixture
def teacher(make_user: UserFactory) -> models.User:
    return make_user("ms-lee", models.TEACHER)


@dataclass
class Setup:
    classroom: models.Classroom
    assignment: models.Assignment


@pytest.fixture
def setup(session: so.Session, teacher: models.User, make_user: UserFactory) -> Setup:
    banks.import_paths(session, [SAMPLE])
    bank_id = banks.list_banks(session)[0].id
    classroom = classes.create_class(session, teacher, "9A")
    ana = make_user("ana", display_name="Ana Silva")
    ben = make_user("ben", display_name='=HYPERLINK("http://x")')
    cleo = make_user("cleo", display_name="Cleo")
    for student in (ana, ben, cleo):
        accounts.join_classroom(session, student, classroom.join_code)
    assignment = assignments.assign_bank(
        session,
        teacher,
        classroom.id,
        bank_id,
        AssignmentSettings(title="Week 1", grading_method="highest"),
    )
    record_attempt(
        session,
        assignment,
        ana,
        1,
        [
            ("turkish-lead", {"answer": "=1+1"}, "0", "wrong"),
            ("host-city", {"choice": "c"}, "1", "right"),
        ],
        "1/4",
    )
    record_attempt(
        session,
        assignment,
        ana,
        2,
        [
            ("host-city", {"choice": "a"}, "0", "wrong"),
            ("turkish-lead", {"answer": "Onal"}, "1", "right"),
            ("talk-days", {"b": "1"}, "1/2", "partial"),
        ],
        "3/4",
    )
    record_attempt(
        session,
        assignment,
        ben,
        1,
        [
            ("years-of-hostility", {"answer": "-5"}, "0", "wrong"),
        ],
        "1/3",
    )
    record_attempt(
        session,
        assignment,
        ben,
        2,
        [
            ("host-city", {"choice": "c"}, "", ""),
        ],
        None,
    )
    return Setup(classroom, assignment)


def read(lines: list[str]) -> list[list[str]]:
    return list(csv.reader(io.StringIO("".join(lines))))


def lines_for(
    session: so.Session,
    teacher: models.User,
    layout: str,
    *,
    bom: bool = False,
    class_id: int | None = None,
    assignment_id: int | None = None,
) -> list[str]:
    chosen = export.teacher_scope(session, teacher, class_id=class_id, assignment_id=assignment_id)
    return list(export.csv_lines(session, chosen, layout, bom=bom))


def test_gradebook_has_one_row_per_student_and_quiz(
    session: so.Session, teacher: models.User, setup: Setup
) -> None:
    rows = read(lines_for(session, teacher, "gradebook"))
    header = rows[0]
    question_ids = [q.id for q in banks.load_version_bank(setup.assignment.bank_version).questions]
    assert header == [
        "class",
        "username",
        "display_name",
        "quiz",
        "attempts",
        *question_ids,
        "total_percent",
    ]
    by_user = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert list(by_user) == ["ana", "ben", "cleo"]
    ana = by_user["ana"]
    # Highest: attempt 2 (3/4), so its per-question credits; a question it left out earned 0.
    assert (ana["attempts"], ana["total_percent"]) == ("2", "75")
    assert (ana["host-city"], ana["turkish-lead"], ana["talk-days"]) == ("0", "1", "0.5")
    assert ana["main-idea"] == "0"
    ben = by_user["ben"]
    assert ben["display_name"] == '\'=HYPERLINK("http://x")'
    assert (ben["attempts"], ben["total_percent"]) == ("2", "33.33")  # the open one not graded
    cleo = by_user["cleo"]
    assert (cleo["attempts"], cleo["total_percent"], cleo["host-city"]) == ("0", "", "")


@pytest.mark.parametrize(
    ("method", "total", "host_city", "talk_days"),
    [("first", "25", "1", "0"), ("last", "75", "0", "0.5"), ("average", "50", "0.5", "0.25")],
)
def test_gradebook_applies_the_grading_method(
    session: so.Session,
    teacher: models.User,
    setup: Setup,
    method: str,
    total: str,
    host_city: str,
    talk_days: str,
) -> None:
    assignment = setup.assignment
    assignments.update_assignment(
        session,
        teacher,
        assignment.id,
        AssignmentSettings(title="Week 1", grading_method=method),
    )
    rows = read(lines_for(session, teacher, "gradebook"))
    ana = dict(zip(rows[0], rows[1], strict=True))
    assert (ana["total_percent"], ana["host-city"], ana["talk-days"]) == (
        total,
        host_city,
        talk_days,
    )


def test_responses_layout_has_one_row_per_answer_in_bank_order(
    session: so.Session, teacher: models.User, setup: Setup
) -> None:
    rows = read(lines_for(session, teacher, "responses"))
    assert rows[0] == list(export.RESPONSE_COLUMNS)
    body = rows[1:]
    assert [(r[1], r[4], r[5]) for r in body] == [
        ("ana", "1", "host-city"),  # bank order: host-city comes before turkish-lead
        ("ana", "1", "turkish-lead"),
        ("ana", "2", "host-city"),
        ("ana", "2", "turkish-lead"),
        ("ana", "2", "talk-days"),
        ("ben", "1", "years-of-hostility"),
        ("ben", "2", "host-city"),
    ]
    first = dict(zip(rows[0], body[0], strict=True))
    assert first == {
        "class": "9A",
        "username": "ana",
        "display_name": "Ana Silva",
        "quiz": "Week 1",
        "attempt": "1",
        "question_id": "host-city",
        "response": "Cairo",
        "credit": "1",
        "state": "right",
        "saved_at": "2030-03-01T10:01:00Z",
        "submitted_at": "2030-03-01T10:20:00Z",
    }
    typed = dict(zip(rows[0], body[1], strict=True))
    assert typed["response"] == "'=1+1"  # a typed formula is shown as text
    assert dict(zip(rows[0], body[4], strict=True))["credit"] == "0.5"
    assert dict(zip(rows[0], body[5], strict=True))["response"] == "'-5"
    in_progress = dict(zip(rows[0], body[6], strict=True))
    assert (in_progress["credit"], in_progress["state"], in_progress["submitted_at"]) == (
        "",
        "",
        "",
    )


def test_bom_only_when_asked_and_lines_end_in_crlf(
    session: so.Session, teacher: models.User, setup: Setup
) -> None:
    plain = lines_for(session, teacher, "responses")
    with_bom = lines_for(session, teacher, "responses", bom=True)
    assert plain[0].startswith("class,username")
    assert with_bom[0] == export.BOM + plain[0]
    assert with_bom[1:] == plain[1:]
    assert all(line.endswith("\r\n") for line in plain)


def test_rows_are_produced_lazily(session: so.Session, teacher: models.User, setup: Setup) -> None:
    lines = export.csv_lines(session, export.teacher_scope(session, teacher), "responses")
    assert next(lines).startswith("class,")  # a generator: nothing else was read yet
    assert sum(1 for _ in lines) == 7


def test_filters_and_scope(
    session: so.Session, teacher: models.User, setup: Setup, make_user: UserFactory
) -> None:
    classroom = setup.classroom
    assignment = setup.assignment
    class_id = classroom.id
    quiz_id = assignment.id
    by_class = lines_for(session, teacher, "gradebook", class_id=class_id)
    by_quiz = lines_for(session, teacher, "gradebook", assignment_id=quiz_id)
    assert by_class == by_quiz == lines_for(session, teacher, "gradebook")
    other = make_user("mr-kay", models.TEACHER)
    with pytest.raises(NotFound):
        export.teacher_scope(session, other, class_id=class_id)
    with pytest.raises(NotFound):
        export.teacher_scope(session, other, assignment_id=quiz_id)
    nothing = export.teacher_scope(session, other)
    assert nothing.assignment_ids == ()
    assert len(read(list(export.csv_lines(session, nothing, "gradebook")))) == 1  # header only
    own = classes.create_class(session, teacher, "Empty class")
    with pytest.raises(NotFound):
        export.teacher_scope(session, teacher, class_id=own.id, assignment_id=quiz_id)


def test_operator_scope_by_join_code(session: so.Session, setup: Setup) -> None:
    classroom = setup.classroom
    code = classroom.join_code
    scope = export.operator_scope(session, class_ref=code.lower())
    assert scope.assignment_ids == (setup.assignment.id,)
    assert export.operator_scope(session, class_ref=str(classroom.id)) == scope
    with pytest.raises(NotFound):
        export.operator_scope(session, class_ref="NOPE99")
    with pytest.raises(NotFound):
        export.operator_scope(session, assignment_id=999999)


def test_an_unknown_layout_is_refused(session: so.Session, teacher: models.User) -> None:
    with pytest.raises(InvalidInput, match="gradebook, responses"):
        next(export.csv_lines(session, export.teacher_scope(session, teacher), "pivot"))


@pytest.mark.parametrize(
    ("cell", "shown"),
    [
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Cairo", "Cairo"),
        ("0.5", "0.5"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise(cell: str, shown: str) -> None:
    assert export.neutralise(cell) == shown


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Fraction(1), "1"),
        (Fraction(1, 2), "0.5"),
        (Fraction(1, 3), "0.3333"),
        (Fraction(0), "0"),
        (Fraction(200, 3), "66.6667"),
    ],
)
def test_format_decimal(value: Fraction, text: str) -> None:
    assert export.format_decimal(value) == text


def bank_points(setup: Setup) -> Fraction:
    questions = banks.load_version_bank(setup.assignment.bank_version).questions
    return sum((q.points for q in questions), Fraction(0))


def test_moodle_layout_is_one_row_per_student_with_points_per_quiz(
    session: so.Session, teacher: models.User, setup: Setup
) -> None:
    rows = read(lines_for(session, teacher, "moodle"))
    assert rows[0] == ["Username", "First name", "Last name", "Week 1"]
    total = bank_points(setup)
    assert rows[1] == ["ana", "Ana", "Silva", export.format_decimal(total * Fraction(3, 4), 2)]
    assert rows[2][0] == "ben" and rows[2][3] == export.format_decimal(total / 3, 2)
    assert rows[3] == ["cleo", "Cleo", "", ""]


def test_canvas_layout_has_the_points_possible_row_and_matches_by_login(
    session: so.Session, teacher: models.User, setup: Setup
) -> None:
    rows = read(lines_for(session, teacher, "canvas"))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Week 1"]
    assert rows[1] == [
        "    Points Possible",
        "",
        "",
        "",
        "",
        export.format_decimal(bank_points(setup), 2),
    ]
    assert rows[2][:5] == ["Ana Silva", "", "", "ana", "9A"]
    assert rows[3][0] == '\'=HYPERLINK("http://x")'  # neutralised like every other cell


def test_classroom_layout_names_students_by_email_column(
    session: so.Session, teacher: models.User, setup: Setup
) -> None:
    rows = read(lines_for(session, teacher, "classroom"))
    assert rows[0] == ["Last Name", "First Name", "Email Address", "Week 1"]
    assert rows[1][:3] == ["Silva", "Ana", "ana"]


def test_two_quizzes_with_one_title_get_distinct_columns(
    session: so.Session, teacher: models.User, setup: Setup
) -> None:
    second = assignments.assign_bank(
        session,
        teacher,
        setup.classroom.id,
        setup.assignment.bank_version.bank_id,
        AssignmentSettings(title="Week 1", grading_method="highest"),
    )
    header = read(lines_for(session, teacher, "moodle"))[0]
    assert header[3:] == [f"Week 1 (quiz {setup.assignment.id})", f"Week 1 (quiz {second.id})"]


def test_points_layout_weights_each_question_and_totals_in_points(
    session: so.Session, teacher: models.User, setup: Setup
) -> None:
    rows = read(lines_for(session, teacher, "points"))
    header = rows[0]
    assert header[-3:] == ["total_points", "possible_points", "total_percent"]
    by_user = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    bank = banks.load_version_bank(setup.assignment.bank_version)
    weights = {q.id: q.points for q in bank.questions}
    ana = by_user["ana"]
    # Highest is attempt 2: talk-days half right, turkish-lead right.
    assert ana["talk-days"] == export.format_decimal(weights["talk-days"] / 2)
    assert ana["turkish-lead"] == export.format_decimal(weights["turkish-lead"])
    assert ana["host-city"] == "0"
    assert ana["possible_points"] == str(bank.total_points)
    assert ana["total_points"] == export.format_decimal(bank.total_points * Fraction(3, 4), 2)
    assert ana["total_percent"] == "75"
    cleo = by_user["cleo"]
    assert (cleo["total_points"], cleo["total_percent"]) == ("", "")


def test_class_layout_is_one_row_per_student_one_column_per_quiz_with_totals(
    session: so.Session, teacher: models.User, setup: Setup
) -> None:
    second = assignments.assign_bank(
        session,
        teacher,
        setup.classroom.id,
        setup.assignment.bank_version.bank_id,
        AssignmentSettings(title="=Week 2", grading_method="highest"),
    )
    ana = session.scalar(sa.select(models.User).where(models.User.username == "ana"))
    assert ana is not None
    record_attempt(session, second, ana, 1, [("host-city", {"choice": "c"}, "1", "right")], "1/2")
    rows = read(lines_for(session, teacher, "class", class_id=setup.classroom.id))
    total = bank_points(setup)
    shown = export.format_decimal(total, 2)
    assert rows[0] == [
        "class",
        "username",
        "display_name",
        f"Week 1 ({shown} points)",
        f"'=Week 2 ({shown} points)",  # a title that looks like a formula is neutralised
        "total_points",
        "possible_points",
        "total_percent",
    ]
    by_user = {row[1]: row for row in rows[1:]}
    assert list(by_user) == ["ana", "ben", "cleo"]
    earned = total * Fraction(3, 4) + total / 2
    assert by_user["ana"][3:] == [
        export.format_decimal(total * Fraction(3, 4), 2),
        export.format_decimal(total / 2, 2),
        export.format_decimal(earned, 2),
        export.format_decimal(2 * total, 2),
        "62.5",
    ]
    # Ben has a grade on Week 1 only: his total is out of Week 1's points.
    assert by_user["ben"][4:] == [
        "",
        export.format_decimal(total / 3, 2),
        shown,
        "33.33",
    ]
    assert by_user["cleo"][3:] == ["", "", "", "", ""]
