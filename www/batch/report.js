// What the batch page shows and exports, from the engine's results: money compared as decimal
// strings (never as JS numbers), the enterprise table sorted, the results CSV (UTF-8 with a BOM,
// one row per enterprise, a column per category, the overlay and its fingerprint on top), the
// template CSV, and the histogram's bins and bars. Pure, tested in tests/node/batch-report.test.mjs.

import { toCsv } from "./csv.js";
import { columnsOf, templateHeader } from "./columns.js";

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
  const cmp = key === "enterprise"
    ? (a, b) => (val(a) < val(b) ? -1 : val(a) > val(b) ? 1 : 0)
    : (a, b) => compareMoney(val(a), val(b));
  return list
    .map((e, i) => [e, i])
    .sort((x, y) => dir * cmp(x[0], y[0]) || x[1] - y[1])
    .map((p) => p[0]);
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

/**
 * The results CSV: lines about the policy, the overlay and its fingerprint, a blank line, then a
 * header and one row per enterprise (total, award ceilings, support per category; with an overlay
 * the changed figures as well). Money as the engine wrote it.
 */
export function resultsCsv(policy, result, extra = {}) {
  const cats = policy.categories;
  const changes = result.totals.overlay || [];
  const rows = [];
  rows.push(["政策 policy", policy.id, policy.version, policy.fingerprint || ""]);
  rows.push(["行 rows read / computed / refused", String(result.totals.rows_read), String(result.totals.rows_computed), String(result.totals.rows_refused)]);
  if (changes.length) {
    rows.push(["假设调整 overlay"].concat(changes.map((c) => c.parameter + "=" + c.value)));
    rows.push(["调整指纹 overlay fingerprint (SHA-256)", extra.fingerprint || ""]);
  }
  rows.push([]);
  const header = ["企业 (enterprise)", "年份 (years)", "支持合计 (total)", "奖励上限 (awards_up_to)"];
  for (const c of cats) header.push(c.label.zh + " (" + c.id + ")");
  header.push("达到上限 (reached_cap)");
  if (changes.length) {
    header.push("调整后合计 (changed.total)", "调整后奖励上限 (changed.awards_up_to)");
    for (const c of cats) header.push("调整后 " + c.label.zh + " (changed." + c.id + ")");
  }
  rows.push(header);
  for (const e of result.enterprises) {
    const r = [e.enterprise, e.rows.map((y) => y.year).join(" "), e.baseline.total, e.baseline.awards_up_to];
    for (let i = 0; i < cats.length; i++) r.push(e.baseline.support[i]);
    r.push(e.baseline.reached.join(" "));
    if (changes.length && e.changed) {
      r.push(e.changed.total, e.changed.awards_up_to);
      for (let i = 0; i < cats.length; i++) r.push(e.changed.support[i]);
    }
    rows.push(r);
  }
  return toCsv(rows);
}

/**
 * Histogram of support per enterprise: `bins` equal bins from 0 to the largest total. Bins are
 * placed by whole yuan (the integer part of the engine's string, exact as a JS number below 2^53),
 * for drawing only: nothing is summed. Returns `[{ from, to, count }]` (whole yuan) and `max` count.
 */
export function histogram(totals, bins = 10) {
  const yuan = totals.map((t) => Number(String(t).split(".")[0]));
  const top = yuan.reduce((m, y) => (y > m ? y : m), 0);
  const width = Math.max(1, Math.ceil((top + 1) / bins));
  const out = [];
  for (let i = 0; i < bins; i++) out.push({ from: i * width, to: (i + 1) * width, count: 0 });
  for (const y of yuan) out[Math.min(bins - 1, Math.floor(y / width))].count++;
  return { bins: out, max: out.reduce((m, b) => (b.count > m ? b.count : m), 0) };
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
