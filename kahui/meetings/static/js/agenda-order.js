// Reordering a meeting's agenda on its edit page: drag an item by its handle (native
// drag and drop), or press its Move up / Move down button, which here moves the item
// at once (without JavaScript the buttons send the form and the page comes back in
// the new order). The focus stays on the button pressed, the order numbers the form
// sends follow the rows, and a screen reader hears the new place.
(function () {
  "use strict";
  const form = document.querySelector("[data-agenda-order]");
  if (!form) return;
  const list = form.querySelector("[data-agenda-rows]");
  const announce = form.querySelector("[data-agenda-announce]");
  form.classList.add("js-reorder");

  function rows() { return Array.from(list.querySelectorAll("[data-agenda-row]")); }

  function renumber() {
    const all = rows();
    all.forEach(function (row, index) {
      const order = row.querySelector("input[name$='-ORDER']");
      if (order) order.value = String(index + 1);
      row.querySelectorAll("[data-row-number]").forEach(function (n) { n.textContent = String(index + 1); });
      row.querySelector("[data-move=up]").disabled = index === 0;
      row.querySelector("[data-move=down]").disabled = index === all.length - 1;
    });
  }

  function said(row) {
    const place = rows().indexOf(row) + 1;
    announce.textContent = form.dataset.moved.replace("{n}", place).replace("{total}", rows().length);
  }

  list.addEventListener("click", function (event) {
    const button = event.target.closest("[data-move]");
    if (!button) return;
    event.preventDefault();
    const row = button.closest("[data-agenda-row]");
    const up = button.dataset.move === "up";
    const sibling = up ? row.previousElementSibling : row.nextElementSibling;
    if (!sibling || !sibling.matches("[data-agenda-row]")) return;
    if (up) list.insertBefore(row, sibling);
    else list.insertBefore(sibling, row);
    renumber();
    // Keep the focus on the pressed button; at the top or bottom it is disabled, so
    // the other one takes it.
    (button.disabled ? row.querySelector(up ? "[data-move=down]" : "[data-move=up]") : button).focus();
    said(row);
  });

  let dragged = null;
  rows().forEach(function (row) {
    const handle = row.querySelector("[data-drag-handle]");
    handle.hidden = false;
    // Only the handle is draggable, so text in the fields can still be selected; the
    // whole row is what moves.
    handle.draggable = true;
    handle.addEventListener("dragstart", function (event) {
      dragged = row;
      row.classList.add("is-dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", "");
      if (event.dataTransfer.setDragImage) event.dataTransfer.setDragImage(row, 16, 16);
    });
    handle.addEventListener("dragend", function () {
      row.classList.remove("is-dragging");
      rows().forEach(function (r) { r.classList.remove("is-drop-target"); });
      if (dragged) { renumber(); said(dragged); }
      dragged = null;
    });
    row.addEventListener("dragover", function (event) {
      if (!dragged || dragged === row) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      const box = row.getBoundingClientRect();
      const after = event.clientY > box.top + box.height / 2;
      list.insertBefore(dragged, after ? row.nextElementSibling : row);
      rows().forEach(function (r) { r.classList.toggle("is-drop-target", r === row); });
    });
    row.addEventListener("drop", function (event) { event.preventDefault(); });
  });
  renumber();
})();
