// @mention autocomplete for the message boxes of a group's discussions. A form with
// data-mentions-url offers, while someone types "@" and the start of a name, the
// group's members in a list box: up and down arrows choose, Enter or Tab inserts the
// mention as the server reads it (@FirstLast), Escape closes. Without JavaScript people
// type the mention themselves.
(function () {
  const BEFORE_CARET = /(^|[^\p{L}\p{N}_@'’])@([\p{L}\p{N}_.'’\-]{0,40})$/u;
  let counter = 0;

  function setup(form) {
    form.querySelectorAll("textarea").forEach(function (textarea) {
      if (textarea.dataset.mentionsReady) return;
      textarea.dataset.mentionsReady = "1";
      attach(form, textarea);
    });
  }

  function attach(form, textarea) {
    const id = "mentions-" + ++counter;
    const list = document.createElement("ul");
    list.id = id;
    list.className = "mention-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", form.dataset.mentionsLabel || "Members");
    list.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", list);
    list.insertAdjacentElement("afterend", status);
    textarea.setAttribute("aria-autocomplete", "list");
    textarea.setAttribute("aria-controls", id);

    let options = [];
    let active = -1;
    let typedAt = -1; // where the "@" is
    let timer = null;
    let asked = 0;

    function close() {
      list.hidden = true;
      list.replaceChildren();
      options = [];
      active = -1;
      textarea.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      active = index;
      list.querySelectorAll("[role=option]").forEach(function (option, i) {
        option.setAttribute("aria-selected", String(i === index));
      });
      const option = list.children[index];
      if (option) {
        textarea.setAttribute("aria-activedescendant", option.id);
        option.scrollIntoView({ block: "nearest" });
      }
    }

    function insert(index) {
      const member = options[index];
      if (!member || typedAt < 0) return;
      const caret = textarea.selectionStart;
      const before = textarea.value.slice(0, typedAt);
      const after = textarea.value.slice(caret);
      const text = member.mention + (after.startsWith(" ") ? "" : " ");
      textarea.value = before + text + after;
      const at = before.length + text.length;
      textarea.setSelectionRange(at, at);
      close();
      status.textContent = (form.dataset.mentionsInserted || "Inserted") + " " + member.mention;
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
      textarea.focus();
    }

    function show(members) {
      list.replaceChildren();
      options = members;
      if (!members.length) {
        close();
        status.textContent = form.dataset.mentionsNone || "";
        return;
      }
      members.forEach(function (member, i) {
        const option = document.createElement("li");
        option.id = id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = member.name;
        const handle = document.createElement("span");
        handle.className = "muted small";
        handle.textContent = " " + member.mention;
        option.appendChild(handle);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the textarea
          insert(i);
        });
        list.appendChild(option);
      });
      list.hidden = false;
      choose(0);
      const found =
        members.length === 1
          ? form.dataset.mentionsOne || ""
          : (form.dataset.mentionsMany || "").replace("{n}", String(members.length));
      status.textContent = found + " " + (form.dataset.mentionsHelp || "");
    }

    function lookUp() {
      const match = BEFORE_CARET.exec(textarea.value.slice(0, textarea.selectionStart));
      if (!match) {
        typedAt = -1;
        close();
        return;
      }
      typedAt = textarea.selectionStart - match[2].length - 1;
      const ask = ++asked;
      const url = new URL(form.dataset.mentionsUrl, window.location.href);
      url.searchParams.set("q", match[2]);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { members: [] };
        })
        .then(function (data) {
          if (ask === asked) show(data.members || []);
        })
        .catch(close);
    }

    textarea.addEventListener("input", function (event) {
      if (event.isTrusted === false && list.hidden) return;
      clearTimeout(timer);
      timer = setTimeout(lookUp, 120);
    });
    textarea.addEventListener("keydown", function (event) {
      if (list.hidden || !options.length) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        choose((active + 1) % options.length);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        choose((active - 1 + options.length) % options.length);
      } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        insert(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        close();
      }
    });
    textarea.addEventListener("blur", function () {
      setTimeout(close, 150);
    });
  }

  function setupAll() {
    document.querySelectorAll("form[data-mentions-url]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setupAll);
  } else {
    setupAll();
  }
})();
