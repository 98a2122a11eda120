// A form on its way cannot be sent again: while a POST is in flight (a page load, or an
// htmx request) the form is aria-busy and its submit buttons aria-disabled, and a second
// click or Enter does nothing. The `disabled` attribute is not used: it would take the
// buttons out of the tab order and drop the clicked button's name and value from the
// form. The buttons work again when an htmx request has ended (failed or not), when the
// browser shows the page again from its history, or after a while if no new page came.
(function () {
  "use strict";
  // Pages may style for JavaScript (.js on <html>): say, a button that htmx makes
  // unneeded stays for keyboards but out of sight.
  document.documentElement.classList.add("js");
  const GIVE_UP_MS = 20000;

  function submitButtons(form) {
    return Array.from(form.elements).filter((element) => element.type === "submit");
  }

  function busy(form) {
    form.setAttribute("aria-busy", "true");
    for (const button of submitButtons(form)) {
      if (button.getAttribute("aria-disabled") === "true") continue;
      button.setAttribute("aria-disabled", "true");
      button.dataset.submitting = "";
    }
  }

  function idle(form) {
    form.removeAttribute("aria-busy");
    for (const button of submitButtons(form)) {
      if (!("submitting" in button.dataset)) continue;
      button.removeAttribute("aria-disabled");
      delete button.dataset.submitting;
    }
  }

  function isBusy(form) {
    return form.getAttribute("aria-busy") === "true";
  }

  // Capturing, so a repeat is stopped before htmx or the browser act on it.
  document.addEventListener(
    "submit",
    (event) => {
      if (isBusy(event.target)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true,
  );

  // Bubbling, after the form's own handlers: a POST nobody cancelled loads a new page.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (event.defaultPrevented || form.method !== "post") return;
    busy(form);
    // A download, or a stopped load, leaves this page in place.
    setTimeout(() => idle(form), GIVE_UP_MS);
  });

  document.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt.closest("form");
    if (form && event.detail.requestConfig.verb === "post") busy(form);
  });

  document.addEventListener("htmx:afterRequest", (event) => {
    const form = event.detail.elt.closest("form");
    if (form && isBusy(form)) idle(form);
  });

  window.addEventListener("pageshow", (event) => {
    if (event.persisted) document.querySelectorAll('form[aria-busy="true"]').forEach(idle);
  });
})();
