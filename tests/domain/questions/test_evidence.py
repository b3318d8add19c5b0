"""Tests for evidence questions: pick the sentence of the article that supports a claim."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from typing import Any

import pytest

from quizapp.domain.article import Article
from quizapp.domain.grading import GradeState
from quizapp.domain.questions import Evidence
from quizapp.domain.questions.evidence import accepted_sentences, offered_sentences
from quizapp.errors import ResponseError

ARTICLE = Article(
    "Observers say Cairo has not appeared to share the same level of enthusiasm.\n\n"
    "Cairo had previously conditioned the restoration of relations with Turkey on the "
    "withdrawal of Turkish troops from Libya.\n\n"
    "Turkey deployed military troops to Libya in early January 2020."
)


def troops_condition_evidence() -> Evidence:
    """Which sentence shows that Cairo asked for Turkish troops to leave Libya? s2."""
    ids, texts = offered_sentences(ARTICLE)
    return Evidence(
        id="troops-condition",
        prompt="Which sentence shows that Cairo asked for Turkish troops to leave Libya?",
        skill="inference",
        sentences=ids,
        sentence_texts=texts,
        accepted=accepted_sentences(ARTICLE, ["conditioned the restoration of relations"]),
    )


@pytest.mark.parametrize(
    ("response", "fraction", "state"),
    [
        ({"sentence": "s2"}, 1, GradeState.RIGHT),
        ({"sentence": "s1"}, 0, GradeState.WRONG),
        ({"sentence": "s3"}, 0, GradeState.WRONG),
        ({"sentence": "s9"}, 0, GradeState.UNANSWERED),
        ({}, 0, GradeState.UNANSWERED),
    ],
)
def test_grading(response: dict[str, str], fraction: int, state: GradeState) -> None:
    grade = troops_condition_evidence().grade(response)
    assert (grade.fraction, grade.state) == (Fraction(fraction), state)


def test_several_sentences_can_be_accepted() -> None:
    question = replace(
        troops_condition_evidence(),
        accepted=accepted_sentences(ARTICLE, ["withdrawal of Turkish troops", "deployed military"]),
    )
    assert question.accepted == frozenset({"s2", "s3"})
    assert question.grade({"sentence": "s3"}).fraction == 1


def test_summary_shows_the_sentence() -> None:
    question = troops_condition_evidence()
    assert question.summarise({"sentence": "s3"}) == (
        "s3: Turkey deployed military troops to Libya in early January 2020."
    )
    bare = replace(question, sentence_texts=())
    assert bare.summarise({"sentence": "s3"}) == "s3"


def test_response_from_an_id_or_a_quote() -> None:
    question = troops_condition_evidence()
    assert question.response_from_texts(["S2"]) == {"sentence": "s2"}
    assert question.response_from_texts(["early  JANUARY 2020"]) == {"sentence": "s3"}
    assert question.response_from_texts([]) == {}
    with pytest.raises(ResponseError, match="in none of the sentences"):
        question.response_from_texts(["Ankara"])
    with pytest.raises(ResponseError, match="in several sentences"):
        question.response_from_texts(["Cairo"])


def test_correct_response_and_fields() -> None:
    question = troops_condition_evidence()
    assert question.correct_response() == {"sentence": "s2"}
    assert dict(question.expected_fields()) == {"sentence": "sentence id"}


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"accepted": frozenset()}, "no sentence is accepted"),
        ({"accepted": frozenset({"s7"})}, "the accepted sentence 's7' is not among those offered"),
        ({"sentences": (), "sentence_texts": ()}, "no sentences are offered"),
        ({"sentences": ("s1", "s1", "s2")}, "the sentence 's1' is offered twice"),
        ({"sentence_texts": ("only one",)}, "one text per offered sentence"),
    ],
)
def test_check(changes: dict[str, Any], problem: str) -> None:
    assert troops_condition_evidence().check() == []
    problems = replace(troops_condition_evidence(), **changes).check()
    assert any(problem in found for found in problems), problems
