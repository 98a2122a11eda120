// Painting a week: click or drag with a mouse or finger; arrow keys and Space with a
// keyboard. The painted cells go into two hidden fields as hexadecimal bitsets.
(function () {
  "use strict";
  const form = document.querySelector("[data-availability]");
  if (!form) return;
  const cells = Array.from(form.querySelectorAll(".cell"));
  const yesField = form.querySelector("input[name=yes]");
  const maybeField = form.querySelector("input[name=if_need_be]");
  const columns = 7;
  let painting = null;

  function mode() {
    return form.querySelector("input[name=paint]:checked").value;
  }
  function paint(cell, state) {
    cell.dataset.state = state;
    cell.className = "cell cell-" + state;
    cell.setAttribute("aria-pressed", state === "no" ? "false" : "true");
  }
  function save() {
    let yes = 0n;
    let maybe = 0n;
    for (const cell of cells) {
      const bit = 1n << BigInt(cell.dataset.index);
      if (cell.dataset.state === "yes") yes |= bit;
      if (cell.dataset.state === "maybe") maybe |= bit;
    }
    yesField.value = yes.toString(16);
    maybeField.value = maybe.toString(16);
  }
  function target(state, cell) {
    return cell.dataset.state === state ? "no" : state;
  }

  cells.forEach((cell, position) => {
    cell.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      painting = target(mode(), cell);
      paint(cell, painting);
      cell.releasePointerCapture && cell.releasePointerCapture(event.pointerId);
    });
    cell.addEventListener("pointerenter", () => {
      if (painting !== null) paint(cell, painting);
    });
    cell.addEventListener("keydown", (event) => {
      const moves = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns };
      if (event.key in moves) {
        event.preventDefault();
        const next = cells[position + moves[event.key]];
        if (next) {
          cell.tabIndex = -1;
          next.tabIndex = 0;
          next.focus({ preventScroll: true });
          // Clear of the sticky days and times (the grid's scroll padding).
          next.scrollIntoView({ block: "nearest", inline: "nearest" });
        }
      } else if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        paint(cell, target(mode(), cell));
        save();
      }
    });
  });
  document.addEventListener("pointerup", () => {
    if (painting !== null) { painting = null; save(); }
  });
  if (cells.length) {
    const start = cells.find((c) => c.dataset.state !== "no") || cells[Math.min(cells.length - 1, 7 * 18)];
    start.tabIndex = 0;
  }
  form.querySelector("select[name=cell_minutes]").addEventListener("change", function () {
    // Show the saved week at the new cell size; nothing is saved until "Save".
    location.search = "?cell=" + this.value;
  });
  // Open the grid at the working day rather than at midnight: 06:00 just below the days.
  const wrap = form.querySelector(".week-wrap");
  const morning = cells.find((c) => c.getAttribute("aria-label").endsWith("06:00"));
  if (wrap && morning) {
    const days = wrap.querySelector("thead").getBoundingClientRect();
    wrap.scrollTop += morning.getBoundingClientRect().top - days.bottom;
  }
  form.addEventListener("submit", save);
  save();
})();
