"""Importing bank files (the question_banks folder) as shared banks, all or nothing.

Every file is validated first, and one invalid file stores nothing at all; two files with the
same bank id, or a file whose id is a teacher's own bank, are refused the same way. Banks
imported from files are shared (no owner).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.banks import Issue, bank_files
from quizapp.banks.validation import CheckedBank, check_file
from quizapp.db.engine import write_transaction
from quizapp.db.models import Bank
from quizapp.errors import BankInvalid
from quizapp.services.banks.versions import ImportStatus, store_version


@dataclass(frozen=True)
class ImportedBank:
    """What an import did with one file, and the version number that now holds its text."""

    path: str
    slug: str
    status: ImportStatus
    version_number: int


@dataclass(frozen=True)
class ImportReport:
    """The outcome of ``import_paths``, one entry per bank file."""

    banks: tuple[ImportedBank, ...]

    def slugs(self, status: ImportStatus) -> list[str]:
        return [bank.slug for bank in self.banks if bank.status == status]

    @property
    def new(self) -> list[str]:
        return self.slugs("new")

    @property
    def updated(self) -> list[str]:
        return self.slugs("updated")

    @property
    def unchanged(self) -> list[str]:
        return self.slugs("unchanged")

    def summary(self) -> str:
        """One line for people: "3 bank(s) imported: 1 new, 1 updated, 1 unchanged."."""
        counts = [f"{len(self.new)} new", f"{len(self.updated)} updated"]
        counts.append(f"{len(self.unchanged)} unchanged")
        return f"{len(self.banks)} bank(s) imported: {', '.join(counts)}."


def import_paths(session: so.Session, paths: Iterable[str | Path]) -> ImportReport:
    """Import bank files (folders are searched for *.yaml/*.yml) as shared banks.

    Every file is checked first; if any has issues, BankInvalid carries all of them and
    nothing is stored. Otherwise, in one transaction, each bank gets a new version when its
    content hash changed.
    """
    files = bank_files(paths)
    checked = [check_file(path) for path in files]
    issues = [issue for result in checked for issue in result.issues]
    issues += _clashing_ids(checked)
    if issues:
        raise BankInvalid(issues)
    outcomes: list[ImportedBank] = []
    with write_transaction(session):
        for path, result in zip(files, checked, strict=True):
            outcomes.append(_import_one(session, path, result, issues))
        if issues:  # a file would overwrite a teacher's own bank: roll everything back
            raise BankInvalid(issues)
    return ImportReport(tuple(outcomes))


def _clashing_ids(checked: Sequence[CheckedBank]) -> list[Issue]:
    """Two files with the same bank id would overwrite each other."""
    first_file: dict[str, str] = {}
    issues: list[Issue] = []
    for result in checked:
        if result.spec is None:
            continue
        slug = result.spec.id
        if slug in first_file:
            position = result.loaded.value_at(("id",))
            issues.append(
                result.loaded.issue(
                    position, f"the bank id '{slug}' is also used by {first_file[slug]}"
                )
            )
        else:
            first_file[slug] = result.source_name
    return issues


def _import_one(
    session: so.Session, path: Path, result: CheckedBank, issues: list[Issue]
) -> ImportedBank:
    assert result.spec is not None  # only valid banks reach here
    slug = result.spec.id
    bank = session.scalar(sa.select(Bank).where(Bank.slug == slug).with_for_update())
    if bank is None:
        bank = Bank(slug=slug, title=result.spec.title, owner_id=None, source_path=str(path))
        session.add(bank)
        session.flush()
        version, _ = store_version(session, bank, result.text, created_by=None)
        return ImportedBank(str(path), slug, "new", version.number)
    if bank.owner_id is not None:
        position = result.loaded.value_at(("id",))
        issues.append(
            result.loaded.issue(
                position, f"the bank id '{slug}' belongs to a teacher's own bank; choose another"
            )
        )
        return ImportedBank(str(path), slug, "unchanged", 0)
    bank.title = result.spec.title
    bank.source_path = str(path)
    version, status = store_version(session, bank, result.text, created_by=None)
    return ImportedBank(str(path), slug, status, version.number)
