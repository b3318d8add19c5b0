"""The bank shipped in question_banks/: valid, complete, and graded as a teacher intends."""

from __future__ import annotations

import pytest

from quizapp.banks import load_bank_file, validate_file
from quizapp.banks.schema import QUESTION_SPECS, QuestionSpec
from quizapp.config import PROJECT_ROOT
from quizapp.domain.grading import GradeState
from quizapp.domain.questions import (
    SKILLS,
    MultipleChoice,
    MultiSelect,
    QuestionType,
    WrittenResponse,
)
from quizapp.domain.quiz import Bank

SAMPLE = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank_file(SAMPLE)


def grade(question: QuestionType, **response: str) -> GradeState:
    return question.grade(response).state


def test_sample_bank_is_valid() -> None:
    assert validate_file(SAMPLE) == []


def test_header_and_article(bank: Bank) -> None:
    assert bank.id == "turkey-egypt-talks-2021"
    assert bank.title == "Turkey, Egypt kick off diplomatic talks in Cairo to mend relations"
    assert (bank.source.publisher, str(bank.source.published)) == ("Iran Press TV", "2021-05-05")
    assert bank.article.startswith("Turkey and Egypt have kicked off a diplomatic rapprochement")
    assert bank.article.rstrip().endswith("to support the UN-backed government.")
    assert "Source:" not in bank.article
    assert len(bank.parsed_article.paragraphs) == 18


def test_covers_every_type_and_skill_with_evidence_and_explanations(bank: Bank) -> None:
    assert len(bank.questions) >= 16
    assert {q.type_name for q in bank.questions} == set(QUESTION_SPECS)
    assert {q.skill for q in bank.questions} == set(SKILLS)
    assert sum(isinstance(q, MultipleChoice) for q in bank.questions) >= 3
    for question in bank.questions:
        assert question.evidence, question.id
        assert question.explanation, question.id
        assert question.check() == [], question.id


def test_every_correct_response_scores_full_marks(bank: Bank) -> None:
    for question in bank.questions:
        expected = GradeState.WAITING if question.marked_by_teacher else GradeState.RIGHT
        assert grade(question, **question.correct_response()) is expected, question.id


def test_the_written_response_has_a_model_answer_and_a_rubric_to_mark_by(bank: Bank) -> None:
    question = bank.question("why-egypt-hesitates")
    assert isinstance(question, WrittenResponse)
    assert "mistrust" in question.model_answer
    assert [(c.id, c.points) for c in question.marking_criteria()] == [
        ("reason", 2),
        ("details", 2),
        ("own-words", 1),
    ]
    assert question.points == 3
    assert grade(question, answer="") is GradeState.UNANSWERED


def test_host_city_is_cairo_among_plausible_cities(bank: Bank) -> None:
    question = bank.question("host-city")
    assert isinstance(question, MultipleChoice)
    texts = {c.text: c for c in question.choices}
    assert {"Cairo", "Ankara", "Tobruk", "Tripoli"} <= set(texts)
    assert grade(question, choice=texts["Cairo"].id) is GradeState.RIGHT
    assert grade(question, choice=texts["Ankara"].id) is GradeState.WRONG


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        ("Sedat Onal", GradeState.RIGHT),
        ("Onal", GradeState.RIGHT),
        ("sedat önal", GradeState.RIGHT),
        ("Hamdi Sanad Loza", GradeState.WRONG),
        ("Ankara", GradeState.WRONG),
    ],
)
def test_turkish_lead(bank: Bank, answer: str, state: GradeState) -> None:
    assert grade(bank.question("turkish-lead"), answer=answer) is state


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        ("Sedat Onal and Hamdi Sanad Loza", GradeState.RIGHT),
        ("Loza and Onal", GradeState.RIGHT),
        ("Onal", GradeState.PARTIAL),
        ("Hamdi Sanad Loza", GradeState.PARTIAL),
        ("Cavusoglu", GradeState.WRONG),
    ],
)
def test_both_leads(bank: Bank, answer: str, state: GradeState) -> None:
    assert grade(bank.question("both-leads"), answer=answer) is state


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        ("early January 2020", GradeState.RIGHT),
        ("January 2020", GradeState.RIGHT),
        ("Jan. 2020", GradeState.RIGHT),
        ("2020", GradeState.WRONG),
        ("January 2021", GradeState.WRONG),
    ],
)
def test_troop_deployment_date(bank: Bank, answer: str, state: GradeState) -> None:
    assert grade(bank.question("troop-deployment"), answer=answer) is state


def test_evidence_questions_point_at_one_sentence(bank: Bank) -> None:
    article = bank.parsed_article
    condition = bank.question("egypt-condition")
    [accepted] = condition.correct_response().values()
    assert article.sentence(accepted).text.startswith("Cairo had previously conditioned")


def test_the_bank_format_and_the_progress_page_know_the_domains_skills() -> None:
    from typing import get_args

    from quizapp.services.progress import SKILL_LABELS

    skill = QuestionSpec.model_fields["skill"].annotation
    assert get_args(skill) == SKILLS
    assert tuple(SKILL_LABELS) == SKILLS


def test_the_right_choices_are_written_at_varied_places(bank: Bank) -> None:
    """A quiz that keeps the written order must not show the key at one place: answering the
    first (or any one) written choice everywhere gets at most a third of the questions."""
    choice_questions = [q for q in bank.questions if isinstance(q, MultipleChoice)]
    places = [[c.correct for c in q.choices].index(True) for q in choice_questions]
    assert len(choice_questions) >= 6
    for place in range(max(len(q.choices) for q in choice_questions)):
        assert places.count(place) <= len(places) / 3, places
    ticks = [
        tuple(c.correct for c in q.choices) for q in bank.questions if isinstance(q, MultiSelect)
    ]
    assert len(set(ticks)) == len(ticks) and all(not t[0] or not t[1] for t in ticks)
