// The same enterprise's computation as a publicodes model (issue 20 §6: `calculate()` against
// publicodes, in the same run as against JSON.parse). Used by bench/bench.mjs only; publicodes is a
// devDependency of the bench (npm publicodes 1.10.1), never shipped.
//
// The model is generated from `policy()` and the bench's request, no figure typed here: for each
// expense category the request names, `rate × expense, capped at the cap` (publicodes `plafond`),
// applicable only when the category's conditions that apply in the request's year hold (a bool
// condition equal to its `expect`, a months or count condition at least its `min`), rounded to the
// fen; the total is their sum. The amounts are the engine's own readings (`read_amount`), so that
// "30万" or "80,000" mean the same in both.
//
// What it leaves out, and why it can only match where these do not arise: the cap periods over
// several years and "received before" (one_time, per_enterprise across the plan), the exclusive
// groups (就高不重复), support from another policy netted, awards (ceilings, not rate × expense),
// the working and the notices in two languages, and the input errors at their fields. publicodes
// computes in JS Numbers (floats), the engine in exact decimals: the same total here because the
// bench's figures are whole yuan and their products exact in binary floating point.
import Engine from "publicodes";

const name = (id) => id.replace(/[^A-Za-z0-9]+/g, " ").trim();

/** { rules, situation, lines: [category ids] } for `input` (a calculate() request) under `policy`. */
export function publicodesModel(policy, input, readAmount) {
  const cats = new Map(policy.categories.map((c) => [c.id, c]));
  const rules = {};
  const situation = {};
  const lines = [];
  for (const e of input.expenses) {
    const c = cats.get(e.category);
    if (!c || c.kind !== "expense" || c.rate == null) throw new Error(`publicodes model: ${e.category} is not a category with a rate`);
    if (lines.includes(c.id)) throw new Error(`publicodes model: one item per category only (${c.id})`);
    const n = name(c.id);
    lines.push(n);
    rules[n] = null;
    rules[`${n} . dépense`] = { valeur: 0 };
    rules[`${n} . taux`] = { valeur: Number(c.rate) };
    rules[`${n} . maximum`] = { valeur: Number(c.cap) };
    situation[`${n} . dépense`] = Number(readAmount(String(e.amount)));
    const conds = [];
    for (const k of c.conditions) {
      if (k.only_year != null && k.only_year !== input.year) continue;
      const cn = `${n} . ${name(k.id)}`;
      const given = e.conditions && e.conditions[k.id] !== undefined ? e.conditions[k.id] : k.default;
      if (k.type === "bool") {
        rules[cn] = { valeur: "non" };
        if (given != null) situation[cn] = given ? "oui" : "non";
        if (k.expect != null) conds.push(k.expect ? cn : `${cn} = non`);
      } else {
        rules[cn] = { valeur: 0 };
        if (given != null) situation[cn] = Number(given);
        if (k.min != null) conds.push(`${cn} >= ${k.min}`);
      }
    }
    rules[`${n} . aide`] = Object.assign(
      conds.length ? { "applicable si": { "toutes ces conditions": conds } } : {},
      { valeur: "dépense * taux", plafond: "maximum", arrondi: "2 décimales" }
    );
  }
  rules.total = { somme: lines.map((n) => `${n} . aide`) };
  return { rules, situation, lines };
}

/** Loads the model once; `evaluate()` sets the situation and evaluates the total (what one call costs). */
export function publicodesEngine(model) {
  const engine = new Engine(model.rules, { logger: { log() {}, warn() {}, error() {} } });
  return {
    evaluate() {
      engine.setSituation(model.situation);
      return engine.evaluate("total").nodeValue;
    },
    line(n) {
      engine.setSituation(model.situation);
      return engine.evaluate(`${n} . aide`).nodeValue;
    },
  };
}
