// The error summary of a refused form: focus moves to it when the page opens, so a
// screen reader reads what to fix first; each of its links moves focus to the field
// (inside a closed "Advanced" part too) with the field's label in view.
(function () {
  "use strict";
  const summaries = document.querySelectorAll("[data-error-summary]");
  if (!summaries.length) return;
  summaries[0].focus();
  summaries.forEach(function (summary) {
    // The script comes with each summary: bind each one once.
    if (summary.hasAttribute("data-bound")) return;
    summary.setAttribute("data-bound", "");
    summary.addEventListener("click", function (event) {
      const link = event.target.closest("a[href^='#']");
      const input = link && document.getElementById(link.hash.slice(1));
      if (!input) return;
      event.preventDefault();
      const details = input.closest("details");
      if (details) details.open = true;
      (input.closest(".field") || input).scrollIntoView();
      input.focus({ preventScroll: true });
    });
  });
})();
