// Scenarios side by side, as words: the engine's comparison (src/compare.rs, exact money, every
// difference already computed) laid out as rows for the table (compare-view.js) and the CSV.
// Labels come from policy() and the workspace's words; no figure is computed here. No DOM.

import { UI } from "../strings.js";
import { formatYuan, isZero } from "../money.js";
import { csvCell, csvTextCell } from "../csv.js";
import { WS } from "./strings.js";

/** A difference as people read it: "+¥1,000.00", "−¥1,000.00" (a minus sign), "¥0.00". */
export function formatDifference(s) {
  if (s === null || s === undefined) return "";
  const text = String(s);
  if (isZero(text)) return formatYuan(text.replace(/^-/, ""));
  return text.charAt(0) === "-" ? "\u2212" + formatYuan(text.slice(1)) : "+" + formatYuan(text);
}

/** What a scenario covers, in words: "2025 年度", "方案期 2025–2027", or "方案期 2024、2026" with a gap. */
function covers(w, ui, s, L) {
  if (s.kind !== "plan") return ui.yearLabel(s.years[0]);
  const first = s.years[0];
  const last = s.years[s.years.length - 1];
  if (last - first + 1 === s.years.length) return w.comparePlan(first === last ? String(first) : first + "–" + last);
  return w.comparePlan(s.years.join(L === "en" ? ", " : "、"));
}

/** Column names told apart: a name two scenarios share gets its place ("方案 (2)"). */
function names(scenarios) {
  return scenarios.map((s) => (scenarios.filter((t) => t.name === s.name).length > 1 ? s.name + " (" + (scenarios.indexOf(s) + 1) + ")" : s.name));
}

/** One row's cells: each scenario's value and, after the first, its difference from the first. */
function cells(values, differences) {
  return values.map((v, i) => ({
    raw: v,
    value: v === null ? "" : formatYuan(v),
    difference: i === 0 || differences[i] === null ? null : formatDifference(differences[i]),
    rawDifference: i === 0 ? null : differences[i],
  }));
}

/**
 * The comparison as rows: { caption, baseline, columns: [{ name, covers }], groups: [{ title,
 * rows: [{ label, kind, cells: [{ value, difference, raw, rawDifference }] }] }], fingerprint }.
 * `kind`: "category", "award", "total", "awards" or "year"; a year a scenario does not cover has
 * the value "" (shown as not covered). `coverage`: a note when a scenario covers other years than
 * the baseline (its totals then span other years), else "".
 */
export function compareRows(policy, L, comparison, clientName) {
  const w = WS[L];
  const ui = UI[L];
  const cats = new Map(policy.categories.map((c) => [c.id, c]));
  const c = comparison;
  const shown = names(c.scenarios);
  const columns = c.scenarios.map((s, i) => ({ name: shown[i], covers: covers(w, ui, s, L) }));
  // Totals over different years are not like for like: said under the table, rows per year below.
  const base = c.scenarios[0].years.join();
  const otherYears = columns.filter((col, i) => c.scenarios[i].years.join() !== base).map((col) => col.name);
  const byCategory = c.categories.map((r) => {
    const cat = cats.get(r.category);
    const label = (cat ? cat.label[L] : r.category) + (r.upper_bound ? w.compareCeiling : "");
    return { label: label, kind: r.upper_bound ? "award" : "category", cells: cells(r.values, r.differences) };
  });
  const totals = [{ label: w.compareTotal, kind: "total", cells: cells(c.total.values, c.total.differences) }];
  if (c.awards_up_to.values.some((v) => !isZero(v))) {
    totals.push({ label: w.compareAwards, kind: "awards", cells: cells(c.awards_up_to.values, c.awards_up_to.differences) });
  }
  const years = c.years.map((y) => ({ label: ui.yearLabel(y.year), kind: "year", cells: cells(y.values, y.differences) }));
  const groups = [
    { title: w.compareByCategory, rows: byCategory },
    { title: null, rows: totals },
  ];
  if (years.length > 1 || c.scenarios.some((s) => s.kind === "plan")) groups.push({ title: w.compareByYear, rows: years });
  return {
    caption: w.compareCaption(clientName || "", columns[0].name),
    baseline: columns[0].name,
    columns: columns,
    groups: groups,
    coverage: otherYears.length ? w.compareOtherYears(otherYears, columns[0].name) : "",
    fingerprint: c.policy.fingerprint,
    version: c.policy.version,
  };
}

/**
 * The comparison as CSV (UTF-8 BOM, CRLF): a column per scenario and, after the first, one for
 * its difference from the first; money as plain decimals a spreadsheet reads; the policy data's
 * version and fingerprint last, so the figures can be reproduced.
 */
export function compareCsv(rows, L) {
  return "\ufeff" + compareCsvLines(rows, L).join("\r\n") + "\r\n";
}

/** compareCsv's lines (quoted, not joined): also the comparison section of the report's CSV. */
export function compareCsvLines(rows, L) {
  const w = WS[L];
  const head = [w.compareItem];
  rows.columns.forEach((col, i) => {
    head.push(col.name + " (" + col.covers + ")");
    if (i > 0) head.push(w.compareDifferenceOf(col.name));
  });
  const out = [csvTextCell(rows.caption), head.map(csvTextCell).join(",")];
  rows.groups.forEach((g) =>
    g.rows.forEach((r) => {
      const line = [csvTextCell(g.title ? g.title + " · " + r.label : r.label)];
      r.cells.forEach((cell, i) => {
        line.push(csvCell(cell.raw === null ? w.compareNotCovered : cell.raw));
        if (i > 0) line.push(csvCell(cell.rawDifference === null ? "" : cell.rawDifference));
      });
      out.push(line.join(","));
    })
  );
  if (rows.coverage) out.push(csvTextCell(rows.coverage));
  out.push("");
  out.push([WS[L].reportVersion, rows.version].map(csvCell).join(","));
  out.push([WS[L].reportFingerprint, rows.fingerprint].map(csvCell).join(","));
  return out;
}
