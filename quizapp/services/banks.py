"""Question banks in the database: importing files, saving edits as versions, listing, loading.

A bank (``db.models.Bank``, keyed by the YAML ``id`` as its slug) keeps every version of its
text (``BankVersion``); a new version is stored only when the content hash changes, so
assignments and attempts can pin the exact text they were taken on. Imports are all or
nothing: every file is validated first, and one invalid file stores nothing at all. Banks
imported from files are shared (no owner); banks saved from the browser belong to the teacher
who saved them. ``load_version_bank`` turns a stored version into the domain ``Bank``, once per
content hash per process. The rules of who sees a bank (its owner, or everyone for a shared
one), who edits it (its owner only) and what an upload does (a new bank, or the next version of
the teacher's own bank with the same id) live here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Literal, TypeVar, cast

import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.banks import (
    Issue,
    append_question,
    bank_files,
    bank_summary,
    content_hash,
    load_bank_text,
)
from quizapp.banks.validation import CheckedBank, check_file, check_text
from quizapp.db.engine import write_transaction
from quizapp.db.models import Bank, BankVersion, User
from quizapp.domain.quiz import Bank as DomainBank
from quizapp.errors import BankInvalid, Conflict, Forbidden, InvalidInput, NotFound
from quizapp.services.recently_used import RecentlyUsed

ImportStatus = Literal["new", "updated", "unchanged"]
T = TypeVar("T")


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
        version, _ = _store_version(session, bank, result.text, created_by=user)
    return version


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


class _BankCache:
    """Domain banks by content hash; a version's text never changes, so entries never go stale.

    Each entry also keeps what callers derive from the bank (``derived``), so work such as
    laying out a quiz page is done once per content hash rather than once per request.
    """

    def __init__(self, size: int) -> None:
        self.banks: RecentlyUsed[str, _CachedBank] = RecentlyUsed(size)

    def entry(self, version: BankVersion) -> _CachedBank:
        # Only the hash is read on a hit: the YAML text may stay unloaded (it is deferred by the
        # services that read versions on hot paths).
        return self.banks.get_or_build(
            version.content_hash,
            lambda: _CachedBank(
                load_bank_text(version.yaml_text, source_name=f"<bank version {version.id}>")
            ),
        )

    def cached(self, version: BankVersion) -> _CachedBank | None:
        """The entry of ``version`` if this process has built it already, else None."""
        return self.banks.get(version.content_hash)


class _CachedBank:
    """One cached domain bank and the values derived from it, by the function that derives them."""

    def __init__(self, bank: DomainBank) -> None:
        self.bank = bank
        self.derived: dict[Callable[[DomainBank], object], object] = {}

    def derive(self, build: Callable[[DomainBank], T]) -> T:
        if build not in self.derived:
            # A race builds the value twice; both results are equal, either may be kept.
            self.derived.setdefault(build, build(self.bank))
        return cast(T, self.derived[build])


_CACHE = _BankCache(size=128)


def load_version_bank(version: BankVersion) -> DomainBank:
    """The domain bank of a stored version, built once per content hash in this process."""
    return _CACHE.entry(version).bank


def derive_from_version(version: BankVersion, build: Callable[[DomainBank], T]) -> T:
    """``build(bank)`` for the version's domain bank, computed once per content hash and ``build``.

    ``build`` must be a module-level function of the bank alone (it is the cache key), and its
    result must be treated as read-only: every request of the process shares it.
    """
    return _CACHE.entry(version).derive(build)


def derive_from_cached_version(version: BankVersion, build: Callable[[DomainBank], T]) -> T | None:
    """:func:`derive_from_version`, but None instead of parsing a version this process has not
    met: for callers holding a lock, who parse (with the lock released) only on a None."""
    cached = _CACHE.cached(version)
    return None if cached is None else cached.derive(build)


def clear_bank_cache() -> None:
    """Forget every parsed bank of this process, as a fresh worker starts (for tests)."""
    _CACHE.banks.clear()


def bank_cache_counts() -> tuple[int, int]:
    """How many version loads this process served from the cache, and how many it had to parse."""
    return _CACHE.banks.hits, _CACHE.banks.misses


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
        version, _ = _store_version(session, bank, result.text, created_by=None)
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
    version, status = _store_version(session, bank, result.text, created_by=None)
    return ImportedBank(str(path), slug, status, version.number)


def _store_version(
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


MAX_PROMPT_LENGTH = 500


def add_question_for_span(
    session: so.Session,
    teacher: User,
    bank_id: int,
    *,
    prompt: str,
    answer: str,
    answer_start: int | None = None,
) -> BankVersion:
    """Add a short-answer question whose answer is a span of the article (``span_question``),
    as a new version. The rest of the bank's YAML is kept as the teacher wrote it."""
    bank = session.get(Bank, bank_id)
    # Another teacher's bank is not even visible; a shared one is, but changes in its file.
    if bank is None or bank.owner_id not in (None, teacher.id):
        raise NotFound("There is no such question bank.")
    if bank.owner_id is None:
        raise Forbidden(
            f"The bank {bank.slug!r} is shared from the question_banks folder; change its file, "
            "or save a copy under a new id."
        )
    latest = newest_version(session, bank.id)
    if latest is None:
        raise NotFound(f"The bank {bank.slug!r} has no saved version yet.")
    question = span_question(
        load_version_bank(latest), prompt=prompt, answer=answer, answer_start=answer_start
    )
    return save_bank_text(
        session, append_question(latest.yaml_text, question), user=teacher, bank_slug=bank.slug
    )


def span_question(
    bank: DomainBank, *, prompt: str, answer: str, answer_start: int | None = None
) -> dict[str, object]:
    """A short-answer question of ``bank`` whose answer is a span of its article, as bank data.

    The span is found at ``answer_start`` when the text there matches (a selection in the page),
    else wherever the answer first occurs; its sentence becomes the evidence. InvalidInput says
    what to change when the prompt or the answer cannot make a question.
    """
    prompt, answer = " ".join(prompt.split()), " ".join(answer.split())
    if not prompt or len(prompt) > MAX_PROMPT_LENGTH:
        raise InvalidInput(f"Write a question of 1 to {MAX_PROMPT_LENGTH} characters.")
    if not answer:
        raise InvalidInput("Give the answer: select or type words of the article.")
    article = bank.parsed_article
    start = answer_start
    if start is None or " ".join(article.text[start : start + len(answer)].split()) != answer:
        span = article.locate(answer)
        if span is None:
            raise InvalidInput(
                f"{answer!r} is not in the article: the answer must be words of the article, "
                "copied exactly."
            )
        start = span[0]
    sentence = article.sentence_at(start)
    return {
        "id": _free_question_id(prompt, {q.id for q in bank.questions}),
        "type": "short_answer",
        "skill": "detail",
        "prompt": prompt,
        "answers": [answer],
        "evidence": sentence.text if sentence is not None else answer,
    }


def _free_question_id(prompt: str, taken: set[str]) -> str:
    """A readable id from the prompt's first words ("who-will-lead-the"), unique in the bank."""
    words = re.findall(r"[a-z0-9]+", prompt.casefold())[:5] or ["question"]
    base = "-".join(words)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


# --- the banks a teacher may see, assign and edit ------------------------------------------------


def visible_bank(session: so.Session, teacher: User, bank_id: int) -> Bank:
    """A bank the teacher may use (their own or a shared one), else :class:`NotFound`."""
    bank = session.get(Bank, bank_id)
    if bank is None or (bank.owner_id is not None and bank.owner_id != teacher.id):
        raise NotFound("There is no such question bank among yours.")
    return bank


def latest_version(session: so.Session, bank: Bank) -> BankVersion:
    version = newest_version(session, bank.id)
    if version is None:
        raise NotFound(f"The bank {bank.slug!r} has no saved version yet.")
    return version


@dataclass(frozen=True)
class QuestionOutline:
    """One question as the bank page lists it, with its right answer in words."""

    id: str
    prompt: str
    type_name: str
    skill: str
    points: Fraction
    answer: str
    evidence: str | None


@dataclass(frozen=True)
class BankDetail:
    bank: Bank
    latest: BankVersion
    versions: list[BankVersion]
    domain: DomainBank
    paragraphs: list[str]
    questions: list[QuestionOutline]
    editable: bool  # the teacher's own bank (shared banks are edited in their files)

    @property
    def shared(self) -> bool:
        return self.bank.owner_id is None


def bank_detail(session: so.Session, teacher: User, bank_id: int) -> BankDetail:
    """A visible bank with its newest version built, for viewing or editing."""
    bank = visible_bank(session, teacher, bank_id)
    versions = list(
        session.scalars(
            sa.select(BankVersion)
            .where(BankVersion.bank_id == bank.id)
            .order_by(BankVersion.number)
        )
    )
    if not versions:
        raise NotFound(f"The bank {bank.slug!r} has no saved version yet.")
    latest = versions[-1]
    domain = load_version_bank(latest)
    return BankDetail(
        bank=bank,
        latest=latest,
        versions=versions,
        domain=domain,
        paragraphs=[paragraph.text for paragraph in domain.parsed_article.paragraphs],
        questions=[
            QuestionOutline(
                id=question.id,
                prompt=question.prompt,
                type_name=question.type_name,
                skill=question.skill,
                points=question.points,
                answer=question.summarise(question.correct_response()),
                evidence=question.evidence,
            )
            for question in domain.questions
        ],
        editable=bank.owner_id == teacher.id,
    )


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


def editable_bank_detail(session: so.Session, teacher: User, bank_id: int) -> BankDetail:
    """The teacher's own bank for the YAML editor; a shared bank is :class:`Forbidden`."""
    detail = bank_detail(session, teacher, bank_id)
    if not detail.editable:
        raise Forbidden(
            "Shared banks are edited in their file in question_banks/. Download this one and "
            "upload it under a new id to make your own copy."
        )
    return detail
