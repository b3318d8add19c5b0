"""GIFT: escapes and the bank layout when writing, Moodle's documented syntax when reading."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from quizapp.banks.formats.gift.syntax import escape, unescape
from quizapp.banks.formats.importing import import_file_bytes
from quizapp.banks.loading import load_yaml_text

FIXTURE = Path(__file__).parent / "fixtures" / "moodle_syntax.gift"


def imported() -> dict[str, Any]:
    result = import_file_bytes(FIXTURE.read_bytes(), "moodle_syntax.txt")
    assert result.issues == []
    assert result.format_name == "gift"
    assert result.yaml_text is not None
    data = load_yaml_text(result.yaml_text).data
    assert isinstance(data, dict)
    return data


def test_escape_and_unescape_are_inverse() -> None:
    text = "a~b=c#d{e}f:g\\h\nnext line"
    assert "\n" not in escape(text)
    assert unescape(escape(text)) == text


def test_the_category_names_the_bank_and_the_description_is_the_article() -> None:
    data = imported()
    assert data["title"] == "Floods in the valley"
    assert data["id"] == "floods-in-the-valley"
    assert data["article"].split("\n\n") == [
        "Heavy rain fell for three days.",
        "About 1200 people left; the river rose 4.5 m.",
    ]


def test_every_kind_of_question_is_read() -> None:
    questions = {q["id"]: q for q in imported()["questions"]}
    main = questions["main-idea"]
    assert main["prompt"] == "What is the article mainly about?"
    assert [c["correct"] for c in main["choices"]] == [True, False, False]
    assert main["choices"][0]["feedback"] == "Right: see paragraph 1."
    assert main["explanation"] == "The first paragraph carries the main idea."
    assert questions["two-right"]["type"] == "multi_select"
    assert [c["correct"] for c in questions["two-right"]["choices"]] == [True, True, False]
    record = questions["record"]
    assert (record["answer"], record["feedback_true"], record["feedback_false"]) == (
        True,
        "Yes.",
        "No, it did.",
    )
    escapes = questions["escapes"]
    assert escapes["prompt"] == "Which symbols are special in GIFT: ~ = # { }?"
    assert escapes["answers"][0] == {
        "text": "all five ~=#{}",
        "credit": 1,
        "feedback": "Yes\n(all of them)",
    }
    assert escapes["answers"][1]["credit"] == Decimal("0.5")
    assert questions["how-many"]["answers"] == [{"value": 1200, "tolerance": 50, "credit": 1}]
    assert questions["range"]["answers"][0]["value"] == Decimal("4.5")
    assert questions["range"]["answers"][0]["tolerance"] == Decimal("0.5")
    weighted = questions["weighted"]["answers"]
    assert [(a["value"], a["credit"]) for a in weighted] == [
        (Decimal("3.14"), 1),
        (3, Decimal("0.5")),
    ]
    cloze = questions["missing-word"]
    assert cloze["text"] == "Heavy [[blank]] fell for three days."
    assert [a["credit"] for a in cloze["blanks"]["blank"]] == [1, Decimal("0.5")]
    assert questions["order"]["items"] == ["Rain", "Flood", "Clean-up"]
    assert questions["multi-line"]["prompt"] == "The first line\nand the second line?"


def test_lost_partial_credit_in_a_single_choice_is_announced() -> None:
    result = import_file_bytes(FIXTURE.read_bytes(), "moodle_syntax.txt")
    assert any(
        n.where == "main-idea" and "partial credit for 'Rain'" in n.message for n in result.notices
    )


def test_a_file_without_a_description_makes_a_bank_without_an_article_and_says_so() -> None:
    result = import_file_bytes(b"::q:: Rain? {T}\n", "no-article.txt")
    assert result.yaml_text is not None
    assert "article" not in load_yaml_text(result.yaml_text).data
    assert any("no article" in n.message for n in result.notices)


MISSING_WORD = Path(__file__).parent / "fixtures" / "moodle_missing_word.gift"


def test_missing_word_questions_keep_their_type_with_a_gap_in_the_prompt() -> None:
    result = import_file_bytes(MISSING_WORD.read_bytes(), "keepers.txt")
    assert result.issues == [] and result.skipped == []
    assert result.yaml_text is not None
    found = {q["id"]: q for q in load_yaml_text(result.yaml_text).data["questions"]}
    lamp = found["lamp"]
    assert lamp["type"] == "multiple_choice"
    assert lamp["prompt"] == "The keeper lit the lamp _____ every day."
    assert [(c["text"], c["correct"]) for c in lamp["choices"]] == [
        ("at noon", False),
        ("at midnight", False),
        ("at dusk", True),
    ]
    assert lamp["choices"][2]["feedback"] == "Yes"
    steps = found["steps"]
    assert (steps["type"], steps["prompt"]) == ("numeric", "The tower has _____ steps inside.")
    assert steps["answers"] == [{"value": 120, "tolerance": 5, "credit": 1}]
    assert any(n.where == "steps" and "wrong-answer" in n.message for n in result.notices)
    # The idnumber Moodle writes in the comment names the question, as in Moodle XML.
    storm = found["storm-glass"]
    assert (storm["type"], storm["answer"], storm["explanation"]) == (
        "true_false",
        False,
        "Paragraph 2 says so.",
    )
    assert storm["prompt"] == "The storm broke the glass _____ that year."
    assert found["boat"]["type"] == "cloze"
    assert found["boat"]["text"] == "The supply boat came [[blank]] to the rock."


def test_format_prefixes_on_answers_and_feedback_are_read_not_kept_as_text() -> None:
    result = import_file_bytes(MISSING_WORD.read_bytes(), "keepers.txt")
    assert result.yaml_text is not None
    found = {q["id"]: q for q in load_yaml_text(result.yaml_text).data["questions"]}
    flags = found["flags"]["choices"]
    assert [(c["text"], c.get("feedback")) for c in flags] == [
        ("red", "one of them"),
        ("blue", None),
        ("green", "never"),
    ]
    assert any(n.where == "flags" and "fractions" in n.message for n in result.notices)


def test_general_feedback_takes_its_own_format_and_pre_keeps_its_lines() -> None:
    result = import_file_bytes(MISSING_WORD.read_bytes(), "keepers.txt")
    assert result.yaml_text is not None
    tide = {q["id"]: q for q in load_yaml_text(result.yaml_text).data["questions"]}["tide"]
    assert tide["explanation"] == "Only <one> line says high water."
    assert tide["prompt"].split("\n") == [
        "The keeper's note reads:",
        "",
        "high water at six",
        "low water at noon",
        "",
        "How many high waters does the note give?",
    ]
