"""Looking after a teacher's banks: renaming, archiving (and restoring) and duplicating.

A bank's title lives in its YAML, so renaming saves a new version with the new ``title`` (the
rest of the text, comments included, stays as written); assignments keep the version they
pinned. Archiving hides the teacher's own bank from every list and from the assign form, and
deletes nothing: assignments of it and their attempts keep working, and the bank can be
restored. Shared banks belong to the question_banks folder, so only a copy of one can be
renamed or archived. Duplicating makes the teacher's own copy of any bank they can see, under
a free id.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.banks import with_fields
from quizapp.banks.formats.base import slug as slug_of
from quizapp.db.engine import write_transaction
from quizapp.db.models import Bank, BankVersion, User
from quizapp.errors import Forbidden, InvalidInput
from quizapp.services import banks as bank_service

MAX_TITLE = 300
# Bank ids are at most this long, so "-copy-12" still fits the column.
MAX_SLUG_BASE = 100
SHARED_IS_THE_FOLDERS = (
    "Shared banks belong to the question_banks folder: make your own copy to rename or archive it."
)


def own_bank(session: so.Session, teacher: User, bank_id: int) -> Bank:
    """The teacher's own bank; a shared one is :class:`Forbidden`, others not found."""
    bank = bank_service.visible_bank(session, teacher, bank_id)
    if bank.owner_id != teacher.id:
        raise Forbidden(SHARED_IS_THE_FOLDERS)
    return bank


def _checked_title(title: str) -> str:
    title = " ".join(title.split())
    if not title or len(title) > MAX_TITLE:
        raise InvalidInput(f"Give the bank a title of 1 to {MAX_TITLE} characters.")
    return title


def rename_bank(session: so.Session, teacher: User, bank_id: int, title: str) -> BankVersion:
    """Save the bank's next version with a new title (the same one: nothing new is saved)."""
    bank = own_bank(session, teacher, bank_id)
    title = _checked_title(title)
    latest = bank_service.latest_version(session, bank)
    text = with_fields(latest.yaml_text, {"title": title})
    return bank_service.save_bank_text(session, text, user=teacher, bank_slug=bank.slug)


def set_archived(
    session: so.Session, teacher: User, bank_id: int, archived: bool, now: dt.datetime
) -> Bank:
    """Archive the teacher's bank (hidden from the lists) or bring it back."""
    own_bank(session, teacher, bank_id)
    with write_transaction(session):
        bank = session.get(Bank, bank_id, with_for_update=True, populate_existing=True)
        assert bank is not None  # own_bank found it
        if archived and bank.archived_at is None:
            bank.archived_at = now
        elif not archived:
            bank.archived_at = None
    return bank


def free_slug(session: so.Session, base: str) -> str:
    """``base`` if no bank has that id, else the first free "<base>-2", "<base>-3", ..."""
    base = base[:MAX_SLUG_BASE].rstrip("-")
    taken = set(session.scalars(sa.select(Bank.slug).where(Bank.slug.startswith(base))))
    made, number = base, 2
    while made in taken:
        made, number = f"{base}-{number}", number + 1
    return made


def duplicate_bank(
    session: so.Session, teacher: User, bank_id: int, title: str | None = None
) -> BankVersion:
    """The teacher's own copy of a bank they can see (a shared one included), as version 1.

    Without a title the copy is "<title> (copy)" with the id "<id>-copy"; with one, its id is
    made from the title. Either id gets a number when it is taken.
    """
    bank = bank_service.visible_bank(session, teacher, bank_id)
    latest = bank_service.latest_version(session, bank)
    if title is not None and title.strip():
        new_title = _checked_title(title)
        new_slug = free_slug(session, slug_of(new_title, f"{bank.slug}-copy"))
    else:
        new_title = f"{bank.title} (copy)"[:MAX_TITLE]
        new_slug = free_slug(session, f"{bank.slug}-copy")
    text = with_fields(latest.yaml_text, {"id": new_slug, "title": new_title})
    return bank_service.save_bank_text(session, text, user=teacher)
