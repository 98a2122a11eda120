// Fields that only matter for some answers of another field (the room for meetings
// in person, the link for online ones) hide for the other answers. A control marked
// data-shown-by="format" data-show-for="in_person hybrid" shows while the form's
// "format" field has one of those values; a <details data-opened-by="repeat"
// data-open-for="custom"> opens when it does. Without JavaScript every field shows,
// and the server checks what is needed whatever the browser hid.
//
// The other field may be radio buttons, a select (multiple too), a single checkbox
// (its value while ticked, "" while not: data-show-for="on" for a plain checkbox) or
// a group of checkboxes (shown when any ticked value is listed). A data-show-for of
// "*" means any value but none. A hidden field's `required` is set aside while it is
// hidden, so it never blocks sending the form; what was typed in it is kept.
(function () {
  "use strict";
  function valuesOf(form, name) {
    const controls = form.querySelectorAll('[name="' + name + '"]');
    const values = [];
    controls.forEach(function (control) {
      if (control.type === "radio" || control.type === "checkbox") {
        if (control.checked) values.push(control.value);
      } else if (control.tagName === "SELECT") {
        Array.from(control.selectedOptions).forEach(function (option) {
          values.push(option.value);
        });
      } else {
        values.push(control.value);
      }
    });
    return values.filter(function (value) {
      return value !== "";
    });
  }
  function wanted(form, name, accepted) {
    const values = valuesOf(form, name);
    if (accepted === "*") return values.length > 0;
    const list = accepted.split(" ");
    return values.some(function (value) {
      return list.includes(value);
    });
  }
  function setRequired(holder, shown) {
    holder.querySelectorAll("[required], [data-required-when-shown]").forEach(function (input) {
      if (shown && input.dataset.requiredWhenShown) {
        input.required = true;
        delete input.dataset.requiredWhenShown;
      } else if (!shown && input.required) {
        input.dataset.requiredWhenShown = "1";
        input.required = false;
      }
    });
  }
  function update() {
    document.querySelectorAll("[data-shown-by]").forEach(function (control) {
      const form = control.form || control.closest("form");
      if (!form) return;
      const holder = control.closest(".field") || control;
      const shown = wanted(form, control.dataset.shownBy, control.dataset.showFor);
      holder.hidden = !shown;
      setRequired(holder, shown);
    });
    document.querySelectorAll("details[data-opened-by]").forEach(function (details) {
      const form = details.closest("form");
      if (form && wanted(form, details.dataset.openedBy, details.dataset.openFor)) {
        details.open = true;
      }
    });
  }
  document.addEventListener("change", update);
  document.addEventListener("htmx:afterSettle", update);
  update();
})();
