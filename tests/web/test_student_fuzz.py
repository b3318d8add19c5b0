"""The answer-save endpoint under random input (hypothesis): whatever JSON a client posts, the
answer is 200, 400 or 409 with a JSON body, never a 500; and the quiz page still renders after."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
import sqlalchemy.orm as so
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizapp.config import PROJECT_ROOT
from quizapp.db import models
from quizapp.services import accounts, assignments, classes
from quizapp.services import banks as bank_service

SAMPLE_BANK = PROJECT_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
QUESTION_IDS = ["host-city", "turkish-lead", "both-leads", "no-such-question", ""]

QUESTION_KEYS = st.sampled_from(QUESTION_IDS) | st.text(max_size=8)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.text(max_size=30),  # lone surrogates and NUL included
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELDS = st.dictionaries(
    st.sampled_from(["answer", "choice", "a", "b", "order", "0", ""]) | st.text(max_size=8),
    JSON_VALUES,
    max_size=4,
)
SAVES = st.fixed_dictionaries(
    {
        "seq": st.one_of(st.integers(min_value=-5, max_value=2**64), JSON_VALUES),
        "answers": st.one_of(
            st.dictionaries(
                st.sampled_from(QUESTION_IDS) | st.text(max_size=8), FIELDS, max_size=4
            ),
            JSON_VALUES,
        ),
    }
)
BODIES = st.one_of(SAVES.map(json.dumps), JSON_VALUES.map(json.dumps), st.text(max_size=60))


@pytest.fixture
def attempt_url(
    client: FlaskClient,
    login: Callable[[str], None],
    session: so.Session,
    make_user: Callable[..., models.User],
) -> str:
    teacher = make_user("ms-lee", models.TEACHER, "Ms Lee")
    student = make_user("ada", display_name="Ada")
    room = classes.create_class(session, teacher, "9A")
    accounts.join_classroom(session, student, room.join_code)
    bank_service.import_paths(session, [SAMPLE_BANK])
    version = bank_service.find_version(session, "turkey-egypt-talks-2021")
    settings_ = assignments.AssignmentSettings(title="Talks", feedback_timing="after_submit")
    assignment = assignments.assign_bank(session, teacher, room.id, version.bank_id, settings_)
    login("ada")
    started = client.post(f"/student/quizzes/{assignment.id}/start")
    match = re.search(r"/student/attempts/\d+$", started.headers["Location"])
    assert match is not None
    return match.group(0)


@settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=BODIES)
def test_any_body_posted_to_the_save_endpoint_is_answered_without_a_500(
    client: FlaskClient, attempt_url: str, body: Any
) -> None:
    response = client.post(
        f"{attempt_url}/answers",
        data=body.encode("utf-8", "surrogatepass"),
        content_type="application/json",
        headers={"Accept": "application/json"},
    )
    assert response.status_code in {200, 400, 409}, response.get_data(as_text=True)
    assert response.is_json
    assert client.get(attempt_url).status_code == 200


@pytest.mark.parametrize("seq", [2**31, 2**63, 2**64 + 1, -1])
def test_a_save_number_out_of_range_is_a_clear_400(
    client: FlaskClient, attempt_url: str, seq: int
) -> None:
    response = client.post(
        f"{attempt_url}/answers",
        json={"seq": seq, "answers": {"turkish-lead": {"answer": "Sedat Onal"}}},
    )
    assert response.status_code == 400, response.get_data(as_text=True)
    assert "seq" in response.get_json()["message"]
