"""The schema errors of a bank in a teacher's words: each of pydantic's errors becomes an issue
placed on the offending node (the key for an unknown key, the value for a bad value, the item for
a list problem), with a did-you-mean for a misspelt key or question type, and a question whose
type is misspelt is still checked for its other problems.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from quizapp.banks import schema
from quizapp.banks.loading import NodePath
from quizapp.banks.validation.base import Pass
from quizapp.errors import QuizappError


class SchemaErrors(Pass):
    """Pydantic's errors for one bank, reported as issues at their places."""

    def report(self, details: ErrorDetails) -> None:
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
                    self.report(typing.cast(ErrorDetails, {**details, "loc": loc}))
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


def describe(value: Any) -> str:
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
    given = describe(details.get("input"))
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
