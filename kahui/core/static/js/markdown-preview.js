// "Write | Preview" for Markdown textareas (core's MarkdownTextarea widget). The
// preview is rendered by the server, sanitised as the saved text will be. Without
// JavaScript the switch stays hidden and the textarea works as it is.
(function () {
  if (window.kahuiMarkdownPreview) return;
  window.kahuiMarkdownPreview = true;

  function csrfToken(editor) {
    const form = editor.closest("form");
    const input = form && form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    try {
      return JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (error) {
      return "";
    }
  }

  function setup(editor) {
    if (editor.dataset.mdReady) return;
    editor.dataset.mdReady = "1";
    const textarea = editor.querySelector("textarea");
    const output = editor.querySelector("[data-md-output]");
    const write = editor.querySelector("[data-md-write]");
    const preview = editor.querySelector("[data-md-preview]");
    const bar = write.parentElement;
    if (!textarea || !output) return;
    bar.hidden = false;

    function show(previewing) {
      write.setAttribute("aria-pressed", String(!previewing));
      preview.setAttribute("aria-pressed", String(previewing));
      textarea.hidden = previewing;
      output.hidden = !previewing;
    }

    write.addEventListener("click", function () {
      show(false);
      textarea.focus();
    });
    preview.addEventListener("click", function () {
      const body = new URLSearchParams({ text: textarea.value });
      output.setAttribute("aria-busy", "true");
      fetch(editor.dataset.previewUrl, {
        method: "POST",
        headers: { "X-CSRFToken": csrfToken(editor), "Content-Type": "application/x-www-form-urlencoded" },
        body: body,
        credentials: "same-origin",
      })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          output.innerHTML = html; // rendered and sanitised by the server
          show(true);
        })
        .catch(function () {
          output.textContent = editor.dataset.previewFailed || "The preview could not be loaded.";
          show(true);
        })
        .finally(function () {
          output.removeAttribute("aria-busy");
        });
    });
    // Sending the form from the preview sends what was written.
    const form = editor.closest("form");
    if (form) form.addEventListener("submit", function () { show(false); });
  }

  function setupAll(root) {
    (root || document).querySelectorAll("[data-markdown-editor]").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setupAll(); });
  } else {
    setupAll();
  }
  document.addEventListener("htmx:load", function (event) { setupAll(event.target); });
})();
