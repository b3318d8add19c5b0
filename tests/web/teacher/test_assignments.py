"""Assigning a bank through the test client: the form, its problems, editing and closing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.config import Config
from quizapp.db import models
from quizapp.services import assignments, banks
from tests.conftest import TEST_PASSWORD, AppFactory
from tests.web.teacher.conftest import (
    Login,
    World,
    fresh,
    page,
)

# --- assignments -----------------------------------------------------------------------------


def test_assign_form_starts_from_the_banks_settings(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    html = page(client, f"/teacher/classes/{world.classroom.id}/assign?bank={world.mini.id}")
    assert 'name="attempts_allowed"' in html and 'value="3"' in html
    assert re.search(r'<option selected value="last">|<option value="last" selected>', html)
    shared = page(client, f"/teacher/classes/{world.classroom.id}/assign?bank={world.shared.id}")
    assert 'value="2"' in shared  # the sample bank allows two attempts


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"closes_at": "2030-03-01T08:00"}, "The closing time must come after the opening time."),
        ({"attempts_allowed": "0"}, "Allow at least 1 attempt, or leave empty for unlimited."),
        ({"attempts_allowed": "two"}, "Not a valid integer value."),
        ({"time_limit_minutes": "0"}, "A time limit is at least 1 minute"),
        ({"grading_method": "best"}, "Not a valid choice."),
        ({"title": ""}, "This field is required."),
    ],
)
def test_bad_assignment_values_are_explained_and_kept(
    client: FlaskClient,
    world: World,
    login: Login,
    session: so.Session,
    change: dict[str, str],
    message: str,
) -> None:
    login("ms-lee")
    form = {
        "bank_id": str(world.shared.id),
        "title": "Week 2 reading",
        "opens_at": "2030-03-01T09:00",
        "closes_at": "2030-03-08T09:00",
        "attempts_allowed": "2",
        "grading_method": "highest",
        "feedback_timing": "after_submit",
        "time_limit_minutes": "30",
    }
    form.update(change)
    response = client.post(f"/teacher/classes/{world.classroom.id}/assign", data=form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html
    assert "Nothing was saved" in html
    for name in ("opens_at", "title", "time_limit_minutes"):
        if form[name] and name not in change:
            assert f'value="{form[name]}"' in html, name
    assert len(assignments.list_assignments(fresh(session), world.teacher, world.classroom.id)) == 1


def test_assign_edit_and_close(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    response = client.post(
        f"/teacher/classes/{world.classroom.id}/assign",
        data={
            "bank_id": str(world.shared.id),
            "title": "Week 2 reading",
            "opens_at": "2030-03-01T09:00",
            "closes_at": "",
            "attempts_allowed": "",
            "grading_method": "average",
            "feedback_timing": "after_close",
            "time_limit_minutes": "",
        },
    )
    assert response.status_code == 302
    made = assignments.list_assignments(fresh(session), world.teacher, world.classroom.id)[0]
    assert (made.title, made.attempts_allowed, made.grading_method) == (
        "Week 2 reading",
        None,
        "average",
    )
    assert made.opens_at == dt.datetime(2030, 3, 1, 9, tzinfo=dt.UTC)
    assert "Week 2 reading" in page(client, f"/teacher/classes/{world.classroom.id}")

    edit = page(client, f"/teacher/assignments/{made.id}/edit")
    assert 'value="2030-03-01T09:00"' in edit
    response = client.post(
        f"/teacher/assignments/{made.id}/edit",
        data={
            "bank_id": str(world.shared.id),
            "title": "Week 2 (extended)",
            "opens_at": "2030-03-01T09:00",
            "attempts_allowed": "1",
            "grading_method": "first",
            "feedback_timing": "after_submit",
        },
    )
    assert response.status_code == 302
    fresh(session).refresh(made)
    assert (made.title, made.attempts_allowed) == ("Week 2 (extended)", 1)
    assert client.post(f"/teacher/assignments/{made.id}/close").status_code == 302
    fresh(session).refresh(made)
    assert made.closes_at is not None


def assign_form(bank_id: int, **change: str) -> dict[str, str]:
    form = {
        "bank_id": str(bank_id),
        "title": "Week 3 reading",
        "opens_at": "2030-07-01T09:00",
        "closes_at": "",
        "attempts_allowed": "2",
        "grading_method": "highest",
        "feedback_timing": "after_submit",
        "time_limit_minutes": "",
    }
    return form | change


def test_the_bank_selected_is_the_bank_assigned_and_named_with_its_size(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/classes/{world.classroom.id}/assign"
    html = page(client, url)
    first = re.search(r'<select[^>]*name="bank_id"[^>]*>\s*<option[^>]*value="(\d+)"', html)
    assert first is not None
    # Whichever bank the form starts on, the one selected when Assign is pressed is assigned.
    chosen = world.mini if int(first[1]) != world.mini.id else world.shared
    response = client.post(url, data=assign_form(chosen.id), follow_redirects=True)
    html = response.get_data(as_text=True)
    version = banks.newest_version(fresh(session), chosen.id)
    assert version is not None
    count = len(banks.load_version_bank(version).questions)
    assert f"the bank {chosen.title}, {count} question(s)." in html
    made = assignments.list_assignments(fresh(session), world.teacher, world.classroom.id)
    assert {a.title: a.bank_version.bank_id for a in made}["Week 3 reading"] == chosen.id


def test_use_this_banks_settings_refills_the_form_and_assigns_nothing(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    url = f"/teacher/classes/{world.classroom.id}/assign"
    form = assign_form(world.mini.id, attempts_allowed="9", use_bank="1")
    response = client.post(url, data=form)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="3"' in html and 'value="9"' not in html  # the mini bank's own attempts
    assert re.search(rf'<option selected value="{world.mini.id}">', html)
    assert len(assignments.list_assignments(fresh(session), world.teacher, world.classroom.id)) == 1


def assign_week_3_at_nine(
    client: FlaskClient, world: World, session: so.Session
) -> tuple[models.Assignment, dt.datetime]:
    """Assign the mini bank as typed on the form, opening on 1 July 2030 at 09:00; the
    assignment made and its opening time as stored, in UTC."""
    url = f"/teacher/classes/{world.classroom.id}/assign"
    response = client.post(url, data=assign_form(world.mini.id, opens_at="2030-07-01T09:00"))
    assert response.status_code == 302
    made = next(
        a
        for a in assignments.list_assignments(fresh(session), world.teacher, world.classroom.id)
        if a.title == "Week 3 reading"
    )
    assert made.opens_at is not None
    return made, made.opens_at.replace(tzinfo=dt.UTC)


def test_times_are_entered_and_shown_in_the_schools_time_zone(
    make_app: AppFactory, config: Config, world: World, session: so.Session
) -> None:
    app = make_app(dataclasses.replace(config, time_zone="Europe/London"))
    client = app.test_client()
    client.post("/login", data={"username": "ms-lee", "password": TEST_PASSWORD})
    url = f"/teacher/classes/{world.classroom.id}/assign"
    assert "Europe/London" in page(client, url)
    made, opens_at = assign_week_3_at_nine(client, world, session)
    # 09:00 in London in July is 08:00 UTC; every page shows it back as 09:00 BST.
    assert opens_at == dt.datetime(2030, 7, 1, 8, tzinfo=dt.UTC)
    assert 'value="2030-07-01T09:00"' in page(client, f"/teacher/assignments/{made.id}/edit")
    assert "2030-07-01 09:00 BST" in page(client, f"/teacher/classes/{world.classroom.id}")


def test_a_teacher_who_chose_her_own_time_zone_enters_and_sees_times_in_it(
    make_app: AppFactory, config: Config, world: World, session: so.Session
) -> None:
    app = make_app(dataclasses.replace(config, time_zone="Europe/London"))
    client = app.test_client()
    client.post("/login", data={"username": "ms-lee", "password": TEST_PASSWORD})
    account = page(client, "/account/password")
    assert "The school&#39;s time zone (Europe/London)" in account
    assert '<option value="America/New_York">America/New York</option>' in account
    response = client.post("/account/time-zone", data={"time_zone": "America/New_York"})
    assert response.status_code == 302
    assert "Dates are now shown and entered in America/New_York." in page(
        client, "/account/password"
    )
    url = f"/teacher/classes/{world.classroom.id}/assign"
    assert "your own time zone, America/New_York" in page(client, url)
    made, opens_at = assign_week_3_at_nine(client, world, session)
    # 09:00 in New York in July is 13:00 UTC, shown to her as 09:00 EDT
    assert opens_at == dt.datetime(2030, 7, 1, 13, tzinfo=dt.UTC)
    assert 'value="2030-07-01T09:00"' in page(client, f"/teacher/assignments/{made.id}/edit")
    assert "2030-07-01 09:00 EDT" in page(client, f"/teacher/classes/{world.classroom.id}")
    # her choice is hers: another teacher keeps the school's zone
    other = app.test_client()
    other.post("/login", data={"username": "mr-kay", "password": TEST_PASSWORD})
    assert '<option selected value="">' in page(other, "/account/password")
    assert '<option selected value="America/New_York">' in page(client, "/account/password")
    # a made-up zone is refused with the way out, and the choice stays as it was
    refused = client.post("/account/time-zone", data={"time_zone": "Mars/Olympus"})
    assert refused.status_code == 400
    assert "no time zone name" in refused.get_data(True)
    assert "2030-07-01 09:00 EDT" in page(client, f"/teacher/classes/{world.classroom.id}")
    # the empty choice goes back to the school's zone
    client.post("/account/time-zone", data={"time_zone": ""})
    assert "2030-07-01 14:00 BST" in page(client, f"/teacher/classes/{world.classroom.id}")


def test_grading_is_shown_in_words(client: FlaskClient, world: World, login: Login) -> None:
    login("ms-lee")
    html = page(client, f"/teacher/classes/{world.classroom.id}")
    assert world.assignment.grading_method == "highest"
    assert '<td data-label="Grading">best attempt</td>' in html and "highest" not in html
