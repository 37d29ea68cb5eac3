// What the batch page shows and exports, from the engine's results: money compared as decimal
// strings (never as JS numbers), the enterprise table sorted, the results CSV (UTF-8 with a BOM,
// every table of tables.js: the facts, per measure and year, the range, the enterprises), the
// template CSV, and the histogram's bins and bars. Pure, tested in tests/node/batch-report.test.mjs.

import { toCsv } from "./csv.js";
import { columnsOf, templateHeader } from "./columns.js";
import { reportTables, tablesCsv } from "./tables.js";

/** Compares two non-negative money strings ("1234.50") exactly: -1, 0 or 1. */
export function compareMoney(a, b) {
  const [ai, af = ""] = String(a).split(".");
  const [bi, bf = ""] = String(b).split(".");
  const ax = ai.replace(/^0+(?=\d)/, "");
  const bx = bi.replace(/^0+(?=\d)/, "");
  if (ax.length !== bx.length) return ax.length < bx.length ? -1 : 1;
  if (ax !== bx) return ax < bx ? -1 : 1;
  const fa = (af + "00").slice(0, 2);
  const fb = (bf + "00").slice(0, 2);
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/**
 * Sorted copy of the engine's enterprises. `key`: "enterprise", "total", "awards_up_to",
 * "changed" (the what-if total) or a category index (its support); `dir`: 1 or -1.
 */
export function sortEnterprises(list, key, dir) {
  const val = (e) => {
    if (key === "enterprise") return e.enterprise;
    if (key === "changed") return e.changed ? e.changed.total : "0.00";
    if (typeof key === "number") return e.baseline.support[key];
    return e.baseline[key];
  };
  // Each key worked out once (tens of thousands of enterprises): money as a fixed-width digit
  // string that orders as compareMoney does, so the sort compares plain strings.
  const sortKey = key === "enterprise" ? (e) => String(val(e)) : (e) => moneyKey(val(e));
  return list
    .map((e, i) => [sortKey(e), i, e])
    .sort((x, y) => dir * (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0) || x[1] - y[1])
    .map((p) => p[2]);
}

/** A non-negative money string as a fixed-width digit string (zeros before, two decimals): ordered as compareMoney orders them. */
export function moneyKey(s) {
  const [i, f = ""] = String(s).split(".");
  return i.replace(/^0+(?=\d)/, "").padStart(24, "0") + "." + (f + "00").slice(0, 2);
}

/** The template CSV (UTF-8 with BOM): the header "中文 (id)" and one example row left blank but for the enterprise and year. */
export function templateCsv(policy) {
  const header = templateHeader(policy);
  const blank = header.map(() => "");
  const example = blank.slice();
  example[0] = "示例企业 Example Co.";
  example[1] = String(policy.document.first_year + 1);
  return toCsv([header, example]);
}

/** The results CSV: every table of the report (tables.js), money as the engine wrote it. */
export function resultsCsv(policy, result, extra = {}) {
  return tablesCsv(reportTables(policy, result, extra));
}

/**
 * Histogram of support per enterprise, on a scale of powers of ten split 1–2–5 (¥0, under ¥1,
 * ¥1–2, ¥2–5, ¥5–10, ¥10–20 … up to the largest), so that a few large enterprises do not flatten
 * the many small ones. A total's bin is read from its digits (how many, and the first), exactly:
 * no money is computed. Returns `{ bins: [{ from, to, count }], max }`, `from`/`to` as whole-yuan
 * strings ("" for the bin of zero and of less than ¥1: `from` "0", `to` "1").
 */
export function histogram(totals) {
  const key = (t) => {
    const [int, frac = ""] = String(t).split(".");
    const i = int.replace(/^0+(?=\d)/, "");
    if (i === "0") return /[1-9]/.test(frac) ? 1 : 0;
    const lead = i.charCodeAt(0) - 48;
    return 2 + (i.length - 1) * 3 + (lead < 2 ? 0 : lead < 5 ? 1 : 2);
  };
  const counts = [];
  let top = 0;
  for (const t of totals) {
    const k = key(t);
    counts[k] = (counts[k] || 0) + 1;
    if (k > top) top = k;
  }
  const edge = (k) => {
    // the lower edge of bin k (k >= 2) in whole yuan, as a string
    const d = Math.floor((k - 2) / 3);
    return ["1", "2", "5"][(k - 2) % 3] + "0".repeat(d);
  };
  const bins = [];
  for (let k = 0; k <= top; k++) {
    const from = k === 0 ? "0" : k === 1 ? "0" : edge(k);
    const to = k === 0 ? "0" : k === 1 ? "1" : edge(k + 1);
    bins.push({ from, to, count: counts[k] || 0 });
  }
  return { bins, max: bins.reduce((m, b) => (b.count > m ? b.count : m), 0) };
}

/** Bars of the histogram in a `w`×`h` box (SVG attributes, whole numbers). */
export function histogramBars(hist, w, h) {
  const n = hist.bins.length;
  const bw = Math.floor(w / n);
  return hist.bins.map((b, i) => {
    const bh = hist.max ? Math.round((b.count / hist.max) * (h - 20)) : 0;
    return { x: i * bw + 1, y: h - bh, width: bw - 2, height: bh, bin: b };
  });
}

export { columnsOf };
