// Routing (#/, #/sweep/<id>, #/sweep/<id>/trial/<trial>, #/cluster), the live event stream, and the deltas: a sweep's
// page asks only for the trials changed after the cursor it holds.
"use strict";

(function () {
  const h = Sweep.h;
  const view = document.getElementById("view");
  let sweeps = { sweeps: [], source: "" };
  let ctx = null; // the open sweep
  let route = null;
  let busy = false, again = false;

  function problem(message) {
    const el = document.getElementById("problem");
    el.hidden = !message;
    el.textContent = message || "";
  }

  function parseRoute() {
    const parts = location.hash.replace(/^#\/?/, "").split("/").map(decodeURIComponent);
    if (parts[0] === "sweep" && parts[1]) return { page: "sweep", id: parts[1], trial: parts[2] === "trial" ? parts[3] : null };
    if (parts[0] === "cluster") return { page: "cluster" };
    return { page: "sweeps" };
  }

  function setNav(page) {
    for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === page);
  }

  async function loadDelta(c) {
    let more = true;
    let changed = 0;
    for (let page = 0; more; page++) {
      const d = await Sweep.getJson(`/api/sweeps/${encodeURIComponent(c.id)}/trials?after=${c.cursor}&limit=5000`);
      if (ctx !== c) return 0;
      c.table.update(d.trials, page === 0 || !d.more); // the first page at once, then the table once all have come
      changed += d.trials.length;
      c.cursor = d.cursor;
      c.version = d.version;
      more = d.more;
    }
    return changed;
  }

  async function loadCurves(c) {
    const curves = await Sweep.getJson(`/api/sweeps/${encodeURIComponent(c.id)}/curves`);
    if (ctx === c) { c.curves = curves; drawCurves(); }
  }

  function drawCurves() {
    const old = document.getElementById("curves");
    if (old && ctx) old.replaceWith(Sweep.curvesPanel(ctx, drawCurves));
  }

  function drawHeader() {
    const old = document.getElementById("sweep-head");
    const s = sweeps.sweeps.find((x) => x.sweep_id === ctx.id);
    if (old && s) old.replaceWith(Sweep.sweepHeader(s, ctx.meta, control));
  }

  async function drawDetail() {
    const holder = document.getElementById("detail-holder");
    if (!holder || !ctx) return;
    if (!ctx.trial) { holder.replaceChildren(); return; }
    const d = await Sweep.getJson(`/api/sweeps/${encodeURIComponent(ctx.id)}/trials/${encodeURIComponent(ctx.trial)}`);
    holder.replaceChildren(Sweep.trialDetail(d, () => { location.hash = "#/sweep/" + encodeURIComponent(ctx.id); }));
  }

  async function control(action) {
    try {
      await Sweep.postJson(`/api/sweeps/${encodeURIComponent(ctx.id)}/${action}`);
      problem(null);
    } catch (e) { problem(action + ": " + e.message); }
  }

  async function openSweep(r) {
    if (ctx && ctx.id === r.id) {
      ctx.trial = r.trial;
      await drawDetail();
      return;
    }
    const meta = await Sweep.getJson(`/api/sweeps/${encodeURIComponent(r.id)}`);
    Sweep.current = r.id;
    ctx = { id: r.id, trial: r.trial, meta, cursor: 0, version: 0, curves: null, series: null, yLog: false, shown: new Set(Sweep.quantities.map((q) => q.key)) };
    ctx.table = new Sweep.TrialTable(meta);
    const head = Sweep.sweepHeader(meta.sweep, meta, control);
    view.replaceChildren(head, Sweep.curvesPanel(ctx, drawCurves), h("div", { id: "detail-holder" }), ctx.table.el);
    ctx.table.render();
    await loadDelta(ctx);
    await loadCurves(ctx);
    await drawDetail();
  }

  async function refresh() {
    if (busy) { again = true; return; }
    busy = true;
    try {
      do {
        again = false;
        if (route.page === "sweeps") view.replaceChildren(Sweep.sweepsView(sweeps));
        else if (route.page === "cluster") view.replaceChildren(Sweep.clusterView(await Sweep.getJson("/api/cluster")));
        else if (ctx) {
          drawHeader();
          const s = sweeps.sweeps.find((x) => x.sweep_id === ctx.id);
          if (s && s.version > ctx.version) {
            const c = ctx;
            if (await loadDelta(c) > 0) { await loadCurves(c); if (c.trial) await drawDetail(); }
          }
        }
      } while (again);
      problem(sweeps.error ? "The source did not answer: " + sweeps.error : null);
    } catch (e) {
      problem(e.message);
    } finally {
      busy = false;
    }
  }

  async function navigate() {
    route = parseRoute();
    setNav(route.page);
    if (route.page !== "sweep") { ctx = null; Sweep.current = null; }
    try {
      if (route.page === "sweep") await openSweep(route);
      await refresh();
    } catch (e) {
      problem(e.message);
    }
  }

  function onState(data) {
    sweeps = data;
    document.getElementById("source").textContent = data.source || sweeps.source || "";
    refresh();
  }

  function connect() {
    const live = document.getElementById("live");
    const events = new EventSource("/api/events");
    events.addEventListener("state", (e) => {
      live.textContent = "live";
      live.className = "live on";
      const data = JSON.parse(e.data);
      data.source = data.source || sweeps.source;
      onState(data);
    });
    events.onerror = () => { live.textContent = "reconnecting…"; live.className = "live off"; };
  }

  // The open sweep stays watched (the server keeps refreshing what someone looks at), and picks up an extension's new axis values.
  setInterval(async () => {
    if (!ctx) return;
    try {
      const meta = await Sweep.getJson(`/api/sweeps/${encodeURIComponent(ctx.id)}`);
      if (ctx && ctx.id === meta.sweep?.sweep_id) ctx.meta = meta;
    } catch (_) { /* shown by the next refresh */ }
  }, 20000);
  // Running trials' elapsed times tick on the page between events.
  setInterval(() => { if (ctx && route.page === "sweep" && !document.hidden) { ctx.table.dirty = ctx.table.sort.key === "elapsed"; ctx.table.render(); } }, 2000);

  window.addEventListener("hashchange", navigate);
  Sweep.getJson("/api/sweeps").then((data) => { sweeps = data; document.getElementById("source").textContent = data.source; navigate(); connect(); })
    .catch((e) => problem(e.message));
})();
