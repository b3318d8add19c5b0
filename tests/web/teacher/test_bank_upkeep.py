"""Renaming, archiving and duplicating banks through the bank page's forms."""

from __future__ import annotations

import sqlalchemy as sa
import sqlalchemy.orm as so
from flask.testing import FlaskClient

from quizapp.db import models
from tests.web.teacher.conftest import Login, World, fresh, page


def test_renaming_from_the_bank_page(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    bank_url = f"/teacher/banks/{world.mini.id}"
    html = page(client, bank_url)
    assert "Look after this bank" in html and 'value="Mini quiz"' in html
    response = client.post(f"{bank_url}/rename", data={"title": "Cairo talks"})
    assert response.status_code == 302
    assert "Renamed to Cairo talks (version 2)" in page(client, bank_url)
    # The assignment keeps its version; the new title is in the lists.
    assignment = fresh(session).get(models.Assignment, world.assignment.id)
    assert assignment is not None and assignment.bank_version.number == 1
    assert "Cairo talks" in page(client, "/teacher/banks")
    refused = client.post(f"{bank_url}/rename", data={"title": ""})
    assert refused.status_code == 400 and "Give the bank a title." in refused.get_data(True)


def test_archiving_hides_the_bank_until_it_is_restored(
    client: FlaskClient, world: World, login: Login
) -> None:
    login("ms-lee")
    bank_url = f"/teacher/banks/{world.mini.id}"
    response = client.post(f"{bank_url}/archive")
    assert response.status_code == 302
    assert "its assignments keep working" in page(client, response.headers["Location"])
    listing = page(client, "/teacher/banks")
    archived = listing[listing.index("Archived banks") :]
    assert "Mini quiz" in archived and "Mini quiz" not in listing[: listing.index("Archived banks")]
    assign = page(client, f"/teacher/classes/{world.classroom.id}/assign")
    assert "Mini quiz" not in assign
    # The assignment's results still open, and so does the student's attempt.
    page(client, f"/teacher/assignments/{world.assignment.id}/results")
    assert "Restore to my lists" in page(client, bank_url)
    assert client.post(f"{bank_url}/restore").status_code == 302
    assert "Mini quiz" in page(client, f"/teacher/classes/{world.classroom.id}/assign")


def test_duplicating_a_shared_bank_makes_my_copy(
    client: FlaskClient, world: World, login: Login, session: so.Session
) -> None:
    login("ms-lee")
    shared_url = f"/teacher/banks/{world.shared.id}"
    html = page(client, shared_url)
    assert "Make my own copy" in html and "Archive this bank" not in html
    assert f'action="/teacher/banks/{world.shared.id}/rename"' not in html
    response = client.post(f"{shared_url}/duplicate", data={"title": ""})
    assert response.status_code == 302
    copy = fresh(session).scalar(
        sa.select(models.Bank).where(models.Bank.slug == f"{world.shared.slug}-copy")
    )
    assert copy is not None and copy.owner_id == world.teacher.id
    assert response.headers["Location"].endswith(f"/teacher/banks/{copy.id}")
    assert "Edit the YAML" in page(client, response.headers["Location"])
    # Renaming or archiving the shared bank itself is refused with the way out.
    refused = client.post(f"{shared_url}/archive")
    assert refused.status_code == 403 and "make your own copy" in refused.get_data(True)


def test_bank_upkeep_posts_need_a_csrf_token(
    csrf_client: FlaskClient, world: World, session: so.Session
) -> None:
    for action, data in [("rename", {"title": "x"}), ("archive", {}), ("duplicate", {})]:
        response = csrf_client.post(f"/teacher/banks/{world.mini.id}/{action}", data=data)
        assert response.status_code == 400, action
    bank = fresh(session).get(models.Bank, world.mini.id)
    assert bank is not None and (bank.title, bank.archived_at) == ("Mini quiz", None)
    assert fresh(session).scalar(sa.select(sa.func.count(models.Bank.id))) == 2
