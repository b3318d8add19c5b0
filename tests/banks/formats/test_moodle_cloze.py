"""Moodle's embedded answers (Cloze) read as the quizapp type each maps to, graded as Moodle does.

The files are written by hand after Moodle's documented syntax: ``{weight:KIND:answers}`` with
``=`` or ``%n%`` weights, ``#feedback``, ``value:tolerance`` numbers, escapes and every kind's
short alias.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from quizapp.banks import load_bank_text
from quizapp.banks.formats.importing import ImportResult, import_file_bytes
from quizapp.banks.loading import load_yaml_text

ARTICLE = (
    '<question type="description"><name><text>article</text></name>'
    '<questiontext format="html"><text><![CDATA[<p>Paris is the capital of France. '
    "About 1200 people marched there on Monday.</p>]]></text></questiontext></question>"
)


def moodle(*questions: tuple[str, str]) -> bytes:
    """A Moodle XML file: the article, then one ``cloze`` question per (name, text)."""
    body = "".join(
        f'<question type="cloze"><name><text>{name}</text></name>'
        f'<questiontext format="html"><text><![CDATA[{text}]]></text></questiontext></question>'
        for name, text in questions
    )
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>{ARTICLE}{body}</quiz>'.encode()


def imported(*questions: tuple[str, str], skip: bool = False) -> ImportResult:
    return import_file_bytes(moodle(*questions), "cloze.xml", skip_unsupported=skip)


def only_question(result: ImportResult) -> dict[str, Any]:
    assert result.issues == [], result.issues
    assert result.yaml_text is not None
    [question] = load_yaml_text(result.yaml_text).data["questions"]
    return dict(question)


def credit(result: ImportResult, question_id: str, *answer: str) -> Fraction:
    assert result.yaml_text is not None
    question = load_bank_text(result.yaml_text).question(question_id)
    return question.grade(question.response_from_texts(list(answer))).fraction


def test_short_answer_blanks_become_a_cloze_with_credits_feedback_and_case() -> None:
    result = imported(
        (
            "capital",
            r"<p>{1:SA:=Paris#Right~%50%Pari*#Nearly} is the capital of "
            r"{2:SHORTANSWER_C:=France~%25%french republic}.</p>",
        )
    )
    question = only_question(result)
    assert question["type"] == "cloze"
    assert question["text"] == "[[blank-1]] is the capital of [[blank-2]]."
    assert question["case_sensitive"] is True
    assert [(a["text"], a["credit"], a.get("feedback")) for a in question["blanks"]["blank-1"]] == [
        ("Paris", 1, "Right"),
        ("Pari*", 0.5, "Nearly"),
    ]
    assert any("marks differ" in n.message for n in result.notices)
    assert credit(result, "capital", "Paris", "France") == 1
    assert credit(result, "capital", "Parisss", "France") == Fraction(3, 4)
    assert credit(result, "capital", "Paris", "france") == Fraction(1, 2)


def test_one_multiple_choice_blank_becomes_a_multiple_choice_question_with_a_gap() -> None:
    result = imported(
        ("capital-choice", r"<p>The capital of France is {1:MC:Lyon#No~=Paris#Yes~%50%Nice}.</p>")
    )
    question = only_question(result)
    assert question["type"] == "multiple_choice"
    assert question["prompt"] == "The capital of France is _____."
    assert [(c["text"], c["correct"], c.get("feedback")) for c in question["choices"]] == [
        ("Lyon", False, "No"),
        ("Paris", True, "Yes"),
        ("Nice", False, None),
    ]
    # MC keeps Moodle's order; its shuffled variants (MCS...) let quizapp shuffle.
    assert question["shuffle"] is False
    assert {n.message for n in result.notices} >= {
        "partial credit for 'Nice' is lost",
        "the embedded MC blank becomes a question of its own",
    }
    assert credit(result, "capital-choice", "Paris") == 1
    assert credit(result, "capital-choice", "Nice") == 0
    shuffled = only_question(imported(("c", "{1:MULTICHOICE_VS:=Paris~Lyon}")))
    assert "shuffle" not in shuffled


def test_one_multi_response_blank_becomes_a_multi_select() -> None:
    result = imported(
        ("french-cities", "Tick the French cities: {1:MRS:%50%Paris~%50%Lyon~%-100%Madrid}")
    )
    question = only_question(result)
    assert question["type"] == "multi_select"
    assert [c["correct"] for c in question["choices"]] == [True, True, False]
    assert credit(result, "french-cities", "Paris", "Lyon") == 1
    assert credit(result, "french-cities", "Paris") == Fraction(1, 2)


def test_one_numerical_blank_becomes_a_numeric_question_with_tolerance_and_credit() -> None:
    result = imported(
        (
            "marchers",
            r"<p>About {2:NM:=1200:50#Right~%50%1000:100#Too few~*#No}"
            " people marched.</p>",
        )
    )
    question = only_question(result)
    assert question["type"] == "numeric"
    assert question["prompt"] == "About _____ people marched."
    assert [(a["value"], a["tolerance"], a["credit"]) for a in question["answers"]] == [
        (1200, 50, 1),
        (1000, 100, 0.5),
    ]
    assert any("catch-all" in n.message for n in result.notices)
    assert credit(result, "marchers", "1240") == 1
    assert credit(result, "marchers", "950") == Fraction(1, 2)
    assert credit(result, "marchers", "700") == 0


def test_an_exact_numerical_blank_among_typed_ones_is_a_cloze_blank_with_a_notice() -> None:
    result = imported(("two", "{1:SA:=Paris} had {1:NUMERICAL:=1200} marchers."))
    question = only_question(result)
    assert question["type"] == "cloze"
    assert question["blanks"]["blank-2"] == [{"text": "1200", "credit": 1}]
    assert any("compared as typed answers" in n.message for n in result.notices)


def test_escaped_characters_stay_in_answers_and_feedback() -> None:
    question = only_question(
        imported(("escapes", r"Type {1:SA:=a\}b\~c\#d#fb with \# hash~%0%x\=y} here."))
    )
    [right, wrong] = question["blanks"]["blank-1"]
    assert (right["text"], right["feedback"]) == ("a}b~c#d", "fb with # hash")
    assert wrong["text"] == "x=y"


def test_a_choice_blank_among_others_is_refused_unless_skipped_and_named_either_way() -> None:
    mixed = ("mixed", "{1:SA:=Paris} is in {1:MCV:=France~Spain}.")
    good = ("alone", "{1:SA:=Paris} is a city.")
    refused = imported(mixed, good)
    assert refused.yaml_text is None
    [issue] = refused.issues
    assert "question 'mixed' has 2 blanks, of them MCV" in issue.message
    assert issue.message.startswith("/quiz/question[2]: ")
    assert refused.skippable
    skipped = imported(mixed, good, skip=True)
    assert [q["id"] for q in load_yaml_text(skipped.yaml_text or "").data["questions"]] == ["alone"]
    assert "'mixed'" in skipped.skipped[0].message


def test_an_unknown_kind_is_unsupported_and_a_bad_number_is_a_problem_to_fix() -> None:
    unknown = imported(("odd", "{1:DRAGBOX:=Paris}"))
    assert unknown.skippable
    assert "question 'odd' has a blank of the kind DRAGBOX" in unknown.issues[0].message
    bad = imported(("bad", "About {1:NUMERICAL:=twelve:1} people."))
    assert not bad.skippable
    assert "'twelve' is not a number" in bad.issues[0].message


def test_a_blank_without_answers_or_with_one_choice_says_what_to_write() -> None:
    bare = imported(("bare", "<p>Pick one: {1:MULTICHOICE}</p>"))
    assert [issue.message.split(": ", 1)[1] for issue in bare.issues] == [
        "the blank '{1:MULTICHOICE}' has no answers: write them after a colon, "
        "as in {1:MULTICHOICE:=right~wrong}"
    ]
    lonely = imported(("lonely", "<p>The capital: {1:MC:=Paris#Yes}</p>"))
    assert len(lonely.issues) == 1
    assert "has one choice: a choice needs at least two" in lonely.issues[0].message
    assert lonely.yaml_text is None


def test_a_single_choice_blank_without_a_right_choice_is_named_as_multiple_choice() -> None:
    result = imported(("none-right", "<p>The capital: {1:MC:Lyon~%50%Paris}</p>"))
    assert result.yaml_text is None
    assert any("a multiple_choice question needs" in issue.message for issue in result.issues)
