"""Safe YAML loading for question banks: plain data only, bounded in size, with node positions.

Bank files come from teachers' uploads, so the parser is treated as exposed to anyone. The text
is size-checked before parsing, then read from ruamel.yaml's parse events (never its
constructors), building only dicts, lists, strings, numbers, booleans, null and dates. Tags
that build objects (``!!python/...``) or anything else outside plain YAML are refused. Anchors
and aliases are refused outright: banks have no use for them, and refusing them removes
alias-expansion attacks ("billion laughs") without counting nodes. Nesting deeper than
``MAX_DEPTH`` is refused as it is read, so deeply nested input never reaches recursive code.
Duplicate keys are reported (the first value is kept). Every node's line and column (1-based) is
recorded by its path from the root, so later checks can point at the exact spot; problems are
reported as ``Issue`` values, never raised, and syntax errors keep their position.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.reader import ReaderError

from quizapp.banks.issues import Issue
from quizapp.banks.yaml_syntax import syntax_message

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
# A bank nests six levels at most (bank > questions > question > blanks > answers > answer).
MAX_DEPTH = 20

_CORE = "tag:yaml.org,2002:"
# Explicit tags a teacher may use to force a plain type (``!!str 2020``); nothing else.
_ALLOWED_TAGS = frozenset(
    _CORE + name for name in ("str", "int", "float", "bool", "null", "map", "seq")
) | {"!"}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

NodePath = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in the bank text."""

    line: int
    column: int


@dataclass
class LoadedYaml:
    """The data of a bank file with node positions, or the reasons it could not be read.

    ``data`` is None when ``fatal``; ``issues`` may hold problems that did not stop reading
    (duplicate keys). ``value_at``/``key_at`` find where a node, or the key naming it, starts;
    for a path that is not in the file they fall back to its nearest ancestor.
    """

    source_name: str
    text: str = ""
    data: Any = None
    issues: list[Issue] = field(default_factory=list)
    fatal: bool = False
    values: dict[NodePath, Position] = field(default_factory=dict)
    keys: dict[NodePath, Position] = field(default_factory=dict)

    def value_at(self, path: NodePath) -> Position:
        for length in range(len(path), -1, -1):
            found = self.values.get(path[:length])
            if found is not None:
                return found
        return Position(1, 1)

    def key_at(self, path: NodePath) -> Position:
        found = self.keys.get(path)
        return found if found is not None else self.value_at(path)

    def issue(self, position: Position, message: str) -> Issue:
        return Issue(self.source_name, position.line, position.column, message)


class _Refused(Exception):
    """Reading stops: the document is unsafe or unreadable at ``position``."""

    def __init__(self, position: Position, message: str) -> None:
        super().__init__(message)
        self.position = position
        self.message = message


@dataclass
class _Collection:
    """A mapping or list under construction, with where its children go."""

    value: dict[str, Any] | list[Any]
    path: NodePath | None  # None: the value of a duplicate key, built only to be dropped
    pending_key: str | None = None
    pending_key_position: Position | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


def load_yaml_text(
    text: str, source_name: str = "<bank>", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> LoadedYaml:
    """Read bank text safely; never raises for bad input (see ``LoadedYaml``)."""
    result = LoadedYaml(source_name)
    # Characters never outnumber UTF-8 bytes, so a long text is refused before encoding it.
    size = len(text) if len(text) > max_bytes else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        return _refuse(result, Position(1, 1), _too_large(size, max_bytes))
    text = text.removeprefix("\ufeff")
    result.text = text
    try:
        result.data = _build(_events(text), result)
    except _Refused as refused:
        return _refuse(result, refused.position, refused.message)
    except ReaderError as error:
        return _refuse(result, _offset_position(text, error.position), _reader_message(error))
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        return _refuse(result, position, syntax_message(error, text))
    except YAMLError as error:
        return _refuse(result, Position(1, 1), f"cannot read the YAML: {error}")
    except RecursionError:
        return _refuse(result, Position(1, 1), _too_deep())
    return result


def load_yaml_bytes(
    raw: bytes, source_name: str = "<bank>", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> LoadedYaml:
    """Like ``load_yaml_text`` for raw bytes, which must be UTF-8 (an uploaded file)."""
    if len(raw) > max_bytes:
        return _refuse(LoadedYaml(source_name), Position(1, 1), _too_large(len(raw), max_bytes))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        message = (
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} here); "
            "save it as UTF-8 and try again"
        )
        return _refuse(LoadedYaml(source_name), Position(line, column), message)
    return load_yaml_text(text, source_name, max_bytes=max_bytes)


def read_yaml_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedYaml:
    """Load a bank file, checking its size on disk before reading a single byte of it."""
    source_name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return _refuse(LoadedYaml(source_name), Position(1, 1), _too_large(size, max_bytes))
        raw = path.read_bytes()
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        return _refuse(LoadedYaml(source_name), Position(1, 1), message)
    return load_yaml_bytes(raw, source_name, max_bytes=max_bytes)


def _refuse(result: LoadedYaml, position: Position, message: str) -> LoadedYaml:
    result.data = None
    result.fatal = True
    result.issues.append(result.issue(position, message))
    return result


def _events(text: str) -> Iterator[Event]:
    # A fresh parser per call: ruamel parser objects keep state between documents.
    return iter(YAML(typ="safe", pure=True).parse(text))


def _build(events: Iterator[Event], result: LoadedYaml) -> Any:
    """Assemble plain data from parse events, recording positions (see the module docstring)."""
    stack: list[_Collection] = []
    root: Any = None
    documents = 0
    for event in events:
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused(
                    _position(event),
                    "a bank file holds one YAML document; remove the second '---' and what "
                    "follows, or put it in its own file",
                )
            continue
        if isinstance(event, AliasEvent):
            raise _Refused(_position(event), _no_aliases(f"*{event.anchor}"))
        if isinstance(event, MappingEndEvent | SequenceEndEvent):
            stack.pop()
            continue
        if not isinstance(event, ScalarEvent | MappingStartEvent | SequenceStartEvent):
            continue  # stream and document ends carry nothing
        if event.anchor is not None:
            raise _Refused(_position(event), _no_aliases(f"&{event.anchor}"))
        _check_tag(event)
        parent = stack[-1] if stack else None
        if parent is not None and isinstance(parent.value, dict) and parent.pending_key is None:
            _take_key(parent, event, result)
            continue
        path = _child_path(parent)
        if isinstance(event, ScalarEvent):
            value: Any = _scalar(event)
        else:
            if len(stack) >= MAX_DEPTH:
                raise _Refused(_position(event), _too_deep())
            value = {} if isinstance(event, MappingStartEvent) else []
        if path is not None:
            result.values[path] = _position(event)
        if parent is None:
            root = value
        else:
            _attach(parent, value)
        if not isinstance(event, ScalarEvent):
            stack.append(_Collection(value, path))
    return root


def _take_key(mapping: _Collection, event: Event, result: LoadedYaml) -> None:
    if not isinstance(event, ScalarEvent):
        raise _Refused(_position(event), "a key must be plain text, not a list or a mapping")
    key = event.value  # the key as written: "1" and "true" stay text
    position = _position(event)
    first_line = mapping.key_lines.get(key)
    if first_line is not None:
        result.issues.append(
            result.issue(
                position,
                f"duplicate key '{key}' (already given on line {first_line}); "
                "the first one is used, remove one of them",
            )
        )
        mapping.pending_key, mapping.pending_key_position = key, None
        return
    mapping.key_lines[key] = position.line
    mapping.pending_key, mapping.pending_key_position = key, position
    if mapping.path is not None:
        result.keys[(*mapping.path, key)] = position


def _child_path(parent: _Collection | None) -> NodePath | None:
    if parent is None:
        return ()
    if parent.path is None:
        return None
    if isinstance(parent.value, list):
        return (*parent.path, len(parent.value))
    if parent.pending_key_position is None:  # the value of a duplicate key
        return None
    assert parent.pending_key is not None
    return (*parent.path, parent.pending_key)


def _attach(parent: _Collection, value: Any) -> None:
    if isinstance(parent.value, list):
        parent.value.append(value)
        return
    assert parent.pending_key is not None
    if parent.pending_key_position is not None:
        parent.value[parent.pending_key] = value
    parent.pending_key = parent.pending_key_position = None


def _check_tag(event: ScalarEvent | MappingStartEvent | SequenceStartEvent) -> None:
    tag = event.tag
    if tag is None or tag in _ALLOWED_TAGS:
        return
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    raise _Refused(
        _position(event),
        f"the tag '{shown}' is not allowed: a bank holds only plain text, numbers, true/false, "
        "lists and mappings (remove the tag)",
    )


def _scalar(event: ScalarEvent) -> Any:
    """The value of a scalar under YAML 1.2's core schema (floats exact, as Decimal)."""
    text: str = event.value
    if event.tag is None:
        if not event.implicit[0]:  # quoted or block scalars are always text
            return text
        tag = _resolver().resolve(ScalarNode, text, (True, False))
    else:
        tag = event.tag
    if tag == _CORE + "null":
        return None
    if tag == _CORE + "bool":
        return text.lower() == "true"
    if tag == _CORE + "int":
        return _integer(text)
    if tag == _CORE + "float":
        return _decimal(text)
    if tag == _CORE + "timestamp" and _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _integer(text: str) -> int | str:
    cleaned = text.replace("_", "")
    sign = -1 if cleaned.startswith("-") else 1
    digits = cleaned.lstrip("+-")
    bases = {"0x": 16, "0o": 8, "0b": 2}
    try:
        base = bases.get(digits[:2].lower(), 10)
        return sign * int(digits[2:] if base != 10 else digits, base)
    except ValueError:
        return text


def _decimal(text: str) -> Decimal | str:
    cleaned = text.replace("_", "").lower()
    special = {".inf": "Infinity", "+.inf": "Infinity", "-.inf": "-Infinity", ".nan": "NaN"}
    try:
        return Decimal(special.get(cleaned, cleaned))
    except InvalidOperation:
        return text


_RESOLVER_YAML = YAML(typ="safe", pure=True)


def _resolver() -> Any:
    return _RESOLVER_YAML.resolver


def _position(event: Event) -> Position:
    mark = event.start_mark
    return Position(mark.line + 1, mark.column + 1)


def _offset_position(text: str, offset: int) -> Position:
    before = text[:offset]
    return Position(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _too_large(size: int, limit: int) -> str:
    megabyte = 1024 * 1024
    return (
        f"the bank is too large ({size / megabyte:.1f} MB); the limit is "
        f"{limit / megabyte:.1f} MB. Split it into several banks"
    )


def _too_deep() -> str:
    return f"the YAML is nested too deeply (more than {MAX_DEPTH} levels); a bank needs at most 6"


def _no_aliases(marker: str) -> str:
    return (
        f"anchors and aliases ('{marker}') are not allowed in a bank: write the text out in full "
        "each time it is needed"
    )


def _reader_message(error: ReaderError) -> str:
    character = error.character
    shown = f"U+{character:04X}" if isinstance(character, int) else repr(character)
    return f"the text contains a control character ({shown}) that YAML does not allow; remove it"
