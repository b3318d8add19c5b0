"""Bank storage: all-or-nothing imports, versions by content hash, ownership, cached loading."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.banks import content_hash
from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.errors import BankInvalid, Conflict, Forbidden, NotFound
from quizapp.services import banks

SAMPLE = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
INVALID = PROJECT_ROOT / "tests" / "data" / "banks" / "invalid"
MakeUser = Callable[..., models.User]

SMALL = """\
id: {slug}
title: {title}
article: |
  Turkish diplomats arrived in Cairo on Wednesday.
questions:
  - {{id: host, type: short_answer, prompt: Where did they arrive?, answers: [Cairo]}}
"""


def small_bank(slug: str = "cairo", title: str = "Cairo talks") -> str:
    return SMALL.format(slug=slug, title=title)


def counts(session: so.Session) -> tuple[int, int]:
    return (
        session.scalar(sa.select(sa.func.count()).select_from(models.Bank)) or 0,
        session.scalar(sa.select(sa.func.count()).select_from(models.BankVersion)) or 0,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    banks_dir = tmp_path / "question_banks"
    banks_dir.mkdir()
    shutil.copy(SAMPLE, banks_dir / SAMPLE.name)
    (banks_dir / "cairo.yaml").write_text(small_bank(), encoding="utf-8")
    return banks_dir


def test_import_stores_new_banks_then_only_changes(session: so.Session, folder: Path) -> None:
    first = banks.import_paths(session, [folder])
    assert sorted(first.new) == ["cairo", "turkey-egypt-talks-2021"]
    assert first.summary() == "2 bank(s) imported: 2 new, 0 updated, 0 unchanged."

    again = banks.import_paths(session, [folder])
    assert sorted(again.unchanged) == ["cairo", "turkey-egypt-talks-2021"]
    assert counts(session) == (2, 2)

    (folder / "cairo.yaml").write_text(small_bank(title="Talks in Cairo"), encoding="utf-8")
    changed = banks.import_paths(session, [folder])
    assert changed.updated == ["cairo"] and changed.unchanged == ["turkey-egypt-talks-2021"]
    version = banks.find_version(session, "cairo")
    assert (version.number, version.bank.title) == (2, "Talks in Cairo")
    assert version.content_hash == content_hash(small_bank(title="Talks in Cairo"))
    assert version.bank.owner_id is None


def test_line_endings_alone_do_not_make_a_new_version(session: so.Session, folder: Path) -> None:
    banks.import_paths(session, [folder])
    path = folder / "cairo.yaml"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert banks.import_paths(session, [path]).unchanged == ["cairo"]


def test_one_invalid_file_stores_nothing(session: so.Session, folder: Path) -> None:
    shutil.copy(INVALID / "mc_two_correct.yaml", folder / "broken.yaml")
    with pytest.raises(BankInvalid) as raised:
        banks.import_paths(session, [folder])
    [issue] = raised.value.issues
    assert issue.path.endswith("broken.yaml") and issue.line == 14
    assert counts(session) == (0, 0)


def test_two_files_with_one_id_store_nothing(session: so.Session, folder: Path) -> None:
    (folder / "copy.yaml").write_text(small_bank(title="Other"), encoding="utf-8")
    with pytest.raises(BankInvalid, match="the bank id 'cairo' is also used by"):
        banks.import_paths(session, [folder])
    assert counts(session) == (0, 0)


def test_import_never_overwrites_a_teachers_bank(
    session: so.Session, folder: Path, make_user: MakeUser
) -> None:
    teacher = make_user("tess", models.TEACHER)
    banks.save_bank_text(session, small_bank(), user=teacher)
    with pytest.raises(BankInvalid, match="belongs to a teacher's own bank"):
        banks.import_paths(session, [folder])
    assert counts(session) == (1, 1)


def test_save_creates_and_versions_a_teachers_bank(
    session: so.Session, make_user: MakeUser
) -> None:
    teacher = make_user("tess", models.TEACHER)
    first = banks.save_bank_text(session, small_bank(), user=teacher)
    assert (first.number, first.bank.slug, first.bank.owner_id) == (1, "cairo", teacher.id)
    same = banks.save_bank_text(session, small_bank(), user=teacher, bank_slug="cairo")
    assert same.id == first.id
    edited = banks.save_bank_text(
        session, small_bank(title="New title"), user=teacher, bank_slug="cairo"
    )
    assert (edited.number, edited.created_by_id, edited.bank.title) == (2, teacher.id, "New title")
    reverted = banks.save_bank_text(session, small_bank(), user=teacher, bank_slug="cairo")
    # Going back to the first text makes it current again, as version 3.
    assert (reverted.number, reverted.content_hash) == (3, first.content_hash)


def test_save_refuses_invalid_text_and_foreign_banks(
    session: so.Session, make_user: MakeUser
) -> None:
    tess = make_user("tess", models.TEACHER)
    tom = make_user("tom", models.TEACHER)
    banks.save_bank_text(session, small_bank(), user=tess)
    with pytest.raises(BankInvalid) as raised:
        banks.save_bank_text(
            session, small_bank().replace("answers", "answrs"), user=tess, bank_slug="cairo"
        )
    assert raised.value.issues[0].format().startswith("cairo.yaml:6:")
    with pytest.raises(BankInvalid, match="the id must stay 'cairo'"):
        banks.save_bank_text(session, small_bank(slug="other"), user=tess, bank_slug="cairo")
    with pytest.raises(Conflict):
        banks.save_bank_text(session, small_bank(), user=tom)
    with pytest.raises(Forbidden):
        banks.save_bank_text(session, small_bank(title="Mine"), user=tom, bank_slug="cairo")
    with pytest.raises(NotFound):
        banks.save_bank_text(session, small_bank(slug="nope"), user=tess, bank_slug="nope")
    assert counts(session) == (1, 1)


def test_list_banks_shows_shared_banks_and_the_users_own(
    session: so.Session, folder: Path, make_user: MakeUser
) -> None:
    banks.import_paths(session, [folder / SAMPLE.name])
    tess = make_user("tess", models.TEACHER)
    tom = make_user("tom", models.TEACHER)
    banks.save_bank_text(session, small_bank(), user=tess)
    banks.save_bank_text(session, small_bank(title="Cairo, again"), user=tess, bank_slug="cairo")

    shared = banks.list_banks(session)
    assert [(b.slug, b.shared) for b in shared] == [("turkey-egypt-talks-2021", True)]
    assert shared[0].question_count >= 16 and shared[0].version_number == 1
    assert [b.slug for b in banks.list_banks(session, user=tom)] == ["turkey-egypt-talks-2021"]
    own = banks.list_banks(session, user=tess)
    assert [(b.title, b.version_number, b.question_count) for b in own] == [
        ("Cairo, again", 2, 1),
        (
            "Turkey, Egypt kick off diplomatic talks in Cairo to mend relations",
            1,
            shared[0].question_count,
        ),
    ]


def test_versions_are_found_by_id_or_slug(session: so.Session, folder: Path) -> None:
    banks.import_paths(session, [folder])
    version = banks.find_version(session, "cairo", 1)
    assert banks.get_version(session, version.id) is version
    with pytest.raises(NotFound):
        banks.get_version(session, version.id + 1000)
    with pytest.raises(NotFound):
        banks.find_version(session, "cairo", 2)


def test_loading_a_version_builds_the_bank_once_per_content(
    session: so.Session, folder: Path
) -> None:
    banks.import_paths(session, [folder])
    version = banks.find_version(session, "turkey-egypt-talks-2021")
    bank = banks.load_version_bank(version)
    assert bank.id == "turkey-egypt-talks-2021"
    assert bank.question("host-city").prompt == "Which city hosted the consultations?"
    session.expire_all()
    again = banks.find_version(session, "turkey-egypt-talks-2021")
    assert banks.load_version_bank(again) is bank


def test_bank_detail_lists_questions_with_their_answers(
    session: so.Session, make_user: MakeUser
) -> None:
    teacher = make_user("tess", models.TEACHER)
    banks.import_paths(session, [SAMPLE])
    shared_bank = banks.list_banks(session)[0]
    detail = banks.bank_detail(session, teacher, shared_bank.id)
    assert not detail.editable  # shared banks are edited in their files
    host = next(q for q in detail.questions if q.id == "host-city")
    assert host.answer == "Cairo"
    assert detail.paragraphs[0].startswith("Turkey and Egypt")
    assert [v.number for v in detail.versions] == [1]
    own = banks.save_bank_text(session, small_bank(slug="mine"), user=teacher)
    assert banks.bank_detail(session, teacher, own.bank_id).editable
    assert banks.owns_bank_slug(session, teacher, "mine")
    assert not banks.owns_bank_slug(session, teacher, shared_bank.slug)


def test_an_upload_versions_the_teachers_own_bank_and_copies_nothing_else(
    session: so.Session, make_user: MakeUser
) -> None:
    tess = make_user("tess", models.TEACHER)
    tom = make_user("tom", models.TEACHER)
    first = banks.save_uploaded_bank(session, tess, small_bank())
    second = banks.save_uploaded_bank(session, tess, small_bank(title="Cairo, again"))
    assert (second.bank_id, second.number) == (first.bank_id, 2)
    # The same id from another teacher is somebody else's bank: refused, nothing stored.
    with pytest.raises(Conflict):
        banks.save_uploaded_bank(session, tom, small_bank(title="Mine now"))
    assert counts(session) == (1, 2)


def test_only_the_owner_may_edit_a_bank(session: so.Session, make_user: MakeUser) -> None:
    tess = make_user("tess", models.TEACHER)
    tom = make_user("tom", models.TEACHER)
    banks.import_paths(session, [SAMPLE])
    shared = banks.list_banks(session)[0]
    own = banks.save_bank_text(session, small_bank(), user=tess)
    assert banks.editable_bank_detail(session, tess, own.bank_id).bank.slug == "cairo"
    with pytest.raises(Forbidden, match="Download this one"):
        banks.editable_bank_detail(session, tess, shared.id)
    with pytest.raises(NotFound):
        banks.editable_bank_detail(session, tom, own.bank_id)
