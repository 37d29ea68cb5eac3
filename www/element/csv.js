// The CSV download, for a person with a spreadsheet: headers in the UI language, money as plain
// numbers (the engine's decimal strings, never a JS number) under headers that name the currency,
// so a spreadsheet in any locale sums them; rates and periods in words (最高 x%, 每家企业); the
// support from another policy that was netted; a total row, the year the costs were incurred,
// the policy's version (and fingerprint when policy() has one), the date, and the assumptions the
// estimate rests on. No DOM: unit-tested in tests/node/element-guide.test.mjs.

import { UI, paren, addStrings } from "./strings.js";
import { PART_UI } from "./strings-parts.js";
import { isZero } from "./money.js";
import { rateText } from "./plan.js";
import { keptText } from "./guide.js";

// The texts only the parts show (strings-parts.js), in this bundle's copy of UI.
addStrings(PART_UI);

/** One CSV cell: quoted when it holds a quote, comma or line break; null/undefined empty. */
export function csvCell(v) {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/**
 * A cell of text someone typed or imported (a client's or a scenario's name): one a spreadsheet
 * would run as a formula (it starts with = + - @, a tab or a return) is kept as text with a
 * leading '. Never for money: a negative amount must stay a number.
 */
export function csvTextCell(v) {
  const s = v === null || v === undefined ? "" : String(v);
  return csvCell(/^[=+\-@\t\r]/.test(s) ? "'" + s : s);
}

/** The rows of the CSV (arrays of cells), before quoting. `stamp`: the date and time written. */
export function csvRows(result, policy, L, stamp) {
  const ui = UI[L];
  const r = result;
  const cats = new Map(policy.categories.map((c) => [c.id, c]));
  const rows = [];
  rows.push([ui.printTitle]);
  rows.push([ui.policy, policy.document.title[L] + (policy.document.status_label ? paren(L, policy.document.status_label[L]) : "")]);
  rows.push([ui.policyVersion, (r.policy && r.policy.version) || policy.version]);
  if (policy.fingerprint) rows.push([ui.fingerprint, policy.fingerprint]);
  rows.push([ui.year, r.year]);
  rows.push([ui.date, stamp]);
  rows.push([]);
  const cny = ui.currencyCol;
  const money = (v) => (v === null || v === undefined ? "" : String(v));
  rows.push([ui.clauseHeader, ui.capCategory, cny(ui.spent), ui.rate, cny(ui.cap), ui.capPeriod, cny(ui.otherPolicy), cny(ui.support), ui.status]);
  r.lines.forEach((line) => {
    const cat = cats.get(line.category);
    const status = [];
    if (line.capped) status.push(ui.capped);
    const kept = keptText(line, policy, L);
    if (kept) status.push(kept);
    else if (line.eligible === false) status.push(ui.notCounted);
    if (line.rate_assumed) status.push(ui.assumed);
    if (line.upper_bound) status.push(ui.upTo + paren(L, ui.awardsNote));
    rows.push([
      ui.clause(line.clause),
      cat ? cat.label[L] : line.category,
      money(line.expense),
      line.rate === null || line.rate === undefined ? "" : rateText(line.rate, line.rate_up_to, L),
      money(line.cap),
      cat && cat.cap_period_label ? cat.cap_period_label[L] : line.cap_period,
      line.other_policy_support && !isZero(line.other_policy_support) ? money(line.other_policy_support) : "",
      money(line.support),
      status.join(L === "en" ? "; " : "；"),
    ]);
  });
  rows.push(["", ui.total, "", "", "", "", "", money(r.total), ""]);
  if (!isZero(r.awards_up_to)) rows.push(["", ui.awardsUpTo, "", "", "", "", "", money(r.awards_up_to), ui.upTo + paren(L, ui.awardsNote)]);
  // The assumptions: each assumed rate of a line, and the readings of the text the result relies on.
  const assumptions = [];
  r.lines.forEach((line) => {
    const cat = cats.get(line.category);
    if (line.rate_assumed && cat && cat.assumption) assumptions.push([cat.label[L], cat.assumption[L]]);
  });
  (r.notices || []).forEach((n) => {
    if (/^reading_/.test(n.code)) assumptions.push([ui.reading, n[L]]);
  });
  if (assumptions.length) {
    rows.push([]);
    rows.push([ui.assumptions]);
    assumptions.forEach((a) => rows.push(a));
  }
  rows.push([]);
  rows.push([ui.disclaimer]);
  return rows;
}

/** The CSV text (UTF-8 BOM for spreadsheet programs, CRLF line ends). */
export function csvText(result, policy, L, stamp) {
  return "\uFEFF" + csvRows(result, policy, L, stamp).map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
