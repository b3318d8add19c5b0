"""Which banks a teacher may see and list, and what an upload of a bank file does.

A teacher sees their own banks and every shared one (lists leave archived banks out); an upload
is a new bank, or the next version of the teacher's own bank with the same id (a shared or
another teacher's id is refused).
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.banks import bank_summary
from quizapp.db.models import Bank, BankVersion, User
from quizapp.errors import NotFound
from quizapp.services.banks.cache import load_version_bank
from quizapp.services.banks.versions import save_bank_text


@dataclass(frozen=True)
class BankListing:
    """A bank as listed for people: its newest version and how many questions it has."""

    id: int
    slug: str
    title: str
    owner_id: int | None
    version_id: int
    version_number: int
    question_count: int

    @property
    def shared(self) -> bool:
        return self.owner_id is None


def list_banks(
    session: so.Session, *, user: User | None = None, archived: bool = False
) -> list[BankListing]:
    """Shared banks, plus the user's own banks when a user is given, by title.

    Archived banks are left out; ``archived=True`` lists only the user's archived banks.
    """
    visible: sa.ColumnElement[bool] = Bank.owner_id.is_(None)
    if user is not None:
        visible = sa.or_(visible, Bank.owner_id == user.id)
    visible = sa.and_(
        visible, Bank.archived_at.is_not(None) if archived else Bank.archived_at.is_(None)
    )
    newest = (
        sa.select(BankVersion.bank_id, sa.func.max(BankVersion.number).label("number"))
        .group_by(BankVersion.bank_id)
        .subquery()
    )
    rows = session.execute(
        sa.select(Bank, BankVersion)
        .join(newest, newest.c.bank_id == Bank.id)
        .join(
            BankVersion,
            sa.and_(BankVersion.bank_id == Bank.id, BankVersion.number == newest.c.number),
        )
        .where(visible)
        .order_by(Bank.title, Bank.slug)
    ).all()
    return [
        BankListing(
            id=bank.id,
            slug=bank.slug,
            title=bank.title,
            owner_id=bank.owner_id,
            version_id=version.id,
            version_number=version.number,
            question_count=len(load_version_bank(version).questions),
        )
        for bank, version in rows
    ]


def visible_bank(session: so.Session, teacher: User, bank_id: int) -> Bank:
    """A bank the teacher may use (their own or a shared one), else :class:`NotFound`."""
    bank = session.get(Bank, bank_id)
    if bank is None or (bank.owner_id is not None and bank.owner_id != teacher.id):
        raise NotFound("There is no such question bank among yours.")
    return bank


def visible_version(session: so.Session, teacher: User, bank_id: int, number: int) -> BankVersion:
    """Version ``number`` of a bank the teacher may see, else :class:`NotFound`."""
    bank = visible_bank(session, teacher, bank_id)
    version = session.scalar(
        sa.select(BankVersion).where(BankVersion.bank_id == bank.id, BankVersion.number == number)
    )
    if version is None:
        raise NotFound(f"The bank {bank.slug!r} has no version {number}.")
    return version


def owns_bank_slug(session: so.Session, teacher: User, slug: str) -> bool:
    """Whether ``slug`` names one of the teacher's own banks (an upload then adds a version)."""
    owner = session.scalar(sa.select(Bank.owner_id).where(Bank.slug == slug))
    return owner is not None and owner == teacher.id


def save_uploaded_bank(session: so.Session, teacher: User, text: str) -> BankVersion:
    """A new bank, or the next version of the teacher's own bank with the same ``id``.

    An ``id`` that names a shared or another teacher's bank is refused by ``save_bank_text``.
    """
    slug = bank_summary(text).get("id")
    own = isinstance(slug, str) and owns_bank_slug(session, teacher, slug)
    return save_bank_text(
        session, text, user=teacher, bank_slug=slug if own and isinstance(slug, str) else None
    )
