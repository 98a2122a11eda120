// Long lists (time zones, people, organisations, focus areas) become searchable:
// a <select data-searchable> (single or multiple) is enhanced with Tom Select, typed
// letters filter the options and the arrow keys and Enter pick one. The library and
// its styles are fetched only on pages that have such a select (their addresses are
// this script's data-library and data-styles). Without JavaScript the plain select
// stays, and sends the same values.
(function () {
  "use strict";
  const me = document.currentScript;
  let loading = null;

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      const styles = document.createElement("link");
      styles.rel = "stylesheet";
      styles.href = me.dataset.styles;
      document.head.appendChild(styles);
      const script = document.createElement("script");
      script.src = me.dataset.library;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  function enhance(select) {
    if (select.tomselect) return;
    const multiple = select.multiple;
    const searchable = new window.TomSelect(select, {
      plugins: multiple ? ["remove_button"] : [],
      maxOptions: null,
      allowEmptyOption: true,
      hideSelected: multiple,
      closeAfterSelect: !multiple,
      render: {
        no_results: function () {
          return '<div class="no-results">' + (select.dataset.noResults || "No match") + "</div>";
        },
      },
    });
    // Tom Select points the label at its own input (a combobox); the select it keeps
    // out of sight and out of the tab order, holding the value the form sends, is
    // hidden from assistive technology too, so the field is announced once.
    if (searchable.control_input) select.setAttribute("aria-hidden", "true");
  }

  function enhanceAll(root) {
    const selects = (root || document).querySelectorAll("select[data-searchable]");
    if (!selects.length) return;
    load().then(function () {
      selects.forEach(enhance);
    });
  }

  document.addEventListener("htmx:afterSettle", function (event) {
    enhanceAll(event.target);
  });
  enhanceAll(document);
})();
