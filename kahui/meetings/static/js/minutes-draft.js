// The minutes box keeps a draft in this browser (localStorage, by meeting and by the
// version being edited), so a closed tab or a lost connection loses nothing: the next
// visit puts it back with a note and a "Discard draft" button. A successful save
// clears it. While someone edits, their page tells the server every twenty seconds,
// and the note above the box names the others editing the minutes now.
(function () {
  "use strict";
  const PREFIX = "kahui-minutes-draft:";
  const BEAT_MS = 20000;
  const ACTIVE_MS = 60000;
  let lastActive = 0;
  let announced = false; // this page said it is editing, and has not said it left

  function store() {
    try { return window.localStorage; } catch (e) { return null; }
  }

  function draftsOf(meeting) {
    const s = store();
    const found = [];
    if (!s) return found;
    for (let i = 0; i < s.length; i++) {
      const key = s.key(i);
      if (!key || key.indexOf(PREFIX + meeting + ":") !== 0) continue;
      try {
        const value = JSON.parse(s.getItem(key));
        found.push({ key: key, version: Number(key.split(":").pop()), text: String(value.text) });
      } catch (e) { s.removeItem(key); }
    }
    return found.sort(function (a, b) { return b.version - a.version; });
  }

  function forget(drafts) {
    const s = store();
    if (s) drafts.forEach(function (d) { s.removeItem(d.key); });
  }

  function setup(form) {
    if (!form || form.dataset.draftReady) return;
    form.dataset.draftReady = "1";
    const box = form.querySelector("textarea[name=text]");
    const versionInput = form.querySelector("input[name=version]");
    const card = form.closest("#minutes") || document;
    const note = card.querySelector("[data-draft-note]");
    const noteText = card.querySelector("[data-draft-text]");
    const discard = card.querySelector("[data-draft-discard]");
    if (!box || !versionInput) return;
    const meeting = form.dataset.minutesDraft;
    const current = Number(versionInput.value);
    // What the server holds; after a refused (conflicting) save the box holds what
    // this person typed instead, which is itself a draft until it is saved.
    const conflict = form.hasAttribute("data-conflict");
    const saved = conflict ? null : box.value;
    let drafts = draftsOf(meeting);

    if (form.hasAttribute("data-saved")) {
      forget(drafts.filter(function (d) { return d.version < current; }));
      drafts = [];
    }
    forget(drafts.filter(function (d) { return d.text === box.value; }));
    drafts = drafts.filter(function (d) { return d.text !== box.value; });
    const best = drafts[0];
    if (best && !conflict) {
      box.value = best.text;
      if (best.version < current) {
        // Someone saved since: keep the old version number, so saving shows both
        // versions side by side (the conflict view) rather than overwriting theirs.
        versionInput.value = String(best.version);
        noteText.textContent = form.dataset.restoredStale;
      } else {
        noteText.textContent = form.dataset.restored;
      }
      note.hidden = false;
    }

    function key() { return PREFIX + meeting + ":" + versionInput.value; }

    function keep() {
      const s = store();
      if (!s) return;
      if (saved !== null && box.value === saved && Number(versionInput.value) === current) {
        s.removeItem(key());
      } else {
        try {
          s.setItem(key(), JSON.stringify({ text: box.value, at: new Date().toISOString() }));
        } catch (e) { /* storage full or refused: the box still holds the text */ }
      }
    }

    let timer = null;
    box.addEventListener("input", function () {
      lastActive = Date.now();
      clearTimeout(timer);
      timer = setTimeout(keep, 300);
      if (!announced) beat();
    });
    box.addEventListener("focus", function () {
      lastActive = Date.now();
      if (!announced) beat();
    });
    if (conflict) keep();

    discard.addEventListener("click", function () {
      forget(draftsOf(meeting));
      box.value = saved !== null ? saved : "";
      versionInput.value = String(current);
      note.hidden = true;
      box.focus();
    });
  }

  function beat(leaving) {
    const form = document.querySelector("form[data-minutes-draft]");
    const list = document.getElementById("minutes-editors");
    if (!form || !list) return;
    const url = form.dataset.editorsUrl;
    const box = form.querySelector("textarea[name=text]");
    const editing = !leaving && (document.activeElement === box || Date.now() - lastActive < ACTIVE_MS);
    if (!editing && !announced) {
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) { if (html !== null) list.innerHTML = html; })
        .catch(function () {});
      return;
    }
    const body = new FormData();
    body.append("csrfmiddlewaretoken", form.querySelector("input[name=csrfmiddlewaretoken]").value);
    body.append("editing", editing ? "yes" : "no");
    announced = editing;
    if (leaving) {
      navigator.sendBeacon(url, body);
      return;
    }
    fetch(url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) list.innerHTML = html; })
      .catch(function () {});
  }

  function init() {
    setup(document.querySelector("form[data-minutes-draft]"));
  }

  document.body.addEventListener("htmx:load", init);
  window.addEventListener("pagehide", function () { if (announced) beat(true); });
  init();
  setInterval(beat, BEAT_MS);
})();
