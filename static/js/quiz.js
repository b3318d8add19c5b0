/* The quiz page, enhanced: answers autosave about a second after each change, unsent answers
   survive a reload or a dropped connection (localStorage, resent on reload and on "online"),
   a countdown shows the time left, and sentences of the article can be picked for evidence
   questions. Without this file the page still works: its form posts Save, Check and Submit.

   Every save carries a sequence number that only grows for this attempt; the server keeps,
   per question, the answer with the highest number, so a late or repeated save never wins
   over a newer one. */
(function () {
  "use strict";

  var SAVE_DELAY_MS = 1000;
  var MAX_RETRY_MS = 30000;

  function showEvidenceLinks() {
    document.querySelectorAll("a.show-evidence").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var ids = (link.getAttribute("data-sentences") || "").split(" ").filter(Boolean);
        var first = ids.length ? document.getElementById(ids[0]) : null;
        if (!first) { return; }
        event.preventDefault();
        document.querySelectorAll(".sentence.focused").forEach(function (s) {
          s.classList.remove("focused");
        });
        ids.forEach(function (id) {
          var sentence = document.getElementById(id);
          if (sentence) { sentence.classList.add("focused"); }
        });
        if (!first.hasAttribute("tabindex")) { first.setAttribute("tabindex", "-1"); }
        first.scrollIntoView({ behavior: "smooth", block: "center" });
        first.focus({ preventScroll: true });
      });
    });
  }

  function Autosave(form) {
    this.form = form;
    this.url = form.getAttribute("data-save-url");
    this.storageKey = "quizapp.attempt." + form.getAttribute("data-attempt-id");
    this.seq = parseInt(form.getAttribute("data-seq"), 10) || 0;
    this.pending = {};          // question id -> {seq, fields}
    this.timer = null;
    this.inFlight = false;
    this.retryMs = 2000;
    this.stopped = false;
    this.status = document.getElementById("save-status");
    this.banner = document.getElementById("connection-banner");
    var token = document.querySelector('meta[name="csrf-token"]');
    this.csrfToken = token ? token.getAttribute("content") : "";
  }

  Autosave.prototype.start = function () {
    var self = this;
    self.restore();
    self.form.addEventListener("input", function (event) { self.changed(event.target); });
    self.form.addEventListener("change", function (event) { self.changed(event.target); });
    self.form.addEventListener("submit", function (event) { self.beforeFormPost(event); });
    window.addEventListener("online", function () { self.flush(); });
    window.addEventListener("offline", function () { self.showOffline(); });
    window.addEventListener("pagehide", function () {
      if (!self.submitting) { self.flush(true); }
    });
    window.addEventListener("beforeunload", function (event) {
      if (!self.stopped && !self.submitting && Object.keys(self.pending).length) {
        self.flush(true);
        event.preventDefault();
        event.returnValue = "";
      }
    });
    if (Object.keys(self.pending).length) {
      self.setStatus("saving", "Sending answers kept on this device…");
      self.flush();
    } else {
      self.setStatus("saved", "All answers saved.");
    }
  };

  Autosave.prototype.questionOf = function (element) {
    var fieldset = element && element.closest ? element.closest("fieldset[data-question-id]") : null;
    return fieldset ? fieldset.getAttribute("data-question-id") : null;
  };

  // The question's fields as the server expects them: every field named "<id>.<field>".
  Autosave.prototype.fieldsOf = function (questionId) {
    var fields = {};
    var prefix = questionId + ".";
    Array.prototype.forEach.call(this.form.elements, function (element) {
      var name = element.name || "";
      if (name.indexOf(prefix) !== 0 || element.disabled) { return; }
      var field = name.slice(prefix.length);
      if (element.type === "radio") {
        if (!(field in fields)) { fields[field] = ""; }
        if (element.checked) { fields[field] = element.value; }
      } else if (element.type === "checkbox") {
        fields[field] = element.checked ? element.value : "";
      } else {
        fields[field] = element.value;
      }
    });
    return fields;
  };

  Autosave.prototype.changed = function (element) {
    if (this.stopped) { return; }
    var questionId = this.questionOf(element);
    if (!questionId || !element.name || element.name.indexOf(questionId + ".") !== 0) { return; }
    this.seq += 1;
    this.pending[questionId] = { seq: this.seq, fields: this.fieldsOf(questionId) };
    this.store();
    this.setStatus("saving", "Saving…");
    this.schedule(SAVE_DELAY_MS);
  };

  Autosave.prototype.schedule = function (delay) {
    var self = this;
    if (self.timer) { clearTimeout(self.timer); }
    self.timer = setTimeout(function () { self.timer = null; self.flush(); }, delay);
  };

  Autosave.prototype.store = function () {
    try {
      if (Object.keys(this.pending).length) {
        localStorage.setItem(this.storageKey, JSON.stringify({ seq: this.seq, pending: this.pending }));
      } else {
        localStorage.removeItem(this.storageKey);
      }
    } catch (error) {
      // Private mode or a full quota: autosave still works while the page stays open.
    }
  };

  // Answers typed here but not yet acknowledged by the server come back into the form.
  Autosave.prototype.restore = function () {
    var saved = null;
    try { saved = JSON.parse(localStorage.getItem(this.storageKey) || "null"); } catch (error) { saved = null; }
    if (!saved || typeof saved !== "object" || !saved.pending) { return; }
    this.seq = Math.max(this.seq, parseInt(saved.seq, 10) || 0);
    var self = this;
    Object.keys(saved.pending).forEach(function (questionId) {
      var entry = saved.pending[questionId];
      var fieldset = self.form.querySelector('fieldset[data-question-id="' + CSS.escape(questionId) + '"]');
      if (!fieldset || fieldset.disabled || !entry || !entry.fields) { return; }
      self.pending[questionId] = entry;
      self.apply(questionId, entry.fields);
    });
    self.store();
  };

  Autosave.prototype.apply = function (questionId, fields) {
    var prefix = questionId + ".";
    Array.prototype.forEach.call(this.form.elements, function (element) {
      var name = element.name || "";
      if (name.indexOf(prefix) !== 0) { return; }
      var value = fields[name.slice(prefix.length)];
      if (value === undefined) { value = ""; }
      if (element.type === "radio") {
        element.checked = element.value === value;
      } else if (element.type === "checkbox") {
        element.checked = value !== "";
      } else {
        element.value = value;
      }
    });
  };

  Autosave.prototype.flush = function (leaving) {
    var self = this;
    var ids = Object.keys(self.pending);
    if (self.stopped || !ids.length) { return; }
    if (self.inFlight && !leaving) { self.again = true; return; }
    var answers = {};
    var batchSeq = 0;
    ids.forEach(function (id) {
      answers[id] = self.pending[id].fields;
      batchSeq = Math.max(batchSeq, self.pending[id].seq);
    });
    var sent = {};
    ids.forEach(function (id) { sent[id] = self.pending[id].seq; });
    self.inFlight = true;
    fetch(self.url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: Boolean(leaving),
      headers: {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "X-CSRFToken": self.csrfToken
      },
      body: JSON.stringify({ seq: batchSeq, answers: answers })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    }).then(function (result) {
      self.inFlight = false;
      if (result.status === 200 && result.body.ok) {
        self.acknowledge(sent);
        return;
      }
      if (result.status === 200 || result.status === 401 || result.status === 403) {
        // Redirected to the login page: the session ended. Keep the answers on this device.
        self.setStatus("failed", "Not saved — you are logged out. Log in again in another tab; your answers are kept here.");
        self.schedule(MAX_RETRY_MS);
        return;
      }
      if (result.status === 409) {
        // Submitted elsewhere, or time is up: nothing more can be saved on this page.
        self.stop(result.body.message || "This attempt can no longer change.");
        return;
      }
      if (result.status >= 500) { self.failed(); return; }
      self.setStatus("failed", "Not saved — " + (result.body.message || "reload the page and try again."));
    }).catch(function () {
      self.inFlight = false;
      self.failed();
    });
  };

  Autosave.prototype.acknowledge = function (sent) {
    var self = this;
    Object.keys(sent).forEach(function (id) {
      if (self.pending[id] && self.pending[id].seq <= sent[id]) { delete self.pending[id]; }
    });
    self.store();
    self.retryMs = 2000;
    if (self.banner) { self.banner.hidden = true; }
    if (Object.keys(self.pending).length) {
      self.schedule(self.again ? 0 : SAVE_DELAY_MS);
    } else {
      var time = new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
      self.setStatus("saved", "Saved at " + time + ".");
    }
    self.again = false;
  };

  Autosave.prototype.failed = function () {
    this.showOffline();
    this.schedule(this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  };

  Autosave.prototype.showOffline = function () {
    this.setStatus("failed", "Not saved — offline. Your answers are kept on this device.");
    if (this.banner) { this.banner.hidden = false; }
  };

  Autosave.prototype.stop = function (message) {
    this.stopped = true;
    this.pending = {};
    this.store();
    this.setStatus("failed", message + " Reload the page to see your attempt.");
    Array.prototype.forEach.call(this.form.elements, function (element) { element.disabled = true; });
  };

  Autosave.prototype.setStatus = function (kind, text) {
    if (!this.status) { return; }
    this.status.classList.remove("is-saved", "is-saving", "is-failed");
    this.status.classList.add("is-" + kind);
    this.status.textContent = text;
  };

  // A Save, Check or Submit post carries every answer on the page with a newer number.
  Autosave.prototype.beforeFormPost = function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.value === "submit" &&
        !window.confirm("Submit your answers? You will not be able to change them afterwards.")) {
      event.preventDefault();
      return;
    }
    this.seq += 1;
    var seqField = this.form.querySelector('input[name="seq"]');
    if (seqField) { seqField.value = String(this.seq); }
    // Unacknowledged answers stay stored: if this post is lost, the next visit resends them
    // (and if it arrives, they are older than it and the server ignores them).
    this.submitting = true;
    if (this.timer) { clearTimeout(this.timer); this.timer = null; }
  };

  function Countdown(element, onExpire) {
    this.element = element;
    this.output = document.getElementById("time-left");
    this.alert = document.getElementById("timer-alert");
    var serverNow = Date.parse(element.getAttribute("data-server-now"));
    this.offset = isNaN(serverNow) ? 0 : serverNow - Date.now();
    this.deadline = Date.parse(element.getAttribute("data-deadline"));
    this.onExpire = onExpire;
    this.announced = {};
  }

  Countdown.prototype.start = function () {
    var self = this;
    if (isNaN(self.deadline) || !self.output) { return; }
    self.tick();
    self.interval = setInterval(function () { self.tick(); }, 1000);
  };

  Countdown.prototype.tick = function () {
    var left = Math.max(0, Math.round((this.deadline - (Date.now() + this.offset)) / 1000));
    var hours = Math.floor(left / 3600);
    var minutes = Math.floor((left % 3600) / 60);
    var seconds = left % 60;
    var text = (hours ? hours + ":" + String(minutes).padStart(2, "0") : String(minutes)) +
      ":" + String(seconds).padStart(2, "0");
    this.output.textContent = text;
    this.element.classList.toggle("is-low", left <= 300);
    var self = this;
    [[300, "Five minutes left."], [60, "One minute left."]].forEach(function (mark) {
      if (left <= mark[0] && left > mark[0] - 5 && !self.announced[mark[0]] && self.alert) {
        self.announced[mark[0]] = true;
        self.alert.textContent = mark[1];
      }
    });
    if (left === 0) {
      clearInterval(this.interval);
      if (this.alert) { this.alert.textContent = "Time is up. Your answers are being submitted."; }
      this.onExpire();
    }
  };

  // Clicking (or pressing Enter on) a sentence of the article answers an evidence question.
  function SentencePicker(article, form) {
    this.article = article;
    this.form = form;
    this.active = null;
    this.note = null;
  }

  SentencePicker.prototype.start = function () {
    var self = this;
    var questions = self.form.querySelectorAll('fieldset[data-type="evidence"]:not([disabled])');
    if (!questions.length) { return; }
    self.active = questions[0].getAttribute("data-question-id");
    self.article.classList.add("picking");
    self.note = document.createElement("p");
    self.note.className = "picking-note";
    self.article.parentNode.insertBefore(self.note, self.article);
    self.article.querySelectorAll(".sentence").forEach(function (sentence) {
      sentence.setAttribute("tabindex", "0");
      sentence.setAttribute("role", "button");
      sentence.addEventListener("click", function () { self.pick(sentence); });
      sentence.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          self.pick(sentence);
        }
      });
    });
    questions.forEach(function (fieldset) {
      var id = fieldset.getAttribute("data-question-id");
      fieldset.addEventListener("focusin", function () { self.activate(id); });
      fieldset.addEventListener("change", function () { self.mark(); });
      var button = fieldset.querySelector(".pick-in-article");
      if (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
          self.activate(id);
          var chosen = self.article.querySelector(".sentence.chosen") || self.article.querySelector(".sentence");
          if (chosen) { chosen.focus(); }
        });
      }
    });
    self.activate(self.active);
  };

  SentencePicker.prototype.fieldset = function () {
    return this.form.querySelector('fieldset[data-question-id="' + CSS.escape(this.active) + '"]');
  };

  SentencePicker.prototype.activate = function (questionId) {
    this.active = questionId;
    var fieldset = this.fieldset();
    var number = fieldset ? fieldset.querySelector(".question-number") : null;
    this.note.textContent = "Click a sentence (or press Enter on it) to choose it for " +
      (number ? number.textContent : "the evidence question") + ".";
    this.mark();
  };

  SentencePicker.prototype.mark = function () {
    var fieldset = this.fieldset();
    var checked = fieldset ? fieldset.querySelector('input[type="radio"]:checked') : null;
    this.article.querySelectorAll(".sentence").forEach(function (sentence) {
      // A radio's value is its per-attempt name; data-sentence says which sentence it is.
      var chosen = checked !== null &&
        sentence.getAttribute("data-sentence") === checked.getAttribute("data-sentence");
      sentence.classList.toggle("chosen", chosen);
      sentence.setAttribute("aria-pressed", chosen ? "true" : "false");
    });
  };

  SentencePicker.prototype.pick = function (sentence) {
    var fieldset = this.fieldset();
    if (!fieldset || fieldset.disabled) { return; }
    var value = sentence.getAttribute("data-sentence");
    var radio = fieldset.querySelector('input[type="radio"][data-sentence="' + CSS.escape(value) + '"]');
    if (!radio) { return; }
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    this.mark();
    var status = document.getElementById("save-status");
    if (status) { status.textContent = "Sentence chosen. Saving…"; }
  };

  document.addEventListener("DOMContentLoaded", function () {
    showEvidenceLinks();
    var form = document.getElementById("quiz-form");
    if (!form) { return; }
    if (!form.hasAttribute("data-save-url")) {
      // A finished attempt: answers kept for it on this device are of no more use.
      try { localStorage.removeItem("quizapp.attempt." + form.getAttribute("data-attempt-id")); } catch (error) { /* none kept */ }
      return;
    }
    var autosave = new Autosave(form);
    autosave.start();
    var timer = document.getElementById("timer");
    if (timer) {
      new Countdown(timer, function () {
        autosave.flush();
        // Post the form as "submit" once the last answers had a moment to go out; if that
        // fails, the server still submits the attempt with every answer it has saved.
        setTimeout(function () {
          if (autosave.stopped) { return; }
          var submit = document.getElementById("submit-attempt");
          autosave.submitting = true;
          var action = document.createElement("input");
          action.type = "hidden";
          action.name = "action";
          action.value = "submit";
          form.appendChild(action);
          var seqField = form.querySelector('input[name="seq"]');
          autosave.seq += 1;
          if (seqField) { seqField.value = String(autosave.seq); }
          if (submit) { submit.disabled = true; }
          form.submit();
        }, 1500);
      }).start();
    }
    var article = document.getElementById("article");
    if (article && article.getAttribute("data-pickable") === "true") {
      new SentencePicker(article, form).start();
    }
  });
}());
