// Painting a week: click or drag with a mouse or finger; arrow keys, Shift+arrows and
// Space with a keyboard. The painted cells go into two hidden fields as hexadecimal bitsets.
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
    cell.setAttribute("aria-describedby", "week-state-" + state);
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

  // The keyboard: arrows move; Shift with an arrow paints the cell left and the cell
  // entered (the keyboard's drag); Space or Enter paints or clears one cell; Home and
  // End go to Monday and Sunday of that time, Page Up and Page Down an hour earlier or
  // later, Ctrl+Home and Ctrl+End to the first and last cell.
  const rowsPerHour = Math.max(1, Math.round(cells.length / columns / 24));
  const position = form.querySelector("[data-week-position]");
  const announce = form.querySelector("[data-week-announce]");

  function stateName(state) {
    const el = document.getElementById("week-state-" + state);
    return el ? el.textContent.trim() : state;
  }
  function show(cell) {
    if (position) position.textContent = cell.getAttribute("aria-label") + ": " + stateName(cell.dataset.state);
  }
  function moveTo(from, to) {
    from.tabIndex = -1;
    to.tabIndex = 0;
    to.focus({ preventScroll: true });
    // Clear of the sticky days and times (the grid's scroll padding).
    to.scrollIntoView({ block: "nearest", inline: "nearest" });
  }
  function destination(index, event) {
    const column = index % columns;
    const row = Math.floor(index / columns);
    const last = cells.length - 1;
    const rows = cells.length / columns;
    switch (event.key) {
      case "ArrowLeft": return column > 0 ? index - 1 : null;
      case "ArrowRight": return column < columns - 1 ? index + 1 : null;
      case "ArrowUp": return row > 0 ? index - columns : null;
      case "ArrowDown": return row < rows - 1 ? index + columns : null;
      case "Home": return event.ctrlKey ? 0 : index - column;
      case "End": return event.ctrlKey ? last : index - column + columns - 1;
      case "PageUp": return Math.max(column, index - rowsPerHour * columns);
      case "PageDown": return Math.min(last - (columns - 1 - column), index + rowsPerHour * columns);
      default: return undefined;
    }
  }

  cells.forEach((cell, index) => {
    cell.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      painting = target(mode(), cell);
      paint(cell, painting);
      cell.releasePointerCapture && cell.releasePointerCapture(event.pointerId);
    });
    cell.addEventListener("pointerenter", () => {
      if (painting !== null) paint(cell, painting);
    });
    cell.addEventListener("focus", () => show(cell));
    cell.addEventListener("keydown", (event) => {
      const to = destination(index, event);
      if (to !== undefined) {
        event.preventDefault();
        const next = to === null ? null : cells[to];
        if (event.shiftKey && event.key.startsWith("Arrow")) {
          // Paint as the mouse drags: the whole way, in the chosen colour.
          const state = mode();
          paint(cell, state);
          if (next) paint(next, state);
          save();
          announce.textContent = (next || cell).getAttribute("aria-label") + ": " + stateName(state);
        }
        if (next && next !== cell) moveTo(cell, next);
        else show(cell);
      } else if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        paint(cell, target(mode(), cell));
        save();
        show(cell);
        announce.textContent = cell.getAttribute("aria-label") + ": " + stateName(cell.dataset.state);
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
  // Show the saved week at the new cell size; nothing is saved until "Save". A mouse
  // choice goes at once; the arrow keys change a closed list as they pass, so with the
  // keyboard the page changes on Enter or on leaving the list, not on every key.
  const size = form.querySelector("select[name=cell_minutes]");
  const shownSize = size.value;
  let sizeByKey = false;
  function showSize() {
    if (size.value !== shownSize) location.search = "?cell=" + size.value;
  }
  size.addEventListener("keydown", function (event) {
    sizeByKey = true;
    if (event.key === "Enter") { event.preventDefault(); showSize(); }
  });
  size.addEventListener("pointerdown", function () { sizeByKey = false; });
  size.addEventListener("change", function () { if (!sizeByKey) showSize(); });
  size.addEventListener("blur", showSize);
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
