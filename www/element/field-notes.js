// Conditions at the field: the rule beside each condition's field ("须满 12 个月", from the
// policy's `min`/`expect`), the unit after a months field, and, when the estimate leaves a line
// out because a condition is not met, a "暂不计入" note at that field with what the line would
// give once it is (the engine's `if_eligible`). The form is form.js; this only adds to it.

import { h, addToken, removeToken } from "./dom.js";
import { conditionRule, conditionUnit, ifEligibleText } from "./guide.js";

export class FieldNotes {
  /** form: the CalculatorForm (its `cats`: { cat, conds: [{ cond, input, error }] }); texts: LangBindings. */
  constructor(form, texts) {
    this.texts = texts;
    this.notes = new Map(); // "category/condition" → { note, input }
    form.cats.forEach((state) => {
      (state.conds || []).forEach((c) => this._add(state.cat, c));
    });
  }

  _add(cat, c) {
    const T = this.texts;
    const id = c.input.id;
    const rule = T.text("span", { class: "rule", id: id + "-rule", part: "rule" }, (L) => conditionRule(c.cond, L));
    addToken(c.input, "aria-describedby", id + "-rule");
    if (c.cond.type === "months") {
      const unit = T.text("span", { class: "unit", "aria-hidden": "true" }, (L) => conditionUnit(c.cond, L));
      c.input.parentNode.insertBefore(unit, c.input.nextSibling);
    }
    const note = h("p", { class: "field-note", id: id + "-note", part: "field-note", hidden: true });
    // The rule after the label (checkboxes) or after the field, then the note, before the error.
    c.error.parentNode.insertBefore(rule, c.error);
    c.error.parentNode.insertBefore(note, c.error);
    this.notes.set(cat.id + "/" + c.cond.id, { note: note, input: c.input, line: null });
  }

  /** Shows a note at each condition a line of `result` did not meet; hides the others. */
  render(result) {
    const unmet = new Map();
    ((result && result.lines) || []).forEach((line) => {
      if (line.if_eligible === null || line.if_eligible === undefined) return;
      (line.unmet || []).forEach((cid) => unmet.set(line.category + "/" + cid, line));
    });
    this.notes.forEach((n, key) => {
      const line = unmet.get(key) || null;
      n.line = line;
      if (!line) {
        if (!n.note.hidden) {
          n.note.hidden = true;
          n.input.removeAttribute("data-unmet");
          removeToken(n.input, "aria-describedby", n.note.id);
          this.texts.dyn(n.note, null);
          n.note.textContent = "";
        }
        return;
      }
      n.input.setAttribute("data-unmet", "");
      n.note.hidden = false;
      addToken(n.input, "aria-describedby", n.note.id);
      this.texts.dyn(n.note, (L, ui) => {
        const more = ifEligibleText(n.line, L);
        n.note.textContent = ui.notCounted + (more ? (L === "en" ? ". " : "。") + more : "");
      });
    });
  }

  /** The input of a condition of a category (to focus it), or null. */
  input(category, condition) {
    const n = this.notes.get(category + "/" + condition);
    return n ? n.input : null;
  }
}
