// Teacher pages: ask before buttons that remove or reset something (data-confirm="question").
// Without JavaScript the buttons simply act; nothing here is needed for the pages to work.
"use strict";

document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = button && button.dataset ? button.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
