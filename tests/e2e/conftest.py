"""Browser-test fixtures: Debian's Chromium driven by Playwright against a live quizapp server.

Each test gets quizapp served for real (werkzeug's threaded server on a free loopback port, a
fresh SQLite database in the test's temporary folder, CSRF on), a Chromium launched once per run,
and helpers to seed the database through the services, scan a page with axe-core, and save
screenshots for the README. Without ``/usr/bin/chromium`` the browser tests skip, except under CI
(the ``CI`` variable set), where a missing browser fails the run instead of hiding it.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy.orm as so
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import BaseWSGIServer, make_server

from quizapp.config import Config
from quizapp.db import models
from quizapp.db.engine import make_engine, make_session_factory
from tests.conftest import drafting_runner

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_BANK = REPO_ROOT / "question_banks" / "turkey-egypt-talks-2021.yaml"
SCREENSHOTS = REPO_ROOT / "docs" / "screenshots"
AXE_SCRIPT = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
PASSWORD = "correct horse battery"
# Waits (not assertions): how long Playwright looks for an element before it gives up.
WAIT_MS = 15_000
WIDE = {"width": 1400, "height": 900}
PHONE = {"width": 390, "height": 844}
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

_AXE_RESULTS = pytest.StashKey[list["AxeViolation"]]()
_AXE_PAGES = pytest.StashKey[list[str]]()
_AXE_BYPASSED = pytest.StashKey[list[str]]()

_RUN_AXE = """async () => {
  const result = await window.axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    rule: v.id,
    impact: v.impact || "unknown",
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


# --- the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """Debian's Chromium; skip (or, under CI, fail) when it is not installed."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    message = f"{CHROMIUM} is not installed (Debian package 'chromium')"
    if under_ci():
        pytest.fail(f"{message}; under CI the browser tests must run.", pytrace=False)
    pytest.skip(f"{message}; browser tests skipped.")


@pytest.fixture(scope="session")
def playwright_driver(chromium_executable: Path) -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright, chromium_executable: Path) -> Iterator[Browser]:
    launched = playwright_driver.chromium.launch(
        executable_path=str(chromium_executable), headless=True, args=CHROMIUM_ARGS
    )
    yield launched
    launched.close()


@dataclass
class BrowserErrors:
    """Uncaught script errors seen on any page of the test (each a page URL and message)."""

    seen: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        context.on("page", self._watch_page)

    def _watch_page(self, page: Page) -> None:
        page.on("pageerror", lambda error: self.seen.append(f"{page.url}: {error}"))


@pytest.fixture
def browser_errors() -> BrowserErrors:
    return BrowserErrors()


NewContext = Callable[..., BrowserContext]


@pytest.fixture
def new_context(browser: Browser, browser_errors: BrowserErrors) -> Iterator[NewContext]:
    """Open browser contexts (separate cookie jars: one per person); all closed at the end."""
    opened: list[BrowserContext] = []

    def open_context(**options: Any) -> BrowserContext:
        options.setdefault("viewport", WIDE)
        context = browser.new_context(**options)
        context.set_default_timeout(WAIT_MS)
        browser_errors.watch(context)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()


# --- the live server ---------------------------------------------------------------------------


@dataclass
class LiveServer:
    """quizapp served on ``url``, with a session factory on the same database for seeding."""

    url: str
    config: Config
    app: Flask
    sessions: so.sessionmaker[so.Session]
    sample_bank_path: Path = SAMPLE_BANK

    def session(self) -> so.Session:
        return self.sessions()

    def teacher(self, username: str = "teacher", display_name: str = "Ms Teacher") -> models.User:
        from quizapp.services import accounts

        with self.session() as session:
            return accounts.create_user(
                session,
                username=username,
                password=PASSWORD,
                role=models.TEACHER,
                display_name=display_name,
            )

    def import_sample_bank(self) -> int:
        """Import the sample bank from question_banks/ and return its bank id."""
        import sqlalchemy as sa

        from quizapp.services import banks

        with self.session() as session:
            banks.import_paths(session, [SAMPLE_BANK])
            bank_id = session.scalar(
                sa.select(models.Bank.id).where(models.Bank.slug == "turkey-egypt-talks-2021")
            )
        assert bank_id is not None, "importing the sample bank created no bank"
        return bank_id

    def classroom(self, teacher: models.User, name: str = "Year 9 Reading") -> models.Classroom:
        from quizapp.services import classes

        with self.session() as session:
            return classes.create_class(session, teacher, name)

    def assign(
        self, teacher: models.User, classroom: models.Classroom, bank_id: int, **settings: Any
    ) -> models.Assignment:
        """Assign the bank with its own quiz settings, changed by ``settings``."""
        from dataclasses import replace

        from quizapp.services import assignments

        with self.session() as session:
            chosen = replace(assignments.default_settings(session, teacher, bank_id), **settings)
            return assignments.assign_bank(session, teacher, classroom.id, bank_id, chosen)

    def student(
        self, username: str, classroom: models.Classroom, display_name: str = ""
    ) -> models.User:
        from quizapp.services import accounts

        with self.session() as session:
            user = accounts.create_user(
                session,
                username=username,
                password=PASSWORD,
                role=models.STUDENT,
                display_name=display_name or username.title(),
            )
            accounts.join_classroom(session, user, classroom.join_code)
            return user


@contextmanager
def serve_quizapp(folder: Path, *, drafting: bool = False, **settings: Any) -> Iterator[LiveServer]:
    """Serve a new quizapp on a fresh SQLite database in ``folder`` until the block ends; with
    ``drafting``, a drafting runner beside it, as ``quizapp serve`` starts one. ``settings``
    change the configuration."""
    from quizapp.web.app import create_app
    from quizapp.web.db import dispose_engine

    config = Config(
        instance_path=folder / "instance",
        database_url=f"sqlite:///{folder / 'quizapp.sqlite'}",
        secret_key="browser-test-secret",
        **settings,
    )
    app = create_app(config)  # CSRF stays on: the browser posts the real forms
    # One line per request would bury a failure's report; problems are still logged.
    request_log = logging.getLogger("werkzeug")
    previous_level = request_log.level
    request_log.setLevel(logging.WARNING)
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="quizapp-live", daemon=True)
    thread.start()
    engine = make_engine(config.database_url)
    try:
        with drafting_runner(config) if drafting else nullcontext():
            yield LiveServer(
                url=f"http://127.0.0.1:{server.server_port}",
                config=config,
                app=app,
                sessions=make_session_factory(engine),
            )
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        engine.dispose()
        dispose_engine(app)
        request_log.setLevel(previous_level)


@pytest.fixture
def live_server(tmp_path: Path, chromium_executable: Path) -> Iterator[LiveServer]:
    with serve_quizapp(tmp_path) as server:
        yield server


@pytest.fixture
def drafting_live_server(tmp_path: Path, chromium_executable: Path) -> Iterator[LiveServer]:
    """A live server with a drafting runner, for the pages that draft from an article."""
    with serve_quizapp(tmp_path, drafting=True) as server:
        yield server


@pytest.fixture(scope="module")
def module_live_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_executable: Path
) -> Iterator[LiveServer]:
    """One server for a whole module whose tests only read (each page scanned, say)."""
    with serve_quizapp(tmp_path_factory.mktemp("live")) as server:
        yield server


# --- people using the pages ------------------------------------------------------------------


def log_in(page: Page, server: LiveServer, username: str, password: str = PASSWORD) -> None:
    """Log in through the real login form and wait for the landing page."""
    page.goto(f"{server.url}/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(lambda url: "/login" not in url)


@pytest.fixture(scope="session")
def login() -> Callable[..., None]:
    return log_in


_SELECT_WORDS = """(words) => {
  const article = document.querySelector("[data-ask-article]");
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode()) && !node.textContent.includes(words)) {}
  const start = node.textContent.indexOf(words);
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, start + words.length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}"""


def select_words(page: Page, words: str) -> None:
    """Select ``words`` in the page's article (``[data-ask-article]``), as a mouse would."""
    page.evaluate(_SELECT_WORDS, words)


@pytest.fixture(scope="session")
def select_in_article() -> Callable[[Page, str], None]:
    return select_words


# --- accessibility -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AxeViolation:
    page: str
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    @property
    def blocking(self) -> bool:
        """Serious or critical: an accessible page may not have it."""
        return self.impact in BLOCKING_IMPACTS

    def format(self) -> str:
        where = ", ".join(self.targets[:5]) + (" ..." if len(self.targets) > 5 else "")
        return f"[{self.impact}] {self.page}: {self.rule} - {self.help} ({where})"


AxeScan = Callable[[Page, str], list[AxeViolation]]


def _run_axe(page: Page) -> list[dict[str, Any]]:
    try:
        page.add_script_tag(path=AXE_SCRIPT)
    except PlaywrightError as error:
        if "Content Security Policy" not in str(error):
            raise
        raise _AxeBlocked from error
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        raise _AxeBlocked
    result: list[dict[str, Any]] = page.evaluate(_RUN_AXE)
    return result


class _AxeBlocked(Exception):
    """The page's Content-Security-Policy kept the injected axe-core from running."""


@pytest.fixture
def axe_scan(request: pytest.FixtureRequest, browser: Browser) -> AxeScan:
    """Scan the page as it is now with axe-core; record and return every violation.

    The app's CSP allows only its own scripts, so when the injected axe-core is blocked the same
    URL is scanned again in a context that bypasses CSP (with the page's cookies and storage).
    """
    results = request.config.stash.setdefault(_AXE_RESULTS, [])
    pages = request.config.stash.setdefault(_AXE_PAGES, [])
    bypassed = request.config.stash.setdefault(_AXE_BYPASSED, [])

    def scan(page: Page, label: str) -> list[AxeViolation]:
        page.wait_for_load_state("load")
        try:
            found = _run_axe(page)
        except _AxeBlocked:
            context = browser.new_context(
                bypass_csp=True,
                storage_state=page.context.storage_state(),
                viewport=page.viewport_size,
            )
            try:
                copy = context.new_page()
                copy.goto(page.url)
                # The copy must show the same page, not a login form it was sent to instead.
                assert copy.url == page.url, f"the copy of {page.url} went to {copy.url}"
                found = _run_axe(copy)
                bypassed.append(label)
            finally:
                context.close()
        pages.append(label)
        violations = [
            AxeViolation(label, v["rule"], v["impact"], v["help"], tuple(v["targets"]))
            for v in found
        ]
        results.extend(violations)
        return violations

    return scan


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    pages = config.stash.get(_AXE_PAGES, [])
    if not pages:
        return
    violations = config.stash.get(_AXE_RESULTS, [])
    terminalreporter.section("axe-core accessibility scan")
    terminalreporter.write_line(f"{len(pages)} page scan(s): {', '.join(pages)}")
    bypassed = config.stash.get(_AXE_BYPASSED, [])
    if bypassed:
        terminalreporter.write_line(
            f"{len(bypassed)} of them in a copy opened with CSP bypassed: the app's CSP blocks"
            " the injected axe-core, as it should"
        )
    if not violations:
        terminalreporter.write_line("no violations of any impact")
    for violation in violations:
        terminalreporter.write_line(violation.format())


# --- screenshots -------------------------------------------------------------------------------


@pytest.fixture
def screenshot(tmp_path: Path) -> Callable[..., Path]:
    """Take ``<name>.png``: into ``docs/screenshots/`` when ``QUIZAPP_UPDATE_SCREENSHOTS`` is set
    (to refresh the README's pictures), else into the test's temporary folder, so that an
    ordinary run never rewrites tracked files."""
    folder = SCREENSHOTS if os.environ.get("QUIZAPP_UPDATE_SCREENSHOTS") else tmp_path

    def save(page: Page, name: str, *, full_page: bool = False) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page, animations="disabled")
        assert path.stat().st_size > 0
        return path

    return save
