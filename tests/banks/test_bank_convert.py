"""From a bank's YAML to the domain: ids, exact numbers, evidence sentences, entities, API."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from quizapp.banks import bank_summary, content_hash, load_bank_text
from quizapp.banks.convert import edit_distance, position_id
from quizapp.domain.behaviours import FeedbackTiming
from quizapp.domain.grading import GradeState
from quizapp.domain.questions import (
    Cloze,
    Evidence,
    MultipleChoice,
    Numeric,
    NumericAnswer,
    Ordering,
    ShortAnswer,
)
from quizapp.domain.quiz import GradingMethod
from quizapp.errors import BankInvalid

HEAD = """\
id: cairo-talks
title: Talks in Cairo
source: {publisher: Iran Press TV, published: 2021-05-05}
article: |
  Turkish diplomats arrived in Cairo on Wednesday. Officials in Ankara sent them.

  The talks were led by Sedat Onal. Turkey deployed troops to Libya in early January 2020.
"""


def bank_with(questions: str, quiz: str = "") -> str:
    return HEAD + quiz + "questions:\n" + questions


def test_choice_ids_are_letters_unless_given() -> None:
    bank = load_bank_text(
        bank_with("""\
  - id: host-city
    type: multiple_choice
    points: 0.5
    prompt: Which city hosted the talks?
    choices: [Ankara, {text: Cairo, correct: true, id: cairo}, Tobruk]
""")
    )
    question = bank.question("host-city")
    assert isinstance(question, MultipleChoice)
    assert [(c.id, c.text, c.correct) for c in question.choices] == [
        ("a", "Ankara", False),
        ("cairo", "Cairo", True),
        ("c", "Tobruk", False),
    ]
    assert question.points == Fraction(1, 2)
    assert question.grade({"choice": "cairo"}).state is GradeState.RIGHT


def test_position_ids_continue_after_z() -> None:
    assert [position_id(i) for i in (0, 1, 25, 26, 27, 51, 52)] == [
        "a",
        "b",
        "z",
        "aa",
        "ab",
        "az",
        "ba",
    ]


def test_evidence_question_accepts_the_sentences_of_its_quotes() -> None:
    bank = load_bank_text(
        bank_with("""\
  - id: who-sent
    type: evidence
    prompt: Which sentences name a city?
    evidence: [arrived in Cairo, Ankara sent them]
""")
    )
    question = bank.question("who-sent")
    assert isinstance(question, Evidence)
    assert question.sentences == ("s1", "s2", "s3", "s4")
    assert question.accepted == frozenset({"s1", "s2"})
    assert question.sentence_texts[2] == "The talks were led by Sedat Onal."
    assert question.evidence == "arrived in Cairo … Ankara sent them"
    assert question.grade({"sentence": "s2"}).state is GradeState.RIGHT
    assert question.grade({"sentence": "s3"}).state is GradeState.WRONG


def test_short_answers_know_the_other_entities_of_the_article() -> None:
    bank = load_bank_text(
        bank_with("""\
  - id: city
    type: short_answer
    prompt: Where did the diplomats arrive?
    answers: Cairo
    leniency: {typos: true, numbers: false}
    evidence: arrived in Cairo
""")
    )
    question = bank.question("city")
    assert isinstance(question, ShortAnswer)
    assert {"Cairo", "Ankara", "Sedat Onal", "Libya"} <= question.distinct_entities
    assert question.leniency.numbers is False and question.leniency.typos is True
    assert question.grade({"answer": "Ankara"}).state is GradeState.WRONG
    assert question.grade({"answer": "cairo"}).state is GradeState.RIGHT


def test_numeric_shorthand_and_answers_list() -> None:
    bank = load_bank_text(
        bank_with("""\
  - {id: year, type: numeric, prompt: Which year?, answer: 2020, tolerance: 0.5, unit: AD}
  - id: year-list
    type: numeric
    prompt: Which year?
    answers: [{value: 2020}, {value: 2019, credit: 0.25, feedback: Close.}]
""")
    )
    short, full = bank.question("year"), bank.question("year-list")
    assert isinstance(short, Numeric) and isinstance(full, Numeric)
    assert short.answers == (NumericAnswer(value=Decimal(2020), tolerance=Decimal("0.5")),)
    assert short.unit == "AD"
    assert full.answers[1] == NumericAnswer(Decimal(2019), Decimal(0), Fraction(1, 4), "Close.")


def test_cloze_blanks_follow_the_text_and_ordering_items_keep_their_order() -> None:
    bank = load_bank_text(
        bank_with("""\
  - id: fill
    type: cloze
    text: Troops went to [[country]] in [[when]].
    blanks: {when: [January 2020], country: Libya}
  - id: order
    type: ordering
    prompt: Order these.
    items: [Diplomats arrive, {id: talks, text: Talks are led}]
""")
    )
    cloze, ordering = bank.question("fill"), bank.question("order")
    assert isinstance(cloze, Cloze) and isinstance(ordering, Ordering)
    assert cloze.prompt == "Fill in the blanks."
    assert [b.id for b in cloze.blanks] == ["country", "when"]
    assert "Cairo" in cloze.distinct_entities
    assert [(i.id, i.text) for i in ordering.items] == [
        ("a", "Diplomats arrive"),
        ("talks", "Talks are led"),
    ]


def test_quiz_settings_and_source() -> None:
    quiz = """\
quiz: {attempts: 3, grading: average, feedback: after_close, time_limit_minutes: 20,
       pass_fraction: 0.75, shuffle_questions: false}
"""
    bank = load_bank_text(
        bank_with("  - {id: q, type: true_false, prompt: P, answer: true}\n", quiz)
    )
    settings = bank.settings
    assert (settings.attempts, settings.grading, settings.feedback) == (
        3,
        GradingMethod.AVERAGE,
        FeedbackTiming.AFTER_CLOSE,
    )
    assert settings.time_limit_minutes == 20 and settings.pass_fraction == Fraction(3, 4)
    assert settings.shuffle_questions is False and settings.shuffle_choices is True
    assert bank.source.publisher == "Iran Press TV"
    assert bank.source.published == dt.date(2021, 5, 5)


def test_default_settings_are_unlimited_attempts_and_a_60_percent_pass() -> None:
    bank = load_bank_text(bank_with("  - {id: q, type: true_false, prompt: P, answer: true}\n"))
    assert bank.settings.attempts is None
    assert bank.settings.pass_fraction == Fraction(3, 5)


def test_load_bank_text_raises_with_every_issue() -> None:
    with pytest.raises(BankInvalid) as raised:
        load_bank_text(
            bank_with("  - {id: q, type: true_false, answer: maybe}\n"), source_name="q.yaml"
        )
    assert [i.format() for i in raised.value.issues] == [
        "q.yaml:9:5: missing required key 'prompt'",
        "q.yaml:9:39: expected true or false, got the text 'maybe'",
    ]


def test_content_hash_ignores_line_endings_only() -> None:
    assert content_hash("a: 1\nb: 2\n") == content_hash("a: 1\r\nb: 2\r\n")
    assert content_hash("a: 1\n") != content_hash("a: 2\n")
    assert len(content_hash("")) == 64


def test_bank_summary_reads_id_and_title_without_checking_the_rest() -> None:
    assert bank_summary("id: x\ntitle: T\nquestions: broken\n") == {"id": "x", "title": "T"}
    assert bank_summary("title: [not, text]\n") == {"id": None, "title": None}
    with pytest.raises(BankInvalid):
        bank_summary("id: [x\n")


@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("cairo", "cairo", 0),
        ("ciaro", "cairo", 1),
        ("onall", "onal", 1),
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("ca", "abc", 3),  # optimal string alignment: no edit of a transposed pair
    ],
)
def test_edit_distance(first: str, second: str, distance: int) -> None:
    assert edit_distance(first, second) == distance
    assert edit_distance(second, first) == distance
