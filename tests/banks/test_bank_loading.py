"""Safe YAML loading: plain data only, limits on size, nesting and aliases, exact positions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from quizapp.banks.loading import (
    MAX_DEPTH,
    Position,
    load_yaml_bytes,
    load_yaml_text,
    read_yaml_file,
)


def test_plain_scalars_follow_yaml_1_2_with_exact_decimals() -> None:
    loaded = load_yaml_text(
        "a: 1\nb: 0.1\nc: 2021-05-05\nd: yes\ne: true\nf: null\ng: '12'\nh: !!str 7\n"
    )
    assert loaded.issues == []
    assert loaded.data == {
        "a": 1,
        "b": Decimal("0.1"),
        "c": dt.date(2021, 5, 5),
        "d": "yes",
        "e": True,
        "f": None,
        "g": "12",
        "h": "7",
    }


def test_positions_are_one_based_for_keys_and_values() -> None:
    loaded = load_yaml_text("title: T\nquestions:\n  - id: q1\n    choices: [a, b]\n")
    assert loaded.key_at(("title",)) == Position(1, 1)
    assert loaded.value_at(("title",)) == Position(1, 8)
    assert loaded.value_at(("questions", 0)) == Position(3, 5)
    assert loaded.key_at(("questions", 0, "choices")) == Position(4, 5)
    assert loaded.value_at(("questions", 0, "choices", 1)) == Position(4, 18)
    # A path that is not in the file points at its nearest ancestor.
    assert loaded.value_at(("questions", 0, "prompt")) == Position(3, 5)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("a: !!python/object/apply:os.system [ls]\n", "'!!python/object/apply:os.system'"),
        ("a: !!python/name:os.system\n", "'!!python/name:os.system'"),
        ("a: !custom x\n", "'!custom'"),
        ("a: !!binary aGVsbG8=\n", "'!!binary'"),
        ("a: !!set {x}\n", "'!!set'"),
    ],
)
def test_tags_that_build_objects_are_refused(text: str, fragment: str) -> None:
    loaded = load_yaml_text(text, "bank.yaml")
    assert loaded.fatal and loaded.data is None
    [issue] = loaded.issues
    assert (issue.line, issue.column) == (1, 4)
    assert fragment in issue.message and "not allowed" in issue.message


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    # Thirty levels of nine aliases each: expanding it would never finish.
    lines = ['l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 30)]
    loaded = load_yaml_text("\n".join(lines) + "\n", "laughs.yaml")
    assert loaded.data is None
    assert [i.format() for i in loaded.issues] == [
        "laughs.yaml:1:5: anchors and aliases ('&l0') are not allowed in a bank: write the "
        "text out in full each time it is needed"
    ]


def test_an_alias_without_anchor_is_refused_too() -> None:
    loaded = load_yaml_text("a: *nothing\n")
    assert loaded.fatal and "('*nothing')" in loaded.issues[0].message


def test_a_50_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("w", encoding="utf-8") as out:
        out.write("article: |\n")
        line = "  " + "word " * 20 + "\n"
        out.write(line * (50 * 1024 * 1024 // len(line) + 1))
    loaded = read_yaml_file(big)
    assert loaded.data is None and loaded.text == ""
    [issue] = loaded.issues
    assert (issue.line, issue.column) == (1, 1)
    assert "the bank is too large (50.0 MB); the limit is 2.0 MB" in issue.message


def test_the_size_limit_applies_to_text_and_bytes_and_can_be_set() -> None:
    assert load_yaml_text("a: " + "x" * 100, max_bytes=50).fatal
    assert load_yaml_bytes(b"a: " + b"x" * 100, max_bytes=50).fatal
    # Multi-byte characters count as the bytes they take.
    assert load_yaml_text("a: " + "é" * 30, max_bytes=50).fatal
    assert not load_yaml_text("a: " + "x" * 40, max_bytes=50).fatal


@pytest.mark.parametrize(
    "text",
    [
        "[" * 5000 + "]" * 5000,
        "{a: " * 5000 + "1" + "}" * 5000,
        "".join(" " * level + "k:\n" for level in range(5000)),
        "".join("  " * level + "-\n" for level in range(5000)),
    ],
    ids=["flow-lists", "flow-mappings", "block-mappings", "block-lists"],
)
def test_5000_deep_nesting_is_refused_without_recursion_error(text: str) -> None:
    # Block nesting 5000 deep is megabytes of indentation: lift the size limit to reach it.
    loaded = load_yaml_text(text, "deep.yaml", max_bytes=len(text) + 1)
    assert loaded.fatal
    [issue] = loaded.issues
    assert f"nested too deeply (more than {MAX_DEPTH} levels)" in issue.message


def test_5000_deep_nesting_file(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("questions: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    [issue] = read_yaml_file(deep).issues
    assert issue.path == str(deep) and "nested too deeply" in issue.message


def test_bytes_that_are_not_utf8_give_their_position() -> None:
    loaded = load_yaml_bytes(b"id: x\ntitle: Caf\xe9\n", "latin1.yaml")
    assert [i.format() for i in loaded.issues] == [
        "latin1.yaml:2:11: the file is not UTF-8 text (byte 0xe9 here); save it as UTF-8 and "
        "try again"
    ]


def test_a_byte_order_mark_is_accepted() -> None:
    loaded = load_yaml_bytes("\ufeffid: x\n".encode())
    assert loaded.issues == [] and loaded.data == {"id": "x"}


def test_duplicate_keys_are_reported_and_the_first_value_kept() -> None:
    loaded = load_yaml_text("a: 1\nb:\n  c: 2\na:\n  nested: [3]\n", "dup.yaml")
    assert not loaded.fatal
    assert loaded.data == {"a": 1, "b": {"c": 2}}
    assert [i.format() for i in loaded.issues] == [
        "dup.yaml:4:1: duplicate key 'a' (already given on line 1); the first one is used, "
        "remove one of them"
    ]
    assert loaded.value_at(("a",)) == Position(1, 4)  # the dropped value left no positions


@pytest.mark.parametrize(
    ("text", "line", "column", "fragment"),
    [
        ("a: 1\n\tb: 2\n", 2, 1, "indent YAML with spaces, never tabs"),
        ("a: b: c\n", 1, 5, "put the whole text in quotes"),
        ("a: [1, 2\nb: 3\n", 2, 2, "the list opened with '[' on line 1 is not closed"),
        ("a: {x: 1\nb: 3\n", 2, 2, "the mapping opened with '{' on line 1 is not closed"),
        ("b: [\n", 2, 1, "the file ends inside an open '[' or '{'"),
        ("a: 'open\n", 2, 1, "the quote ' opened on line 1 is never closed"),
        ('a: 1\nb: "open\nc: 2\n', 4, 1, 'the quote " opened on line 2 is never closed'),
        ('a: "x" y\n', 1, 8, "text after a closing quote; put the whole value in quotes"),
        ('a: "C:\\q"\n', 1, 8, "write \\\\ for a backslash itself, or use single quotes"),
        ("a: &\n", 1, 5, "'&' and '*' cannot start a value here"),
        ("a:\n  b: 1\n    c: 2\n", 3, 6, "this line is indented more than the one above it"),
        ("a:\n  b: 1\n c: 2\n", 3, 2, "indented less than the one above it (line 2) but more"),
        ("id: x\ntitle: t\n- a\n", 3, 1, "a list item '-' where a key was expected: line 2"),
        ("q:\n  - id: a\n    t: x\n  p: b\n", 4, 3, "a key where a list item '-' was expected"),
        ("i:\n    - a\n  - b\n", 3, 3, "this list item is indented less than the item on line 2"),
        ("i:\n- a: 1\n - b: 2\n", 3, 2, "this list item is indented more than the item on line 2"),
        ("a: `x`\n", 1, 4, "a value cannot start with this character; put the whole text"),
        ("a: \x07\n", 1, 4, "control character (U+0007)"),
        ("a: 1\n---\nb: 2\n", 2, 1, "one YAML document"),
        ("? [a]\n: 1\n", 1, 3, "a key must be plain text"),
    ],
)
def test_unreadable_yaml_becomes_one_issue_with_a_position(
    text: str, line: int, column: int, fragment: str
) -> None:
    loaded = load_yaml_text(text, "bad.yaml")
    assert loaded.fatal
    [issue] = loaded.issues
    assert (issue.line, issue.column) == (line, column)
    assert fragment in issue.message
    # None of the parser's own words ("<block end>", "token", "while scanning ...").
    assert "<" not in issue.message and "token" not in issue.message
    assert "YAML syntax error" not in issue.message and "while " not in issue.message


def test_a_missing_file_is_an_issue(tmp_path: Path) -> None:
    loaded = read_yaml_file(tmp_path / "absent.yaml")
    assert loaded.fatal and "cannot read the file" in loaded.issues[0].message
