// Fields that only matter for some answers of another field (the room for meetings
// in person, the link for online ones) hide for the other answers. A control marked
// data-shown-by="format" data-show-for="in_person hybrid" shows while the form's
// "format" field has one of those values; a <details data-opened-by="repeat"
// data-open-for="custom"> opens when it does. Without JavaScript every field shows.
(function () {
  "use strict";
  function valueOf(form, name) {
    const checked = form.querySelector('input[name="' + name + '"]:checked');
    if (checked) return checked.value;
    const select = form.querySelector('select[name="' + name + '"]');
    return select ? select.value : "";
  }
  function wanted(form, name, values) {
    return values.split(" ").includes(valueOf(form, name));
  }
  function update() {
    document.querySelectorAll("[data-shown-by]").forEach(function (control) {
      if (!control.form) return;
      const holder = control.closest(".field") || control;
      holder.hidden = !wanted(control.form, control.dataset.shownBy, control.dataset.showFor);
    });
    document.querySelectorAll("details[data-opened-by]").forEach(function (details) {
      const form = details.closest("form");
      if (form && wanted(form, details.dataset.openedBy, details.dataset.openFor)) {
        details.open = true;
      }
    });
  }
  document.addEventListener("change", update);
  update();
})();
