// The shared timer of a meeting. The server keeps its state; the panel (#clock) is
// asked for again every few seconds (htmx polling) and carries the step, its length
// and the seconds spent in it when the server answered. Between answers this script
// counts on from the moment the answer arrived, so a wrong clock on this computer
// changes nothing. When a step runs over, the panel turns amber and says so, and,
// if the person switched sound on (remembered in this browser), a soft tone plays.
// For screen readers the countdown itself is silent (role="timer"); a polite live
// region says the new step and its length when the step changes, the time left when
// five minutes and one minute remain, and when the step runs over: never every second.
(function () {
  "use strict";
  const wrap = document.querySelector("[data-timekeeper-wrap]");
  if (!wrap) return;
  const SOUND_KEY = "kahui-timer-sound";
  const steps = Array.from(document.querySelectorAll(".agenda > li[data-minutes]"));
  const announce = wrap.querySelector("[data-clock-announce]");
  const soundRow = wrap.querySelector("[data-clock-sound-row]");
  const soundButton = wrap.querySelector("[data-clock-sound]");
  let base = null; // {state, step, length, elapsed, received}
  let audio = null;
  let chimed = ""; // the step (and its version) the tone already played for
  let lastLeft = null; // {key, remaining} at the previous tick, to notice a mark passed
  const MARKS = [300, 60]; // seconds left at which the time is said

  function say(template, values) {
    announce.textContent = (template || "").replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function pad(n) { return String(n).padStart(2, "0"); }

  function soundOn() {
    try { return localStorage.getItem(SOUND_KEY) === "on"; } catch (e) { return false; }
  }

  function showSound() {
    soundButton.setAttribute("aria-pressed", soundOn() ? "true" : "false");
  }

  function tone() {
    // A short, soft sine tone that fades in and out: no audio file needed.
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    if (audio.state === "suspended") audio.resume();
    const now = audio.currentTime;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = 660;
    gain.gain.setValueAtTime(0, now);
    gain.gain.linearRampToValueAtTime(0.12, now + 0.05);
    gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.9);
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start(now);
    oscillator.stop(now + 1);
  }

  function panel() { return document.getElementById("clock"); }

  function read() {
    const el = panel();
    if (!el) return;
    const previous = base;
    base = {
      state: el.dataset.state,
      step: Number(el.dataset.step),
      length: Number(el.dataset.length),
      elapsed: Number(el.dataset.elapsed),
      version: el.dataset.version,
      received: performance.now(),
    };
    steps.forEach(function (li, index) {
      const started = base.state !== "waiting";
      li.classList.toggle("is-done", started && index < base.step);
      li.classList.toggle("is-current", started && index === base.step);
      if (started && index === base.step) li.setAttribute("aria-current", "step");
      else li.removeAttribute("aria-current");
    });
    if (previous && (previous.step !== base.step || previous.state !== base.state)) {
      const titleEl = el.querySelector("[data-step-title]");
      const title = titleEl ? titleEl.textContent.trim() : "";
      if (base.state === "running") {
        say(wrap.dataset.stepAnnounce, { title: title, minutes: Math.round(base.length / 60) });
      } else if (base.state === "paused") {
        say(wrap.dataset.pausedAnnounce, { title: title });
      } else {
        announce.textContent = title;
      }
    }
    tick();
  }

  function tick() {
    const el = panel();
    if (!el || !base) return;
    const left = el.querySelector("[data-left]");
    const note = el.querySelector("[data-over-note]");
    if (!left || (base.state !== "running" && base.state !== "paused")) return;
    const running = base.state === "running" ? (performance.now() - base.received) / 1000 : 0;
    const remaining = Math.round(base.length - base.elapsed - running);
    const seconds = Math.abs(remaining);
    left.textContent = (remaining < 0 ? "+" : "") + pad(Math.floor(seconds / 60)) + ":" + pad(seconds % 60);
    const over = remaining < 0;
    el.classList.toggle("is-over", over);
    if (note) note.hidden = !over;
    const key = base.step + "@" + base.version;
    if (base.state === "running" && lastLeft && lastLeft.key === key) {
      const passed = MARKS.find(function (mark) {
        return lastLeft.remaining > mark && remaining <= mark && remaining > mark - 3;
      });
      if (passed) say(wrap.dataset.leftAnnounce, { minutes: passed / 60 });
    }
    lastLeft = { key: key, remaining: remaining };
    if (over && chimed !== key && base.state === "running") {
      // Only when it runs over while someone watches, not on opening a late page.
      if (remaining > -3) {
        announce.textContent = el.dataset.overLabel || "";
        if (soundOn()) tone();
      }
      chimed = key;
    }
  }

  soundRow.hidden = false;
  showSound();
  soundButton.addEventListener("click", function () {
    const on = !soundOn();
    try { localStorage.setItem(SOUND_KEY, on ? "on" : "off"); } catch (e) { /* private mode */ }
    showSound();
    if (on) tone(); // a sample, which also lets the browser play sound later
  });

  function inPanel(target) {
    return target && (target.id === "clock" || (target.closest && target.closest("#clock")));
  }
  let hadFocus = false;
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (inPanel(event.target)) hadFocus = panel().contains(document.activeElement);
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (!inPanel(event.target)) return;
    // htmx keeps the focus on a button that is still there; when the one pressed is
    // gone (the last "Next step"), the focus goes to the panel's first button.
    if (hadFocus && !panel().contains(document.activeElement)) {
      const button = panel().querySelector("button");
      if (button) button.focus();
    }
    hadFocus = false;
    read();
  });
  read();
  setInterval(tick, 1000);
})();
