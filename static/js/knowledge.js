// Need Help: when htmx swaps in new search results, move focus to them so keyboard and
// screen-reader users land on what changed. No inline script anywhere (CSP).
document.addEventListener("htmx:afterSettle", function (event) {
  var results = document.getElementById("search-results");
  if (results && event.detail.elt && event.detail.elt.id === "search-results") {
    results.focus();
  }
});
