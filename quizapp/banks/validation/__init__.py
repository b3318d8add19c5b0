"""Checking a question bank and reporting every problem in it at once, each at its place.

Three passes, each adding ``Issue`` values that point at ``FILE:LINE:COL``: safe loading
(``loading``), the schema (``schema_errors``: pydantic's errors rewritten in a teacher's words
and placed on the offending node: the key for an unknown key, the value for a bad value, the item
for a list problem) and the content rules no schema can express (``content``: one correct
choice, evidence found in the article, cloze blanks matching the text, unique ids). Every
question that passes those is then built as a domain question and its own ``check()`` is asked
too. A bank with no issues comes back already converted to a domain ``Bank``. This module holds
the entry points and runs the passes in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from quizapp.banks import convert, schema
from quizapp.banks.issues import Issue
from quizapp.banks.loading import (
    DEFAULT_MAX_BYTES,
    LoadedYaml,
    Position,
    load_yaml_text,
    read_yaml_file,
)
from quizapp.banks.validation.base import Pass
from quizapp.banks.validation.content import ContentRules
from quizapp.banks.validation.schema_errors import SchemaErrors, describe
from quizapp.domain.questions import QuestionType, QuestionTypeRegistry, default_registry
from quizapp.domain.quiz import Bank

# A quiz is read in one sitting; 16,000 questions took 14.6 s to check and slowed every page
# that lists banks. The check comes before any per-question work.
MAX_QUESTIONS = 500

__all__ = [
    "BANK_SUFFIXES",
    "MAX_QUESTIONS",
    "CheckedBank",
    "Issue",
    "bank_files",
    "check_file",
    "check_loaded",
    "check_text",
    "validate_file",
    "validate_text",
]

BANK_SUFFIXES = (".yaml", ".yml")


@dataclass
class CheckedBank:
    """The outcome of checking one bank: its issues, and the domain bank when there are none."""

    source_name: str
    loaded: LoadedYaml
    issues: list[Issue] = field(default_factory=list)
    spec: schema.BankSpec | None = None
    bank: Bank | None = None

    @property
    def text(self) -> str:
        """The bank's text as read (empty when it could not be read)."""
        return self.loaded.text


def validate_text(
    text: str,
    source_name: str = "<bank>",
    *,
    registry: QuestionTypeRegistry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Issue]:
    """Every problem in a bank's text, sorted by position ([] for a good bank)."""
    return check_text(text, source_name, registry=registry, max_bytes=max_bytes).issues


def validate_file(
    path: str | Path,
    *,
    registry: QuestionTypeRegistry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[Issue]:
    """Every problem in a bank file; the issues name the file as given."""
    return check_file(path, registry=registry, max_bytes=max_bytes).issues


def check_text(
    text: str,
    source_name: str = "<bank>",
    *,
    registry: QuestionTypeRegistry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CheckedBank:
    """Check a bank's text; the result holds the domain bank when there are no issues."""
    return check_loaded(load_yaml_text(text, source_name, max_bytes=max_bytes), registry=registry)


def check_file(
    path: str | Path,
    *,
    registry: QuestionTypeRegistry | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CheckedBank:
    """Check a bank file (size-checked before it is read)."""
    return check_loaded(read_yaml_file(Path(path), max_bytes=max_bytes), registry=registry)


def bank_files(paths: Iterable[str | Path]) -> list[Path]:
    """The bank files named by ``paths``: files as given, folders searched for *.yaml/*.yml."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(p for p in path.rglob("*") if p.suffix in BANK_SUFFIXES and p.is_file())
            )
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def check_loaded(
    loaded: LoadedYaml, *, registry: QuestionTypeRegistry | None = None
) -> CheckedBank:
    """Run the schema and content checks on loaded YAML (see the module docstring)."""
    registry = registry if registry is not None else default_registry()
    result = CheckedBank(loaded.source_name, loaded, issues=list(loaded.issues))
    if loaded.fatal:
        return result
    data = loaded.data
    if data is None:
        result.issues.append(
            loaded.issue(
                Position(1, 1),
                "the file is empty: a bank needs at least id, title, article and questions",
            )
        )
        return result
    if not isinstance(data, dict):
        result.issues.append(
            loaded.issue(
                loaded.value_at(()),
                "a bank is a mapping of keys (id:, title:, article:, questions:), "
                f"not {describe(data)}",
            )
        )
        return result
    checker = _BankChecker(loaded, registry)
    spec = checker.run()
    result.issues = _unique_sorted([*result.issues, *checker.issues])
    if spec is not None and not result.issues:
        result.spec = spec
        built = [checker.built.get(index) for index in range(len(spec.questions))]
        questions = [q for q in built if q is not None]
        result.bank = convert.build_bank(
            spec,
            registry=registry,
            questions=questions if len(questions) == len(built) else None,
        )
    return result


class _BankChecker(Pass):
    """The schema and content checks of one loaded bank, collecting issues as it goes."""

    def __init__(self, loaded: LoadedYaml, registry: QuestionTypeRegistry) -> None:
        super().__init__(loaded, registry, [])
        self.schema_errors = SchemaErrors(loaded, registry, self.issues)
        self.content = ContentRules(loaded, registry, self.issues)

    @property
    def built(self) -> dict[int, QuestionType]:
        """Domain questions built for their checks, by index, reused for the bank."""
        return self.content.built

    def run(self) -> schema.BankSpec | None:
        questions = self.data.get("questions")
        if isinstance(questions, list) and len(questions) > MAX_QUESTIONS:
            self.add(
                self.loaded.key_at(("questions",)),
                f"the bank has {len(questions):,} questions; the most a bank may have is "
                f"{MAX_QUESTIONS}: split it into several banks",
            )
            return None
        spec: schema.BankSpec | None = None
        try:
            spec = schema.BankSpec.model_validate(self.data)
        except ValidationError as error:
            for details in error.errors(include_url=False):
                self.schema_errors.report(details)
        if isinstance(questions, list):
            self.content.check_question_ids(questions)
            for index, raw in enumerate(questions):
                self.content.check_question(index, raw)
        return spec


def _unique_sorted(issues: list[Issue]) -> list[Issue]:
    return sorted(dict.fromkeys(issues), key=lambda i: (i.line, i.column, i.message))
