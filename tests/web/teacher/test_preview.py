"""A bank previewed as a student through the test client: what the page shows, its order, and
that it records nothing."""

from __future__ import annotations

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.db import models
from quizapp.services import banks
from quizapp.services.attempts import preview
from tests.web.teacher.conftest import Login, World, fresh, page

SHUFFLED = """\
schema: 1
id: shuffled
title: Shuffled quiz
quiz: {shuffle_questions: true, shuffle_choices: true}
questions:
""" + "".join(
    f"""\
  - id: q{n}
    type: multiple_choice
    prompt: Question number {n}?
    choices: [{{text: right {n}, correct: true}}, wrong {n}a, wrong {n}b, wrong {n}c]
"""
    for n in range(1, 9)
)


def counts(session: so.Session) -> tuple[int | None, int | None]:
    fresh(session)
    return (
        session.scalar(sa.select(sa.func.count()).select_from(models.Attempt)),
        session.scalar(sa.select(sa.func.count()).select_from(models.Response)),
    )


def test_the_preview_shows_the_quiz_with_a_banner_and_records_nothing(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    before = counts(session)
    login("ms-lee")
    html = page(client, f"/teacher/banks/{world.mini.id}/preview")
    assert "Preview — nothing is saved" in html
    assert "Which city hosted the talks?" in html and "Turkish diplomats arrived" in html
    assert 'type="radio"' in html and 'name="turkish-lead.answer"' in html
    # Nothing to post: no quiz form, no save or submit button, no autosave script.
    assert "<form" not in html.split('id="quiz-layout"', 1)[1]
    assert "Submit and finish" not in html and "quiz.js" not in html
    # Options go by page names, as on a student's page, never the bank's ids or the key.
    assert 'value="a"' not in html and "the right answer" not in html
    assert counts(session) == before


def test_a_shared_bank_can_be_previewed_and_the_bank_page_links_to_it(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    assert f'href="/teacher/banks/{world.shared.id}/preview"' in page(
        client, f"/teacher/banks/{world.shared.id}"
    )
    html = page(client, f"/teacher/banks/{world.shared.id}/preview")
    assert "Preview — nothing is saved" in html and "Which city hosted the consultations?" in html


def test_the_preview_draws_a_students_order_of_questions_and_choices(
    session: so.Session, world: World
) -> None:
    bank_id = banks.save_bank_text(session, SHUFFLED, user=world.teacher).bank_id

    def order(seed: str) -> tuple[list[str], list[str]]:
        view = preview.preview_bank(session, world.teacher, bank_id, secret="s", seed=seed)
        return [q.id for q in view.questions], [o.text for o in view.questions[0].options]

    authored = [f"q{n}" for n in range(1, 9)]
    drawn = {seed: order(seed) for seed in ("one", "two", "three")}
    assert all(sorted(questions) == sorted(authored) for questions, _ in drawn.values())
    assert any(questions != authored for questions, _ in drawn.values())
    assert any(not choices[0].startswith("right") for _, choices in drawn.values())
    assert order("one") == drawn["one"]  # a seed draws the same order again


def test_another_teachers_bank_is_not_found(
    session: so.Session, world: World, client: FlaskClient, login: Login
) -> None:
    login("mr-kay")
    html = page(client, f"/teacher/banks/{world.mini.id}/preview", 404)
    assert "Which city hosted the talks" not in html
