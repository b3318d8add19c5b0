// "Propose a question for the selected text": progressive enhancement for teacher pages.
// Markup contract: an element [data-ask-article] holding the article text, a button
// [data-ask-button data-ask-url="..."] (hidden until this script shows it), an input
// [data-ask-output] that receives the proposed question (the teacher can edit it), and an
// optional [data-ask-status] live region for messages. Where the page can save the question,
// an input [data-ask-answer] and a hidden input named answer_start receive the selection. The page's CSRF token is read from the
// first input named csrf_token, as Flask-WTF renders it.
(function () {
  "use strict";

  function selectionIn(article) {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (!article.contains(range.startContainer) || !article.contains(range.endContainer)) {
      return null;
    }
    // the offset of the selection in the article's text, counted the way the server counts
    var before = document.createRange();
    before.selectNodeContents(article);
    before.setEnd(range.startContainer, range.startOffset);
    var text = range.toString();
    var start = before.toString().length;
    var trimmed = text.replace(/^\s+/, "");
    start += text.length - trimmed.length;
    return { answer: trimmed.replace(/\s+$/, ""), start: start };
  }

  function setup(button) {
    var article = document.querySelector("[data-ask-article]");
    var output = document.querySelector("[data-ask-output]");
    var status = document.querySelector("[data-ask-status]");
    var token = document.querySelector("input[name=csrf_token]");
    if (!article || !output) return;
    button.hidden = false;
    function say(message) { if (status) status.textContent = message; }
    button.addEventListener("click", function () {
      var picked = selectionIn(article);
      if (!picked || !picked.answer) {
        say("Select some words of the article first.");
        return;
      }
      say("Thinking of a question…");
      var headers = { "Content-Type": "application/json" };
      if (token) headers["X-CSRFToken"] = token.value;
      fetch(button.getAttribute("data-ask-url"), {
        method: "POST",
        credentials: "same-origin",
        headers: headers,
        body: JSON.stringify({
          context: article.textContent,
          answer: picked.answer,
          answer_start: picked.start
        })
      })
        .then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        })
        .then(function (result) {
          if (result.ok && result.body.question) {
            output.value = result.body.question;
            // Pages that save the question also take the answer and where it starts.
            var answerInput = document.querySelector("[data-ask-answer]");
            var startInput = document.querySelector("input[name=answer_start]");
            if (answerInput) answerInput.value = picked.answer;
            if (startInput) startInput.value = String(picked.start);
            say("Proposed a question for “" + picked.answer + "”. Edit it as you like.");
            output.focus();
          } else {
            say(result.body.error || "No question could be proposed for that selection.");
          }
        })
        .catch(function () { say("The server could not be reached; try again."); });
    });
  }

  document.querySelectorAll("[data-ask-button]").forEach(setup);
})();
