// Live pages. The server pushes events (htmx's SSE extension, on the element with sse-connect);
// when that connection cannot be made (a proxy, a WSGI-only server answering 204), the part
// marked data-live-poll is refreshed by polling instead: every few seconds while things change,
// slower and slower while nothing does. Without JavaScript the pages post and reload as usual.
(function () {
  "use strict";
  var FALLBACK_AFTER_MS = 4000;
  var draft = "";

  function pollTarget(root) { return root.querySelector("[data-live-poll]"); }
  function firstDelay(root) { return parseInt(root.dataset.livePollMs || "3000", 10); }
  function maxDelay(root) { return parseInt(root.dataset.livePollMaxMs || "30000", 10); }
  function isOpen(root) { return root.dataset.liveState === "open"; }

  function schedule(root) {
    window.clearTimeout(root._livePoll);
    var target = pollTarget(root);
    if (isOpen(root) || !target || target.hasAttribute("data-live-done")) { return; }
    root._livePoll = window.setTimeout(function () {
      var current = pollTarget(root);
      if (!isOpen(root) && current) { htmx.trigger(current, "poll"); }
    }, root._liveDelay);
  }

  function startPolling(root) {
    if (isOpen(root) || root._livePolling) { return; }
    root._livePolling = true;
    root._liveDelay = firstDelay(root);
    schedule(root);
  }

  function pollNow(root) {
    root._liveDelay = firstDelay(root);
    var target = pollTarget(root);
    if (target) { htmx.trigger(target, "poll"); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-live]").forEach(function (root) {
      if (!root.hasAttribute("sse-connect") || typeof EventSource === "undefined") {
        startPolling(root);
        return;
      }
      window.setTimeout(function () { startPolling(root); }, FALLBACK_AFTER_MS);
    });
  });

  document.addEventListener("htmx:sseOpen", function (event) {
    var root = event.target.closest("[data-live]");
    if (!root) { return; }
    var wasPolling = root._livePolling;
    root.dataset.liveState = "open";
    root._livePolling = false;
    window.clearTimeout(root._livePoll);
    if (wasPolling) { pollNow(root); }  // one last read, then events only
  });

  document.addEventListener("htmx:sseError", function (event) {
    var root = event.target.closest("[data-live]");
    if (!root) { return; }
    root.dataset.liveState = "down";
    startPolling(root);
  });

  // After each poll: back to the first delay when something changed, else wait longer.
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.target;
    if (!target.hasAttribute || !target.hasAttribute("data-live-poll")) { return; }
    var root = target.closest("[data-live]");
    if (!root || !root._livePolling) { return; }
    var version = target.getAttribute("data-live-poll");
    if (root._liveVersion !== undefined && version === root._liveVersion) {
      root._liveDelay = Math.min(root._liveDelay * 2, maxDelay(root));
    } else {
      root._liveDelay = firstDelay(root);
    }
    root._liveVersion = version;
    schedule(root);
  });

  // Each line is sent with a key, and sent again with the same key while its text is the
  // same: a line whose answer was lost on the way back is not posted twice (the server keeps
  // the keys it has seen). A line that could not be sent says so and stays in the field.
  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function isSendForm(form) {
    return form.classList && form.classList.contains("chat-send-form");
  }
  document.addEventListener("htmx:configRequest", function (event) {
    var form = event.target;
    if (!isSendForm(form)) { return; }
    var body = event.detail.parameters.body || "";
    if (!form._liveKey || form._liveKeyBody !== body) {
      form._liveKey = newKey();
      form._liveKeyBody = body;
    }
    event.detail.parameters.key = form._liveKey;
  });

  function unsent(form, show) {
    var note = form.querySelector(".chat-unsent");
    if (note) { note.hidden = !show; }
  }
  document.addEventListener("htmx:sendError", function (event) {
    if (isSendForm(event.target)) { unsent(event.target, true); }
  });

  // A message sent while polling shows at once instead of at the next poll.
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target;
    if (!isSendForm(form)) { return; }
    if (!event.detail.successful) {
      unsent(form, true);
      return;
    }
    unsent(form, false);
    if (event.detail.xhr.status === 204) {
      form.reset();
      form._liveKey = null;  // the next line is a new one
    }
    var root = form.closest("[data-live]");
    if (root && !isOpen(root)) { pollNow(root); }
  });

  // A line already on the page (caught up, or pushed twice) is not added again.
  document.addEventListener("htmx:sseBeforeMessage", function (event) {
    var detail = event.detail;
    if (detail.type === "message" && detail.lastEventId &&
        document.getElementById("chat-msg-" + detail.lastEventId)) {
      event.preventDefault();
    }
    if (detail.type === "ended") {
      keepDraft();
      // The form is swapped right after this event, and the swapped-out element's own
      // events no longer reach the document: restore once the new form is in.
      window.setTimeout(restoreDraft, 0);
    }
  });

  // Typing. While a person types, their page tells the other side at the first key and then
  // once every TYPING_EVERY_MS while keys keep coming (the keys after the last one told
  // included, at the end of the wait), so a burst of any length keeps the other side's note;
  // sending a line starts afresh, so the next burst is told at its first key. The other side
  // shows the note for TYPING_SHOWN_MS after the last word of it (a few seconds after the
  // typing stops) and takes it away when that person's line arrives.
  var TYPING_EVERY_MS = 1500;
  var TYPING_SHOWN_MS = 4000;

  function tellTyping(field) {
    if (document.body.contains(field)) { htmx.trigger(field, "chat-typing"); }
  }
  function typed(field) {
    if (field._typingWait) {
      field._typingMore = true;
      return;
    }
    tellTyping(field);
    field._typingMore = false;
    field._typingWait = window.setTimeout(function waited() {
      if (field._typingMore) {
        field._typingMore = false;
        tellTyping(field);
        field._typingWait = window.setTimeout(waited, TYPING_EVERY_MS);
      } else {
        field._typingWait = null;
      }
    }, TYPING_EVERY_MS);
  }
  function typingSent(field) {
    window.clearTimeout(field._typingWait);
    field._typingWait = null;
    field._typingMore = false;
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.matches && field.matches("textarea[hx-trigger=chat-typing]")) { typed(field); }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!isSendForm(event.target)) { return; }
    var field = event.target.querySelector("textarea[hx-trigger=chat-typing]");
    if (field) { typingSent(field); }
  });

  var typingShown;
  function hideTyping() {
    window.clearTimeout(typingShown);
    var note = document.getElementById("chat-typing");
    if (note) { note.textContent = ""; }
  }
  document.addEventListener("htmx:sseMessage", function (event) {
    var type = event.detail.type;
    if (type === "typing") {
      window.clearTimeout(typingShown);
      typingShown = window.setTimeout(hideTyping, TYPING_SHOWN_MS);
    }
    if (type === "message") {
      // The other person's line ends their typing; a line of one's own does not.
      var line = document.getElementById("chat-msg-" + event.detail.lastEventId);
      var chat = event.target.closest && event.target.closest("[data-chat-side]");
      var own = chat ? "chat-" + chat.getAttribute("data-chat-side") : "";
      if (!line || !own || !line.classList.contains(own)) { hideTyping(); }
    }
    var lines = document.getElementById("chat-lines");
    if (lines) { lines.scrollTop = lines.scrollHeight; }
  });

  // The end of a chat replaces the form: what was typed moves into the form for the case.
  function keepDraft() {
    var field = document.querySelector("#chat-compose textarea[name=body]");
    if (field && field.value) { draft = field.value; }
  }
  function restoreDraft() {
    var field = document.querySelector("#chat-compose textarea[name=body]");
    if (field && draft && !field.value) { field.value = draft; }
    draft = "";
  }
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "chat-compose") { keepDraft(); }
  });
  document.addEventListener("htmx:oobAfterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "chat-compose") { restoreDraft(); }
  });
})();
