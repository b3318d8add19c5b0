// Teacher pages: ask before buttons that remove or reset something (data-confirm="question"),
// and make a bank problem's link put the cursor at its line and column in the YAML box.
// Without JavaScript the buttons simply act and the links jump to the box.
"use strict";

document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = button && button.dataset ? button.dataset.confirm : undefined;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest("[data-yaml-line]") : null;
  const box = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
  if (!box || !("setSelectionRange" in box)) {
    return;
  }
  event.preventDefault();
  const lines = box.value.split("\n");
  const line = Math.min(Number(link.dataset.yamlLine), lines.length);
  let offset = 0;
  for (let index = 0; index < line - 1; index += 1) {
    offset += lines[index].length + 1;
  }
  offset += Math.min(Number(link.dataset.yamlColumn) - 1, lines[line - 1].length);
  box.focus();
  box.setSelectionRange(offset, offset);
  // Scroll the box so the line shows: its share of the text times the box's scroll height.
  box.scrollTop = Math.max(0, (box.scrollHeight * (line - 1)) / lines.length - box.clientHeight / 3);
});
