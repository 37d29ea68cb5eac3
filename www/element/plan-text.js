// The plan's result as text and as CSV rows (issue 20 §1): what "copy summary" puts on the
// clipboard and what the plan's CSV holds. Money as the engine gives it: formatted for reading
// in the summary, plain decimal strings in the CSV (a spreadsheet sums them; the currency is in
// the header). Notices once each, in order. No DOM and no policy knowledge: unit-tested in
// Node, tests/node/element-plan-text.test.mjs.

import { UI, paren, addStrings } from "./strings.js";
import { PART_UI } from "./strings-parts.js";
import { formatYuan, formatWan, isZero } from "./money.js";
import { isBannerNotice } from "./model.js";
import { keptText } from "./guide.js";

// The texts only the parts show (strings-parts.js), in this bundle's copy of UI.
addStrings(PART_UI);

/** The notices of a plan result and its years, each text once, banner notices left out (the banner shows them). */
export function planNotices(result, policy, L) {
  const seen = new Set();
  const out = [];
  const add = (n) => {
    if (isBannerNotice(n, policy) || seen.has(n[L])) return;
    seen.add(n[L]);
    out.push(n);
  };
  (result.notices || []).forEach(add);
  (result.years || []).forEach((y) => (y.notices || []).forEach(add));
  return out;
}

function lineStatus(line, policy, L) {
  const ui = UI[L];
  const status = [];
  if (line.capped) status.push(ui.capped);
  const kept = keptText(line, policy, L);
  if (kept) status.push(kept);
  else if (line.eligible === false) status.push(ui.notCounted);
  if (line.rate_assumed) status.push(ui.assumed);
  return status;
}

/** The plain-text summary of a plan result ("copy summary" in the plan view). */
export function planSummaryText(result, policy, L, date) {
  const ui = UI[L];
  const doc = policy.document;
  const sep = L === "en" ? ": " : "：";
  const cats = new Map(policy.categories.map((c) => [c.id, c]));
  const out = [ui.printTitle, doc.title[L] + (doc.status_label ? paren(L, doc.status_label[L]) : ""), ui.printMeta(date, policy.version), ""];
  out.push(ui.planTotal + sep + formatYuan(result.total) + paren(L, ui.wanInline(formatWan(result.total))));
  if (!isZero(result.awards_up_to)) out.push(ui.awardsUpTo + " " + formatYuan(result.awards_up_to) + paren(L, ui.awardsNote));
  (result.years || []).forEach((y) => {
    if (!(y.lines || []).length) return;
    out.push("");
    out.push(ui.planYearTotal(y.year) + sep + formatYuan(y.total));
    y.lines.forEach((line) => {
      const cat = cats.get(line.category);
      let s = "- " + (cat ? cat.label[L] : line.category) + paren(L, ui.clause(line.clause)) + sep;
      if (line.expense) s += ui.spent + " " + formatYuan(line.expense) + " → ";
      s += (line.upper_bound ? ui.upTo + " " : "") + formatYuan(line.support);
      const status = lineStatus(line, policy, L);
      if (status.length) s += paren(L, status.join(L === "en" ? ", " : "，"));
      out.push(s);
    });
  });
  const notices = planNotices(result, policy, L);
  if (notices.length) {
    out.push("");
    out.push(ui.notes + sep.trim());
    notices.forEach((n) => out.push("- " + n[L]));
  }
  out.push("");
  out.push(ui.disclaimer);
  return out.join("\n");
}

/**
 * The CSV rows of a plan result: one row per line of each year, money as plain decimal strings
 * (the engine's, never a JS number) under headers that name the currency, the support from
 * other policies that was netted, a total row per year and for the plan.
 */
export function planCsvRows(result, policy, L, stamp) {
  const ui = UI[L];
  const cats = new Map(policy.categories.map((c) => [c.id, c]));
  const money = (v) => (v === null || v === undefined ? "" : String(v));
  const rows = [[ui.printTitle]];
  rows.push([ui.policy, policy.document.title[L] + (policy.document.status_label ? paren(L, policy.document.status_label[L]) : "")]);
  rows.push([ui.policyVersion, policy.version]);
  if (policy.fingerprint) rows.push([ui.fingerprint, policy.fingerprint]);
  rows.push([ui.date, stamp]);
  rows.push([]);
  rows.push([ui.year1, ui.clauseHeader, ui.capCategory, ui.currencyCol(ui.expense), ui.currencyCol(ui.otherPolicy), ui.currencyCol(ui.support), ui.status]);
  (result.years || []).forEach((y) => {
    (y.lines || []).forEach((line) => {
      const cat = cats.get(line.category);
      const status = lineStatus(line, policy, L);
      if (line.upper_bound) status.push(ui.upTo + paren(L, ui.awardsNote));
      rows.push([y.year, ui.clause(line.clause), cat ? cat.label[L] : line.category, money(line.expense), money(line.other_policy_support), money(line.support), status.join(L === "en" ? "; " : "；")]);
    });
    rows.push([y.year, "", ui.planYearTotal(y.year), "", "", money(y.total), ""]);
  });
  rows.push(["", "", ui.planTotal, "", "", money(result.total), ""]);
  if (!isZero(result.awards_up_to)) rows.push(["", "", ui.awardsUpTo, "", "", money(result.awards_up_to), ui.upTo + paren(L, ui.awardsNote)]);
  const notices = planNotices(result, policy, L);
  if (notices.length) {
    rows.push([]);
    rows.push([ui.notes]);
    notices.forEach((n) => rows.push([n[L]]));
  }
  rows.push([]);
  rows.push([ui.disclaimer]);
  return rows;
}
