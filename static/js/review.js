// The draft review page, enhanced: move a question up or down (its card moves and every
// "Position" box is renumbered, so the save sends the order seen), and show which sentences of
// the article a question was drafted from while it is hovered or focused. Without this script
// the page works as well: positions are typed, and "Show in the article" links are anchors.
// Markup contract: a list [data-reorder] of cards [data-question] holding a .position input, a
// .question-number, hidden .move-buttons with [data-move=up|down], and data-sentences (the
// sentence ids of <mark id="source-ID"> in the article); a live region [data-reorder-status].
(function () {
  "use strict";

  var list = document.querySelector("[data-reorder]");
  if (!list) return;
  var status = document.querySelector("[data-reorder-status]");

  function cards() { return Array.prototype.slice.call(list.querySelectorAll(":scope > [data-question]")); }

  function renumber() {
    cards().forEach(function (card, index) {
      var number = String(index + 1);
      var position = card.querySelector("input.position");
      if (position) position.value = number;
      var label = card.querySelector(".question-number");
      if (label) label.textContent = "Question " + number;
      card.querySelectorAll("[data-move] .visually-hidden").forEach(function (hint) {
        hint.textContent = " question " + number;
      });
    });
  }

  function move(card, direction) {
    var sibling = direction === "up" ? card.previousElementSibling : card.nextElementSibling;
    if (!sibling) {
      if (status) status.textContent = "That question is already " + (direction === "up" ? "first." : "last.");
      return;
    }
    if (direction === "up") list.insertBefore(card, sibling);
    else list.insertBefore(sibling, card);
    renumber();
    var button = card.querySelector('[data-move="' + direction + '"]');
    if (button) button.focus();
    if (status) status.textContent = "Moved to position " + (cards().indexOf(card) + 1) + ".";
  }

  function marks(card) {
    var ids = (card.getAttribute("data-sentences") || "").split(" ").filter(Boolean);
    return ids.map(function (id) { return document.getElementById("source-" + id); }).filter(Boolean);
  }

  function highlight(card, on) {
    card.classList.toggle("current", on);
    marks(card).forEach(function (mark) { mark.classList.toggle("current", on); });
  }

  cards().forEach(function (card) {
    var buttons = card.querySelector(".move-buttons");
    if (buttons) buttons.hidden = false;
    card.querySelectorAll("[data-move]").forEach(function (button) {
      button.addEventListener("click", function () { move(card, button.getAttribute("data-move")); });
    });
    card.addEventListener("mouseenter", function () { highlight(card, true); });
    card.addEventListener("mouseleave", function () {
      if (!card.contains(document.activeElement)) highlight(card, false);
    });
    card.addEventListener("focusin", function () {
      cards().forEach(function (other) { if (other !== card) highlight(other, false); });
      highlight(card, true);
    });
    var link = card.querySelector("[data-show-source]");
    if (link) {
      link.addEventListener("click", function (event) {
        var found = marks(card);
        if (!found.length) return;
        event.preventDefault();
        found[0].scrollIntoView({ block: "center" });
        found[0].focus({ preventScroll: true });
        highlight(card, true);
      });
    }
  });
})();
