"""Storing a bank's text as versions and finding them again.

A bank (``db.models.Bank``, keyed by the YAML ``id`` as its slug) keeps every version of its
text (``BankVersion``); a new version is stored only when the content hash changes, so
assignments and attempts can pin the exact text they were taken on. Banks saved from the browser
belong to the teacher who saved them; only the owner saves new versions of a bank.
"""

from __future__ import annotations

from typing import Literal

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.banks import content_hash
from quizapp.banks.validation import check_text
from quizapp.db.engine import write_transaction
from quizapp.db.models import Bank, BankVersion, User
from quizapp.errors import BankInvalid, Conflict, Forbidden, NotFound

ImportStatus = Literal["new", "updated", "unchanged"]


def save_bank_text(
    session: so.Session, text: str, *, user: User, bank_slug: str | None = None
) -> BankVersion:
    """Store ``text`` as the newest version of the user's bank (BankInvalid if it has issues).

    Without ``bank_slug`` this creates a bank (its id must be free); with it, the text must
    keep that id. Saving text identical to a stored version returns that version.
    """
    source_name = f"{bank_slug}.yaml" if bank_slug else "<bank>"
    result = check_text(text, source_name)
    if result.issues or result.spec is None:
        raise BankInvalid(result.issues)
    slug = result.spec.id
    if bank_slug is not None and slug != bank_slug:
        position = result.loaded.value_at(("id",))
        raise BankInvalid(
            [
                result.loaded.issue(
                    position, f"the id must stay '{bank_slug}': it identifies this bank"
                )
            ]
        )
    with write_transaction(session):
        bank = session.scalar(sa.select(Bank).where(Bank.slug == slug).with_for_update())
        if bank is None:
            if bank_slug is not None:
                raise NotFound(f"There is no bank {bank_slug!r}.")
            bank = Bank(slug=slug, title=result.spec.title, owner_id=user.id)
            session.add(bank)
            session.flush()
        elif bank_slug is None:
            raise Conflict(f"A bank with the id {slug!r} exists already; choose another id.")
        elif bank.owner_id != user.id:
            raise Forbidden(
                f"The bank {slug!r} is not yours to change; save a copy under a new id."
            )
        bank.title = result.spec.title
        version, _ = store_version(session, bank, result.text, created_by=user)
    return version


def store_version(
    session: so.Session, bank: Bank, text: str, *, created_by: User | None
) -> tuple[BankVersion, ImportStatus]:
    """The version holding ``text``: the latest one if it already does, else a new one.

    Going back to the text of an older version makes a new version, so the latest version is
    always the current text (attempts keep pointing at the version they were taken on).
    """
    digest = content_hash(text)
    latest = newest_version(session, bank.id)
    if latest is not None and latest.content_hash == digest:
        return latest, "unchanged"
    version = BankVersion(
        bank_id=bank.id,
        number=latest.number + 1 if latest is not None else 1,
        content_hash=digest,
        yaml_text=text,
        created_by_id=created_by.id if created_by is not None else None,
    )
    session.add(version)
    session.flush()
    return version, "updated" if latest is not None else "new"


def get_version(session: so.Session, version_id: int) -> BankVersion:
    """The stored version with this id; NotFound otherwise."""
    version = session.get(BankVersion, version_id)
    if version is None:
        raise NotFound("There is no such version of a question bank.")
    return version


def newest_version(session: so.Session, bank_id: int) -> BankVersion | None:
    """The bank's current version (the highest number), or None before its first save."""
    return session.scalars(
        sa.select(BankVersion)
        .where(BankVersion.bank_id == bank_id)
        .order_by(BankVersion.number.desc())
        .limit(1)
    ).first()


def find_version(session: so.Session, slug: str, number: int | None = None) -> BankVersion:
    """Version ``number`` of the bank ``slug`` (its newest when None); NotFound otherwise."""
    query = sa.select(BankVersion).join(Bank).where(Bank.slug == slug)
    if number is None:
        query = query.order_by(BankVersion.number.desc()).limit(1)
    else:
        query = query.where(BankVersion.number == number)
    version = session.scalar(query)
    if version is None:
        raise NotFound(f"There is no such version of the bank {slug!r}.")
    return version


def latest_version(session: so.Session, bank: Bank) -> BankVersion:
    version = newest_version(session, bank.id)
    if version is None:
        raise NotFound(f"The bank {bank.slug!r} has no saved version yet.")
    return version
