"""A bank without its article (as banks from other systems come): usable, but with no evidence."""

from __future__ import annotations

from fractions import Fraction

import pytest

from quizapp.banks import load_bank_text, validate_text
from quizapp.banks.formats import FORMATS
from quizapp.banks.formats.exporting import export_bank_text
from quizapp.banks.formats.importing import import_file_bytes
from quizapp.banks.loading import load_yaml_text

NO_ARTICLE = """\
id: rain-check
title: Rain check
questions:
  - id: did-it-rain
    type: true_false
    prompt: Did it rain?
    answer: true
  - id: how-much
    type: numeric
    prompt: How many millimetres fell?
    answers: [{value: 40, tolerance: 5}]
"""


def test_a_bank_without_an_article_loads_and_grades() -> None:
    assert validate_text(NO_ARTICLE, "rain.yaml") == []
    bank = load_bank_text(NO_ARTICLE)
    assert bank.article == ""
    question = bank.question("how-much")
    assert question.grade(question.response_from_texts(["43"])).fraction == Fraction(1)


def test_an_evidence_question_is_refused_by_name_at_its_type() -> None:
    text = NO_ARTICLE + (
        "  - id: which-sentence\n"
        "    type: evidence\n"
        "    prompt: Which sentence says it rained?\n"
        "    evidence: it rained\n"
    )
    [issue] = validate_text(text, "rain.yaml")
    assert (issue.line, issue.column) == (13, 11)
    assert issue.message.startswith(
        "question 'which-sentence' is an evidence question, which needs the article, and this "
        "bank has none"
    )


def test_evidence_quotes_are_refused_at_their_key() -> None:
    text = NO_ARTICLE.replace("    answer: true\n", "    answer: true\n    evidence: it rained\n")
    [issue] = validate_text(text, "rain.yaml")
    assert (issue.line, issue.column) == (8, 5)
    assert "quotes evidence, but this bank has no article" in issue.message


def test_an_import_without_an_article_refuses_its_evidence_question_by_name() -> None:
    raw = b"""<quiz>
<question type="multichoice"><name><text>Which sentence</text></name>
  <questiontext><text>Which sentence says it rained?</text></questiontext>
  <answer fraction="100"><text>It rained.</text></answer>
  <answer fraction="0"><text>It was dry.</text></answer>
  <tags><tag><text>quizapp-type:evidence</text></tag></tags>
</question></quiz>"""
    result = import_file_bytes(raw, "no-article.xml")
    assert result.yaml_text is None
    [issue] = result.issues
    assert issue.line == 2
    assert "question 'which-sentence' is an evidence question" in issue.message
    assert any("no article" in n.message for n in result.notices)


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_a_bank_without_an_article_travels_without_one(format_name: str) -> None:
    exported = export_bank_text(NO_ARTICLE, format_name)
    back = import_file_bytes(exported.content, f"rain.{FORMATS[format_name].extension}")
    assert back.issues == []
    data = load_yaml_text(back.yaml_text or "").data
    assert "article" not in data
    assert [q["id"] for q in data["questions"]] == ["did-it-rain", "how-much"]
