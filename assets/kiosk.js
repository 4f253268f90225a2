// Kiosk mode: after the idle time, ask "Still there?" with a countdown; when it runs out,
// press the hidden wipe button, which clears this patient's answers on the server and here.
(() => {
  let lastActivity = Date.now();
  const touch = () => { lastActivity = Date.now(); };
  for (const type of ["pointerdown", "keydown", "touchstart", "input", "wheel"]) {
    addEventListener(type, touch, { passive: true, capture: true });
  }
  setInterval(() => {
    const settings = document.getElementById("kiosk-settings");
    const dialog = document.getElementById("still-there");
    // Not in kiosk mode, the attract screen, or an emergency result that must stay until
    // staff or the patient dismiss it ([data-kiosk-hold]).
    if (!settings || !dialog || document.querySelector("[data-kiosk-hold]")) { touch(); return; }
    const onResult = location.pathname.startsWith("/result");
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
    if (left === 0) {
      dialog.close();
      touch();
      document.getElementById("kiosk-wipe")?.click();
    }
  }, 250);
})();
