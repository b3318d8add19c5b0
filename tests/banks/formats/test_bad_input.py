"""Bad files are refused with a reason and a position, never a traceback and never half-read."""

from __future__ import annotations

import pytest

from quizapp.banks.formats.importing import import_file_bytes

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>
<quiz><question type="truefalse"><name><text>&lol2;</text></name></question></quiz>"""
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<quiz><question type="shortanswer"><questiontext><text>&secret;</text></questiontext>
</question></quiz>"""


@pytest.mark.parametrize("raw", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_xml_with_entities_is_refused(raw: bytes) -> None:
    result = import_file_bytes(raw, "evil.xml", format_name="moodle-xml")
    assert result.yaml_text is None
    assert "DOCTYPE" in result.issues[0].message


def test_broken_xml_names_its_line() -> None:
    raw = b'<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n</quiz>\n'
    result = import_file_bytes(raw, "broken.xml", format_name="moodle-xml")
    assert result.yaml_text is None
    assert result.issues[0].message.startswith("broken XML")
    assert result.issues[0].line == 4


def test_an_unknown_moodle_type_is_named_with_its_element_path() -> None:
    raw = b"""<?xml version="1.0"?>
<quiz>
  <question type="description"><name><text>article</text></name>
    <questiontext format="html"><text>&lt;p&gt;Rain fell.&lt;/p&gt;</text></questiontext></question>
  <question type="essay"><name><text>e1</text></name>
    <questiontext format="html"><text>Write.</text></questiontext></question>
</quiz>"""
    result = import_file_bytes(raw, "essay.xml")
    assert result.yaml_text is None
    [issue] = result.issues
    assert issue.line == 5
    assert issue.message.startswith("/quiz/question[2]: the question type 'essay'")


def test_an_essay_in_gift_is_reported_with_its_line_and_nothing_is_written() -> None:
    raw = b"::q1:: Rain? {T}\n\n::q2:: Write about rain. {}\n"
    result = import_file_bytes(raw, "essay.gift")
    assert result.yaml_text is None
    [issue] = result.issues
    assert (issue.line, issue.path) == (3, "essay.gift")
    assert "essay" in issue.message


def test_validator_problems_point_at_the_question_in_the_source() -> None:
    # Two questions with the same name get distinct ids; a numeric with no value does not.
    raw = b"::a:: Rain? {T}\n\n::b:: How much? {#}\n"
    result = import_file_bytes(raw, "bad.gift")
    assert result.yaml_text is None
    assert result.issues[0].line == 3


def test_a_file_in_windows_1252_is_read_and_the_encoding_is_noted() -> None:
    raw = "::q1:: Caf\u00e9 or tea? {=caf\u00e9 ~tea}\n".encode("cp1252")
    result = import_file_bytes(raw, "old.gift")
    assert result.issues == []
    assert result.yaml_text is not None and "café" in result.yaml_text
    assert any("cp1252" in notice.message for notice in result.notices)


def test_a_file_in_no_known_format_says_which_formats_are_read() -> None:
    result = import_file_bytes(b"just some words", "notes.txt")
    assert result.yaml_text is None
    assert "--format" in result.issues[0].message
