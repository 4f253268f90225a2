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
