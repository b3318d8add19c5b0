"""Classes and rosters: join codes, adding, importing, resetting and removing students."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.errors import Conflict, Forbidden, InvalidInput, NotFound
from quizapp.services import accounts, classes

UserFactory = Callable[..., models.User]


@pytest.fixture
def teacher(make_user: UserFactory) -> models.User:
    return make_user("ms-lee", models.TEACHER, "Ms Lee")


@pytest.fixture
def other_teacher(make_user: UserFactory) -> models.User:
    return make_user("mr-kay", models.TEACHER, "Mr Kay")


def test_a_new_class_gets_an_unambiguous_join_code(
    session: so.Session, teacher: models.User
) -> None:
    first = classes.create_class(session, teacher, "  Year 9 English ")
    second = classes.create_class(session, teacher, "Year 10 English")
    assert first.name == "Year 9 English"
    assert first.join_code != second.join_code
    for code in (first.join_code, second.join_code):
        assert len(code) == classes.JOIN_CODE_LENGTH
        assert not set(code) & set("0O1IL")
    # Students type the code in any case; the accounts service finds the class.
    assert accounts.find_classroom(session, first.join_code.lower()).id == first.id


@pytest.mark.parametrize("name", ["", "   ", "x" * 121])
def test_a_class_needs_a_sensible_name(
    session: so.Session, teacher: models.User, name: str
) -> None:
    with pytest.raises(InvalidInput, match="class name"):
        classes.create_class(session, teacher, name)


def test_students_cannot_create_classes(session: so.Session, make_user: UserFactory) -> None:
    student = make_user("pupil")
    with pytest.raises(Forbidden):
        classes.create_class(session, student, "Mine")


def test_adding_a_student_creates_an_account_with_a_temporary_password(
    session: so.Session, teacher: models.User
) -> None:
    classroom = classes.create_class(session, teacher, "9A")
    added = classes.add_student(
        session, teacher, classroom.id, username=" Ada.L ", display_name="Ada Lovelace"
    )
    assert added.username == "ada.l"
    assert added.temporary_password is not None
    assert len(added.temporary_password) >= accounts.MIN_PASSWORD_LENGTH
    user = accounts.authenticate(session, "ada.l", added.temporary_password)
    assert user is not None and user.role == models.STUDENT
    assert [s.username for s in classes.roster(session, teacher, classroom.id)] == ["ada.l"]
    summary = classes.list_classes(session, teacher)
    assert [(c.name, c.students, c.assignments) for c in summary] == [("9A", 1, 0)]


def test_a_teacher_can_choose_the_password(session: so.Session, teacher: models.User) -> None:
    classroom = classes.create_class(session, teacher, "9A")
    added = classes.add_student(
        session, teacher, classroom.id, username="bo", password="a long secret"
    )
    assert added.temporary_password is None
    assert accounts.authenticate(session, "bo", "a long secret") is not None


def test_a_taken_username_is_refused(
    session: so.Session, teacher: models.User, make_user: UserFactory
) -> None:
    make_user("taken")
    classroom = classes.create_class(session, teacher, "9A")
    with pytest.raises(InvalidInput, match="taken"):
        classes.add_student(session, teacher, classroom.id, username="Taken")
    assert classes.roster(session, teacher, classroom.id) == []


def test_a_student_of_the_teacher_can_join_a_second_class(
    session: so.Session, teacher: models.User
) -> None:
    first = classes.create_class(session, teacher, "9A")
    second = classes.create_class(session, teacher, "Reading club")
    classes.add_student(session, teacher, first.id, username="cy")
    again = classes.add_student(session, teacher, second.id, username="cy")
    assert again.temporary_password is None  # the existing password stays
    assert [s.username for s in classes.roster(session, teacher, second.id)] == ["cy"]


def test_roster_import_adds_every_row(session: so.Session, teacher: models.User) -> None:
    classroom = classes.create_class(session, teacher, "9A")
    text = (
        "\ufeffusername,display_name,password\n"
        "ana,Ana Silva,\n"
        "\n"
        'ben,"Okafor, Ben",chosen password\n'
        "cleo\n"
    )
    added = classes.import_roster(session, teacher, classroom.id, text)
    assert [(s.username, s.display_name) for s in added] == [
        ("ana", "Ana Silva"),
        ("ben", "Okafor, Ben"),
        ("cleo", "cleo"),
    ]
    assert added[0].temporary_password and added[2].temporary_password
    assert added[1].temporary_password is None
    assert accounts.authenticate(session, "ben", "chosen password") is not None
    assert len(classes.roster(session, teacher, classroom.id)) == 3


def test_roster_import_is_all_or_nothing_and_reports_each_row(
    session: so.Session, teacher: models.User, make_user: UserFactory
) -> None:
    make_user("zoe")
    classroom = classes.create_class(session, teacher, "9A")
    text = (
        "username,display_name,password\n"  # line 1
        "ana,Ana Silva\n"  # line 2: fine
        "bad name!,Bad\n"  # line 3
        "zoe,Zoe\n"  # line 4: taken
        "ana,Ana again\n"  # line 5: repeated
        "dan,Dan,short\n"  # line 6: password too short
        "eve,Eve,pw1234567,extra\n"  # line 7: too many columns
    )
    with pytest.raises(classes.RosterInvalid) as caught:
        classes.import_roster(session, teacher, classroom.id, text)
    lines = [problem.line for problem in caught.value.problems]
    assert lines == [3, 4, 5, 6, 7]
    messages = {problem.line: problem.message for problem in caught.value.problems}
    assert "letters, digits" in messages[3]
    assert "taken" in messages[4]
    assert "line 2" in messages[5]
    assert "at least" in messages[6]
    assert "column" in messages[7]
    assert classes.roster(session, teacher, classroom.id) == []
    assert accounts.authenticate(session, "ana", "anything") is None


def test_an_empty_roster_file_is_refused(session: so.Session, teacher: models.User) -> None:
    classroom = classes.create_class(session, teacher, "9A")
    with pytest.raises(classes.RosterInvalid, match="no students"):
        classes.import_roster(session, teacher, classroom.id, "username,display_name\n")


def test_reset_password_gives_a_new_temporary_one(
    session: so.Session, teacher: models.User
) -> None:
    classroom = classes.create_class(session, teacher, "9A")
    added = classes.add_student(session, teacher, classroom.id, username="ana")
    student = classes.roster(session, teacher, classroom.id)[0]
    new = classes.reset_password(session, teacher, classroom.id, student.id)
    assert new != added.temporary_password
    assert accounts.authenticate(session, "ana", new) is not None
    assert accounts.authenticate(session, "ana", added.temporary_password or "") is None


def test_removing_a_student_keeps_the_account(session: so.Session, teacher: models.User) -> None:
    classroom = classes.create_class(session, teacher, "9A")
    added = classes.add_student(session, teacher, classroom.id, username="ana")
    student = classes.roster(session, teacher, classroom.id)[0]
    removed = classes.remove_student(session, teacher, classroom.id, student.id)
    assert removed.username == "ana"
    assert classes.roster(session, teacher, classroom.id) == []
    assert accounts.authenticate(session, "ana", added.temporary_password or "") is not None
    with pytest.raises(NotFound):
        classes.remove_student(session, teacher, classroom.id, student.id)


def test_another_teachers_class_is_not_found(
    session: so.Session, teacher: models.User, other_teacher: models.User
) -> None:
    classroom = classes.create_class(session, teacher, "9A")
    classes.add_student(session, teacher, classroom.id, username="ana")
    student = classes.roster(session, teacher, classroom.id)[0]
    calls: list[Callable[[], object]] = [
        lambda: classes.roster(session, other_teacher, classroom.id),
        lambda: classes.add_student(session, other_teacher, classroom.id, username="x"),
        lambda: classes.import_roster(session, other_teacher, classroom.id, "x,X\n"),
        lambda: classes.reset_password(session, other_teacher, classroom.id, student.id),
        lambda: classes.remove_student(session, other_teacher, classroom.id, student.id),
    ]
    for call in calls:
        with pytest.raises(NotFound):
            call()
    assert classes.list_classes(session, other_teacher) == []
    # Nor can the other teacher pull the student into their own class by name.
    own = classes.create_class(session, other_teacher, "Theirs")
    with pytest.raises(InvalidInput, match="taken"):
        classes.add_student(session, other_teacher, own.id, username="ana")


def test_a_student_outside_the_class_cannot_be_reset(
    session: so.Session, teacher: models.User, make_user: UserFactory
) -> None:
    classroom = classes.create_class(session, teacher, "9A")
    stranger = make_user("stranger")
    with pytest.raises(NotFound):
        classes.reset_password(session, teacher, classroom.id, stranger.id)


def test_join_code_collisions_are_retried(
    session: so.Session, teacher: models.User, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = classes.create_class(session, teacher, "9A")
    codes = iter([first.join_code, first.join_code, "ABCDEF"])
    monkeypatch.setattr(classes, "new_join_code", lambda: next(codes))
    second = classes.create_class(session, teacher, "9B")
    assert second.join_code == "ABCDEF"


def test_join_code_exhaustion_is_a_conflict(
    session: so.Session, teacher: models.User, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = classes.create_class(session, teacher, "9A")
    monkeypatch.setattr(classes, "new_join_code", lambda: first.join_code)
    with pytest.raises(Conflict):
        classes.create_class(session, teacher, "9B")
