"""Tests for short-answer questions: Moodle's first-match rule plus quizapp's leniency."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest

from quizapp.banks.convert import edit_distance
from quizapp.domain.article import Article
from quizapp.domain.grading import GradeState
from quizapp.domain.questions import Answer, Leniency, ShortAnswer

TALKS_ENTITIES = frozenset(
    {
        "Turkey",
        "Egypt",
        "Cairo",
        "Ankara",
        "Tobruk",
        "Libya",
        "Sedat Onal",
        "Ambassador Sedat Onal",
        "Hamdi Sanad Loza",
        "Mevlut Cavusoglu",
        "Cavusoglu",
        "Sameh Shoukry",
    }
)


def talks_leaders_short_answer() -> ShortAnswer:
    """Who led the Turkish side? "Sedat Onal", or just "Onal"."""
    return ShortAnswer(
        id="turkish-lead",
        prompt="Who led the Turkish side of the consultations?",
        answers=(Answer("Sedat Onal"), Answer("Onal")),
        distinct_entities=TALKS_ENTITIES,
        edit_distance=edit_distance,
    )


def which_city_short_answer() -> ShortAnswer:
    """Which city hosted the talks? Cairo; Ankara gets its own feedback and no credit."""
    return ShortAnswer(
        id="which-city",
        prompt="Which city hosted the talks?",
        answers=(
            Answer("Cairo", feedback="Yes, the Egyptian capital."),
            Answer("Ankara", Fraction(0), "That is where the delegation came from."),
        ),
        distinct_entities=TALKS_ENTITIES,
        edit_distance=edit_distance,
    )


def frog_toad() -> ShortAnswer:
    """Moodle's classic: frog scores 1, toad 0.8, anything else 0 with feedback."""
    return ShortAnswer(
        id="frogtoad",
        prompt="Name an amphibian.",
        answers=(
            Answer("frog", Fraction(1), "Frog is a very good answer."),
            Answer("toad", Fraction(4, 5), "Toad is an OK good answer."),
            Answer("*", Fraction(0), "That is a bad answer."),
        ),
        edit_distance=edit_distance,
    )


@pytest.mark.parametrize(
    ("answer", "fraction", "state", "matched"),
    [
        ("Sedat Onal", 1, GradeState.RIGHT, "Sedat Onal"),
        ("Sedat Önal", 1, GradeState.RIGHT, "Sedat Onal"),
        ("sedat  onal", 1, GradeState.RIGHT, "Sedat Onal"),
        ("SEDAT ONAL.", 1, GradeState.RIGHT, "Sedat Onal"),
        ("Onal", 1, GradeState.RIGHT, "Onal"),
        ("Onall", 1, GradeState.RIGHT, "Sedat Onal"),  # a typo of its distinctive form "Onal"
        ("Sedat Onall", 1, GradeState.RIGHT, "Sedat Onal"),
        ("Ankara", 0, GradeState.WRONG, None),
        ("Hamdi Sanad Loza", 0, GradeState.WRONG, None),
        ("Sedat", 0, GradeState.WRONG, None),
        ("", 0, GradeState.UNANSWERED, None),
        ("   ", 0, GradeState.UNANSWERED, None),
    ],
)
def test_talks_leader(answer: str, fraction: int, state: GradeState, matched: str | None) -> None:
    grade = talks_leaders_short_answer().grade({"answer": answer})
    assert (grade.fraction, grade.state, grade.matched) == (Fraction(fraction), state, matched)


def test_typos_can_be_switched_off() -> None:
    strict = replace(talks_leaders_short_answer(), leniency=Leniency(typos=False))
    assert strict.grade({"answer": "Onall"}).fraction == 0
    assert strict.grade({"answer": "Sedat Önal"}).fraction == 1  # normalisation still applies


@pytest.mark.parametrize(
    ("answer", "fraction", "feedback"),
    [
        ("cairo", 1, "Yes, the Egyptian capital."),
        ("Ciaro", 1, "Yes, the Egyptian capital."),
        ("Ankara", 0, "That is where the delegation came from."),
        ("Tobruk", 0, ""),
        ("Libya", 0, ""),
    ],
)
def test_which_city(answer: str, fraction: int, feedback: str) -> None:
    grade = which_city_short_answer().grade({"answer": answer})
    assert (grade.fraction, grade.feedback) == (Fraction(fraction), feedback)


@pytest.mark.parametrize(
    ("answer", "fraction", "state", "feedback"),
    [
        ("frog", Fraction(1), GradeState.RIGHT, "Frog is a very good answer."),
        ("toad", Fraction(4, 5), GradeState.PARTIAL, "Toad is an OK good answer."),
        ("newt", Fraction(0), GradeState.WRONG, "That is a bad answer."),
        # Typo allowance follows the longer text: "frogs" has five letters, so one edit is
        # forgiven, but within four letters ("frg", "trog") nothing is.
        ("frogs", Fraction(1), GradeState.RIGHT, "Frog is a very good answer."),
        ("frg", Fraction(0), GradeState.WRONG, "That is a bad answer."),
        ("trog", Fraction(0), GradeState.WRONG, "That is a bad answer."),
    ],
)
def test_frog_toad(answer: str, fraction: Fraction, state: GradeState, feedback: str) -> None:
    grade = frog_toad().grade({"answer": answer})
    assert (grade.fraction, grade.state, grade.feedback) == (fraction, state, feedback)


def test_case_sensitive_question_does_not_forgive_case_as_a_typo() -> None:
    question = ShortAnswer(
        id="acronym",
        prompt="Which alliance backed the uprising?",
        answers=(Answer("NATO"),),
        case_sensitive=True,
        edit_distance=edit_distance,
    )
    assert question.grade({"answer": "NATO"}).fraction == 1
    assert question.grade({"answer": "nato"}).fraction == 0
    long_name = replace(question, answers=(Answer("Mediterranean"),))
    assert long_name.grade({"answer": "Mediteranean"}).fraction == 1
    assert long_name.grade({"answer": "mediterranean"}).fraction == 0


def test_correct_response_prefers_a_plain_full_credit_answer() -> None:
    assert talks_leaders_short_answer().correct_response() == {"answer": "Sedat Onal"}
    wildcard_only = ShortAnswer(
        id="w", prompt="?", answers=(Answer("*Cairo*"),), edit_distance=edit_distance
    )
    assert wildcard_only.correct_response() == {"answer": "Cairo"}
    assert wildcard_only.grade(wildcard_only.correct_response()).fraction == 1


def test_summary_texts_and_fields() -> None:
    question = talks_leaders_short_answer()
    assert question.summarise({"answer": "  Onal "}) == "Onal"
    assert question.response_from_texts(["Sedat", "Onal"]) == {"answer": "Sedat Onal"}
    assert question.response_from_texts([]) == {}
    assert dict(question.expected_fields()) == {"answer": "text"}


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ((), "there are none"),
        ((Answer("Onal", Fraction(1, 2)),), "no answer gives full credit"),
        ((Answer("Onal", Fraction(3, 2)),), "credit 3/2 is outside 0..1"),
        ((Answer("Onal"), Answer(" ")), "an answer is empty"),
        ((Answer("Sedat Onal"), Answer("sedat önal!")), "'sedat onal' is listed twice"),
    ],
)
def test_check(answers: tuple[Answer, ...], problem: str) -> None:
    assert talks_leaders_short_answer().check() == []
    problems = replace(talks_leaders_short_answer(), answers=answers).check()
    assert any(problem in text for text in problems), problems


def test_entities_drawn_from_the_article_guard_the_answer() -> None:
    article = Article(
        "The consultations will be led by Ambassador Sedat Onal and his Egyptian counterpart, "
        "Hamdi Sanad Loza. Cavusoglu said Ankara had made contact with Cairo."
    )
    question = replace(
        which_city_short_answer(),
        answers=(Answer("Cairo"),),
        distinct_entities=frozenset(article.named_spans()),
    )
    assert {"Sedat Onal", "Hamdi Sanad Loza", "Ankara", "Cairo"} <= question.distinct_entities
    assert question.grade({"answer": "Ciaro"}).fraction == 1
    assert question.grade({"answer": "Ankara"}).fraction == 0
    assert question.grade({"answer": "Egyptian"}).fraction == 0
