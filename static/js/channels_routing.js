// Contact Us: a second click on a submit button must not send the form twice.
// The server is idempotent too (a key in the form); this only spares a useless request.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("form.js-submit-once").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.submitted === "1") {
        event.preventDefault();
        return;
      }
      form.dataset.submitted = "1";
      // Disable after the browser has read the clicked button's value.
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      }, 0);
    });
  });
});

// Chat: keep the newest line in view after each poll (pushed lines: live.js).
document.addEventListener("htmx:afterSettle", function () {
  var log = document.getElementById("chat-lines");
  if (log) { log.scrollTop = log.scrollHeight; }
});
