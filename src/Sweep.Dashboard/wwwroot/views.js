// The three pages: the sweeps, one sweep (curves, trials, a trial's detail) and the cluster.
"use strict";

(function () {
  const h = Sweep.h;

  Sweep.sweepsView = function (data) {
    if (data.sweeps.length === 0) return h("section", { class: "panel" }, h("p", { class: "empty" }, "No sweep in " + data.source + " yet."));
    const rows = data.sweeps.map((s) => h("tr", { class: "sweep-row", "data-sweep": s.sweep_id },
      h("td", {}, h("a", { href: "#/sweep/" + encodeURIComponent(s.sweep_id) }, s.name), h("div", { class: "sub" }, s.sweep_id)),
      h("td", {}, Sweep.badge(s.state)),
      h("td", { class: "wide" }, Sweep.progress(s)),
      h("td", { class: "num" }, `${s.done}/${s.total}`),
      h("td", { class: "num" }, s.running),
      h("td", { class: "num" }, s.pending),
      h("td", { class: "num" + (s.failed > 0 ? " bad" : "") }, s.failed),
      h("td", { class: "num" }, s.per_minute.toFixed(1)),
      h("td", { class: "num" }, Sweep.duration(s.elapsed_seconds)),
      h("td", { class: "num" }, s.eta_seconds === null ? "–" : Sweep.duration(s.eta_seconds))));
    return h("section", { class: "panel" },
      h("div", { class: "panel-head" }, h("h2", {}, "Sweeps"), h("span", { class: "sub" }, data.sweeps.length + " in " + data.source)),
      h("table", { class: "grid-table", id: "sweeps" },
        h("thead", {}, h("tr", {}, ["sweep", "state", "progress", "done", "running", "pending", "failed", "trials/min", "elapsed", "ETA"].map((c, i) => h("th", { class: i >= 3 ? "num" : null }, c)))),
        h("tbody", {}, rows)));
  };

  Sweep.sweepHeader = function (s, meta, onControl) {
    if (!s) return h("section", { class: "panel" }, h("p", {}, "…"));
    const controls = meta.allow_control ? h("div", { class: "controls" },
      h("button", { onclick: () => onControl("pause"), disabled: s.phase !== "Active" }, "Pause"),
      h("button", { onclick: () => onControl("resume"), disabled: s.phase !== "Paused" }, "Resume"),
      h("button", { class: "danger", onclick: () => { if (confirm("Cancel sweep " + s.sweep_id + " for good?")) onControl("cancel"); }, disabled: s.phase === "Cancelled" }, "Cancel")) : null;
    const stat = (label, value, cls) => h("div", { class: "stat " + (cls || "") }, h("div", { class: "v" }, value), h("div", { class: "l" }, label));
    return h("section", { class: "panel head", id: "sweep-head", "data-sweep": s.sweep_id },
      h("div", { class: "title" }, h("h1", {}, s.name), Sweep.badge(s.state), h("span", { class: "sub" }, s.sweep_id), controls),
      h("div", { class: "sub" }, `${meta.model} on ${meta.dataset} · σ = ${meta.sigma} · curves against ${meta.curve_axis}` + (meta.mi ? " · " + meta.mi : "")),
      Sweep.progress(s),
      h("div", { class: "stats" },
        stat("done", `${s.done}/${s.total}`), stat("running", s.running), stat("pending", s.pending), stat("failed", s.failed, s.failed > 0 ? "bad" : ""),
        stat("trials/min", s.per_minute.toFixed(1)), stat("since submitted", Sweep.duration(s.elapsed_seconds)), stat("ETA", s.eta_seconds === null ? "–" : Sweep.duration(s.eta_seconds))));
  };

  // The curves panel: a series picker (when other settings vary), the quantity toggles, log/linear y, the chart.
  Sweep.curvesPanel = function (ctx, redraw) {
    const points = ctx.curves ? ctx.curves.points : [];
    const series = [...new Set(points.map((p) => p.series))];
    if (!series.includes(ctx.series)) ctx.series = series[0] || null;
    const mine = points.filter((p) => p.series === ctx.series);
    const baseline = ((ctx.curves && ctx.curves.baselines) || []).find((b) => b.series === ctx.series);
    const dInt90 = ((ctx.curves && ctx.curves.d_int90) || []).find((x) => x.series === ctx.series);
    const available = new Set(Sweep.quantities.map((q) => q.key).filter((k) =>
      (k !== "mi_term_estimate" || points.some((p) => p.mi_term_estimate)) && (k !== "baseline" || baseline)));
    const picker = series.length > 1 ? h("select", { id: "series", onchange: (e) => { ctx.series = e.target.value; redraw(); } },
      series.map((s) => h("option", { value: s, selected: s === ctx.series }, s))) : h("span", { class: "sub" }, ctx.series || "");
    const yToggle = h("label", { class: "lg" }, h("input", { type: "checkbox", checked: ctx.yLog, onchange: (e) => { ctx.yLog = e.target.checked; redraw(); } }), "log y");
    return h("section", { class: "panel", id: "curves" },
      h("div", { class: "panel-head" }, h("h2", {}, "Bound curves"),
        h("span", { class: "sub" }, `mean and 95% CI over seeds · ${ctx.curves ? ctx.curves.completed : 0} trials done`), picker),
      h("div", { class: "legend-row" }, Sweep.legend(ctx.shown, available, redraw), yToggle),
      Sweep.drawCurves(mine, ctx.curves ? ctx.curves.axis : ctx.meta.curve_axis, ctx.shown, ctx.yLog, baseline, dInt90));
  };

  function pairs(obj) {
    return h("dl", { class: "kv" }, Object.entries(obj || {}).filter(([, v]) => v !== null && v !== undefined).flatMap(([k, v]) =>
      [h("dt", {}, k.replaceAll("_", " ")), h("dd", {}, typeof v === "object" ? JSON.stringify(v) : typeof v === "number" ? Sweep.num(v, Number.isInteger(v) ? 0 : 5) : String(v))]));
  }

  Sweep.trialDetail = function (d, close) {
    const t = d.trial;
    return h("section", { class: "panel detail", id: "trial-detail", "data-trial": t.trial_id },
      h("div", { class: "panel-head" }, h("h2", {}, "Trial " + t.trial_id), Sweep.badge(t.state), h("span", { class: "sub" }, t.point), h("button", { class: "close", onclick: close }, "×")),
      t.error ? h("pre", { class: "error-box" }, t.error) : null,
      h("div", { class: "cols" },
        h("div", {}, h("h3", {}, "Run"), pairs({ node: t.node, attempts: t.attempt, started: t.started_at ? new Date(t.started_at).toLocaleString() : null, elapsed: Sweep.duration(t.elapsed_seconds), step: t.total_steps ? `${t.step}/${t.total_steps}` : null, loss: t.loss })),
        h("div", {}, h("h3", {}, "Settings"), pairs({ d: d.settings.d, ...d.settings.training, levels: d.settings.quantization.levels, range: d.settings.quantization.range, quantization_aware: d.settings.quantization.aware, model: d.settings.model, parameters: d.settings.parameters, projection: d.settings.projection, n: d.settings.dataset.train_size, test_size: d.settings.dataset.test_size, lora: d.settings.lora })),
        h("div", {}, h("h3", {}, "Seeds"), pairs(d.seeds)),
        h("div", {}, h("h3", {}, "Metrics"), d.metrics ? pairs(d.metrics) : h("p", { class: "sub" }, "not done")),
        h("div", {}, h("h3", {}, "Bound"), d.bound ? pairs(d.bound) : h("p", { class: "sub" }, "not done"))));
  };

  Sweep.clusterView = function (c) {
    const members = c.members.length === 0 ? h("p", { class: "empty" }, c.seen_by ? "no members" : "No cluster: this dashboard reads " + c.source + ".") :
      h("table", { class: "grid-table", id: "members" },
        h("thead", {}, h("tr", {}, ["address", "roles", "status", "reachable", ""].map((x) => h("th", {}, x)))),
        h("tbody", {}, c.members.map((m) => h("tr", {},
          h("td", {}, m.address), h("td", {}, m.roles.join(", ")), h("td", {}, Sweep.badge(m.status.toLowerCase())),
          h("td", { class: m.reachable ? "" : "bad" }, m.reachable ? "yes" : "unreachable"),
          h("td", {}, [m.address === c.coordinator ? h("span", { class: "tag" }, "coordinator") : null, m.address === c.leader ? h("span", { class: "tag" }, "leader") : null])))));
    const nodes = h("table", { class: "grid-table", id: "nodes" },
      h("thead", {}, h("tr", {}, ["node", "state", "slots", "busy", "devices", "done", "recent", "trials/min"].map((x, i) => h("th", { class: i >= 2 && i !== 4 ? "num" : null }, x)))),
      h("tbody", {}, c.nodes.map((n) => h("tr", {},
        h("td", {}, n.node), h("td", {}, Sweep.badge(n.up ? "up" : "gone")), h("td", { class: "num" }, n.slots), h("td", { class: "num" }, n.busy),
        h("td", {}, n.devices.join(", ")), h("td", { class: "num" }, n.done), h("td", { class: "num" }, n.recent_done), h("td", { class: "num" }, n.per_minute.toFixed(1))))));
    const slots = h("table", { class: "grid-table", id: "slots" },
      h("thead", {}, h("tr", {}, ["slot", "registered", "busy", "done", "recent"].map((x, i) => h("th", { class: i >= 2 ? "num" : null }, x)))),
      h("tbody", {}, c.slots.map((s) => h("tr", {}, h("td", {}, s.slot), h("td", {}, s.registered ? "yes" : "no"), h("td", { class: "num" }, s.busy), h("td", { class: "num" }, s.done), h("td", { class: "num" }, s.recent_done)))));
    const win = c.window_seconds >= 60 ? Math.round(c.window_seconds / 60) + " min" : Math.round(c.window_seconds) + " s";
    return h("div", {},
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", {}, "Members"), h("span", { class: "sub" }, c.seen_by ? "as " + c.seen_by + " sees it" : "")), members),
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", {}, "Trainer nodes"), h("span", { class: "sub" }, "recent: completions in the coordinator's last " + win)), nodes),
      h("section", { class: "panel" }, h("div", { class: "panel-head" }, h("h2", {}, "Slots")), slots));
  };
})();
