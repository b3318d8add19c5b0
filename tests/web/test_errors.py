"""Error pages through the test client: the reader's own navigation, plain words, a favicon."""

from __future__ import annotations

from collections.abc import Callable

from flask.testing import FlaskClient

from quizapp.db import models

WERKZEUG_400 = "The browser (or proxy) sent a request that this server could not understand."


def test_a_teachers_error_page_keeps_the_teachers_navigation(
    client: FlaskClient, make_user: Callable[..., models.User], login: Callable[[str], None]
) -> None:
    make_user("ms-lee", models.TEACHER)
    login("ms-lee")
    missing = client.get("/teacher/classes/999999")
    assert missing.status_code == 404
    html = missing.get_data(as_text=True)
    assert 'href="/teacher/banks"' in html and "Log out" in html

    bad = client.get("/teacher/export.csv?layout=nonsense")
    assert bad.status_code == 400
    html = bad.get_data(as_text=True)
    assert WERKZEUG_400 not in html
    assert "Part of what was sent could not be read." in html
    assert 'href="/teacher/banks"' in html


def test_a_students_and_a_visitors_error_pages_keep_theirs(
    client: FlaskClient, make_user: Callable[..., models.User], login: Callable[[str], None]
) -> None:
    assert 'href="/login"' in client.get("/no-such-page").get_data(as_text=True)
    make_user("ana")
    login("ana")
    html = client.get("/no-such-page").get_data(as_text=True)
    assert ">My quizzes</a>" in html and ">Progress</a>" in html
    wrong_method = client.put("/login")
    assert wrong_method.status_code == 405
    assert "Use the page&#39;s own links and buttons." in wrong_method.get_data(as_text=True)


def test_every_page_names_a_favicon_and_the_usual_address_finds_it(client: FlaskClient) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    asked = client.get("/favicon.ico")
    assert asked.status_code == 301 and asked.headers["Location"].endswith("/static/favicon.svg")
    icon = client.get("/static/favicon.svg")
    assert icon.status_code == 200 and icon.mimetype == "image/svg+xml"
    assert icon.get_data(as_text=True).startswith("<svg")
    icon.close()
