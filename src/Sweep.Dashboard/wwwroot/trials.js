// The trial table of one sweep: every grid point, filtered by state and by any axis, sorted by any column, paged.
// It holds all rows in memory (a 100,000-trial sweep is fine) and draws one page; rows arrive as deltas.
"use strict";

(function () {
  const h = Sweep.h;
  const PAGE = 50;
  const MENU = 200;
  const STATES = ["pending", "running", "done", "failed"];

  function elapsed(r) {
    if (r.state === "running" && r.started_at) return Math.max(0, (Date.now() - Date.parse(r.started_at)) / 1000);
    return r.elapsed_seconds;
  }

  function columns(axes) {
    return [
      { key: "trial_id", label: "trial", value: (r) => r.trial_id, cell: (r) => h("a", { href: `#/sweep/${encodeURIComponent(Sweep.current)}/trial/${r.trial_id}` }, r.trial_id) },
      { key: "state", label: "state", value: (r) => STATES.indexOf(r.state), cell: (r) => Sweep.badge(r.state) },
      ...axes.map((a) => ({ key: "axis:" + a, label: a, num: true, value: (r) => { const v = parseFloat(r.axes[a]); return isNaN(v) ? r.axes[a] : v; }, cell: (r) => r.axes[a] })),
      { key: "node", label: "node", value: (r) => r.node || "", cell: (r) => r.node || "–" },
      { key: "attempt", label: "attempt", num: true, value: (r) => r.attempt, cell: (r) => r.attempt || "–" },
      { key: "elapsed", label: "elapsed", num: true, value: elapsed, cell: (r) => Sweep.duration(elapsed(r)) },
      { key: "step", label: "step", num: true, value: (r) => r.total_steps ? r.step / r.total_steps : null, cell: (r) => r.total_steps ? `${r.step}/${r.total_steps}` : "–" },
      { key: "loss", label: "loss", num: true, value: (r) => r.loss, cell: (r) => Sweep.num(r.loss, 3) },
      { key: "train_error", label: "train err", num: true, value: (r) => r.train_error, cell: (r) => Sweep.num(r.train_error) },
      { key: "test_error", label: "test err", num: true, value: (r) => r.test_error, cell: (r) => Sweep.num(r.test_error) },
      { key: "gap", label: "gap", num: true, value: (r) => r.gap, cell: (r) => Sweep.num(r.gap) },
      { key: "bound", label: "bound", num: true, value: (r) => r.bound, cell: (r) => Sweep.num(r.bound) },
      { key: "error", label: "error", value: (r) => r.error || "", cell: (r) => r.error ? h("span", { class: "err", title: r.error }, r.error) : "" },
    ];
  }

  Sweep.TrialTable = class {
    constructor(meta) {
      this.meta = meta;
      this.rows = new Map();
      this.cols = columns(meta.axes);
      this.state = "";
      this.axisFilter = {};
      this.sort = { key: "state", dir: -1 };
      this.page = 0;
      this.dirty = true;
      this.el = h("section", { class: "panel trials" });
    }

    // rows: changed trials from /trials?after=…; replaces what the table had for them. draw: false while more pages
    // of the same listing follow (a 100,000-trial sweep comes in 20 pages; sorting it after each cost seconds).
    update(rows, draw = true) {
      for (const r of rows) this.rows.set(r.trial_id, r);
      if (rows.length > 0) this.dirty = true;
      if (this.dirty && draw) this.render();
    }

    view() {
      if (!this.dirty) return this.cached;
      const col = this.cols.find((c) => c.key === this.sort.key) || this.cols[0];
      const filters = Object.entries(this.axisFilter).filter(([, v]) => v !== "");
      const list = [];
      for (const r of this.rows.values()) {
        if (this.state && r.state !== this.state) continue;
        if (filters.some(([a, v]) => r.axes[a] !== v)) continue;
        list.push(r);
      }
      const dir = this.sort.dir;
      list.sort((a, b) => {
        const x = col.value(a), y = col.value(b);
        if (x === y || (x == null && y == null)) return a.index - b.index;
        if (x == null) return 1;
        if (y == null) return -1;
        return (x < y ? -1 : 1) * dir;
      });
      this.cached = list;
      this.dirty = false;
      return list;
    }

    render() {
      const list = this.view();
      const pages = Math.max(1, Math.ceil(list.length / PAGE));
      this.page = Math.min(this.page, pages - 1);
      const counts = { "": this.rows.size };
      for (const r of this.rows.values()) counts[r.state] = (counts[r.state] || 0) + 1;
      const refilter = () => { this.dirty = true; this.page = 0; this.render(); };

      const stateSelect = h("select", { "aria-label": "state", id: "filter-state", onchange: (e) => { this.state = e.target.value; refilter(); } },
        ["", ...STATES].map((s) => h("option", { value: s, selected: s === this.state }, `${s || "all states"} (${counts[s] || 0})`)));
      // An axis with many values (the seeds of a 100,000-trial sweep) gets a text box, not a menu of thousands.
      const axisSelects = this.meta.axes.map((a) => {
        const values = this.meta.axis_values[a] || [];
        const onchange = (e) => { this.axisFilter[a] = e.target.value.trim(); refilter(); };
        return h("label", { class: "filter" }, a + " ", values.length > MENU
          ? h("input", { "data-axis": a, type: "text", size: 6, placeholder: "all", value: this.axisFilter[a] || "", onchange })
          : h("select", { "data-axis": a, onchange },
            h("option", { value: "" }, "all"),
            values.map((v) => h("option", { value: v, selected: this.axisFilter[a] === v }, v))));
      });

      const head = h("tr", {}, this.cols.map((c) => h("th", {
        class: (c.num ? "num " : "") + (this.sort.key === c.key ? (this.sort.dir > 0 ? "sorted asc" : "sorted desc") : ""),
        onclick: () => { this.sort = { key: c.key, dir: this.sort.key === c.key ? -this.sort.dir : 1 }; this.dirty = true; this.render(); },
      }, c.label)));
      const body = h("tbody", {}, list.slice(this.page * PAGE, (this.page + 1) * PAGE).map((r) =>
        h("tr", { class: "t-" + r.state, "data-trial": r.trial_id }, this.cols.map((c) => h("td", { class: c.num ? "num" : null }, c.cell(r))))));
      const from = list.length === 0 ? 0 : this.page * PAGE + 1;
      const pager = h("div", { class: "pager" },
        h("button", { disabled: this.page === 0, onclick: () => { this.page = 0; this.render(); } }, "«"),
        h("button", { disabled: this.page === 0, onclick: () => { this.page--; this.render(); } }, "‹ prev"),
        h("span", { class: "range" }, `${from}–${Math.min(list.length, (this.page + 1) * PAGE)} of ${list.length}`),
        h("button", { disabled: this.page >= pages - 1, onclick: () => { this.page++; this.render(); } }, "next ›"),
        h("button", { disabled: this.page >= pages - 1, onclick: () => { this.page = pages - 1; this.render(); } }, "»"));

      this.el.replaceChildren(
        h("div", { class: "panel-head" }, h("h2", {}, "Trials"), h("div", { class: "filters" }, stateSelect, axisSelects)),
        h("div", { class: "scroll" }, h("table", { class: "grid-table", id: "trial-table" }, h("thead", {}, head), body)),
        pager);
    }
  };
})();
