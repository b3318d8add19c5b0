/* Reading supports on the quiz page, kept in this browser per student (localStorage): text
   size, line spacing, a readable font, sentences highlighted for oneself (per attempt), and
   reading the article or a question aloud with the browser's own speech synthesis. Nothing
   here changes an answer; without this file the page reads as it always did. */
(function () {
  "use strict";

  function load(key, fallback) {
    try {
      var value = JSON.parse(localStorage.getItem(key) || "null");
      return value === null ? fallback : value;
    } catch (error) {
      return fallback;
    }
  }

  function keep(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (error) { /* kept while open */ }
  }

  function clean(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function ReadingTools(panel, layout, article) {
    this.panel = panel;
    this.layout = layout;
    this.article = article;
    var reader = panel.getAttribute("data-reader");
    this.settingsKey = "quizapp.reading." + reader;
    this.highlightKey = "quizapp.highlights." + reader + "." + panel.getAttribute("data-attempt-id");
    this.settings = load(this.settingsKey, {});
    this.highlights = load(this.highlightKey, []);
    this.highlighting = false;
  }

  ReadingTools.prototype.start = function () {
    var self = this;
    var toggle = document.getElementById("reading-toggle");
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      self.panel.hidden = !open;
    });
    self.panel.querySelectorAll("[data-setting]").forEach(function (control) {
      var name = control.getAttribute("data-setting");
      if (control.type === "checkbox") {
        control.checked = Boolean(self.settings[name]);
      } else {
        control.value = self.settings[name] || "";
      }
      control.addEventListener("change", function () {
        self.settings[name] = control.type === "checkbox" ? control.checked : control.value;
        keep(self.settingsKey, self.settings);
        self.apply();
      });
    });
    self.apply();
    self.startHighlights();
    if ("speechSynthesis" in window && typeof SpeechSynthesisUtterance === "function") {
      self.startSpeech();
    }
  };

  ReadingTools.prototype.apply = function () {
    var s = this.settings;
    var list = this.layout.classList;
    list.toggle("text-large", s.size === "large");
    list.toggle("text-larger", s.size === "larger");
    list.toggle("spacing-wide", s.spacing === "wide");
    list.toggle("spacing-wider", s.spacing === "wider");
    list.toggle("readable-font", Boolean(s.font));
  };

  // Highlighting for oneself is a mode too: while it is on, a click (or Enter) on a sentence
  // marks or unmarks it. It stays off while evidence is being picked.
  ReadingTools.prototype.startHighlights = function () {
    var self = this;
    self.highlights.forEach(function (id) {
      var sentence = document.getElementById(id);
      if (sentence && sentence.classList.contains("sentence")) { sentence.classList.add("my-highlight"); }
    });
    var mode = document.getElementById("highlight-mode");
    mode.addEventListener("change", function () { self.setHighlighting(mode.checked); });
    self.article.addEventListener("click", function (event) {
      var sentence = event.target.closest(".sentence");
      if (sentence && self.highlighting && !self.article.classList.contains("picking")) { self.toggle(sentence); }
    });
    self.article.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" && event.key !== " ") { return; }
      var sentence = event.target.closest(".sentence");
      if (!sentence || !self.highlighting || self.article.classList.contains("picking")) { return; }
      event.preventDefault();
      self.toggle(sentence);
    });
    // Picking evidence takes the sentences over; give them back when it ends.
    new MutationObserver(function () {
      if (self.highlighting && !self.article.classList.contains("picking")) { self.markFocusable(true); }
    }).observe(self.article, { attributes: true, attributeFilter: ["class"] });
  };

  ReadingTools.prototype.setHighlighting = function (on) {
    this.highlighting = on;
    this.article.classList.toggle("highlighting", on);
    this.markFocusable(on);
  };

  ReadingTools.prototype.markFocusable = function (on) {
    this.article.querySelectorAll(".sentence").forEach(function (sentence) {
      if (on) {
        sentence.setAttribute("tabindex", "0");
        sentence.setAttribute("role", "button");
        sentence.setAttribute("aria-pressed", sentence.classList.contains("my-highlight") ? "true" : "false");
      } else {
        sentence.removeAttribute("tabindex");
        sentence.removeAttribute("role");
        sentence.removeAttribute("aria-pressed");
      }
    });
  };

  ReadingTools.prototype.toggle = function (sentence) {
    var on = sentence.classList.toggle("my-highlight");
    sentence.setAttribute("aria-pressed", on ? "true" : "false");
    var id = sentence.id;
    this.highlights = this.highlights.filter(function (kept) { return kept !== id; });
    if (on) { this.highlights.push(id); }
    keep(this.highlightKey, this.highlights);
  };

  // Read aloud: one utterance per sentence, so the sentence being read can be shown.
  ReadingTools.prototype.startSpeech = function () {
    var self = this;
    self.panel.querySelector(".speech-tools").hidden = false;
    document.getElementById("read-article").addEventListener("click", function () {
      var parts = Array.prototype.map.call(self.article.querySelectorAll(".sentence"), function (sentence) {
        return { text: clean(sentence.textContent), element: sentence };
      });
      var heading = document.getElementById("article-heading");
      if (heading) { parts.unshift({ text: clean(heading.textContent), element: null }); }
      self.speak(parts);
    });
    document.getElementById("stop-reading").addEventListener("click", function () { self.stop(); });
    document.querySelectorAll("fieldset[data-question-id] .read-question").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var fieldset = button.closest("fieldset");
        var parts = [{ text: clean(fieldset.querySelector("legend").textContent), element: null }];
        fieldset.querySelectorAll(".cloze-text, .option label, .ordering label").forEach(function (label) {
          parts.push({ text: clean(label.textContent), element: null });
        });
        self.speak(parts);
      });
    });
  };

  ReadingTools.prototype.speak = function (parts) {
    this.stop();
    var lang = document.documentElement.lang || "en";
    parts.forEach(function (part) {
      if (!part.text) { return; }
      var utterance = new SpeechSynthesisUtterance(part.text);
      utterance.lang = lang;
      if (part.element) {
        utterance.onstart = function () { part.element.classList.add("reading-now"); };
        utterance.onend = function () { part.element.classList.remove("reading-now"); };
      }
      window.speechSynthesis.speak(utterance);
    });
  };

  ReadingTools.prototype.stop = function () {
    window.speechSynthesis.cancel();
    this.article.querySelectorAll(".sentence.reading-now").forEach(function (sentence) {
      sentence.classList.remove("reading-now");
    });
  };

  document.addEventListener("DOMContentLoaded", function () {
    var panel = document.getElementById("reading-tools");
    var layout = document.getElementById("quiz-layout");
    var article = document.getElementById("article");
    if (panel && layout && article) { new ReadingTools(panel, layout, article).start(); }
  });
}());
