// A drafting job's page: ask the server how the job stands every second, say it in the status
// line (a live region), and reload the page once the job has finished, to show the review page
// or the failure. Without JavaScript the page reloads itself (a meta refresh in <noscript>).
"use strict";

(() => {
  const status = document.getElementById("job-status");
  if (!status) {
    return;
  }
  const url = status.dataset.jobUrl;
  const pollMs = Number(status.dataset.pollSeconds) * 1000;
  const problem = document.getElementById("job-problem");
  const elapsed = document.getElementById("job-elapsed");

  async function poll() {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const type = response.headers.get("Content-Type") || "";
      if (!response.ok || !type.includes("application/json")) {
        problem.textContent = "Updates stopped. Reload the page (you may need to log in again).";
        problem.hidden = false;
        return;
      }
      const job = await response.json();
      if (job.finished) {
        window.location.reload();
        return;
      }
      // Rewrite the live region only when it says something new, so a screen reader is not
      // read the same sentence every second; the running time sits outside it.
      if (status.textContent !== job.summary) {
        status.textContent = job.summary;
      }
      elapsed.textContent = job.elapsed;
      status.dataset.state = job.state;
      problem.hidden = true;
    } catch {
      problem.textContent = "Cannot reach the server just now; trying again.";
      problem.hidden = false;
    }
    window.setTimeout(poll, pollMs);
  }

  window.setTimeout(poll, pollMs);
})();
