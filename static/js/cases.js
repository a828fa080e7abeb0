// Cases: small enhancements only; every page works without it.
document.addEventListener("DOMContentLoaded", function () {
  // Open the action whose form came back with errors, and move focus to the first error.
  var firstError = document.querySelector(".case-action .errorlist, .case-message-form .errorlist");
  if (firstError) {
    var details = firstError.closest("details");
    if (details) { details.open = true; }
    var field = firstError.parentElement.querySelector("textarea, input, select");
    if (field) { field.focus(); }
  }
});
