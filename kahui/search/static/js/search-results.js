// Keyboard moves between search results: with the focus in the results, the arrow
// keys or j and k go to the next or previous result's link; Enter opens it, as any
// link. From the search box, the down arrow goes to the first result. Only keys
// pressed inside the results (or that arrow in the box) are taken, so typing
// anywhere else, and plain links, work as ever.
(function () {
  "use strict";
  var list = document.querySelector("[data-search-results]");
  if (!list) return;
  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a[data-search-result]"));
  }
  function move(from, step) {
    var all = links();
    if (!all.length) return false;
    var current = all.indexOf(from);
    if (current === -1 && from) {
      // From a link inside a result (its "more like this"), count from that result.
      var item = from.closest("li[data-testid='search-hit']");
      var own = item && item.querySelector("a[data-search-result]");
      current = all.indexOf(own);
    }
    var next = current === -1 ? 0 : Math.min(all.length - 1, Math.max(0, current + step));
    all[next].focus();
    return true;
  }
  list.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.target.tagName === "SUMMARY" && (event.key === "Enter" || event.key === " ")) return;
    var step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[event.key];
    if (step && move(event.target, step)) event.preventDefault();
  });
  var box = document.querySelector("form[role=search] input[type=search]");
  if (box) {
    box.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !event.altKey && move(null, 1)) event.preventDefault();
    });
  }
})();
