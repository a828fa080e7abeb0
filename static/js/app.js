// Small progressive enhancements. No inline script anywhere (CSP).
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".js-hide-when-scripted").forEach(function (el) { el.hidden = true; });
  document.querySelectorAll("select.js-autosubmit").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });
});
