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

  // Feedback: only the evidence of the question in focus is highlighted in the article.
  function EvidenceHighlighter(form) {
    this.form = form;
  }

  EvidenceHighlighter.prototype.start = function () {
    var self = this;
    self.form.querySelectorAll("fieldset[data-question-id]").forEach(function (fieldset) {
      var link = fieldset.querySelector("a.show-evidence");
      if (!link) { return; }
      fieldset.addEventListener("focusin", function () { self.highlight(link); });
      fieldset.addEventListener("click", function () { self.highlight(link); });
      link.addEventListener("click", function (event) {
        var first = self.highlight(link);
        if (!first) { return; }
        event.preventDefault();
        if (window.quizViews) { window.quizViews.show("article", fieldset); }
        if (!first.hasAttribute("tabindex")) { first.setAttribute("tabindex", "-1"); }
        first.scrollIntoView({ block: "center" });
        first.focus({ preventScroll: true });
      });
    });
  };

  EvidenceHighlighter.prototype.highlight = function (link) {
    var ids = (link.getAttribute("data-sentences") || "").split(" ").filter(Boolean);
    document.querySelectorAll(".sentence.evidence").forEach(function (s) {
      s.classList.remove("evidence", "focused");
    });
    var first = null;
    ids.forEach(function (id) {
      var sentence = document.getElementById(id);
      if (!sentence) { return; }
      sentence.classList.add("evidence", "focused");
      if (!first) { first = sentence; }
    });
    return first;
  };

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
    window.addEventListener("online", function () {
      if (self.banner) { self.banner.hidden = true; }
      self.flush();
      self.submitIfQueued();
    });
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
    self.catchUp();
  };

  // A student on a slow connection may type before this script has run: those keystrokes
  // came before any listener, and their answer would wait for the next one in that field.
  // Every question whose fields differ from what the page was served with is sent now.
  Autosave.prototype.catchUp = function () {
    var self = this;
    var seen = {};
    Array.prototype.forEach.call(self.form.elements, function (element) {
      var questionId = self.questionOf(element);
      if (!questionId || seen[questionId] || self.pending[questionId] || !typedHere(element)) {
        return;
      }
      seen[questionId] = true;
      self.changed(element);
    });
  };

  // Whether the student changed a field since the page was served. Hidden fields are the
  // page's own scripts' to set, never typed.
  function typedHere(element) {
    if (element.type === "hidden" || element.disabled) { return false; }
    if (element.type === "radio" || element.type === "checkbox") {
      return element.checked !== element.defaultChecked;
    }
    if (element.tagName === "SELECT") {
      return Array.prototype.some.call(element.options, function (option) {
        return option.selected !== option.defaultSelected;
      });
    }
    return "defaultValue" in element && element.value !== element.defaultValue;
  }

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
    if (this.onChange) { this.onChange(questionId); }
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
    self.submitIfQueued();
  };

  Autosave.prototype.failed = function () {
    this.showOffline();
    if (this.banner) { this.banner.hidden = false; }
    this.schedule(this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  };

  Autosave.prototype.showOffline = function () {
    if (this.submitQueued) { return; }
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

  // A Save, Check or Submit post carries every answer on the page with a newer number. Submit
  // asks first (the submit dialog); offline, it waits for the connection instead of leaving.
  Autosave.prototype.beforeFormPost = function (event) {
    var submitter = event.submitter;
    var submitting = submitter && submitter.value === "submit";
    if (submitting && !this.confirmed && this.onSubmitRequest) {
      event.preventDefault();
      this.onSubmitRequest();
      return;
    }
    if (!navigator.onLine) {
      event.preventDefault();
      if (submitting) { this.queueSubmit(); } else { this.showOffline(); }
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

  // Offline: keep the student on the quiz and submit once, when the connection is back and
  // every answer kept on this device has reached the server.
  Autosave.prototype.queueSubmit = function () {
    this.submitQueued = true;
    if (this.banner) { this.banner.hidden = false; }
    var text = document.getElementById("connection-text");
    if (text) {
      text.textContent = "Your quiz will be submitted as soon as the connection is back. " +
        "Keep this page open; your answers are kept on this device.";
    }
    var button = document.getElementById("submit-attempt");
    if (button) { button.disabled = true; }
    this.setStatus("failed", "Offline: waiting for the connection to submit.");
  };

  Autosave.prototype.submitIfQueued = function () {
    if (!this.submitQueued || this.submitSent || this.stopped || !navigator.onLine) { return; }
    if (Object.keys(this.pending).length || this.inFlight) { return; }  // after the last save
    this.submitSent = true;
    this.submitting = true;
    this.seq += 1;
    var seqField = this.form.querySelector('input[name="seq"]');
    if (seqField) { seqField.value = String(this.seq); }
    var action = document.createElement("input");
    action.type = "hidden";
    action.name = "action";
    action.value = "submit";
    this.form.appendChild(action);
    this.setStatus("saving", "Connection back: submitting…");
    this.form.submit();
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

  // Picking evidence in the article is a mode for one question: "Pick it in the article" turns
  // it on, one pick or Esc ends it. Outside it the article is only text: a click changes nothing
  // and the sentences are not tab stops.
  function SentencePicker(article, form, note) {
    this.article = article;
    this.form = form;
    this.note = note;
    this.active = null;   // the evidence question's fieldset while picking
    this.returnTo = null;
  }

  SentencePicker.prototype.start = function () {
    var self = this;
    self.form.querySelectorAll('fieldset[data-type="evidence"]:not([disabled])').forEach(function (fieldset) {
      var button = fieldset.querySelector(".pick-in-article");
      if (!button) { return; }
      button.hidden = false;
      button.addEventListener("click", function () { self.begin(fieldset, button); });
    });
    self.article.addEventListener("click", function (event) {
      if (!self.active) { return; }
      var sentence = event.target.closest(".sentence");
      if (!sentence) { return; }
      event.stopImmediatePropagation();  // the pick is this click's only effect
      self.pick(sentence);
    });
    self.article.addEventListener("keydown", function (event) {
      if (!self.active || (event.key !== "Enter" && event.key !== " ")) { return; }
      var sentence = event.target.closest(".sentence");
      if (!sentence) { return; }
      event.preventDefault();
      event.stopImmediatePropagation();
      self.pick(sentence);
    });
    document.addEventListener("keydown", function (event) {
      if (self.active && event.key === "Escape") {
        event.preventDefault();
        self.end("Picking stopped; no sentence chosen.");
      }
    });
  };

  // A radio's value is its per-attempt name; its data-sentence says which sentence it is.
  SentencePicker.prototype.radioFor = function (sentence) {
    var id = sentence.getAttribute("data-sentence") || "";
    return this.active.querySelector('input[type="radio"][data-sentence="' + CSS.escape(id) + '"]');
  };

  SentencePicker.prototype.begin = function (fieldset, button) {
    var self = this;
    if (self.active) { self.end(); }
    self.active = fieldset;
    self.returnTo = button;
    var number = fieldset.getAttribute("data-number");
    var checked = fieldset.querySelector('input[type="radio"]:checked');
    var chosen = null;
    self.article.classList.add("picking");
    self.article.querySelectorAll(".sentence").forEach(function (sentence) {
      var offered = self.radioFor(sentence);
      if (!offered) { return; }
      sentence.classList.add("pickable");
      sentence.setAttribute("tabindex", "0");
      sentence.setAttribute("role", "button");
      var isChosen = offered === checked;
      sentence.setAttribute("aria-pressed", isChosen ? "true" : "false");
      sentence.classList.toggle("chosen", isChosen);
      if (isChosen) { chosen = sentence; }
    });
    self.note.textContent = "";
    var text = document.createElement("span");
    text.textContent = "Picking the evidence for question " + number +
      ": click a sentence, or press Enter on it. Esc stops. ";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "link-button";
    cancel.textContent = "Stop picking";
    cancel.addEventListener("click", function () { self.end("Picking stopped; no sentence chosen."); });
    self.note.appendChild(text);
    self.note.appendChild(cancel);
    self.note.hidden = false;
    if (window.quizViews) { window.quizViews.show("article", fieldset); }
    var target = chosen || self.article.querySelector(".sentence.pickable");
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.focus({ preventScroll: true });
    }
  };

  SentencePicker.prototype.pick = function (sentence) {
    var radio = this.radioFor(sentence);
    if (!radio) { return; }  // not one of the sentences this question offers
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    var label = radio.labels && radio.labels[0] ? radio.labels[0].querySelector(".sentence-number") : null;
    this.end((label ? label.textContent.replace(/:$/, "") : "A sentence") + " chosen for question " +
      this.active.getAttribute("data-number") + ".");
  };

  SentencePicker.prototype.end = function (message) {
    var fieldset = this.active;
    this.active = null;
    this.article.classList.remove("picking");
    this.article.querySelectorAll(".sentence.pickable").forEach(function (sentence) {
      sentence.classList.remove("pickable", "chosen");
      sentence.removeAttribute("tabindex");
      sentence.removeAttribute("role");
      sentence.removeAttribute("aria-pressed");
    });
    this.note.hidden = true;
    this.note.textContent = "";
    var status = document.getElementById("save-status");
    if (message && status) { status.textContent = message; }
    if (window.quizViews && fieldset) { window.quizViews.show("questions"); }
    if (this.returnTo) {
      this.returnTo.focus({ preventScroll: true });
      this.returnTo.scrollIntoView({ block: "center" });
    }
    this.returnTo = null;
  };

  function loadList(key) {
    try {
      var value = JSON.parse(localStorage.getItem(key) || "[]");
      return Array.isArray(value) ? value : [];
    } catch (error) {
      return [];
    }
  }

  // The navigator: one link per question showing answered, not answered and flagged, the live
  // answered count, and "Flag for review" (flags kept on this device, per attempt).
  function Navigator(form, autosave) {
    this.form = form;
    this.autosave = autosave;
    this.flagKey = "quizapp.flags." + form.getAttribute("data-attempt-id");
    this.flags = loadList(this.flagKey);
    this.count = document.getElementById("answered-count");
    this.fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-question-id]"));
  }

  Navigator.prototype.start = function () {
    var self = this;
    self.fieldsets.forEach(function (fieldset) {
      var button = fieldset.querySelector(".flag-button");
      if (!button) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var id = fieldset.getAttribute("data-question-id");
        var at = self.flags.indexOf(id);
        if (at >= 0) { self.flags.splice(at, 1); } else { self.flags.push(id); }
        try { localStorage.setItem(self.flagKey, JSON.stringify(self.flags)); } catch (error) { /* kept while open */ }
        self.update();
      });
    });
    document.querySelectorAll(".question-nav a.nav-item").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var fieldset = document.getElementById("question-" + link.getAttribute("data-question"));
        if (!fieldset) { return; }
        event.preventDefault();
        self.goTo(fieldset);
      });
    });
    var toggle = document.getElementById("nav-toggle");
    var nav = document.getElementById("question-nav");
    if (toggle && nav) {
      toggle.hidden = false;
      document.getElementById("quiz-bar").classList.add("nav-collapsible");
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        nav.classList.toggle("is-open", open);
      });
    }
    self.update();
  };

  // Take the student to a question: its first field gets the focus.
  Navigator.prototype.goTo = function (fieldset) {
    if (window.quizViews) { window.quizViews.show("questions"); }
    var target = fieldset.querySelector("input:not([type=hidden]):not([disabled]), select:not([disabled]), a[href]");
    fieldset.scrollIntoView({ block: "start" });
    if (target) {
      target.focus({ preventScroll: true });
    } else {
      fieldset.setAttribute("tabindex", "-1");
      fieldset.focus({ preventScroll: true });
    }
  };

  Navigator.prototype.isAnswered = function (fieldset) {
    if (fieldset.disabled) { return fieldset.getAttribute("data-answered") === "true"; }
    var fields = this.autosave.fieldsOf(fieldset.getAttribute("data-question-id"));
    return Object.keys(fields).some(function (name) { return String(fields[name]).trim() !== ""; });
  };

  Navigator.prototype.state = function () {
    var self = this;
    return self.fieldsets.map(function (fieldset) {
      var id = fieldset.getAttribute("data-question-id");
      return {
        id: id,
        number: fieldset.getAttribute("data-number"),
        fieldset: fieldset,
        answered: self.isAnswered(fieldset),
        flagged: self.flags.indexOf(id) >= 0
      };
    });
  };

  Navigator.prototype.update = function () {
    var states = this.state();
    var answered = 0;
    states.forEach(function (q) {
      if (q.answered) { answered += 1; }
      var link = document.querySelector('.question-nav a[data-question="' + CSS.escape(q.id) + '"]');
      if (link) {
        link.classList.toggle("is-answered", q.answered);
        link.classList.toggle("is-flagged", q.flagged);
        link.setAttribute("aria-label", "Question " + q.number +
          (q.answered ? ", answered" : ", not answered") + (q.flagged ? ", flagged" : ""));
      }
      var button = q.fieldset.querySelector(".flag-button");
      if (button) {
        button.setAttribute("aria-pressed", q.flagged ? "true" : "false");
        button.firstChild.textContent = q.flagged ? "Flagged for review" : "Flag for review";
      }
      q.fieldset.classList.toggle("is-flagged", q.flagged);
    });
    var text = answered + " of " + states.length + " answered";
    if (this.count && this.count.textContent !== text) { this.count.textContent = text; }
  };

  // The submit dialog lists the questions not answered and those flagged, with links to them.
  function SubmitDialog(dialog, navigator, autosave) {
    this.dialog = dialog;
    this.navigator = navigator;
    this.autosave = autosave;
  }

  SubmitDialog.prototype.start = function () {
    var self = this;
    self.autosave.onSubmitRequest = function () { self.open(); };
    document.getElementById("cancel-submit").addEventListener("click", function () { self.dialog.close(); });
    document.getElementById("confirm-submit").addEventListener("click", function (event) {
      event.currentTarget.disabled = true;
      self.dialog.close();
      self.autosave.confirmed = true;
      var submit = document.getElementById("submit-attempt");
      self.autosave.form.requestSubmit(submit);
      self.autosave.confirmed = false;
    });
    self.dialog.addEventListener("close", function () {
      document.getElementById("confirm-submit").disabled = false;
    });
  };

  SubmitDialog.prototype.fill = function (box, questions) {
    var self = this;
    var list = box.querySelector("ul");
    list.textContent = "";
    questions.forEach(function (q) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#question-" + q.id;
      link.textContent = "Question " + q.number;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        self.dialog.close();
        self.navigator.goTo(q.fieldset);
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    box.hidden = questions.length === 0;
  };

  SubmitDialog.prototype.open = function () {
    var states = this.navigator.state();
    var unanswered = states.filter(function (q) { return !q.answered; });
    var flagged = states.filter(function (q) { return q.flagged; });
    var summary = (states.length - unanswered.length) + " of " + states.length + " questions answered.";
    if (!unanswered.length && !flagged.length) { summary += " None is flagged for review."; }
    document.getElementById("submit-dialog-summary").textContent = summary;
    this.fill(document.getElementById("submit-dialog-unanswered"), unanswered);
    this.fill(document.getElementById("submit-dialog-flagged"), flagged);
    this.dialog.showModal();
    document.getElementById(unanswered.length || flagged.length ? "cancel-submit" : "confirm-submit").focus();
  };

  // On a narrow screen the article and the questions take turns: the switch in the bar, and
  // "Show in the article" from a question (with a way back to it).
  function Views(layout, switcher) {
    this.layout = layout;
    this.switcher = switcher;
    this.back = null;
    this.from = null;
  }

  Views.prototype.start = function () {
    var self = this;
    self.switcher.hidden = false;
    document.body.classList.add("has-views");
    self.switcher.querySelectorAll("button[data-view]").forEach(function (button) {
      button.addEventListener("click", function () { self.show(button.getAttribute("data-view")); });
    });
    self.back = document.createElement("button");
    self.back.type = "button";
    self.back.className = "back-to-question";
    self.back.hidden = true;
    self.back.addEventListener("click", function () {
      var fieldset = self.from;
      self.show("questions");
      if (fieldset) {
        fieldset.scrollIntoView({ block: "start" });
        var button = fieldset.querySelector(".show-article");
        if (button) { button.focus({ preventScroll: true }); }
      }
    });
    var panel = document.getElementById("article-panel");
    panel.insertBefore(self.back, panel.firstChild);
    document.querySelectorAll("fieldset[data-question-id] .show-article").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        self.show("article", button.closest("fieldset"));
        panel.scrollIntoView({ block: "start" });
        panel.focus({ preventScroll: true });
      });
    });
    self.show("article");
  };

  Views.prototype.narrow = function () {
    return window.matchMedia("(max-width: 59.99rem)").matches;
  };

  Views.prototype.show = function (view, fromQuestion) {
    this.layout.setAttribute("data-view", view);
    this.switcher.querySelectorAll("button[data-view]").forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-view") === view ? "true" : "false");
    });
    if (fromQuestion) { this.from = fromQuestion; }
    if (view === "questions") { this.from = fromQuestion || this.from; }
    if (this.back) {
      this.back.hidden = !(view === "article" && this.from);
      if (this.from) { this.back.textContent = "Back to question " + this.from.getAttribute("data-number"); }
    }
  };

  // The bar's height, for the sticky article and for scrolling a question into view below it.
  function trackBarHeight(bar) {
    function measure() {
      document.documentElement.style.setProperty("--bar-height", bar.offsetHeight + "px");
    }
    measure();
    if (window.ResizeObserver) { new ResizeObserver(measure).observe(bar); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("quiz-form");
    if (!form) { return; }
    var layout = document.getElementById("quiz-layout");
    var switcher = document.getElementById("view-switch");
    if (layout && switcher) {
      window.quizViews = new Views(layout, switcher);
      window.quizViews.start();
    }
    var bar = document.getElementById("quiz-bar");
    if (bar) { trackBarHeight(bar); }
    new EvidenceHighlighter(form).start();
    if (!form.hasAttribute("data-save-url")) {
      // A finished attempt: answers and flags kept for it on this device are of no more use.
      try {
        localStorage.removeItem("quizapp.attempt." + form.getAttribute("data-attempt-id"));
        localStorage.removeItem("quizapp.flags." + form.getAttribute("data-attempt-id"));
      } catch (error) { /* none kept */ }
      return;
    }
    var autosave = new Autosave(form);
    var navigator_ = new Navigator(form, autosave);
    autosave.onChange = function () { navigator_.update(); };
    autosave.start();
    navigator_.start();
    var dialog = document.getElementById("submit-dialog");
    if (dialog && typeof dialog.showModal === "function") {
      new SubmitDialog(dialog, navigator_, autosave).start();
    }
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
    var note = document.getElementById("picking-note");
    if (article && note && article.getAttribute("data-pickable") === "true") {
      new SentencePicker(article, form, note).start();
    }
  });
}());
