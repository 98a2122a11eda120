// A strip that scrolls sideways on a narrow screen (the group's tabs, the main
// navigation on a phone) says so: while there is more to one side, the strip's
// element carries data-more-before / data-more-after, which the style sheet shows as
// a fade with an arrow at that edge. The links stay in the tab order, and a focused
// link scrolls into view, so the keyboard reaches every one. Mark the element with
// data-scroll-hint; the part that scrolls is its first <ul>.
(function () {
  "use strict";
  function watch(box) {
    const strip = box.querySelector("ul") || box;
    function update() {
      const left = strip.scrollLeft;
      const more = strip.scrollWidth - strip.clientWidth;
      box.toggleAttribute("data-more-before", left > 1);
      box.toggleAttribute("data-more-after", more - left > 1);
    }
    strip.addEventListener("scroll", update, { passive: true });
    strip.addEventListener("focusin", function (event) {
      const link = event.target.closest("a, button");
      if (link) link.scrollIntoView({ block: "nearest", inline: "nearest" });
    });
    if (window.ResizeObserver) new ResizeObserver(update).observe(strip);
    window.addEventListener("resize", update);
    // The current page's tab starts in view.
    const current = strip.querySelector("[aria-current]");
    if (current && strip.scrollWidth > strip.clientWidth) {
      const start = current.offsetLeft; // the strip is positioned
      if (start + current.offsetWidth > strip.clientWidth) strip.scrollLeft = start - 24;
    }
    update();
  }
  function start() {
    document.querySelectorAll("[data-scroll-hint]").forEach(watch);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
