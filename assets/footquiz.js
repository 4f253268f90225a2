// "None of these" and "I'm not sure" exclude the other choices of a multiple-choice question,
// and an option can exclude named others ("sitting makes it worse" / "sitting eases it").
// The engine checks this again on the server; this only saves the patient a round trip.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "checkbox" || !input.checked) return;
  const group = input.closest("fieldset");
  if (!group) return;
  const clashes = (input.dataset.excludes || "").split(" ").filter(Boolean);
  for (const other of group.querySelectorAll("input[type=checkbox]")) {
    if (other === input) continue;
    const exclusive = input.dataset.exclusive === "true" || other.dataset.exclusive === "true";
    if (exclusive || clashes.includes(other.value)) other.checked = false;
  }
});

// ----- Spine diagram and body map (issues 4 and 15) -----
// On the "where does it hurt" question the drawing's places forward taps, Space and Enter to
// the matching checkbox in the list, so both record exactly the same answer; the drawing's
// aria-checked mirrors the checkboxes after every change, and a place just ticked lights up.
function syncBodyMap() {
  for (const place of document.querySelectorAll("[data-region]")) {
    const box = document.getElementById("option-" + place.dataset.region);
    const ticked = Boolean(box && box.checked);
    if (ticked && place.getAttribute("aria-checked") !== "true") place.setAttribute("data-lit", "");
    if (!ticked) place.removeAttribute("data-lit");
    place.setAttribute("aria-checked", ticked ? "true" : "false");
  }
}
function tickFromMap(event) {
  const place = event.target instanceof Element ? event.target.closest("[data-region]") : null;
  const box = place && document.getElementById("option-" + place.dataset.region);
  if (!box) return false;
  box.click();
  return true;
}
document.addEventListener("click", tickFromMap);
document.addEventListener("keydown", (event) => {
  if ((event.key === " " || event.key === "Enter") && tickFromMap(event)) event.preventDefault();
});
document.addEventListener("change", syncBodyMap);
// The result's story plays once, when a good part of the picture is first in view (it may be
// below the fold when the result opens). Without motion (or without this script) nothing is
// marked, so the CSS shows the final picture at once.
if ("IntersectionObserver" in window && matchMedia("(prefers-reduced-motion: no-preference)").matches) {
  document.documentElement.setAttribute("data-dg-motion", "");
  const inView = new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      entry.target.closest(".dg-figure")?.setAttribute("data-play", "");
      inView.unobserve(entry.target);
    }
  }, { threshold: 0.3 });
  const watch = () => {
    for (const picture of document.querySelectorAll(".dg-large svg:not([data-watched])")) {
      picture.setAttribute("data-watched", "");
      inView.observe(picture);
    }
  };
  new MutationObserver(watch).observe(document.documentElement, { childList: true, subtree: true });
  watch();
}
// Animations stop while the tab is hidden.
document.addEventListener("visibilitychange", () => {
  document.documentElement.classList.toggle("dg-paused", document.hidden);
});

// ----- Sharing the result link -----
// The phone's share sheet where there is one, else copy to the clipboard, else show the link.
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-share-path]") : null;
  if (!button) return;
  const url = location.origin + button.dataset.sharePath;
  const status = document.getElementById("share-status");
  const say = (text) => { if (status) status.textContent = text; };
  try {
    if (navigator.share) {
      await navigator.share({ title: document.title, url });
      return;
    }
    await navigator.clipboard.writeText(url);
    say(button.dataset.copied);
  } catch (error) {
    if (error && error.name === "AbortError") return;
    say(button.dataset.copyThis + " " + url);
  }
});

// ----- A new screen: focus its heading -----
// Each screen's heading names what it shows (data-screen: a question id, a page). When that
// changes, the focus moves to the heading and the page scrolls to the top, so a screen reader
// starts the new screen from its title. (A listener, not rx.call_script: the CSP has no eval.)
let shownScreen = "";
function focusNewScreen() {
  // The screen as sent (below) until the app's own is there: the same screen is not new.
  const heading =
    document.getElementById("screen-heading") || document.querySelector("#early [data-screen]");
  const screen = heading?.dataset.screen ? location.pathname + "|" + heading.dataset.screen : "";
  if (!screen || screen === shownScreen) return;
  shownScreen = screen;
  requestAnimationFrame(() => { heading.focus(); window.scrollTo(0, 0); });
}
new MutationObserver(focusNewScreen).observe(document.documentElement, {
  subtree: true, childList: true, attributes: true, attributeFilter: ["data-screen"],
});
focusNewScreen();

// ----- Print -----
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
});

// ----- Keep the session while the tab is open -----
// The server forgets a session a few minutes after its last event (the answers stay in this
// browser); an open tab says it is still here once a minute.
setInterval(() => document.getElementById("keep-alive")?.click(), 60_000);

// ----- Nothing wiped by one slip -----
// "Start over" and the kiosk's "I'm done" open a native <dialog> (data-opens); its buttons
// close it (data-closes), and only its "Yes" wipes the answers (a Reflex event).
document.addEventListener("click", (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const opener = target && target.closest("[data-opens]");
  if (opener) {
    const dialog = document.getElementById(opener.dataset.opens);
    if (dialog instanceof HTMLDialogElement && !dialog.open) dialog.showModal();
    return;
  }
  const closer = target && target.closest("[data-closes]");
  const dialog = closer && closer.closest("dialog");
  if (dialog instanceof HTMLDialogElement) dialog.close();
});

// ----- The screen as sent -----
// A question's or a shared result's page arrives with its screen in the HTML
// (footquiz/prerender.py); footquiz.css swaps it for the app's own once that names its screen.
// Then it goes, and an option already ticked on it is ticked in the app's form too; a
// Continue already pressed on it (footquiz/boot.js marks it) sends the app's form. It also
// goes when the app has moved to another page. A drawing it came with (a shared result's)
// moves into the app's empty picture, which leaves it out of the page's script
// (components/spine.py, sent_picture); a copy is kept for a picture drawn again later.
let sentDrawing = null;
function fillSentPictures() {
  if (!sentDrawing) return;
  for (const picture of document.querySelectorAll('svg[data-drawing="sent"]:empty')) {
    picture.append(...sentDrawing.cloneNode(true).childNodes);
  }
}
function dropEarlyScreen() {
  fillSentPictures();
  const early = document.getElementById("early");
  if (!early) return;
  const shown = document.querySelector(".app:not(.early) #screen-heading")?.dataset.screen;
  if (!shown && location.pathname.startsWith(early.dataset.path)) return;
  let send = null;
  if (shown && shown === early.querySelector("[data-screen]")?.dataset.screen) {
    for (const box of early.querySelectorAll("input:checked")) {
      const same = document.querySelector(
        `.app:not(.early) input[name="${CSS.escape(box.name)}"][value="${CSS.escape(box.value)}"]`,
      );
      if (same && !same.checked) same.click();
    }
    if (early.dataset.continued) send = document.querySelector(".app:not(.early) #continue");
  }
  early.remove();
  sentDrawing = early.querySelector("#diagram-large svg") || sentDrawing;
  fillSentPictures();
  send?.form?.requestSubmit(send);
}

// Continue on the screen as sent waits for the app (its ticks carry over), never reloads.
document.addEventListener("submit", (event) => {
  const early = event.target instanceof Element && event.target.closest("#early");
  if (!early) return;
  event.preventDefault();
  early.dataset.continued = "true";
});

// ----- Errors, the GOV.UK way -----
// The error summary takes focus when it appears (screen readers hear it at once), and its
// link moves focus to the field without adding a history entry. The same watcher removes the
// screen as sent.
new MutationObserver(() => {
  dropEarlyScreen();
  const summary = document.getElementById("error-summary");
  if (summary && !summary.dataset.seen) {
    summary.dataset.seen = "1";
    summary.focus();
  }
}).observe(document.documentElement, {
  childList: true, subtree: true, attributes: true, attributeFilter: ["data-screen"],
});
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest(".error-summary a") : null;
  const field = link && document.getElementById(new URL(link.href).hash.slice(1));
  if (!field) return;
  // Before the app's router sees it: no navigation, no history entry, only focus.
  event.preventDefault();
  event.stopPropagation();
  field.focus();
  field.closest("fieldset")?.scrollIntoView({ block: "start" });
}, { capture: true });

// ----- Kiosk mode (was assets/kiosk.js: one request fewer on every page) -----
// Kiosk mode: after the idle time, ask "Still there?" with a countdown; when it runs out, or on
// "I'm done", wipe this patient in the browser at once: answers and tab token gone (the next
// patient gets a fresh session key), the screen blanked. Then the server is told to forget too
// (when it is reachable) and the page reloads to the attract screen as soon as it can: offline,
// the blank screen waits for the network, and nothing of the last patient is left to see.
// No native dialog is used anywhere, so nothing can freeze this timer.
(() => {
  let lastActivity = Date.now();
  let wiping = false;
  const touch = () => { lastActivity = Date.now(); };
  for (const type of ["pointerdown", "keydown", "touchstart", "input", "wheel"]) {
    addEventListener(type, touch, { passive: true, capture: true });
  }

  const reloadWhenReachable = async () => {
    try {
      const response = await fetch("/kiosk", { method: "HEAD", cache: "no-store" });
      if (response.ok) {
        location.replace("/kiosk");
        return;
      }
    } catch (error) {
      // offline or the server is down: try again shortly
    }
    setTimeout(reloadWhenReachable, 2000);
  };

  const wipe = () => {
    if (wiping) return;
    wiping = true;
    localStorage.removeItem("footquiz_answers");
    sessionStorage.removeItem("token");
    document.getElementById("still-there")?.close();
    document.documentElement.classList.add("kiosk-wiped");
    document.getElementById("kiosk-wipe")?.click();  // the server forgets too, if reachable
    setTimeout(reloadWhenReachable, 500);
  };

  document.addEventListener("click", (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest("[data-kiosk-done]")) wipe();
    if (target?.closest("#still-here")) {
      document.getElementById("still-there")?.close();
      touch();
    }
  });

  setInterval(() => {
    const settings = document.getElementById("kiosk-settings");
    const dialog = document.getElementById("still-there");
    // Not in kiosk mode, the attract screen with nothing to wipe, or an emergency result that
    // must stay until staff or the patient dismiss it ([data-kiosk-hold]).
    const idleScreen = location.pathname.startsWith("/kiosk")
      && !localStorage.getItem("footquiz_answers");
    if (!settings || !dialog || wiping || idleScreen
        || document.querySelector("[data-kiosk-hold]")) {
      if (dialog?.open && !wiping) dialog.close();
      touch();
      return;
    }
    const onResult = /^\/(result|r\/)/.test(location.pathname);
    const idle = 1000 * Number(onResult ? settings.dataset.idleResult : settings.dataset.idleQuiz);
    const countdown = 1000 * Number(settings.dataset.countdown);
    const quiet = Date.now() - lastActivity;
    if (quiet < idle) {
      if (dialog.open) dialog.close();
      return;
    }
    const left = Math.max(0, Math.ceil((idle + countdown - quiet) / 1000));
    const text = document.getElementById("still-there-text");
    if (text) text.textContent = text.dataset.template.replace("{seconds}", String(left));
    if (!dialog.open) dialog.showModal();
    if (left === 0) wipe();
  }, 250);
})();
