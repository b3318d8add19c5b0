// Teacher pages: ask before buttons that remove or reset something (data-confirm="question").
// Without JavaScript the buttons simply act. (The YAML editor has its own script, in
// static/vendor/codemirror/, built from static/editor/.)
"use strict";

document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = button && button.dataset ? button.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
