"""Renaming, archiving and duplicating banks: Ms Lee's own bank "mini" (with a teacher's comment
in its YAML), the shared sample bank, and Mr Kay, who may touch neither of hers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import sqlalchemy.orm as so

from quizapp.db import models
from quizapp.errors import Forbidden, InvalidInput, NotFound
from quizapp.services import accounts, assignments, attempts, bank_upkeep, banks, classes
from quizapp.services.assignments import AssignmentSettings
from tests.conftest import SAMPLE_BANK
from tests.services.test_results import MINI_BANK

UserFactory = Callable[..., models.User]
NOW = dt.datetime(2031, 1, 10, 8, 0, tzinfo=dt.UTC)
COMMENTED = MINI_BANK.replace("questions:\n", "# checked with the class on Monday\nquestions:\n")


@dataclass
class Shelf:
    teacher: models.User
    other: models.User
    mini: models.Bank
    shared: models.Bank


@pytest.fixture
def shelf(session: so.Session, make_user: UserFactory) -> Shelf:
    teacher = make_user("ms-lee", models.TEACHER)
    other = make_user("mr-kay", models.TEACHER)
    mini = banks.save_bank_text(session, COMMENTED, user=teacher).bank
    banks.import_paths(session, [SAMPLE_BANK])
    shared = next(b for b in banks.list_banks(session) if b.shared)
    shared_bank = session.get(models.Bank, shared.id)
    assert shared_bank is not None
    return Shelf(teacher, other, mini, shared_bank)


def titles(session: so.Session, user: models.User, **kwargs: bool) -> list[str]:
    return [b.title for b in banks.list_banks(session, user=user, **kwargs)]


def test_renaming_saves_a_version_and_keeps_the_rest_of_the_text(
    session: so.Session, shelf: Shelf
) -> None:
    version = bank_upkeep.rename_bank(session, shelf.teacher, shelf.mini.id, "  Cairo   talks ")
    assert version.number == 2 and version.bank.title == "Cairo talks"
    assert "title: Cairo talks" in version.yaml_text
    assert "# checked with the class on Monday" in version.yaml_text
    same = bank_upkeep.rename_bank(session, shelf.teacher, shelf.mini.id, "Cairo talks")
    assert same.number == 2  # nothing changed, nothing saved
    with pytest.raises(InvalidInput, match="title of 1 to 300"):
        bank_upkeep.rename_bank(session, shelf.teacher, shelf.mini.id, "   ")


def test_archiving_hides_a_bank_and_its_assignment_keeps_working(
    session: so.Session, shelf: Shelf, make_user: UserFactory
) -> None:
    classroom = classes.create_class(session, shelf.teacher, "9A")
    ana = make_user("ana")
    accounts.join_classroom(session, ana, classroom.join_code)
    assignment = assignments.assign_bank(
        session, shelf.teacher, classroom.id, shelf.mini.id, AssignmentSettings(title="Mini")
    )
    bank_upkeep.set_archived(session, shelf.teacher, shelf.mini.id, True, NOW)
    assert "Mini quiz" not in titles(session, shelf.teacher)
    assert titles(session, shelf.teacher, archived=True) == ["Mini quiz"]
    # The assignment made before still works for the student.
    attempt = attempts.start_or_resume(session, ana, assignment.id, NOW)
    attempts.save_responses(session, ana, attempt.id, {"host-city": {"choice": "a"}}, 1, NOW)
    assert attempts.submit_attempt(session, ana, attempt.id, NOW).fraction_text == "1/4"
    # It cannot be assigned again while archived, and says how to fix that.
    with pytest.raises(InvalidInput, match="archived: restore it"):
        assignments.assign_bank(
            session, shelf.teacher, classroom.id, shelf.mini.id, AssignmentSettings(title="x")
        )
    bank_upkeep.set_archived(session, shelf.teacher, shelf.mini.id, False, NOW)
    assert "Mini quiz" in titles(session, shelf.teacher)


def test_shared_and_other_teachers_banks_cannot_be_renamed_or_archived(
    session: so.Session, shelf: Shelf
) -> None:
    with pytest.raises(Forbidden, match="make your own copy"):
        bank_upkeep.rename_bank(session, shelf.teacher, shelf.shared.id, "Mine now")
    with pytest.raises(Forbidden, match="make your own copy"):
        bank_upkeep.set_archived(session, shelf.teacher, shelf.shared.id, True, NOW)
    with pytest.raises(NotFound):
        bank_upkeep.rename_bank(session, shelf.other, shelf.mini.id, "Stolen")
    with pytest.raises(NotFound):
        bank_upkeep.set_archived(session, shelf.other, shelf.mini.id, True, NOW)
    with pytest.raises(NotFound):
        bank_upkeep.duplicate_bank(session, shelf.other, shelf.mini.id)


def test_duplicating_makes_the_teachers_own_copy_under_a_free_id(
    session: so.Session, shelf: Shelf
) -> None:
    first = bank_upkeep.duplicate_bank(session, shelf.teacher, shelf.shared.id)
    second = bank_upkeep.duplicate_bank(session, shelf.teacher, shelf.shared.id)
    assert first.bank.slug == f"{shelf.shared.slug}-copy"
    assert second.bank.slug == f"{shelf.shared.slug}-copy-2"
    assert first.bank.owner_id == shelf.teacher.id and first.number == 1
    assert first.bank.title == f"{shelf.shared.title} (copy)"
    original = banks.load_version_bank(banks.latest_version(session, shelf.shared))
    copy = banks.load_version_bank(first)
    assert [q.id for q in copy.questions] == [q.id for q in original.questions]
    named = bank_upkeep.duplicate_bank(session, shelf.teacher, shelf.mini.id, "My Mini, v2")
    assert (named.bank.slug, named.bank.title) == ("my-mini-v2", "My Mini, v2")
    assert "# checked with the class on Monday" in named.yaml_text
    # The copy is the teacher's to rename.
    assert bank_upkeep.rename_bank(session, shelf.teacher, first.bank_id, "Mine").number == 2
