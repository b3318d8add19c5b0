"""Checking a question bank and reporting every problem in it at once, each at its place.

Three passes, each adding ``Issue`` values that point at ``FILE:LINE:COL``: safe loading
(``loading``), the schema (``schema``, with pydantic's errors rewritten in a teacher's words and
placed on the offending node: the key for an unknown key, the value for a bad value, the item
for a list problem) and the content rules no schema can express (one correct choice, evidence
found in the article, cloze blanks matching the text, unique ids). Every question that passes
those is then built as a domain question and its own ``check()`` is asked too. A bank with no
issues comes back already converted to a domain ``Bank``.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from quizapp.banks import convert, schema
from quizapp.banks.issues import Issue
from quizapp.banks.loading import (
    DEFAULT_MAX_BYTES,
    LoadedYaml,
    NodePath,
    Position,
    load_yaml_text,
    read_yaml_file,
)
from quizapp.domain.article import Article
from quizapp.domain.questions import QuestionType, QuestionTypeRegistry, default_registry
from quizapp.domain.quiz import Bank
from quizapp.errors import QuizappError

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
_QUESTION = TypeAdapter[convert.QuestionSpecs](schema.Question)
_QUOTE_SHOWN = 60


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
                f"not {_describe(data)}",
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


class _BankChecker:
    """The schema and content checks of one loaded bank, collecting issues as it goes."""

    def __init__(self, loaded: LoadedYaml, registry: QuestionTypeRegistry) -> None:
        self.loaded = loaded
        self.data: dict[str, Any] = loaded.data
        self.registry = registry
        self.issues: list[Issue] = []
        article_text = self.data.get("article", "")
        self.article = Article(article_text) if isinstance(article_text, str) else None
        # A bank from another system may come without its article; it then takes no evidence.
        self.has_article = self.article is None or bool(self.article.text.strip())
        self._entities: frozenset[str] | None = None
        # Domain questions built for their checks, by index, reused for the bank.
        self.built: dict[int, QuestionType] = {}

    @property
    def entities(self) -> frozenset[str]:
        if self._entities is None:
            assert self.article is not None
            self._entities = convert.article_entities(self.article)
        return self._entities

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
                self._schema_issue(details)
        if isinstance(questions, list):
            self._check_question_ids(questions)
            for index, raw in enumerate(questions):
                self._check_question(index, raw)
        return spec

    def add(self, position: Position, message: str) -> None:
        self.issues.append(self.loaded.issue(position, message))

    # -- schema errors --------------------------------------------------------------------

    def _schema_issue(self, details: ErrorDetails) -> None:
        loc = tuple(details["loc"])
        path = _data_path(self.data, loc)
        kind = details["type"]
        if kind == "extra_forbidden":
            self.add(self.loaded.key_at(path), self._unknown_key_message(loc, path))
        elif kind == "missing":
            self.add(self.loaded.value_at(path), f"missing required key '{loc[-1]}'")
        elif kind in ("union_tag_invalid", "union_tag_not_found"):
            self._question_type_issue(path)
        else:
            self.add(self.loaded.value_at(path), _friendly_message(details))

    def _unknown_key_message(self, loc: tuple[str | int, ...], path: NodePath) -> str:
        key = str(path[-1]) if path else str(loc[-1])
        model = _model_at(loc[:-1])
        allowed = _model_keys(model) if model is not None else []
        guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.7)
        if guess:
            return f"unknown key '{key}'; did you mean '{guess[0]}'?"
        where = ""
        if model is not None and "type" in model.model_fields:
            type_name = _type_literal(model)
            where = f" for {'an' if type_name[:1] in 'aeiou' else 'a'} {type_name} question"
        return f"unknown key '{key}'{where}; the keys allowed here are: {', '.join(allowed)}"

    def _question_type_issue(self, path: NodePath) -> None:
        question = _lookup(self.data, path)
        names = list(self.registry.names())
        if not isinstance(question, dict) or "type" not in question:
            self.add(
                self.loaded.value_at(path),
                f"this question has no 'type'; give one of: {', '.join(names)}",
            )
            return
        type_name = question["type"]
        position = self.loaded.value_at((*path, "type"))
        if not isinstance(type_name, str):
            self.add(position, f"'type' must be one of: {', '.join(names)}")
            return
        guess = difflib.get_close_matches(type_name, names, n=1, cutoff=0.7)
        hint = f"; did you mean '{guess[0]}'?" if guess else ""
        if type_name in self.registry:
            message = f"the question type '{type_name}' cannot be written in a bank file"
        else:
            try:
                self.registry.get(type_name)
                message = f"unknown question type '{type_name}'"
            except QuizappError as error:
                message = str(error)
        self.add(position, message + hint)
        self._check_despite_type(path, question, guess[0] if guess else None)

    def _check_despite_type(
        self, path: NodePath, question: dict[str, Any], likely_type: str | None
    ) -> None:
        """The question's other problems, so a misspelt type does not hide a misspelt key.

        With a likely type ("short_answr" -> "short_answer") the question is validated as one;
        otherwise each key is checked against the keys some question type allows.
        """
        model = schema.QUESTION_SPECS.get(likely_type) if likely_type else None
        if model is not None:
            try:
                model.model_validate({**question, "type": likely_type})
            except ValidationError as error:
                for details in error.errors():
                    loc = (*path, likely_type, *details["loc"])
                    self._schema_issue(typing.cast(ErrorDetails, {**details, "loc": loc}))
            return
        known = sorted(
            {key for spec in schema.QUESTION_SPECS.values() for key in _model_keys(spec)}
        )
        for key in question:
            if isinstance(key, str) and key not in known:
                guess = difflib.get_close_matches(key, known, n=1, cutoff=0.7)
                hint = f"; did you mean '{guess[0]}'?" if guess else ""
                self.add(
                    self.loaded.key_at((*path, key)),
                    f"unknown key '{key}' (no question type has it){hint}",
                )

    # -- content rules ------------------------------------------------------------------

    def _check_question_ids(self, questions: list[Any]) -> None:
        first_line: dict[str, int] = {}
        for index, raw in enumerate(questions):
            if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
                continue
            question_id = raw["id"]
            position = self.loaded.value_at(("questions", index, "id"))
            if question_id in first_line:
                self.add(
                    position,
                    f"duplicate question id '{question_id}' (already used on line "
                    f"{first_line[question_id]}); each question needs its own id",
                )
            else:
                first_line[question_id] = position.line

    def _check_question(self, index: int, raw: Any) -> None:
        base: NodePath = ("questions", index)
        issues_before = len(self.issues)
        if isinstance(raw, dict) and not self.has_article:
            self._check_without_article(base, raw)
        elif isinstance(raw, dict):
            self._check_evidence(base, raw.get("evidence"))
        try:
            spec = _QUESTION.validate_python(raw)
        except ValidationError:
            return  # already reported by the whole-bank validation
        if isinstance(spec, schema.MultipleChoiceSpec | schema.MultiSelectSpec):
            self._check_choices(base, spec)
        elif isinstance(spec, schema.ShortAnswerSpec):
            self._check_credits((*base, "answers"), [a.credit for a in spec.answers])
        elif isinstance(spec, schema.NumericSpec):
            self._check_numeric(base, spec)
        elif isinstance(spec, schema.ClozeSpec):
            self._check_cloze(base, spec)
        elif isinstance(spec, schema.OrderingSpec):
            self._check_unique(base, "items", convert.choice_ids(spec.items), spec.items, "item")
        elif isinstance(spec, schema.WrittenResponseSpec):
            self._check_rubric(base, spec)
        if len(self.issues) == issues_before and self.article is not None:
            self._check_domain_rules(index, spec, self.article)

    def _check_without_article(self, base: NodePath, raw: dict[str, Any]) -> None:
        """In a bank without an article, evidence questions and quotes have nothing to point at."""
        name = f"question '{raw.get('id')}'" if isinstance(raw.get("id"), str) else "this question"
        if raw.get("type") == "evidence":
            self.add(
                self.loaded.value_at((*base, "type")),
                f"{name} is an evidence question, which needs the article, and this bank has "
                "none: add the article under 'article: |', or remove the question",
            )
        elif raw.get("evidence") is not None:
            self.add(
                self.loaded.key_at((*base, "evidence")),
                f"{name} quotes evidence, but this bank has no article to find it in: add the "
                "article under 'article: |', or remove 'evidence'",
            )

    def _check_evidence(self, base: NodePath, evidence: Any) -> None:
        """Each quote must be in the article (checked even when the question has other errors)."""
        quotes = evidence if isinstance(evidence, list) else [evidence]
        if self.article is None:
            return
        for number, quote in enumerate(quotes):
            if isinstance(quote, str) and quote.strip() and self.article.locate(quote) is None:
                shown = quote if len(quote) <= _QUOTE_SHOWN else quote[: _QUOTE_SHOWN - 1] + "…"
                self.add(
                    self.loaded.value_at((*base, "evidence", number)),
                    f'evidence not found in the article: "{shown}"; copy the words exactly '
                    "as the article has them",
                )

    def _check_choices(
        self, base: NodePath, spec: schema.MultipleChoiceSpec | schema.MultiSelectSpec
    ) -> None:
        choices_path = (*base, "choices")
        correct = [i for i, choice in enumerate(spec.choices) if choice.correct]
        if not correct:
            needs = "exactly one" if spec.type == "multiple_choice" else "at least one"
            self.add(
                self.loaded.value_at(choices_path),
                f"no choice is marked correct: a {spec.type} question needs {needs} choice "
                "with 'correct: true'",
            )
        elif spec.type == "multiple_choice" and len(correct) > 1:
            first, second = (spec.choices[i].text for i in correct[:2])
            self.add(
                self.loaded.value_at((*choices_path, correct[1])),
                f"'{second}' is marked correct as well as '{first}': a multiple_choice question "
                "needs exactly one correct choice (use multi_select for several)",
            )
        self._check_unique(
            base, "choices", convert.choice_ids(spec.choices), spec.choices, "choice"
        )

    def _check_rubric(self, base: NodePath, spec: schema.WrittenResponseSpec) -> None:
        """A rubric's criteria need their own ids: a teacher's marks are stored under them."""
        seen: set[str] = set()
        for index, criterion in enumerate(spec.rubric):
            if criterion.id in seen:
                self.add(
                    self.loaded.value_at((*base, "rubric", index, "id")),
                    f"duplicate criterion id '{criterion.id}' in the rubric of question "
                    f"'{spec.id}'; give each criterion its own id",
                )
            seen.add(criterion.id)

    def _check_unique(
        self,
        base: NodePath,
        key: str,
        ids: list[str],
        entries: Sequence[schema.ChoiceSpec | schema.OrderItemSpec],
        noun: str,
    ) -> None:
        """Ids and texts of choices or ordering items must differ (answers name them)."""
        seen_ids: set[str] = set()
        seen_texts: set[str] = set()
        for index, (entry_id, entry) in enumerate(zip(ids, entries, strict=True)):
            position = self.loaded.value_at((*base, key, index))
            text = " ".join(entry.text.casefold().split())
            if entry_id in seen_ids:
                self.add(
                    position,
                    f"duplicate {noun} id '{entry_id}' ({noun}s without an id are named a, b, "
                    "c... by position)",
                )
            elif text in seen_texts:
                self.add(position, f"the {noun} '{entry.text}' appears twice")
            seen_ids.add(entry_id)
            seen_texts.add(text)

    def _check_credits(self, path: NodePath, credits: Sequence[Any]) -> None:
        if credits and max(credits) < 1:
            self.add(
                self.loaded.value_at(path),
                "no answer gives full credit: at least one answer needs 'credit: 1' (the "
                "default) so that the question can be answered fully right",
            )

    def _check_numeric(self, base: NodePath, spec: schema.NumericSpec) -> None:
        if spec.answer is not None and spec.answers is not None:
            self.add(
                self.loaded.key_at((*base, "answers")),
                "give either 'answer' (with 'tolerance') or 'answers', not both",
            )
        elif spec.answer is None and spec.answers is None:
            self.add(self.loaded.value_at(base), "missing required key 'answer' (or 'answers')")
        elif spec.answers is not None:
            if spec.tolerance is not None:
                self.add(
                    self.loaded.key_at((*base, "tolerance")),
                    "'tolerance' goes with 'answer'; with 'answers', give each answer its own "
                    "tolerance",
                )
            self._check_credits((*base, "answers"), [a.credit for a in spec.answers])

    def _check_cloze(self, base: NodePath, spec: schema.ClozeSpec) -> None:
        text_position = self.loaded.value_at((*base, "text"))
        placeholders = convert.cloze_placeholders(spec.text)
        if not placeholders:
            self.add(
                text_position,
                "the cloze text has no blanks: write [[blank-id]] where each blank goes",
            )
        seen: set[str] = set()
        for name in placeholders:
            if name in seen:
                self.add(text_position, f"[[{name}]] appears twice in the text; use it once")
            elif name not in spec.blanks:
                known = ", ".join(spec.blanks)
                self.add(
                    text_position,
                    f"the text has [[{name}]] but 'blanks' has no '{name}' (blanks given: {known})",
                )
            seen.add(name)
        for name, answers in spec.blanks.items():
            blank_path = (*base, "blanks", name)
            if placeholders and name not in seen:
                self.add(
                    self.loaded.key_at(blank_path),
                    f"blank '{name}' is not used in the text; write [[{name}]] where it goes, "
                    "or remove it",
                )
            self._check_credits(blank_path, [a.credit for a in answers])

    def _check_domain_rules(
        self, index: int, spec: convert.QuestionSpecs, article: Article
    ) -> None:
        """The question type's own authoring rules, reported at the question."""
        position = self.loaded.value_at(("questions", index))
        try:
            question = convert.build_question(
                spec, article, registry=self.registry, entities=self.entities
            )
        except (QuizappError, ValueError, TypeError) as error:
            self.add(position, f"question '{spec.id}' cannot be built: {error}")
            return
        self.built[index] = question
        for problem in question.check():
            self.add(position, f"question '{spec.id}': {problem}")


def _unique_sorted(issues: list[Issue]) -> list[Issue]:
    return sorted(dict.fromkeys(issues), key=lambda i: (i.line, i.column, i.message))


def _lookup(data: Any, path: NodePath) -> Any:
    for part in path:
        data = data[part]
    return data


def _data_path(data: Any, loc: tuple[str | int, ...]) -> NodePath:
    """The path of the data node an error location points at.

    Pydantic's locations also hold union and tag labels ("multiple_choice") that are not in
    the data; those are skipped. A question's tag comes right after its index and is skipped
    even when a key has the same name (an ``evidence`` question's ``evidence``). The path stops
    at the deepest node that exists, which is the parent mapping when a key is missing.
    """
    path: list[str | int] = []
    node = data
    previous: str | int | None = None
    for part in loc:
        tag = isinstance(previous, int) and isinstance(node, dict) and part == node.get("type")
        previous = part
        if tag:
            continue
        in_mapping = isinstance(node, dict) and isinstance(part, str) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            node = node[part]
            path.append(part)
    return tuple(path)


def _model_at(loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The schema model that validates the mapping at ``loc`` (for did-you-mean hints)."""
    current: Any = schema.BankSpec
    for part in loc:
        current = _step(current, part)
        if current is None:
            return None
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _step(annotation: Any, part: str | int) -> Any:
    annotation = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for name, info in annotation.model_fields.items():
            if part in (name, info.alias):
                return info.annotation
        return None
    if origin in (typing.Union, types.UnionType):
        members = [_unwrap(m) for m in typing.get_args(annotation)]
        for member in members:  # a discriminated union's tag names its member
            is_model = isinstance(member, type) and issubclass(member, BaseModel)
            if is_model and "type" in member.model_fields and _type_literal(member) == part:
                return member
        for member in members:
            stepped = _step(member, part)
            if stepped is not None:
                return stepped
        return None
    if origin is list and isinstance(part, int):
        return typing.get_args(annotation)[0]
    if origin is dict and isinstance(part, str):
        return typing.get_args(annotation)[1]
    return None


def _type_literal(model: type[BaseModel]) -> str:
    annotation = model.model_fields["type"].annotation
    return str(typing.get_args(annotation)[0]) if annotation is not None else ""


def _model_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _describe(value: Any) -> str:
    """A value as a teacher would name it in a message."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"'{'true' if value else 'false'}'"
    if isinstance(value, dict):
        return "a mapping (key: value lines)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:39] + "…"
        return f"the text '{shown}'"
    return f"'{value}'"


def _friendly_message(details: ErrorDetails) -> str:
    """Pydantic's error for a bad value, said in the words of the bank format."""
    kind = details["type"]
    ctx: dict[str, Any] = dict(details.get("ctx") or {})
    given = _describe(details.get("input"))
    if kind == "string_type":
        return f"expected text, got {given}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        return (
            f"{given} is not a valid id: use lowercase letters, digits and '-' only "
            "(like 'host-city')"
        )
    if kind in ("bool_type", "bool_parsing"):
        return f"expected true or false, got {given}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, got {given}"
    if kind in ("decimal_type", "decimal_parsing", "float_type", "float_parsing"):
        return f"expected a number, got {given}"
    if kind in ("finite_number", "decimal_max_digits", "decimal_max_places"):
        return f"expected an ordinary number, got {given}"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        words = {
            "greater_than_equal": ("at least", "ge"),
            "greater_than": ("more than", "gt"),
            "less_than_equal": ("at most", "le"),
            "less_than": ("less than", "lt"),
        }[kind]
        return f"must be {words[0]} {ctx.get(words[1])}, got {given}"
    if kind in ("literal_error", "enum"):
        return f"{given} is not allowed here; use {ctx.get('expected', 'another value')}"
    if kind == "too_short":
        wanted = ctx.get("min_length")
        unit = "entry" if ctx.get("field_type") == "Dictionary" else "item"
        plural = "" if wanted == 1 else ("ies" if unit == "entry" else "s")
        stem = unit[:-1] if plural == "ies" else unit
        return f"needs at least {wanted} {stem}{plural}, found {ctx.get('actual_length')}"
    if kind == "list_type":
        return f"expected a list, got {given}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping (key: value lines), got {given}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"expected a date written YYYY-MM-DD, got {given}"
    if kind == "value_error":
        return str(ctx.get("error", details["msg"]))
    return str(details["msg"])
