// What a visit needs besides the estimate itself: the rule beside a condition's field, what the
// total leaves out and where to fix it first, the next steps per line (departments' full names,
// what to hold or show, how to apply), and whether a line was kept out by a group. Everything
// comes from `policy()` and `calculate()`; this module only puts it together. No DOM: unit-tested
// in tests/node/element-guide.test.mjs.

import { UI, paren } from "./strings.js";
import { formatYuan } from "./money.js";

/** The rule of a condition as words ("须满 12 个月", "须为“是”"), from its type and `min`/`expect`. */
export function conditionRule(cond, L) {
  const ui = UI[L];
  if (!cond) return "";
  if (cond.type === "bool") {
    if (cond.expect === true) return ui.ruleYes;
    if (cond.expect === false) return ui.ruleNo;
    return "";
  }
  if (cond.min === null || cond.min === undefined) return "";
  return cond.type === "months" ? ui.ruleMonths(cond.min) : ui.ruleCount(cond.min);
}

/** The unit shown after a months field ("个月" / "months"); "" for other types. */
export function conditionUnit(cond, L) {
  return cond && cond.type === "months" ? UI[L].monthsUnit : "";
}

/**
 * What the total does not count: `excluded` entries with errors (left out of the request) and
 * lines whose conditions are not met (`unmet`, in the period). `first`: where to fix first, the
 * first entry with an error (`{ error: true }`) or the first unmet condition
 * (`{ category, condition }`); null when nothing is left out.
 */
export function leftOut(result, excluded) {
  const lines = (result && result.lines) || [];
  const unmet = lines.filter((l) => l.unmet && l.unmet.length && l.if_eligible !== null && l.if_eligible !== undefined);
  const count = (excluded || 0) + unmet.length;
  let first = null;
  if (excluded) first = { error: true };
  else if (unmet.length) first = { category: unmet[0].category, condition: unmet[0].unmet[0] };
  return { count: count, first: first };
}

/** The department for a short name (guide-data.js), or a stand-in with that name. */
function department(guide, short) {
  const d = ((guide && guide.departments) || []).filter((x) => x.short_zh === short)[0];
  return d || { short_zh: short, name: { zh: short, en: short }, phone: null, portal: null };
}

/**
 * The next steps, one per line that gives or could give something: its label and clause, the
 * departments' full names (and phone or portal where the policy has them), what the text says
 * to hold or show. Lines kept out by a group are left out (the kept one stands for the matter).
 * Also how to apply in general (`application`: text, contact, phone, portal; null if absent).
 * `guide`: the policy's next-steps data (element/guide-data.js), or null before it has loaded
 * (then the departments' short names, as the measures list them).
 */
export function nextSteps(result, policy, guide, L) {
  const cats = new Map(policy.categories.map((c) => [c.id, c]));
  const measures = new Map(policy.measures.map((m) => [m.id, m]));
  const reqs = new Map(((guide && guide.requirements) || []).map((r) => [r.category, r]));
  const materials = (guide && guide.materials) || [];
  const steps = [];
  ((result && result.lines) || []).forEach((line) => {
    if (line.kept_instead) return;
    const gives = line.eligible !== false || (line.if_eligible !== null && line.if_eligible !== undefined);
    if (!gives) return;
    const cat = cats.get(line.category);
    const measure = measures.get(line.clause) || (cat && measures.get(cat.measure));
    const shorts = (measure && measure.departments && measure.departments.zh) || [];
    const req = reqs.get(line.category);
    // The first department a measure lists leads (牵头), where the data marks that reading.
    const lead = !!(guide && guide.application && guide.application.lead);
    steps.push({
      category: line.category,
      label: cat ? cat.label[L] : line.category,
      clause: line.clause,
      departments: shorts.map((s, i) => {
        const d = department(guide, s);
        return { name: d.name[L], phone: d.phone || null, portal: d.portal || null, lead: lead && i === 0 };
      }),
      requirement: req ? req.text[L] : "",
      // What to keep as evidence, as the text implies it (quoted in the data; none when it says nothing).
      evidence: req && req.evidence ? req.evidence[L] : "",
      // What the 细则 list to submit for it (none until they do).
      materials: materials.filter((m) => m.category === line.category).map((m) => m.text[L]),
    });
  });
  const a = (guide && guide.application) || null;
  return {
    lines: steps,
    application: a
      ? {
          text: a.text[L],
          lead: a.lead ? a.lead[L] : null,
          window: a.window ? a.window[L] : null,
          contact: a.contact ? a.contact[L] : null,
          phone: a.phone || null,
          portal: a.portal || null,
        }
      : null,
  };
}

/** The next steps as plain text for the copied summary ("" when there are none). */
export function nextStepsText(steps, L) {
  if (!steps.lines.length) return "";
  const ui = UI[L];
  const sep = L === "en" ? ": " : "：";
  const join = L === "en" ? ", " : "、";
  const out = ["", ui.nextSteps + sep.trim()];
  steps.lines.forEach((s) => {
    out.push("- " + s.label + (L === "en" ? " (" + ui.clause(s.clause) + ")" : "（" + ui.clause(s.clause) + "）"));
    if (s.requirement) out.push("  " + ui.toShow + sep + s.requirement);
    if (s.evidence) out.push("  " + ui.evidence + sep + s.evidence);
    if (s.materials && s.materials.length) out.push("  " + ui.materials + sep + s.materials.join(join));
    if (s.departments.length) out.push("  " + ui.responsible + sep + s.departments.map((d) => d.name + (d.lead ? paren(L, ui.lead) : "") + (d.phone ? " " + d.phone : "")).join(join));
  });
  const a = steps.application;
  if (a) {
    out.push(a.text);
    if (a.lead) out.push(a.lead);
    if (a.window) out.push(ui.window + sep + a.window);
    if (a.contact) out.push(ui.contact + sep + a.contact);
    if (a.phone) out.push(ui.phone + sep + a.phone);
    if (a.portal) out.push(ui.portal + sep + a.portal);
  }
  return out.join("\n");
}

/** "满足条件后可得 ¥120,000.00" for a line with `if_eligible`; "" otherwise. */
export function ifEligibleText(line, L) {
  if (!line || line.if_eligible === null || line.if_eligible === undefined) return "";
  return line.upper_bound ? UI[L].onceEligibleUpTo(formatYuan(line.if_eligible)) : UI[L].onceEligible(formatYuan(line.if_eligible));
}

/** For a line kept out by a group (就高): "就高：已按“国家级电商示范园区”计"; "" otherwise. */
export function keptText(line, policy, L) {
  if (!line || !line.kept_instead) return "";
  const kept = policy.categories.filter((c) => c.id === line.kept_instead)[0];
  return UI[L].keptInstead(kept ? kept.label[L] : line.kept_instead);
}

/** A date and time for file names, in local time: "2025-03-04-0930". */
export function fileStamp(d) {
  const date = d || new Date();
  const p = (n) => (n < 10 ? "0" : "") + n;
  return date.getFullYear() + "-" + p(date.getMonth() + 1) + "-" + p(date.getDate()) + "-" + p(date.getHours()) + p(date.getMinutes());
}

/** True in WeChat's built-in browser (downloads and printing often fail there). */
export function isWeChat(userAgent) {
  return /MicroMessenger/i.test(userAgent || "");
}

/** A date and time for people, in local time: "2025-03-04 09:30". */
export function stampText(d) {
  const s = fileStamp(d);
  return s.slice(0, 10) + " " + s.slice(11, 13) + ":" + s.slice(13);
}
