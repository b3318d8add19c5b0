// The live view of a quiz in progress: ask the server for each student's progress every few
// seconds and rewrite the table's cells with it. Without JavaScript the page reloads itself
// (a meta refresh in <noscript>), so this only makes the refresh quieter and quicker.
"use strict";

(() => {
  const table = document.getElementById("live-table");
  if (!table) {
    return;
  }
  const url = table.dataset.liveUrl;
  const pollMs = Number(table.dataset.pollSeconds) * 1000;
  const questions = table.dataset.questions;
  const summary = document.getElementById("live-summary");
  const at = document.getElementById("live-at");
  const problem = document.getElementById("live-problem");
  const body = table.tBodies[0];

  const labels = Array.from(table.tHead.rows[0].cells, (cell) => cell.textContent);

  function cell(tag, label, text, field, numeric) {
    const element = document.createElement(tag);
    element.dataset.label = label;
    if (field) {
      element.dataset.field = field;
    }
    if (numeric) {
      element.className = "num";
    }
    element.textContent = text;
    return element;
  }

  function attemptsText(student) {
    const allowed = student.attempts_allowed;
    return allowed === null ? String(student.attempts) : `${student.attempts} of ${allowed}`;
  }

  function row(student) {
    const tr = document.createElement("tr");
    tr.dataset.student = String(student.id);
    tr.dataset.status = student.status;
    const name = cell("th", labels[0], student.name);
    name.scope = "row";
    const status = cell("td", labels[1], "", "status_label");
    const badge = document.createElement("span");
    badge.className = "badge";
    badge.textContent = student.status_label;
    status.append(badge);
    tr.append(
      name,
      status,
      cell("td", labels[2], `${student.answered} of ${questions}`, "answered", true),
      cell("td", labels[3], student.time_left, "time_left"),
      cell("td", labels[4], student.last_saved, "last_saved"),
      cell("td", labels[5], attemptsText(student), "attempts", true),
    );
    return tr;
  }

  function show(data) {
    body.replaceChildren(...data.students.map(row));
    // The status line is a live region: rewrite it only when it says something new.
    if (summary.textContent !== data.summary) {
      summary.textContent = data.summary;
    }
    // The browser's own clock face: the teacher's time zone, to the second, as polls are seconds apart.
    at.textContent = new Date(data.at).toLocaleTimeString([], { hour12: false });
    problem.hidden = true;
  }

  async function poll() {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok || !type.includes("application/json")) {
        // Logged out, or the assignment is gone: say so and stop asking.
        problem.textContent = "Live updates stopped. Reload the page (you may need to log in again).";
        problem.hidden = false;
        return;
      }
      show(await response.json());
    } catch {
      problem.textContent = "Cannot reach the server just now; trying again in a few seconds.";
      problem.hidden = false;
    }
    window.setTimeout(poll, pollMs);
  }

  window.setTimeout(poll, pollMs);
})();
