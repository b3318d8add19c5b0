"""The bank YAML editor in Chromium: CodeMirror over the form's text box, with line numbers,
Tab indenting, long lines kept whole, the server's problems as markers at their line and column,
links that put the cursor there, and the plain text box when JavaScript is off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Page, expect

from quizapp.db import models
from quizapp.services import banks

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import AxeScan, LiveServer, NewContext

pytestmark = pytest.mark.e2e

# The caret in the editor: its line's text and its 1-based column, read from the selection in
# the editor's shadow root.
CARET = """() => {
  const selection = document.querySelector(".bank-editor").shadowRoot.getSelection();
  const line = selection.focusNode.parentElement.closest(".cm-line");
  const before = document.createRange();
  before.setStart(line, 0);
  before.setEnd(selection.focusNode, selection.focusOffset);
  return [line.textContent, before.toString().length + 1];
}"""


def own_bank(server: LiveServer, teacher: models.User) -> int:
    text = server.sample_bank_path.read_text(encoding="utf-8")
    text = text.replace("id: turkey-egypt-talks-2021", "id: my-talks", 1)
    with server.session() as session:
        return banks.save_bank_text(session, text, user=teacher).bank_id


def open_editor(server: LiveServer, new_context: NewContext, login: Callable[..., None]) -> Page:
    bank_id = own_bank(server, server.teacher())
    page = new_context().new_page()
    login(page, server, "teacher")
    page.goto(f"{server.url}/teacher/banks/{bank_id}/edit")
    return page


def test_the_editor_marks_the_servers_problems_and_its_links_jump_there(
    live_server: LiveServer,
    new_context: NewContext,
    login: Callable[..., None],
    axe_scan: AxeScan,
) -> None:
    page = open_editor(live_server, new_context, login)
    expect(page.locator(".cm-editor")).to_be_visible()
    expect(page.locator("textarea#yaml_text")).to_be_hidden()
    expect(page.locator(".cm-lineNumbers .cm-gutterElement", has_text="12")).to_be_visible()
    # A key nobody knows, typed under the title: Enter keeps the title's indent.
    page.locator(".cm-line", has_text="title:").first.click()
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.type("colour: blue")
    page.get_by_role("button", name="Save as a new version").click()

    link = page.locator("li", has_text="unknown key 'colour'").locator("[data-yaml-line]")
    line = int(link.get_attribute("data-yaml-line") or 0)
    column = int(link.get_attribute("data-yaml-column") or 0)
    posted = page.locator("textarea#yaml_text").input_value()
    assert posted.split("\n")[line - 1].strip() == "colour: blue"  # the form posted the edit
    marked = page.locator(".cm-lintRange-error")
    expect(marked).to_have_count(1)
    expect(marked).to_have_text("colour: blue")
    expect(page.locator(".cm-lint-marker-error")).to_have_count(1)

    # The editor draws only the lines in view: the link scrolls back to the problem's line.
    page.locator(".cm-scroller").evaluate("(scroller) => { scroller.scrollTop = 1e9; }")
    expect(page.locator(".cm-line", has_text="colour: blue")).to_have_count(0)
    link.click()
    expect(page.locator(".cm-content")).to_be_focused()
    text, caret_column = page.evaluate(CARET)
    assert (text.strip(), caret_column) == ("colour: blue", column)
    expect(page.locator(".cm-activeLine")).to_have_text(posted.split("\n")[line - 1])
    assert axe_scan(page, "bank editor with problems") == []


def test_tab_indents_and_long_lines_do_not_wrap(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    page = open_editor(live_server, new_context, login)
    line = page.locator(".cm-line", has_text="title:").first
    line.click()
    page.keyboard.press("Home")
    page.keyboard.press("Tab")
    expect(page.locator(".cm-content")).to_be_focused()  # Tab stayed in the editor
    box = page.locator("textarea#yaml_text")
    assert any(row.startswith("  title:") for row in box.input_value().split("\n"))
    # The article's longest line runs past the editor's width instead of wrapping.
    widths = page.locator(".cm-scroller").evaluate("(s) => [s.scrollWidth, s.clientWidth]")
    assert widths[0] > widths[1]
    assert page.locator(".cm-content").evaluate("(c) => getComputedStyle(c).whiteSpace") == "pre"
    # Escape, then Tab, leaves the editor for the next control.
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    expect(page.locator(".cm-content")).not_to_be_focused()


def test_without_javascript_the_plain_box_posts_and_its_links_reach_it(
    live_server: LiveServer, new_context: NewContext, login: Callable[..., None]
) -> None:
    bank_id = own_bank(live_server, live_server.teacher())
    page = new_context(java_script_enabled=False).new_page()
    login(page, live_server, "teacher")
    page.goto(f"{live_server.url}/teacher/banks/{bank_id}/edit")
    expect(page.locator(".cm-editor")).to_have_count(0)
    box = page.get_by_label("Bank YAML")
    box.fill(box.input_value().replace("prompt: Which city", "promt: Which city", 1))
    page.get_by_role("button", name="Save as a new version").click()
    link = page.locator("li", has_text="unknown key 'promt'").locator("a")
    expect(link).to_have_attribute("href", "#yaml_text")
    expect(page.get_by_label("Bank YAML")).to_have_value(box.input_value())
