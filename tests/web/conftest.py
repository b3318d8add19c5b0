"""Fixtures the web tests share: a teacher logged in through the real login form."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from flask import Flask

from quizapp.db import models


@pytest.fixture
def teacher(
    app: Flask, make_user: Callable[..., models.User], login: Callable[[str], None]
) -> models.User:
    """Ms Lee, a teacher, logged in on the test client."""
    user = make_user("ms-lee", role=models.TEACHER)
    login("ms-lee")
    return user
