// Small helpers shared by the page's scripts: elements, formatting, JSON fetches.
"use strict";

const Sweep = window.Sweep = {};

// h("div", {class: "x", onclick: f}, child, "text", ...): an element; null and false children are skipped.
Sweep.h = function (tag, attrs, ...children) {
  const svg = ["svg", "g", "path", "circle", "line", "text", "polygon", "rect", "title", "clipPath"].includes(tag);
  const el = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = v;
    else if (k === "style") Object.assign(el.style, v); // CSSOM, which the page's CSP allows (style attributes it does not)
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
};

Sweep.getJson = async function (path) {
  const response = await fetch(path, { headers: { "Accept": "application/json" }, credentials: "same-origin" });
  if (!response.ok) {
    let message = response.status + " " + response.statusText;
    try { message = (await response.json()).error || message; } catch (_) { /* not JSON */ }
    throw new Error(message);
  }
  return response.json();
};

Sweep.postJson = async function (path) {
  const response = await fetch(path, { method: "POST", headers: { "X-Sweep-Control": "1" }, credentials: "same-origin" });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
};

Sweep.duration = function (seconds) {
  if (seconds === null || seconds === undefined || !isFinite(seconds)) return "–";
  if (seconds >= 86400) return Math.floor(seconds / 86400) + "d " + Math.floor((seconds % 86400) / 3600) + "h";
  if (seconds >= 3600) return Math.floor(seconds / 3600) + "h " + String(Math.floor((seconds % 3600) / 60)).padStart(2, "0") + "m";
  if (seconds >= 60) return Math.floor(seconds / 60) + "m " + String(Math.floor(seconds % 60)).padStart(2, "0") + "s";
  return seconds.toFixed(1) + "s";
};

Sweep.num = function (value, digits) {
  if (value === null || value === undefined || (typeof value === "number" && !isFinite(value))) return "–";
  if (typeof value !== "number") return String(value);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-3 || abs >= 1e5)) return value.toExponential(2);
  return value.toFixed(digits === undefined ? 4 : digits);
};

Sweep.badge = function (state) {
  return Sweep.h("span", { class: "badge s-" + state }, state);
};

// A stacked bar: done, failed, running out of total.
Sweep.progress = function (s) {
  const pct = (n) => (s.total > 0 ? (100 * n / s.total) : 0).toFixed(2) + "%";
  return Sweep.h("div", { class: "bar", title: `${s.done} done · ${s.running} running · ${s.pending} pending · ${s.failed} failed` },
    Sweep.h("span", { class: "b-done", style: { width: pct(s.done) } }),
    Sweep.h("span", { class: "b-failed", style: { width: pct(s.failed) } }),
    Sweep.h("span", { class: "b-running", style: { width: pct(s.running) } }));
};
