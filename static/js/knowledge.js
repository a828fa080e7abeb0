// Need Help: after htmx swaps in search results or suggestions, move focus there so screen
// readers and keyboard users land on what changed. No inline script (CSP).
document.addEventListener("htmx:afterSwap", function (event) {
  var target = event.detail.target;
  if (!target) { return; }
  var region = document.getElementById("search-results") || document.getElementById("journey-help");
  if (region && region.id === "search-results") { region.focus({ preventScroll: false }); }
});
