"""Bad files are refused with a reason and a position, never a traceback and never half-read."""

from __future__ import annotations

import pytest

from quizapp.banks.formats.importing import import_file_bytes
from quizapp.banks.loading import load_yaml_text

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
  <question type="calculated"><name><text>c1</text></name>
    <questiontext format="html"><text>What is {a} + 1?</text></questiontext></question>
</quiz>"""
    result = import_file_bytes(raw, "calculated.xml")
    assert result.yaml_text is None
    [issue] = result.issues
    assert issue.line == 5
    assert issue.message.startswith(
        "/quiz/question[2]: question 'c1' is of type 'calculated', which quizapp does not support"
    )
    assert result.skippable


def test_a_moodle_essay_is_a_written_response_with_its_grader_information() -> None:
    raw = b"""<?xml version="1.0"?>
<quiz>
  <question type="essay"><name><text>e1</text></name>
    <questiontext format="html"><text>Write about the rain.</text></questiontext>
    <graderinfo format="html"><text>&lt;p&gt;Look for the &lt;b&gt;cause&lt;/b&gt;.&lt;/p&gt;</text>
    </graderinfo>
    <attachments>1</attachments>
  </question>
</quiz>"""
    result = import_file_bytes(raw, "essay.xml")
    assert result.issues == []
    assert result.yaml_text is not None
    [essay] = load_yaml_text(result.yaml_text).data["questions"]
    assert essay == {
        "id": "e1",
        "type": "written_response",
        "prompt": "Write about the rain.",
        "model_answer": "Look for the cause.",
    }
    assert "e1: file attachments are not carried: answers are text" in [
        f"{notice.where}: {notice.message}" for notice in result.notices
    ]


def test_an_essay_in_gift_is_a_written_response() -> None:
    raw = b"::q1:: Rain? {T}\n\n::q2:: Write about rain. {####Rain comes from clouds.}\n"
    result = import_file_bytes(raw, "essay.gift")
    assert result.issues == []
    assert result.yaml_text is not None
    essay = load_yaml_text(result.yaml_text).data["questions"][1]
    assert (essay["type"], essay["prompt"], essay["explanation"]) == (
        "written_response",
        "Write about rain.",
        "Rain comes from clouds.",
    )


def test_a_gift_matching_question_is_reported_with_its_line_and_nothing_is_written() -> None:
    raw = b"::q1:: Rain? {T}\n\n::q2:: Match. {=rain -> wet =sun -> dry}\n"
    result = import_file_bytes(raw, "matching.gift")
    assert result.yaml_text is None
    [issue] = result.issues
    assert (issue.line, issue.path) == (3, "matching.gift")
    assert "matching questions have no quizapp type" in issue.message


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


MOODLE_WITH_MATCHING = b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/Iota</text></category></question>
  <question type="truefalse"><name><text>Iota Question</text></name>
    <questiontext format="html"><text><![CDATA[<p>Testing Iota</p>]]></text></questiontext>
    <answer fraction="100" format="moodle_auto_format"><text>true</text></answer>
    <answer fraction="0" format="moodle_auto_format"><text>false</text></answer>
  </question>
  <question type="matching"><name><text>Kappa Match</text></name>
    <questiontext format="moodle_auto_format"><text>Match.</text></questiontext>
  </question>
  <question type="cloze"><name><text>Capital</text></name>
    <questiontext format="html"><text><![CDATA[<p>The capital of France is
{1:SHORTANSWER:%100%Paris#Well done!<br />~%50%Marseille#Second city<br />of France.~*#No.}.</p>]]>
    </text></questiontext>
  </question>
</quiz>"""


def test_unsupported_types_are_problems_unless_skipped_with_a_warning_each() -> None:
    refused = import_file_bytes(MOODLE_WITH_MATCHING, "moodle.xml")
    assert refused.yaml_text is None
    assert [issue.line for issue in refused.issues] == [9]
    assert "'Kappa Match' is of type 'matching'" in refused.issues[0].message
    assert refused.skippable and refused.skipped == []
    skipped = import_file_bytes(MOODLE_WITH_MATCHING, "moodle.xml", skip_unsupported=True)
    assert skipped.issues == []
    assert skipped.yaml_text is not None
    assert not skipped.skippable
    [left_out] = skipped.skipped
    assert left_out.line == 9
    assert left_out.message.startswith("/quiz/question[3]: question 'Kappa Match' is of type")
    questions = load_yaml_text(skipped.yaml_text).data["questions"]
    assert [q["type"] for q in questions] == ["true_false", "cloze"]
    cloze = questions[1]
    assert cloze["text"] == "The capital of France is [[blank-1]]."
    assert [(a["text"], a.get("feedback")) for a in cloze["blanks"]["blank-1"]] == [
        ("Paris", "Well done!"),
        ("Marseille", "Second city\nof France."),
        ("*", "No."),
    ]


def test_a_file_whose_only_problem_is_elsewhere_is_not_called_skippable() -> None:
    result = import_file_bytes(b"::a:: Rain? {T}\n\n::b:: How much? {#}\n", "bad.gift")
    assert result.yaml_text is None
    assert not result.skippable
