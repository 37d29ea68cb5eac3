// The plan view's pure model: the request for `calculate_plan()` from the per-year forms'
// values, where the engine's plan errors belong, and the caps' use across the years as rows
// of text. No DOM and no policy knowledge (labels, caps and periods come from `policy()` and
// the result): unit-tested in Node, tests/node/element-plan.test.mjs.

import { buildRequest } from "./model.js";
import { formatYuan, formatRate } from "./money.js";
import { UI } from "./strings.js";

/** The plan's years: first_year…last_year of policy().document. */
export function planYears(policy) {
  const doc = policy.document;
  const years = [];
  for (let y = doc.first_year; y <= doc.last_year; y++) years.push(y);
  return years;
}

/**
 * The request for `calculate_plan()`.
 *
 * `perYear`: [{ year, fields }] in order, `fields` as for `buildRequest` (model.js);
 * `received`: [{ category, value (string as typed) }], empty values left out.
 * Every year is sent, even without expenses (its result then shows 0).
 * Returns { request: { years: [{ year, expenses }], already_received? }, maps, receivedMap }:
 * maps[i] is `buildRequest`'s map of year i; receivedMap[j] the index in `received` of
 * already_received[j].
 */
export function buildPlanRequest(perYear, received) {
  const years = [];
  const maps = [];
  perYear.forEach(function (y) {
    const built = buildRequest(y.year, y.fields);
    years.push(built.request);
    maps.push(built.map);
  });
  const request = { years: years };
  const receivedMap = [];
  const list = [];
  (received || []).forEach(function (r, i) {
    const v = String(r.value === null || r.value === undefined ? "" : r.value).trim();
    if (v === "") return;
    list.push({ category: r.category, amount: v });
    receivedMap.push(i);
  });
  if (list.length) request.already_received = list;
  return { request: request, maps: maps, receivedMap: receivedMap };
}

/** The plan request without the expenses in `drop`: a Map year index → Set of expense indexes. */
export function withoutPlanExpenses(request, drop) {
  const out = {
    years: request.years.map(function (y, i) {
      const bad = drop.get(i);
      return bad ? { year: y.year, expenses: y.expenses.filter((_, j) => !bad.has(j)) } : y;
    }),
  };
  if (request.already_received) out.already_received = request.already_received;
  return out;
}

/**
 * Where a plan error's path points: { year: i, path: "expenses[0].amount" } for
 * "years[i].expenses[0].amount" (the path inside that year, as `calculate()` would give it),
 * { received: j, field } for "already_received[j].amount", {} for anything else.
 */
export function planErrorTarget(path) {
  const p = String(path || "");
  let m = /^years\[(\d+)\]\.?(.*)$/.exec(p);
  if (m) return { year: +m[1], path: m[2] };
  m = /^already_received\[(\d+)\](?:\.([A-Za-z0-9_]+))?/.exec(p);
  if (m) return { received: +m[1], field: m[2] || null };
  return {};
}

/** The errors of a plan, by where they go: { years: Map i → [error with the year's path], received: Map j → [error], general: [] }. */
export function splitPlanErrors(errors) {
  const years = new Map();
  const received = new Map();
  const general = [];
  errors.forEach(function (err) {
    const t = planErrorTarget(err.path);
    if (t.year !== undefined && /^expenses\[/.test(t.path)) {
      if (!years.has(t.year)) years.set(t.year, []);
      years.get(t.year).push(Object.assign({}, err, { path: t.path }));
    } else if (t.received !== undefined) {
      if (!received.has(t.received)) received.set(t.received, []);
      received.get(t.received).push(err);
    } else {
      general.push(err);
    }
  });
  return { years: years, received: received, general: general };
}

/**
 * The caps' use across the plan, one row per cap of the result, as text in language L:
 * { category, label, cap, period, used, remaining ("—" when the cap starts afresh or
 * applies per project), byYear: [{ year, used }], exhausted (nothing left) }.
 */
export function capRows(result, policy, L) {
  const cats = new Map(policy.categories.map((c) => [c.id, c]));
  return (result.caps || []).map(function (c) {
    const cat = cats.get(c.category);
    const remaining = c.remaining === null || c.remaining === undefined ? null : c.remaining;
    return {
      category: c.category,
      label: cat ? cat.label[L] : c.category,
      cap: formatYuan(c.cap),
      period: cat && cat.cap_period_label ? cat.cap_period_label[L] : c.cap_period,
      used: formatYuan(c.used),
      remaining: remaining === null ? "—" : formatYuan(remaining),
      byYear: (c.by_year || []).map((b) => ({ year: b.year, used: formatYuan(b.used) })),
      exhausted: remaining !== null && /^0+(\.0+)?$/.test(remaining),
    };
  });
}

/** A rate as shown (money.js formatRate), prefixed "最高" / "up to" when the text states it as a ceiling (`rate_up_to`). */
export function rateText(rate, upTo, L) {
  const r = formatRate(rate);
  return upTo ? UI[L].rateUpTo(r) : r;
}

/** The headroom sentence under a line's bar, or "" when the line has none. */
export function headroomText(line, L) {
  const hr = line && line.headroom;
  if (!hr) return "";
  return UI[L].headroom(formatYuan(hr.expense_to_cap), formatYuan(hr.support_left));
}
