// A saved input back into the form: the inverse of buildRequest (model.js) and buildPlanRequest
// (plan.js), per the categories and conditions of policy(). Pure: tests/node/workspace.test.mjs.

/**
 * The form's values (CalculatorForm.values() shape) for a `calculate()` input: per category of
 * the policy that the input names, its amounts in order, each with its own
 * `other_policy_support` (`others`, "" for none), whether an award is applied for (its support
 * from elsewhere: the first an entry gives), and the first entry's conditions. An input saved by
 * the older one-field form carries its support from elsewhere on the category's first entry:
 * it comes back on the first item.
 */
export function requestValues(policy, request) {
  const expenses = (request && request.expenses) || [];
  const out = [];
  policy.categories.forEach(function (cat) {
    const entries = expenses.filter((e) => e.category === cat.id);
    if (!entries.length) return;
    const first = entries[0];
    const given = (v) => v !== undefined && v !== null;
    const text = (v) => (given(v) ? String(v) : "");
    const items = entries.filter((e) => given(e.amount));
    const conds = first.conditions || {};
    out.push({
      category: cat.id,
      kind: cat.kind,
      applying: cat.kind === "award",
      amounts: items.map((e) => String(e.amount)),
      others:
        cat.kind === "award"
          ? [text(entries.map((e) => e.other_policy_support).find(given))]
          : items.map((e) => text(e.other_policy_support)),
      conditions: (cat.conditions || [])
        .filter((c) => Object.prototype.hasOwnProperty.call(conds, c.id))
        .map((c) => ({ id: c.id, type: c.type, value: c.type === "bool" ? conds[c.id] === true : String(conds[c.id]) })),
    });
  });
  return out;
}

/** What the element's `fill(kind, …)` takes for a saved input of `kind` "year" or "plan". */
export function fillFor(policy, kind, input) {
  if (kind === "plan") {
    const perYear = new Map();
    (input.years || []).forEach((y) => perYear.set(y.year, requestValues(policy, y)));
    const received = new Map();
    (input.already_received || []).forEach((r) => received.set(r.category, String(r.amount)));
    return { perYear: perYear, received: received };
  }
  return { year: input.year, values: requestValues(policy, input) };
}
