"""The quiz page names options so that no name, order or pattern gives the answer away.

A student who answers by a pattern of the page (always the first option shown, the last, the
smallest name, the largest) scores what random picking scores, over many attempts; a name from
another attempt or a bank id is refused and changes nothing already saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from fractions import Fraction

import pytest
import sqlalchemy as sa
import sqlalchemy.orm as so

from quizapp.banks import load_bank_text
from quizapp.db import models
from quizapp.errors import InvalidInput
from quizapp.services import accounts, assignments, classes
from quizapp.services import attempts as attempt_service
from quizapp.services import banks as bank_service
from quizapp.services.page_ids import PageIds

NOW = dt.datetime(2031, 3, 3, 9, 0, tzinfo=dt.UTC)
SECRET = "the server's key in these tests"
ATTEMPTS = 48

# Every option type, each with its right option written first (as authors and drafts often do).
BANK = """\
schema: 1
id: pattern-bank
title: Ada's trip
article: |
  Ada visited Paris in 2019. She met Bo there.

  Later they travelled to Rome together. Then she flew home to Lima.
questions:
  - id: city
    type: multiple_choice
    prompt: Which city did Ada visit first?
    choices: [{text: Paris, correct: true}, Rome, Oslo, Lima]
  - id: seen
    type: multi_select
    prompt: Which cities did Ada see with Bo?
    choices: [{text: Paris, correct: true}, {text: Rome, correct: true}, Oslo, Lima]
  - id: order
    type: ordering
    prompt: Put the cities in order.
    items: [Paris, Rome, Lima]
  - id: where-met
    type: evidence
    prompt: Which sentence shows whom Ada met?
    evidence: She met Bo there
  - id: friend
    type: short_answer
    prompt: Whom did Ada meet?
    answers: [Bo]
"""

# What picking uniformly at random earns on average: 1 right of 4 choices; 2 right of 4 ticks
# where one tick earns 1/2 if right; a random order keeps half the pairs (partial credit);
# 1 of the 4 sentences.
CHANCE = {
    "city": Fraction(1, 4),
    "seen": Fraction(1, 4),
    "order": Fraction(1, 2),
    "where-met": Fraction(1, 4),
}
# A pattern that finds the key scores 1, at least 1/2 more than chance.
TOLERANCE = Fraction(1, 5)

PATTERNS: dict[str, Callable[[Sequence[str]], list[str]]] = {
    "the order shown": list,
    "the order shown, reversed": lambda names: list(reversed(names)),
    "the smallest name first": sorted,
    "the largest name first": lambda names: sorted(names, reverse=True),
}

BY_ORDER_SHOWN = {"the order shown", "the order shown, reversed"}


@pytest.fixture
def quiz(session: so.Session, make_user: Callable[..., models.User]) -> tuple[int, models.User]:
    teacher = make_user("ms-lee", models.TEACHER)
    student = make_user("ada")
    room = classes.create_class(session, teacher, "9A")
    accounts.join_classroom(session, student, room.join_code)
    version = bank_service.save_bank_text(session, BANK, user=teacher)
    settings = assignments.default_settings(session, teacher, version.bank_id)
    assignment = assignments.assign_bank(session, teacher, room.id, version.bank_id, settings)
    return assignment.id, student


def answers_by_pattern(
    view: attempt_service.AttemptView, ranked: Callable[[Sequence[str]], list[str]]
) -> dict[str, dict[str, str]]:
    """The answers of a student who reads nothing and goes by the page's names and order."""
    answers: dict[str, dict[str, str]] = {}
    for question in view.questions:
        names = ranked([option.id for option in question.options])
        if question.type_name == "multiple_choice":
            answers[question.id] = {"choice": names[0]}
        elif question.type_name == "multi_select":
            answers[question.id] = {names[0]: "1"}
        elif question.type_name == "ordering":
            answers[question.id] = {name: str(n) for n, name in enumerate(names, start=1)}
        elif question.type_name == "evidence":
            answers[question.id] = {"sentence": names[0]}
    return answers


def stored(session: so.Session, attempt_id: int) -> dict[str, dict[str, str]]:
    session.rollback()
    rows = session.scalars(
        sa.select(models.Response)
        .where(models.Response.attempt_id == attempt_id)
        .execution_options(populate_existing=True)
    )
    return {row.question_id: row.data for row in rows}


@pytest.mark.parametrize("pattern", PATTERNS)
def test_answering_by_a_pattern_of_the_page_scores_at_chance(
    session: so.Session, quiz: tuple[int, models.User], pattern: str
) -> None:
    assignment_id, student = quiz
    earned = dict.fromkeys(CHANCE, Fraction(0))
    for number in range(ATTEMPTS):
        now = NOW + dt.timedelta(minutes=number)
        attempt = attempt_service.start_or_resume(session, student, assignment_id, now)
        view = attempt_service.attempt_view(session, student, attempt.id, now, secret=SECRET)
        answers = answers_by_pattern(view, PATTERNS[pattern])
        attempt_service.save_page_answers(
            session, student, attempt.id, answers, 1, now, secret=SECRET
        )
        attempt_service.submit_attempt(session, student, attempt.id, now)
        for row in session.scalars(
            sa.select(models.Response).where(models.Response.attempt_id == attempt.id)
        ):
            if row.question_id in earned:
                earned[row.question_id] += Fraction(row.fraction_text or "0")
    for question_id, chance in CHANCE.items():
        if question_id == "where-met" and pattern in BY_ORDER_SHOWN:
            # Evidence offers every sentence of the article in the article's own order, the
            # order the student reads beside it: it is the article's, not the author's.
            continue
        mean = earned[question_id] / ATTEMPTS
        assert abs(mean - chance) <= TOLERANCE, (question_id, float(mean))


def test_option_names_are_opaque_and_differ_between_attempts(
    session: so.Session, quiz: tuple[int, models.User]
) -> None:
    assignment_id, student = quiz
    bank = load_bank_text(BANK)
    stable = {oid for question in bank.questions for oid in question.option_ids()}
    seen: list[set[str]] = []
    for number in range(2):
        now = NOW + dt.timedelta(minutes=number)
        attempt = attempt_service.start_or_resume(session, student, assignment_id, now)
        view = attempt_service.attempt_view(session, student, attempt.id, now, secret=SECRET)
        names = {o.id for q in view.questions if q.type_name != "true_false" for o in q.options}
        assert names and not names & stable
        assert all(len(name) == 16 for name in names)
        seen.append(names)
        attempt_service.submit_attempt(session, student, attempt.id, now)
    assert not seen[0] & seen[1]
    # Another server key gives other names to the very same attempt.
    ours, theirs = PageIds(SECRET, attempt.id), PageIds("another key", attempt.id)
    assert ours.name("city", "a") != theirs.name("city", "a")


@pytest.mark.parametrize(
    "foreign",
    [
        "a",  # the bank's own id of the right choice
        "position letter",
        "another attempt's key",
    ],
)
def test_a_name_this_page_never_showed_is_refused_and_loses_nothing(
    session: so.Session, quiz: tuple[int, models.User], foreign: str
) -> None:
    assignment_id, student = quiz
    first = attempt_service.start_or_resume(session, student, assignment_id, NOW)
    first_key = PageIds(SECRET, first.id).name("city", "a")
    attempt_service.submit_attempt(session, student, first.id, NOW)
    attempt = attempt_service.start_or_resume(session, student, assignment_id, NOW)
    view = attempt_service.attempt_view(session, student, attempt.id, NOW, secret=SECRET)
    city = next(q for q in view.questions if q.id == "city")
    kept = {"city": {"choice": city.options[1].id}, "friend": {"answer": "Bo"}}
    attempt_service.save_page_answers(session, student, attempt.id, kept, 1, NOW, secret=SECRET)
    before = stored(session, attempt.id)
    name = {"a": "a", "position letter": "b", "another attempt's key": first_key}[foreign]
    for answers in (
        {"city": {"choice": name}, "friend": {"answer": "Cy"}},
        {"seen": {name: "1"}},
        {"order": {name: "1"}},
        {"where-met": {"sentence": name}},
    ):
        with pytest.raises(InvalidInput, match="reload the page"):
            attempt_service.save_page_answers(
                session, student, attempt.id, answers, 2, NOW, secret=SECRET
            )
    assert stored(session, attempt.id) == before
    assert before["friend"] == {"answer": "Bo"}


def test_page_names_map_back_to_the_banks_ids() -> None:
    bank = load_bank_text(BANK)
    page_ids = PageIds(SECRET, 7)
    for question in bank.questions:
        key = question.correct_response()
        on_page = page_ids.to_page(question, key)
        assert page_ids.from_page(question, on_page) == key
        if question.option_ids():
            assert on_page != key
