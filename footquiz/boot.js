(() => {
// footquiz/headers.py sends this inline with every page (comment lines and indentation cut):
// the framework starts after the first paint, and no tap is lost before React listens.
const d = document;
const has = (node, prefix) => Object.keys(node).some((key) => key.startsWith(prefix));
const listening = () => has(d, "_reactListening");
// Taps held until React listens: [node, replay]. Each is replayed on the same node once React
// has hydrated it (it keeps the nodes), or after 5 s of listening (React replays it then).
const held = [];
let since = 0;
let timer = 0;
let replaying = false;
// Should React never mark the document (a React that names its marks otherwise), taps go
// through as they come 20 s after the first was held: never held for good.
let first = 0;
let gaveUp = false;
const replay = () => {
  gaveUp = gaveUp || (!listening() && Date.now() - first > 20000);
  if (!listening() && !gaveUp) return;
  since = since || Date.now();
  while (held.length) {
    const [node, act] = held[0];
    const live = node.isConnected ? node : node.id && d.getElementById(node.id);
    if (live && !has(live, "__reactProps$") && Date.now() - since < 5000) return;
    held.shift();
    replaying = true;
    try { live && act(live); } finally { replaying = false; }
  }
  timer = clearInterval(timer);
};
const hold = (event) => {
  const target = event.target instanceof Element && !replaying ? event.target : null;
  const early = target && target.closest("#early");
  const submit = event.type == "submit";
  // Continue on the screen as sent: footquiz.js sends the app's form once it is there.
  if (early) return submit && (event.preventDefault(), early.dataset.continued = "true");
  if (!target || gaveUp || (!held.length && listening())) return;
  const node = submit ? target : target.closest("button,input[type=submit],[role=button]");
  const by = event.submitter;
  if (!node || node.disabled) return;
  event.preventDefault();
  event.stopImmediatePropagation();
  held.push([node, (live) => submit ? live.requestSubmit(by && by.form == live ? by : null) : live.click()]);
  first = first || Date.now();
  timer = timer || setInterval(replay, 50);
};
addEventListener("click", hold, true);
addEventListener("submit", hold, true);
// The framework: the module preloads and the boot module, made live again.
let started = false;
const start = () => {
  if (started) return;
  if (d.readyState == "loading") return d.addEventListener("DOMContentLoaded", start);
  started = true;
  for (const later of d.querySelectorAll("link[rel=x-modulepreload]")) {
    const link = d.createElement("link");
    link.rel = "modulepreload";
    link.href = later.getAttribute("href");
    later.replaceWith(link);
  }
  const boot = d.getElementById("fq-boot");
  if (!boot) return;
  const script = d.createElement("script");
  script.type = "module";
  script.textContent = boot.textContent;
  boot.replaceWith(script);
};
// After the first paint the browser reports (Largest Contentful Paint, else First Paint, else
// the first frame); at once in a hidden tab, which paints nothing; in 5 s whatever happens.
const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
const paint = ["largest-contentful-paint", "paint"].find((type) => types.includes(type));
if (d.visibilityState != "visible") start();
else if (paint) new PerformanceObserver(() => setTimeout(start)).observe({ type: paint, buffered: true });
else requestAnimationFrame(() => setTimeout(start));
d.addEventListener("visibilitychange", start);
setTimeout(start, 5000);
})();
