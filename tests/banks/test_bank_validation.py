"""Validation: every problem of a bank reported at once, each at the node a teacher must fix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import pytest

from quizapp.banks import Issue, bank_files, validate_file, validate_text
from quizapp.banks.validation import MAX_QUESTIONS
from quizapp.config import PROJECT_ROOT
from quizapp.domain.questions import BUILT_IN_TYPES, QuestionTypeRegistry, TrueFalse

INVALID = PROJECT_ROOT / "tests" / "data" / "banks" / "invalid"

# One broken bank per defect: file -> (line, column, a fragment of the message).
EXPECTED: dict[str, tuple[int, int, str]] = {
    "anchor_alias.yaml": (13, 13, "anchors and aliases ('&city') are not allowed"),
    "bad_id.yaml": (11, 9, "the text 'Host City' is not a valid id"),
    "bad_skill.yaml": (16, 12, "the text 'reading' is not allowed here; use 'detail'"),
    "bad_yaml_syntax.yaml": (15, 13, "the list opened with '[' on line 14 is not closed"),
    "billion_laughs.yaml": (3, 4, "anchors and aliases ('&a') are not allowed"),
    "cloze_blank_mismatch.yaml": (13, 11, "the text has [[day]] but 'blanks' has no 'day'"),
    "duplicate_choice_id.yaml": (14, 52, "duplicate choice id 'b'"),
    "duplicate_key.yaml": (6, 1, "duplicate key 'title' (already given on line 5)"),
    "duplicate_question_id.yaml": (16, 9, "duplicate question id 'host-city'"),
    "empty_file.yaml": (1, 1, "the file is empty"),
    "evidence_not_in_article.yaml": (15, 15, 'evidence not found in the article: "arrived in'),
    "mc_no_correct.yaml": (14, 14, "no choice is marked correct: a multiple_choice question"),
    "mc_two_correct.yaml": (14, 45, "'Ankara' is marked correct as well as 'Cairo'"),
    "missing_required_field.yaml": (11, 5, "missing required key 'prompt'"),
    "missing_type.yaml": (11, 5, "this question has no 'type'; give one of: multiple_choice"),
    "multi_select_no_correct.yaml": (14, 14, "a multi_select question needs at least one"),
    "not_utf8.yaml": (5, 20, "the file is not UTF-8 text (byte 0xe9 here)"),
    "numeric_answer_and_answers.yaml": (15, 5, "give either 'answer' (with 'tolerance') or"),
    "ordering_single_item.yaml": (15, 7, "needs at least 2 items, found 1"),
    "python_tag.yaml": (13, 13, "the tag '!!python/object/apply:os.system' is not allowed"),
    "short_answer_no_full_credit.yaml": (14, 14, "no answer gives full credit"),
    "tab_indentation.yaml": (13, 1, "indent YAML with spaces, never tabs"),
    "top_level_list.yaml": (3, 1, "a bank is a mapping of keys"),
    "two_documents.yaml": (16, 1, "a bank file holds one YAML document"),
    "unknown_choice_key.yaml": (14, 29, "unknown key 'corect'; did you mean 'correct'?"),
    "unknown_question_key.yaml": (16, 5, "unknown key 'explanaton'; did you mean 'explanation'?"),
    "unknown_top_level_key.yaml": (10, 1, "unknown key 'sourse'; did you mean 'source'?"),
    "unknown_type.yaml": (12, 11, "unknown question type 'multiple_choise'"),
    "wrong_value_type.yaml": (16, 13, "expected a number, got the text 'lots'"),
}

BANK = """\
id: cairo-talks
title: Talks in Cairo
article: |
  Turkish diplomats arrived in Cairo on Wednesday. The talks were led by Sedat Onal.

  Turkey deployed troops to Libya in early January 2020.
questions:
"""
MC = """\
  - id: host-city
    type: multiple_choice
    prompt: Which city hosted the talks?
    choices: [{text: Cairo, correct: true}, Ankara, Tobruk]
    evidence: arrived in Cairo
"""


def test_every_fixture_is_in_the_table() -> None:
    assert sorted(p.name for p in INVALID.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invalid_bank_gives_one_issue_at_the_offending_node(name: str) -> None:
    line, column, fragment = EXPECTED[name]
    path = INVALID / name
    [issue] = validate_file(path)
    assert issue.format().startswith(f"{path}:{line}:{column}: ")
    assert fragment in issue.message
    # The fixture's header comment names the issue it is there for.
    header = path.read_bytes().split(b"\n")[1].decode("utf-8")
    assert header.startswith("# Expected issue: ")
    assert header.removeprefix("# Expected issue: ") in issue.message


def test_validating_the_folder_gives_one_issue_per_file() -> None:
    files = bank_files([INVALID])
    issues = [issue for path in files for issue in validate_file(path)]
    assert sorted(issue.path for issue in issues) == sorted(str(path) for path in files)
    assert len(files) == len(EXPECTED)


def test_all_problems_are_reported_at_once_in_file_order() -> None:
    text = (
        BANK
        + MC.replace("Cairo, correct: true", "Cairo")
        + """\
  - id: host-city
    type: true_false
    prompt: The talks were in Ankara.
    answer: maybe
  - id: lead
    type: short_answer
    prompt: Who led the talks?
    answers: [Sedat Onal]
    evidence: led by Mevlut Cavusoglu
    hint: think
"""
    )
    issues = validate_text(text, "many.yaml")
    assert [(i.line, i.column) for i in issues] == [(11, 14), (13, 9), (16, 13), (21, 15), (22, 5)]
    messages = [i.message for i in issues]
    assert messages[0].startswith("no choice is marked correct")
    assert messages[1].startswith("duplicate question id 'host-city' (already used on line 8)")
    assert messages[2] == "expected true or false, got the text 'maybe'"
    assert messages[3].startswith('evidence not found in the article: "led by Mevlut')
    assert messages[4].startswith(
        "unknown key 'hint' for a short_answer question; the keys "
        "allowed here are: id, skill, points, prompt"
    )


def test_an_unknown_key_in_an_evidence_question_is_named_not_the_key_named_like_its_type() -> None:
    text = (
        BANK
        + """\
  - id: where
    type: evidence
    prompt: Which sentence says where the diplomats went?
    colour: blue
    evidence: arrived in Cairo
"""
    )
    [issue] = validate_text(text, "evidence.yaml")
    assert (issue.line, issue.column) == (11, 5)
    assert issue.message.startswith("unknown key 'colour' for an evidence question; the keys")


def test_issue_format_is_file_line_column_message() -> None:
    issue = Issue("banks/a.yaml", 3, 7, "unknown key 'x'")
    assert issue.format() == str(issue) == "banks/a.yaml:3:7: unknown key 'x'"


def test_a_good_bank_has_no_issues() -> None:
    assert validate_text(BANK + MC) == []


def test_unknown_type_lists_the_registry_types() -> None:
    [issue] = validate_text(BANK + MC.replace("multiple_choice", "essay"), "t.yaml")
    assert issue.message == (
        "unknown question type 'essay'; known types: multiple_choice, multi_select, true_false, "
        "short_answer, numeric, cloze, ordering, evidence, written_response"
    )


def test_a_misspelt_type_does_not_hide_a_misspelt_key() -> None:
    question = """\
  - id: lead
    type: short_answr
    prompt: Who led the talks?
    answres: [Sedat Onal]
    leniency: {qualifers: false}
"""
    issues = validate_text(BANK + question, "t.yaml")
    assert [(i.line, i.column) for i in issues] == [(8, 5), (9, 11), (11, 5), (12, 16)]
    messages = [i.message for i in issues]
    assert messages[0] == "missing required key 'answers'"
    assert messages[1].startswith("unknown question type 'short_answr'")
    assert messages[1].endswith("did you mean 'short_answer'?")
    assert messages[2] == "unknown key 'answres'; did you mean 'answers'?"
    assert messages[3] == "unknown key 'qualifers'; did you mean 'qualifiers'?"


def test_an_unguessable_type_still_reports_keys_no_type_has() -> None:
    question = MC.replace("multiple_choice", "essay").replace("evidence:", "evidense:")
    issues = validate_text(BANK + question, "t.yaml")
    assert [i.message.split(";")[0] for i in issues] == [
        "unknown question type 'essay'",
        "unknown key 'evidense' (no question type has it)",
    ]
    assert issues[1].message.endswith("did you mean 'evidence'?")


def test_evidence_is_found_whatever_the_case_and_line_breaks() -> None:
    text = BANK + MC.replace(
        "evidence: arrived in Cairo", "evidence: [ARRIVED  in cairo, led\n      by Sedat Onal]"
    )
    assert validate_text(text) == []


def test_each_missing_quote_of_a_list_is_reported_at_its_item() -> None:
    text = BANK + MC.replace(
        "evidence: arrived in Cairo", "evidence:\n      - arrived in Cairo\n      - left Cairo"
    )
    [issue] = validate_text(text, "q.yaml")
    assert (issue.line, issue.column) == (14, 9)


def test_an_unused_cloze_blank_is_reported_at_its_key() -> None:
    text = (
        BANK
        + """\
  - id: arrival
    type: cloze
    text: Diplomats arrived in [[city]].
    blanks: {city: [Cairo], day: [Wednesday]}
"""
    )
    [issue] = validate_text(text, "c.yaml")
    assert (issue.line, issue.column) == (11, 29)
    assert issue.message.startswith("blank 'day' is not used in the text; write [[day]]")


@dataclass(frozen=True, kw_only=True)
class StrictTrueFalse(TrueFalse):
    """A true/false type whose authors must always explain (stands for any type's rules)."""

    type_name: ClassVar[str] = "true_false"

    def _type_problems(self) -> list[str]:
        return [*super()._type_problems(), *([] if self.explanation else ["explain it"])]


def test_the_domain_checks_of_each_type_are_reported_at_the_question() -> None:
    registry = QuestionTypeRegistry()
    for question_type in BUILT_IN_TYPES:
        registry.register(StrictTrueFalse if question_type is TrueFalse else question_type)
    text = BANK + MC + "  - {id: sure, type: true_false, prompt: It was in Cairo., answer: true}\n"
    [issue] = validate_text(text, "d.yaml", registry=registry)
    assert issue.format() == "d.yaml:13:5: question 'sure': explain it"
    assert validate_text(text, "d.yaml") == []


def test_bank_files_finds_yaml_files_in_folders(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.yaml", "a.yml", "sub/c.yaml", "notes.txt"):
        (tmp_path / name).write_text("x: 1\n", encoding="utf-8")
    assert bank_files([tmp_path]) == [
        tmp_path / "a.yml",
        tmp_path / "b.yaml",
        tmp_path / "sub" / "c.yaml",
    ]


def test_a_bank_cut_off_anywhere_gives_issues_never_an_exception() -> None:
    sample = (PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml").read_text(
        encoding="utf-8"
    )
    lines = sample.splitlines(keepends=True)
    for end in range(0, len(lines), 5):
        for cut in ("", lines[end][: len(lines[end]) // 2]):
            text = "".join(lines[:end]) + cut
            issues = validate_text(text, "cut.yaml")
            assert all(issue.path == "cut.yaml" and issue.line >= 1 for issue in issues)
            if end < 40:  # before the first question ends, something is always missing
                assert issues, text


def test_a_bank_with_too_many_questions_is_refused_before_checking_each() -> None:
    question = "  - id: q{n}\n    type: true_false\n    prompt: Is it {n}?\n    answer: true\n"
    text = "id: big\ntitle: Big\narticle: Some text.\nquestions:\n" + "".join(
        question.format(n=n) for n in range(MAX_QUESTIONS + 1)
    )
    result = validate_text(text, source_name="big.yaml")
    assert len(result) == 1
    assert f"{MAX_QUESTIONS + 1} questions" in result[0].message
    assert result[0].line == 4


WRITTEN = """\
  - id: why-talks
    type: written_response
    prompt: Explain why the diplomats met.
    model_answer: To mend relations.
    rubric:
      - {id: reason, text: Gives the reason., points: 2}
      - {id: reason, text: Uses the article., points: 1}
"""


def test_a_rubric_criterion_id_used_twice_is_named_where_it_repeats() -> None:
    [issue] = validate_text(BANK + WRITTEN, "t.yaml")
    assert (issue.line, issue.message) == (
        14,
        "duplicate criterion id 'reason' in the rubric of question 'why-talks'; give each "
        "criterion its own id",
    )


def test_a_rubric_criterion_needs_positive_points_and_no_unknown_keys() -> None:
    text = BANK + WRITTEN.replace("points: 1}", "points: 0}").replace(
        "{id: reason, text: Gives", "{id: main, weight: 2, text: Gives"
    )
    messages = [issue.message for issue in validate_text(text, "t.yaml")]
    assert len(messages) == 2, messages
    assert any("weight" in message for message in messages)
    assert "must be more than 0, got '0'" in messages


def test_a_written_response_without_a_rubric_is_valid() -> None:
    assert validate_text(BANK + WRITTEN.split("    rubric:")[0], "t.yaml") == []
