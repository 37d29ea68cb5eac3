// The line's result beside its items in the form: under a category's items, what the estimate
// gives for them (the engine's `line.support`, "up to" for an award), and, when some item has
// support from another policy, the engine's working (which item each policy took, what was
// netted), so that each item's other support is read beside the result it makes. The engine
// gives no figure per item; the line's working names them. The form is form.js; this only adds
// to it, after each result (visit.js), in the single year and in each year of the plan view.

import { h, setText } from "./dom.js";
import { formatYuan, isZero } from "./money.js";

export class FormLines {
  /** form: the CalculatorForm (its `cats`: { cat, itemBox, applying, catError }); texts: LangBindings. */
  constructor(form, texts) {
    this.texts = texts;
    this.boxes = new Map(); // category id → { el, value, explain, text, line }
    form.cats.forEach((state) => this._add(state));
  }

  _add(state) {
    const T = this.texts;
    const value = h("p", { class: "form-line-support", part: "form-line-support" });
    const text = h("p", { class: "explanation" });
    const explain = h("details", { class: "explain", hidden: true }, T.text("summary", null, (L, ui) => ui.details), text);
    const el = h("div", { class: "form-line", part: "form-line", hidden: true, "data-category": state.cat.id }, value, explain);
    // Right under the items (expenses), or under the award's box; before the category's error.
    const after = state.itemBox ? state.itemBox : state.applying && state.applying.parentNode;
    if (after && after.parentNode) after.parentNode.insertBefore(el, after.nextSibling);
    else state.catError.parentNode.insertBefore(el, state.catError);
    this.boxes.set(state.cat.id, { el: el, value: value, explain: explain, text: text, line: null });
  }

  /** Shows each category's line of `result` (a `calculate()` result, or a year of a plan's); hides the others. */
  render(result) {
    const lines = new Map(((result && result.lines) || []).map((l) => [l.category, l]));
    this.boxes.forEach((b, category) => {
      const line = lines.get(category) || null;
      b.line = line;
      b.el.hidden = !line;
      if (!line) {
        this.texts.dyn(b.value, null);
        this.texts.dyn(b.text, null);
        return;
      }
      const other = line.other_policy_support && !isZero(line.other_policy_support);
      b.explain.hidden = !other || !line.explanation;
      this.texts.dyn(b.value, (L, ui) => {
        if (!b.line) return;
        setText(b.value, ui.formLine((b.line.upper_bound ? ui.upTo + " " : "") + formatYuan(b.line.support)));
      });
      this.texts.dyn(b.text, (L) => {
        if (b.line) setText(b.text, other && b.line.explanation ? b.line.explanation[L] : "");
      });
    });
  }
}
