// The element's pure model: what the form's values mean as a request to the engine, where the
// engine's errors and notices belong, and the texts the element exports (summary, CSV, JSON).
// No DOM and no policy knowledge (every label, figure and notice comes from the engine):
// unit-tested in Node, tests/node/element-model.test.mjs.

import { UI, paren } from "./strings.js";
import { formatYuan, formatWan, isZero } from "./money.js";

// ---------------------------------------------------------------- reading fields

/** Full-width digits (０…９, as Chinese input methods type them) to ASCII digits. */
export function toHalfWidthDigits(s) {
  return s.replace(/[\uFF10-\uFF19]/g, function (c) {
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

/**
 * A months/count condition as typed: undefined when empty; a whole number (full-width digits
 * too, any length) as a JS number, so the engine judges its range and says so; anything else
 * as the text typed, so the engine names it as not a whole number.
 */
export function readCount(value) {
  const raw = toHalfWidthDigits(String(value).trim());
  if (raw === "") return undefined;
  if (/^-?\d+$/.test(raw)) return parseInt(raw, 10);
  return raw;
}

/**
 * The `year` attribute, read strictly: one to four digits (a year of 1 or later), surrounding
 * whitespace allowed. Anything else ("1e9", "2025abc", "20.5", "", null) gives `fallback`.
 */
export function readYear(value, fallback) {
  const s = value === null || value === undefined ? "" : String(value).trim();
  if (!/^\d{1,4}$/.test(s)) return fallback;
  const year = parseInt(s, 10);
  return year >= 1 ? year : fallback;
}

// ---------------------------------------------------------------- the request

/** Whether a condition (`policy()`'s, or a form value carrying its `only_year`) is asked in `year`. */
export function conditionAsked(cond, year) {
  return cond.only_year == null || String(cond.only_year) === String(year);
}

/**
 * The request for `calculate()` from the form's values, and which field each expense came from.
 *
 * `fields`: one per category, in the form's order:
 *   { category, kind ("expense" | "award"), applying (awards: the box is ticked),
 *     amounts: [string as typed, …] (expenses),
 *     others: [string as typed, …] (support received elsewhere, per item: others[i] goes with
 *       amounts[i]; an award's is others[0]),
 *     conditions: [{ id, type ("bool" | "months" | "count"), value (boolean, or string as typed),
 *                   only_year (asked only in that year; null: every year) }] }
 * (Values of the older one-field form, `other` for the whole category instead of `others`, are
 * still read: that support goes with the category's first entry, as that form sent it.)
 *
 * Empty amount fields are left out (with their support from elsewhere: nothing to compare it
 * with); an award is included when applied for. Each entry carries the category's conditions
 * and its own item's support received elsewhere, so no figure depends on the order items are
 * typed in. Returns { request: { year, expenses }, map } where map[i] = { field, item } says
 * where expenses[i] came from: the index in `fields`, and the index in its `amounts` (null for
 * awards).
 */
export function buildRequest(year, fields) {
  const expenses = [];
  const map = [];
  fields.forEach(function (f, fieldIndex) {
    let conditions = null;
    (f.conditions || []).forEach(function (c) {
      // A condition asked only in one year (the plan's start) is not sent in the others.
      if (!conditionAsked(c, year)) return;
      const v = c.type === "bool" ? c.value === true : readCount(c.value);
      if (v === undefined) return;
      if (!conditions) conditions = {};
      conditions[c.id] = v;
    });
    const others = Array.isArray(f.others) ? f.others : null;
    const legacy = others ? "" : trimmed(f.other);
    let first = true;
    const push = function (item) {
      const entry = { category: f.category };
      if (item !== null) entry.amount = String(f.amounts[item]).trim();
      if (conditions) entry.conditions = Object.assign({}, conditions);
      const other = others ? trimmed(others[item === null ? 0 : item]) : first ? legacy : "";
      if (other) entry.other_policy_support = other;
      first = false;
      expenses.push(entry);
      map.push({ field: fieldIndex, item: item });
    };
    if (f.kind === "award") {
      if (f.applying) push(null);
    } else {
      (f.amounts || []).forEach(function (amount, i) {
        if (String(amount).trim() !== "") push(i);
      });
    }
  });
  return { request: { year: year, expenses: expenses }, map: map };
}

/** A typed value as a trimmed string ("" for none). */
function trimmed(v) {
  return v === undefined || v === null ? "" : String(v).trim();
}

/** The request without the expenses at the indexes in `drop` (a Set). */
export function withoutExpenses(request, drop) {
  return {
    year: request.year,
    expenses: request.expenses.filter(function (_, i) {
      return !drop.has(i);
    }),
  };
}

// ---------------------------------------------------------------- errors

/** The engine's problems of a thrown input error, or one general problem for anything else. */
export function normaliseErrors(err) {
  if (err && Array.isArray(err.errors) && err.errors.length) return err.errors;
  const msg = String((err && err.message) || err);
  return [{ path: "", code: "error", zh: UI.zh.calcFailed + msg, en: UI.en.calcFailed + msg }];
}

/**
 * Where an error's path points: { entry, field, condition } for "expenses[2].conditions.x"
 * (field and condition null when absent), { year: true } for "year…", {} for anything else.
 */
export function errorTarget(path) {
  const p = String(path || "");
  const m = /^expenses\[(\d+)\](?:\.([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?)?/.exec(p);
  if (m) return { entry: +m[1], field: m[2] || null, condition: m[3] || null };
  if (/^year/.test(p)) return { year: true };
  return {};
}

// ---------------------------------------------------------------- notices

// The engine's own notice kinds shown as warnings (API contract). Where the document's notices
// go (banner or footnote) is policy data: `policy().document.notices[].placement`.
const WARNING_CODES = ["outside_period", "condition_not_met", "condition_missing"];

/** Where the policy places a result's notice: "banner", "footnote", or null (not the document's). */
export function noticePlacement(n, policy) {
  const own = (policy && policy.document && policy.document.notices) || [];
  for (let i = 0; i < own.length; i++) if (own[i].code === n.code) return own[i].placement || null;
  return null;
}

/** Notices the policy shows in the banner at the top (e.g. the document's draft status). */
export function isBannerNotice(n, policy) {
  return noticePlacement(n, policy) === "banner";
}

/** Notices the policy shows as footnotes (ceilings, 就高不重复, …). */
export function isFootnoteNotice(n, policy) {
  return noticePlacement(n, policy) === "footnote";
}

/** Notices shown as warnings (outside the period, a condition not met or missing). */
export function isWarningNotice(n) {
  return WARNING_CODES.indexOf(n.code) >= 0;
}

/**
 * Where each notice of a result is shown: banner notices nowhere (the banner shows them);
 * a notice about a category with a line at that line (`byCategory`, a Map); the document's
 * footnotes as footnotes (`foot`); the rest prominently above the lines (`top`). Order is kept.
 * Banner and footnote come from the policy's data (`policy.document.notices[].placement`).
 */
export function placeNotices(result, policy) {
  const lines = result.lines || [];
  const byCategory = new Map();
  const top = [];
  const foot = [];
  (result.notices || []).forEach(function (n) {
    if (isBannerNotice(n, policy)) return;
    if (n.category && lines.some((l) => l.category === n.category)) {
      if (!byCategory.has(n.category)) byCategory.set(n.category, []);
      byCategory.get(n.category).push(n);
    } else if (isFootnoteNotice(n, policy)) foot.push(n);
    else top.push(n);
  });
  return { top: top, foot: foot, byCategory: byCategory };
}

// ---------------------------------------------------------------- exports

/** A date as YYYY-MM-DD in local time. */
export function todayIso(d) {
  const date = d || new Date();
  const p = (n) => (n < 10 ? "0" : "") + n;
  return date.getFullYear() + "-" + p(date.getMonth() + 1) + "-" + p(date.getDate());
}

/** The category of the policy with that id, or null. */
function categoryOf(policy, id) {
  return policy.categories.filter((c) => c.id === id)[0] || null;
}

/** The plain-text summary the "copy" action puts on the clipboard. */
export function summaryText(result, policy, L, date) {
  const r = result;
  const ui = UI[L];
  const doc = policy.document;
  const sep = L === "en" ? ": " : "：";
  const lines = [];
  lines.push(ui.printTitle);
  lines.push(doc.title[L] + (doc.status_label ? paren(L, doc.status_label[L]) : ""));
  lines.push(ui.printMeta(date, r.policy ? r.policy.version : "") + " · " + ui.yearLabel(r.year));
  lines.push("");
  lines.push(ui.total + sep + formatYuan(r.total) + paren(L, ui.wanInline(formatWan(r.total))));
  if (!isZero(r.awards_up_to)) lines.push(ui.awardsUpTo + " " + formatYuan(r.awards_up_to) + paren(L, ui.awardsNote));
  r.lines.forEach((line) => {
    const cat = categoryOf(policy, line.category);
    const label = cat ? cat.label[L] : line.category;
    let s = "- " + label + paren(L, ui.clause(line.clause)) + sep;
    if (line.expense) s += ui.spent + " " + formatYuan(line.expense) + " → ";
    s += (line.upper_bound ? ui.upTo + " " : "") + formatYuan(line.support);
    const flags = [];
    if (line.capped) flags.push(ui.capped);
    if (line.eligible === false) flags.push(ui.notEligible);
    if (line.rate_assumed) flags.push(ui.assumed);
    if (flags.length) s += paren(L, flags.join(L === "en" ? ", " : "，"));
    lines.push(s);
  });
  const notices = (r.notices || []).filter((n) => !isBannerNotice(n, policy));
  if (notices.length) {
    lines.push("");
    lines.push(ui.notes + sep.trim());
    notices.forEach((n) => lines.push("- " + n[L]));
  }
  lines.push("");
  lines.push(ui.disclaimer);
  return lines.join("\n");
}

/** The JSON download: policy id and version, date, language, the request and its result. */
export function jsonText(policy, L, request, result, date) {
  const data = {
    policy: { id: policy.id, version: policy.version },
    date: date,
    lang: L === "en" ? "en" : "zh-CN",
    input: request,
    result: result,
  };
  return JSON.stringify(data, null, 2) + "\n";
}

/** The downloads' file name without extension: "<policy id>-estimate-<date>". */
export function fileBase(policy, date) {
  return (policy.id || "estimate") + "-estimate-" + date;
}
