// The bound curves as inline SVG: each quantity's mean over seeds as a line with its 95% band, against d (or r) on a
// log axis, one circle per swept value. Hovering a circle shows its numbers.
"use strict";

(function () {
  const h = Sweep.h;

  Sweep.quantities = [
    { key: "train_error", label: "train error", color: "#2b6cb0" },
    { key: "test_error", label: "test error", color: "#dd6b20" },
    { key: "gap", label: "gap (test − train)", color: "#805ad5" },
    { key: "bound", label: "bound on |gen|", color: "#2f855a" },
    { key: "test_error_bound", label: "train error + bound", color: "#c53030", dash: "6 4" },
    { key: "mi_term_estimate", label: "estimated MI term (not a bound)", color: "#0987a0", dash: "2 3" },
    { key: "baseline", label: "full-training baseline test error, d_int90", color: "#4a5568", dash: "8 4" },
  ];

  const W = 900, H = 360, M = { left: 58, right: 16, top: 14, bottom: 44 };

  function niceTicks(lo, hi, count) {
    const span = hi - lo || 1;
    const step0 = Math.pow(10, Math.floor(Math.log10(span / count)));
    const step = [1, 2, 5, 10].map((m) => m * step0).find((s) => span / s <= count) || step0 * 10;
    const ticks = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return ticks;
  }

  function logTicks(lo, hi) {
    const ticks = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of [1, 2, 5]) {
        const v = m * Math.pow(10, e);
        if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
      }
    }
    return ticks;
  }

  // points: the /curves points of one series; shown: the quantity keys to draw; yLog: a log y axis;
  // baseline, dInt90: that series' full-training baseline and d_int90 from /curves (or undefined).
  Sweep.drawCurves = function (points, axis, shown, yLog, baseline, dInt90) {
    const svg = h("svg", { class: "chart", viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "bound curves against " + axis });
    if (points.length === 0) {
      svg.append(h("text", { x: W / 2, y: H / 2, "text-anchor": "middle", class: "empty" }, "no completed trial yet: the curves appear as trials finish"));
      return svg;
    }

    const xs = [...new Set(points.map((p) => p.x))].sort((a, b) => a - b);
    const qs = Sweep.quantities.filter((q) => shown.has(q.key) && points.some((p) => p[q.key]));
    const base = shown.has("baseline") && baseline ? baseline : null;
    // The y range follows the means; bands wider than that (two seeds give wide t intervals) are clipped at the frame.
    let lo = Infinity, hi = -Infinity;
    for (const p of points) for (const q of qs) {
      const y = p[q.key] && p[q.key].mean;
      if (isFinite(y) && (!yLog || y > 0)) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
    }
    if (base && isFinite(base.test_error.mean) && (!yLog || base.test_error.mean > 0)) {
      lo = Math.min(lo, base.test_error.mean); hi = Math.max(hi, base.test_error.mean);
    }
    if (!isFinite(lo)) { lo = yLog ? 1e-3 : 0; hi = 1; }
    if (!yLog) { const pad = (hi - Math.min(0, lo)) * 0.12 || 0.1; lo = lo < 0 ? lo - pad : 0; hi = hi + pad; } else { lo = lo / 1.6; hi = hi * 1.6; }
    const xLo = Math.log(xs[0]), xHi = Math.log(xs[xs.length - 1]);
    const px = (x) => xs.length === 1 ? (M.left + W - M.right) / 2 : M.left + (Math.log(x) - xLo) / (xHi - xLo) * (W - M.left - M.right);
    const yv = (y) => yLog ? Math.log(Math.max(y, lo)) : y;
    const py = (y) => H - M.bottom - (yv(y) - yv(lo)) / (yv(hi) - yv(lo)) * (H - M.top - M.bottom);

    const grid = h("g", { class: "grid" });
    for (const t of yLog ? logTicks(lo, hi) : niceTicks(lo, hi, 6)) {
      grid.append(h("line", { x1: M.left, x2: W - M.right, y1: py(t), y2: py(t) }));
      grid.append(h("text", { x: M.left - 6, y: py(t) + 4, "text-anchor": "end" }, Sweep.num(t, t >= 10 ? 0 : 2)));
    }
    for (const x of xs) {
      grid.append(h("line", { x1: px(x), x2: px(x), y1: M.top, y2: H - M.bottom, class: "xgrid" }));
      grid.append(h("text", { x: px(x), y: H - M.bottom + 16, "text-anchor": "middle" }, String(x)));
    }
    grid.append(h("text", { x: (M.left + W - M.right) / 2, y: H - 8, "text-anchor": "middle", class: "axis-label" }, (axis === "r" ? "rank r" : "intrinsic dimension d") + " (log scale)"));
    grid.append(h("text", { x: 14, y: (M.top + H - M.bottom) / 2, "text-anchor": "middle", class: "axis-label", transform: `rotate(-90 14 ${(M.top + H - M.bottom) / 2})` }, "0-1 error / bound"));
    svg.append(grid);

    svg.append(h("clipPath", { id: "frame" }, h("rect", { x: M.left, y: M.top, width: W - M.left - M.right, height: H - M.top - M.bottom })));
    for (const q of qs) {
      const pts = points.filter((p) => p[q.key]).sort((a, b) => a.x - b.x);
      const g = h("g", { class: "series", "data-q": q.key });
      const upper = pts.map((p) => `${px(p.x)},${py(p[q.key].ci_high)}`);
      const lower = pts.map((p) => `${px(p.x)},${py(p[q.key].ci_low)}`).reverse();
      g.append(h("polygon", { points: upper.concat(lower).join(" "), fill: q.color, "fill-opacity": 0.12, stroke: "none", "clip-path": "url(#frame)" }));
      g.append(h("path", { d: "M" + pts.map((p) => `${px(p.x)},${py(p[q.key].mean)}`).join(" L"), fill: "none", stroke: q.color, "stroke-width": 2, "stroke-dasharray": q.dash || null }));
      for (const p of pts) {
        const v = p[q.key];
        g.append(h("circle", { class: "pt", cx: px(p.x), cy: py(v.mean), r: 4, fill: q.color, "data-q": q.key, "data-x": p.x },
          h("title", {}, `${q.label} at ${axis} = ${p.x}: ${Sweep.num(v.mean)} (95% CI ${Sweep.num(v.ci_low)} … ${Sweep.num(v.ci_high)}, ${p.seeds} seed${p.seeds === 1 ? "" : "s"})`)));
      }
      svg.append(g);
    }
    if (base) svg.append(baselineLayer(base, dInt90, axis, px, py, xs));
    return svg;
  };

  // The baseline's mean test error as a dashed horizontal line with its band, and d_int90 as a vertical line.
  function baselineLayer(base, dInt90, axis, px, py, xs) {
    const q = Sweep.quantities.find((x) => x.key === "baseline");
    const e = base.test_error, x0 = M.left, x1 = W - M.right;
    const g = h("g", { class: "baseline", "data-q": "baseline" },
      h("rect", { x: x0, width: x1 - x0, y: py(e.ci_high), height: Math.max(0, py(e.ci_low) - py(e.ci_high)), fill: q.color, "fill-opacity": 0.1, "clip-path": "url(#frame)" }),
      h("line", { x1: x0, x2: x1, y1: py(e.mean), y2: py(e.mean), stroke: q.color, "stroke-width": 2, "stroke-dasharray": q.dash },
        h("title", {}, `full-training baseline (D = ${base.parameter_count}): test error ${Sweep.num(e.mean)} (95% CI ${Sweep.num(e.ci_low)} … ${Sweep.num(e.ci_high)}, ${base.seeds} seeds); no bound: ${base.bound}`)));
    if (dInt90 && dInt90.reached && dInt90.value > 0 && xs.length > 1) {
      const x = Math.min(Math.max(px(dInt90.value), x0), x1);
      g.append(h("line", { class: "dint90", x1: x, x2: x, y1: M.top, y2: H - M.bottom, stroke: q.color, "stroke-width": 1.5, "stroke-dasharray": "2 3", "data-x": dInt90.value },
        h("title", {}, `d_int90 ≈ ${Sweep.num(dInt90.value, 1)}: ${dInt90.note}`)));
      g.append(h("text", { x: x + 4, y: M.top + 12, class: "dint90-label" }, `d_int90 ≈ ${Sweep.num(dInt90.value, 0)}`));
    }
    return g;
  }

  // The legend: a toggle per quantity; onChange(set) redraws.
  Sweep.legend = function (shown, available, onChange) {
    return h("div", { class: "legend" }, Sweep.quantities.filter((q) => available.has(q.key)).map((q) => {
      const box = h("input", { type: "checkbox", checked: shown.has(q.key), onchange: () => { box.checked ? shown.add(q.key) : shown.delete(q.key); onChange(shown); } });
      return h("label", { class: "lg" }, box, h("span", { class: "swatch" + (q.dash ? " dashed" : ""), style: { borderColor: q.color, background: q.dash ? "transparent" : q.color } }), q.label);
    }));
  };
})();
