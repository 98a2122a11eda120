// The timekeeper view: which agenda step the meeting is in, and the time left in it.
(function () {
  "use strict";
  const panel = document.querySelector("[data-timekeeper]");
  if (!panel) return;
  const steps = Array.from(document.querySelectorAll(".agenda > li[data-minutes]"));
  const key = "kahui-timer-" + location.pathname;
  let start = new Date(sessionStorage.getItem(key) || panel.dataset.start);
  const stepLabel = panel.querySelector("[data-step]");
  const left = panel.querySelector("[data-left]");
  panel.hidden = false;

  function pad(n) { return String(n).padStart(2, "0"); }

  function tick() {
    let elapsed = (Date.now() - start.getTime()) / 1000;
    steps.forEach((li) => li.classList.remove("is-current", "is-done"));
    if (elapsed < 0) {
      // Not started: say so (with the wait when it is soon); no time is left in any step.
      const wait = Math.ceil(-elapsed / 60);
      const soon = panel.dataset.startsIn && wait <= 90;
      stepLabel.textContent = soon
        ? panel.dataset.startsIn.replace("{n}", wait)
        : panel.dataset.before || "—";
      left.textContent = "—";
      return;
    }
    for (const li of steps) {
      const length = Number(li.dataset.minutes) * 60;
      if (elapsed < length) {
        li.classList.add("is-current");
        stepLabel.textContent = li.dataset.title;
        const remaining = Math.ceil(length - elapsed);
        left.textContent = pad(Math.floor(remaining / 60)) + ":" + pad(remaining % 60);
        return;
      }
      li.classList.add("is-done");
      elapsed -= length;
    }
    stepLabel.textContent = panel.dataset.after || "—";
    left.textContent = "—";
  }

  panel.querySelector("[data-start-now]").addEventListener("click", function () {
    start = new Date();
    sessionStorage.setItem(key, start.toISOString());
    tick();
  });
  tick();
  setInterval(tick, 1000);
})();
