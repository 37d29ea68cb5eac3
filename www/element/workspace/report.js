// The client report: who it is for and who prepared it, the policy (title, status, version) and
// the fingerprint of its data, each line with its expense, formula, clause and responsible
// departments, the notices, the disclaimer; and the comparison of scenarios when one is shown.
// As rows (pure: `reportRows`, also the CSV) and as DOM (`reportElement`, printed to A4 or saved
// as one self-contained HTML file). Every word about the policy comes from policy() and the
// result; textContent only.

import { h } from "../dom.js";
import { UI, paren } from "../strings.js";
import { formatYuan } from "../money.js";
import { csvCell, csvTextCell } from "../csv.js";
import { WS } from "./strings.js";
import { compareCsvLines } from "./compare.js";
import { comparisonTable } from "./compare-view.js";
import { driftVersions } from "./drift.js";

/** The estimates of a result: a year's is itself, a plan's are its years. */
function estimates(kind, result) {
  return kind === "plan" ? result.years : [result];
}

/**
 * The report as data: { head: [[label, value]], sections: [{ title, lines: [{ clause, label,
 * expense, support, formula, departments }] }], total, notices: [text], disclaimer, comparison }.
 * `r.comparison`: the comparison shown (compare.js `compareRows`), or null. `r.drift`: the
 * engine's `WorkspaceDrift` of the scenario opened, or null.
 */
export function reportRows(policy, L, r) {
  const w = WS[L];
  const ui = UI[L];
  const doc = policy.document;
  const cats = new Map(policy.categories.map((c) => [c.id, c]));
  const measures = new Map(policy.measures.map((m) => [m.id, m]));
  const head = [
    [w.reportClient, r.client ? r.client.name : ""],
    [w.reportContact, r.client ? r.client.contact : ""],
  ];
  if (r.client && r.client.credit_code) head.push([w.reportCreditCode, r.client.credit_code]);
  if (r.client && r.client.town) head.push([w.reportTown, r.client.town]);
  head.push(
    [w.reportFirm, r.firm || ""],
    [w.reportPreparer, r.preparer || ""],
    [w.reportConsultant, r.consultant || ""],
    [w.reportDate, r.date],
    [w.scenarioName, r.scenario || ""],
    [w.reportScenarioNotes, r.scenarioNotes || ""],
    [w.reportPolicy, doc.title[L] + (doc.status_label ? paren(L, doc.status_label[L]) : "")],
    // The figures' own policy data: the result's (every result names its version and fingerprint).
    [w.reportVersion, r.result.policy.version],
    [w.reportFingerprint, r.result.policy.fingerprint]
  );
  // The scenario opened was saved under other policy data: which, and its total then (its stamp).
  const d = r.drift;
  if (d && !d.same_policy) head.push([w.reportSavedUnder, w.reportSavedUnderValue(driftVersions(d).saved, formatYuan(d.total.saved))]);
  // A plan's years with no costs are left out (a single year is always shown).
  const shown = estimates(r.kind, r.result).filter((est) => r.kind !== "plan" || est.lines.length > 0);
  const sections = shown.map((est) => ({
    title: ui.yearLabel(est.year) + " · " + w.reportTotal + " " + formatYuan(est.total),
    lines: est.lines.map((line) => {
      const m = measures.get(line.clause);
      const c = cats.get(line.category);
      // An award is a ceiling decided by evaluation: marked 最高 and never part of the total.
      const award = line.kind === "award";
      return {
        clause: ui.clause(line.clause),
        label: c ? c.label[L] : line.category,
        expense: line.expense === null ? "" : formatYuan(line.expense),
        expenseValue: line.expense === null ? "" : line.expense,
        support: award ? w.reportUpTo(formatYuan(line.support)) : formatYuan(line.support),
        supportValue: line.support,
        award: award,
        formula: line.explanation[L],
        departments: m && m.departments ? m.departments[L].join(L === "en" ? ", " : "、") : "",
        quote: m ? (L === "en" ? m.summary_en || "" : m.text || "") : "",
      };
    }),
  }));
  const seen = new Set();
  const notices = [];
  [r.result].concat(estimates(r.kind, r.result)).forEach((est) =>
    (est.notices || []).forEach((n) => {
      if (!seen.has(n[L])) {
        seen.add(n[L]);
        notices.push(n[L]);
      }
    })
  );
  const awards = r.result.awards_up_to && !/^0(\.0+)?$/.test(r.result.awards_up_to) ? r.result.awards_up_to : null;
  return { head: head.filter((kv) => kv[1] !== "" || kv[0] === w.reportClient), sections: sections, total: formatYuan(r.result.total), totalValue: r.result.total, awards: awards, notices: notices, disclaimer: ui.disclaimer, comparison: r.comparison || null };
}

/** The report as CSV (UTF-8 BOM, CRLF): the head as label,value rows, then one row per line. */
export function reportCsv(rows, L) {
  const w = WS[L];
  const out = rows.head.map((kv) => [csvCell(kv[0]), csvTextCell(kv[1])].join(","));
  out.push("");
  // Money as plain decimals a spreadsheet reads as numbers (like the comparison's CSV).
  out.push([w.reportSection, w.reportClause, w.reportCategory, w.reportExpense, w.reportSupport, w.reportCeiling, w.reportFormula, w.reportDepartments, w.reportQuote].map(csvCell).join(","));
  rows.sections.forEach((s) => s.lines.forEach((l) => out.push([s.title, l.clause, l.label, l.expenseValue, l.award ? "" : l.supportValue, l.award ? l.supportValue : "", l.formula, l.departments, l.quote].map(csvCell).join(","))));
  out.push("");
  out.push([w.reportTotal, rows.totalValue].map(csvCell).join(","));
  if (rows.awards) out.push([w.reportAwards, rows.awards].map(csvCell).join(","));
  rows.notices.forEach((n) => out.push([w.reportNotices, n].map(csvCell).join(",")));
  out.push([w.reportDisclaimer, rows.disclaimer].map(csvCell).join(","));
  if (rows.comparison) {
    out.push("", csvCell(w.compareHeading));
    compareCsvLines(rows.comparison, L).forEach((line) => out.push(line));
  }
  return "\ufeff" + out.join("\r\n") + "\r\n";
}

/** The report as DOM. */
export function reportElement(rows, L) {
  const w = WS[L];
  const th = (t) => h("th", { scope: "col" }, t);
  return h(
    "article",
    { class: "ws-report", lang: L === "en" ? "en" : "zh-CN" },
    h("h2", { class: "ws-report-title" }, w.reportHeading),
    h("dl", { class: "ws-report-head" }, rows.head.filter((kv) => kv[1]).map((kv) => [h("dt", null, kv[0]), h("dd", null, kv[1])])),
    h("p", { class: "ws-report-total" }, w.reportTotal + " " + rows.total),
    rows.awards ? h("p", { class: "ws-report-awards" }, w.reportAwards + " " + w.reportUpTo(formatYuan(rows.awards))) : null,
    rows.sections.map((s) =>
      h(
        "section",
        { class: "ws-report-year" },
        h("h3", null, s.title),
        h(
          "table",
          null,
          h("thead", null, h("tr", null, th(w.reportClause), th(w.reportCategory), th(w.reportExpense), th(w.reportSupport), th(w.reportFormula), th(w.reportDepartments))),
          h("tbody", null, s.lines.map((l) => h("tr", null, h("td", null, l.clause), h("td", null, l.label), h("td", { class: "num" }, l.expense), h("td", { class: "num" }, l.support), h("td", null, l.formula), h("td", null, l.departments))))
        )
      )
    ),
    h("h3", null, w.reportNotices),
    h("ul", { class: "ws-report-notices" }, rows.notices.map((n) => h("li", null, n))),
    rows.comparison
      ? h("section", { class: "ws-report-compare" }, h("h3", null, w.compareHeading), comparisonTable(rows.comparison, w, null), rows.comparison.coverage ? h("p", null, rows.comparison.coverage) : null, h("p", null, w.compareDiffNote))
      : null,
    h("p", { class: "ws-report-disclaimer" }, rows.disclaimer),
    h("p", { class: "ws-report-sign" }, w.reportSign)
  );
}

/** One self-contained HTML file of the report: its own styles, no script, nothing loaded from elsewhere. */
export function reportHtml(el, title, L) {
  const css =
    "body{font-family:system-ui,sans-serif;margin:2em;color:#000}table{border-collapse:collapse;font-size:.9em}" +
    "th,td{border:1px solid #999;padding:.3em;vertical-align:top;text-align:left}.num{text-align:right;white-space:nowrap}" +
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dd{margin:0;overflow-wrap:anywhere}" +
    ".ws-diff{display:block;font-size:.85em}.ws-compare-table span{display:block}caption{text-align:left;font-weight:600}" +
    ".ws-compare-table .offscreen{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}" +
    "@page{size:A4;margin:15mm;@bottom-center{content:counter(page) \" / \" counter(pages)}}.ws-report-sign{margin-top:3em}@media print{body{margin:0}tr{break-inside:avoid}}";
  // Built as text (a style element made in a scratch document would count as inline style
  // under the page's CSP); the report's own markup is the DOM's, serialized, so its texts are escaped.
  const esc = (t) => String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return (
    "<!doctype html>\n<html lang=\"" + (L === "en" ? "en" : "zh-CN") + "\"><head><meta charset=\"utf-8\"><title>" + esc(title) +
    "</title><style>" + css + "</style></head><body>" + new XMLSerializer().serializeToString(el) + "</body></html>\n"
  );
}

