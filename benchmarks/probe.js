// Injected into every frame of a page before its own scripts (see benchmarks/__init__.py, 2):
// records when each widget view and each map is first drawn and then interactive.
(() => {
  if (window.__scoBench) return;
  const S = window.__scoBench = {origin: performance.timeOrigin, marks: {}, top: window === window.top};
  const now = () => performance.timeOrigin + performance.now();
  const KINDS = [
    ["timeline", ".sco-timeline", ".sco-tl-mark"],
    ["explorer", ".sco-ex", "input, select"],
    ["choice views", ".sco-cv", "select"],
    ["dropdown", ".widget-dropdown", "select"],
    ["slider", ".widget-slider", ".noUi-handle, input"],
    ["widget", ".jupyter-widgets", "input, select, button, textarea, [tabindex], .widget-html-content"],
  ];
  const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  function mark(key, info) {
    if (S.marks[key]) return;
    const m = S.marks[key] = Object.assign({drawn: now()}, info);
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { m.interactive = now(); };
    channel.port2.postMessage(null);
  }
  function checkWidgets() {
    const views = document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]');
    S.views = views.length;
    views.forEach((script, index) => {
      const key = "widget-" + index;
      if (S.marks[key]) return;
      const area = script.previousElementSibling;
      if (!area || !area.classList.contains("widget-subarea")) return;
      for (const [kind, container, ready] of KINDS) {
        const box = area.querySelector(container);
        if (!box) continue;
        const control = Array.from(box.querySelectorAll(ready)).find(shown);
        if (control) mark(key, {kind: kind, selector: container + " " + ready.split(",")[0].trim()});
        return;
      }
    });
  }
  function checkMap() {
    const paths = document.querySelectorAll("path.leaflet-interactive");
    if (paths.length && Array.from(paths).some(shown)) {
      mark("map", {kind: "map", selector: "path.leaflet-interactive", paths: paths.length,
                   controls: document.querySelectorAll(".leaflet-control").length});
    }
  }
  const check = () => { try { S.top ? checkWidgets() : checkMap(); } catch (error) { S.error = String(error); } };
  const started = now();
  const frame = () => { check(); if (now() - started < 60000) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  const timer = setInterval(() => { check(); if (now() - started > 60000) clearInterval(timer); }, 50);
})();
