// The element's form, built from the engine's `policy()`: the banner (the document's status),
// the year selector, and per applicant group its categories with amount fields (each item with
// its own "support already received under another policy"), and conditions. It reads its values
// for the model (`values()`) and shows the engine's errors at the fields that produced them. It
// knows no clause, rate or amount.

import { h, append, setText, addToken, removeToken } from "./dom.js";
import { paren } from "./strings.js";
import { rateText } from "./plan.js";
import { errorTarget, conditionAsked } from "./model.js";
import { textInput, otherField, setOther } from "./fields.js";

// An amount that does not read yet ("30w") is calculated, and its error shown, once typing
// pauses this long (or at once on the field's `change`); every amount that reads, at once.
const UNREAD_DELAY_MS = 600;

export class CalculatorForm {
  /**
   * host: { uid, texts (LangBindings), policy, year() → number, setYear(value),
   *         recalc(how) (now; how "typed" after a keystroke: element.js _recalc), readAmount(raw) → formatted reading or "", keepInView(target) }
   */
  constructor(host) {
    this.host = host;
    this.texts = host.texts;
    this.cats = []; // per category: { cat, items: [{ input, other, … }], conds, applying, awardOther, catError, … }
    this.groups = [];
    this.errorFields = [];
    this.composing = false;
    this.pending = false; // an input not yet calculated (being composed, or not yet an amount)
    this.measures = new Map(host.policy.measures.map((m) => [m.id, m]));
    this.banner = this._buildBanner(host.policy.document);
    this.el = this._buildForm(host.policy);
  }

  _id(s) {
    return this.host.uid + "-" + s;
  }

  _buildBanner(doc) {
    // The document's title and status, and the notices its data places in the banner.
    const banner = h("div", { class: "banner", part: "banner", role: "note" });
    this.texts.bind(banner, (L) => {
      banner.textContent = "";
      const status = doc.status_label ? doc.status_label[L] : "";
      append(banner, h("strong", { class: "banner-title" }, doc.title[L] + (status ? paren(L, status) : "")));
      (doc.notices || []).filter((n) => n.placement === "banner").forEach((n) => append(banner, h("p", null, n[L])));
    });
    return banner;
  }

  _buildForm(policy) {
    const T = this.texts;
    const id = (s) => this._id(s);

    this.yearSelect = h("select", { id: id("year"), part: "year", class: "year", "data-field": "year" });
    this.yearSelect.addEventListener("change", () => this.host.setYear(this.yearSelect.value));
    this.yearError = h("p", { class: "error", id: id("year-err"), part: "error", hidden: true });
    this.syncYearOptions();
    const yearRow = h(
      "div",
      { class: "year-row", hidden: !!this.host.fixedYear },
      T.text("label", { for: id("year") }, (L, ui) => ui.year),
      this.yearSelect,
      this.yearError
    );

    // Applicants in policy order, the first open.
    const form = h("form", { class: "form", part: "form", novalidate: true, "aria-labelledby": id("form-h") });
    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("input", (e) => this._onInput(e));
    form.addEventListener("compositionstart", () => (this.composing = true));
    form.addEventListener("compositionend", (e) => {
      this.composing = false;
      this._onInput(e);
    });
    form.addEventListener("change", (e) => this._onChange(e));
    form.addEventListener("focusin", (e) => this.host.keepInView(e.target));
    append(
      form,
      T.text("h2", { id: id("form-h"), class: "section-title" }, (L, ui) => ui.formHeading),
      T.text("p", { class: "lead" }, (L, ui) => ui.formIntro),
      yearRow,
      T.text("p", { class: "lead small", id: id("fmt") }, (L, ui) => ui.amountFormat)
    );
    policy.applicants.forEach((applicant, i) => {
      const cats = policy.categories.filter((c) => c.applicant === applicant.id);
      if (!cats.length) return;
      const count = h("span", { class: "filled", part: "filled" });
      const group = h(
        "details",
        { class: "applicant", part: "applicant", open: i === 0, "data-applicant": applicant.id },
        h(
          "summary",
          { class: "applicant-summary" },
          T.text("span", { class: "applicant-title" }, (L) => applicant.label[L]),
          count
        )
      );
      const body = h("div", { class: "applicant-body" });
      cats.forEach((cat) => body.appendChild(this._buildCategory(cat)));
      group.appendChild(body);
      this.groups.push({ applicant: applicant, el: group, count: count });
      form.appendChild(group);
    });
    this.syncConditions();
    return form;
  }

  /** The year selector offers the policy's years, this year and the element's year. */
  syncYearOptions() {
    const sel = this.yearSelect;
    const doc = this.host.policy.document;
    const year = this.host.year();
    const years = [];
    for (let y = doc.first_year; y <= doc.last_year; y++) years.push(y);
    [new Date().getFullYear(), year].forEach((y) => {
      if (years.indexOf(y) < 0) years.push(y);
    });
    years.sort((a, b) => a - b);
    const have = Array.prototype.map.call(sel.options, (o) => o.value).join(",");
    if (have !== years.join(",")) {
      sel.textContent = "";
      years.forEach((y) => {
        sel.appendChild(this.texts.text("option", { value: String(y) }, (L, ui) => ui.yearOption(y)));
      });
    }
    sel.value = String(year);
    this.syncConditions();
  }

  /** Shows the conditions asked in the form's year (one asked only in the plan's first year is not
   *  asked in the others), and hides a category's conditions box when none is. */
  syncConditions() {
    const year = this.host.year();
    (this.cats || []).forEach((state) => {
      if (!state.condBox) return;
      let shown = 0;
      state.conds.forEach((c) => {
        c.row.hidden = !conditionAsked(c.cond, year);
        if (!c.row.hidden) shown++;
      });
      state.condBox.hidden = shown === 0;
    });
  }

  _buildCategory(cat) {
    const T = this.texts;
    const uid = this._id(cat.id);
    const measure = this.measures.get(cat.measure);
    const state = { cat: cat, items: [], conds: [], itemBox: null, nextItem: 0 };
    const hintId = uid + "-hint";
    const fieldset = h("fieldset", { class: "category", part: "category", "aria-describedby": hintId, "data-category": cat.id });
    const legend = h("legend", { class: "category-title" });
    T.bind(legend, (L, ui) => {
      legend.textContent = "";
      append(legend, cat.label[L], " ", h("span", { class: "clause" }, ui.clause(measure ? measure.id : cat.measure)));
    });
    append(fieldset, legend, T.text("p", { class: "hint", id: hintId }, (L) => (cat.hint ? cat.hint[L] : "")));
    if (cat.kind !== "award" && cat.rate !== null && cat.rate !== undefined && !cat.rate_assumed) {
      fieldset.appendChild(T.text("p", { class: "hint small rate-note", part: "rate" }, (L, ui) => ui.rate + " " + rateText(cat.rate, cat.rate_up_to, L)));
    }

    if (cat.kind === "award") {
      const applyId = uid + "-apply";
      state.applying = h("input", { type: "checkbox", id: applyId, part: "checkbox", "data-field": "apply" });
      // An award is one item: its support from elsewhere under its box.
      state.awardOther = otherField(T, uid + "-other", this._id("fmt"), (L, ui) => ui.otherAmount);
      append(
        fieldset,
        h("div", { class: "check" }, state.applying, T.text("label", { for: applyId }, (L, ui) => ui.applying)),
        T.text("p", { class: "hint small" }, (L, ui) => ui.awardNote),
        state.awardOther.details
      );
    } else {
      state.itemBox = h("div", { class: "items" });
      fieldset.appendChild(state.itemBox);
      this._addItem(state, false);
      const add = h("button", { type: "button", class: "link-button add", part: "add-item" });
      T.bind(add, (L, ui) => {
        setText(add, "+ " + ui.addItem);
        // The accessible name starts with the visible text and names the category.
        add.setAttribute("aria-label", ui.addItem + " · " + cat.label[L]);
      });
      add.addEventListener("click", () => this._addItem(state, true));
      fieldset.appendChild(add);
    }

    if (cat.conditions && cat.conditions.length) {
      const box = h("div", { class: "conditions", role: "group", "aria-labelledby": uid + "-cond-h" });
      box.appendChild(T.text("p", { class: "conditions-title", id: uid + "-cond-h" }, (L, ui) => ui.conditions));
      cat.conditions.forEach((cond) => {
        const cid = uid + "-c-" + cond.id;
        const err = h("p", { class: "error", id: cid + "-err", part: "error", hidden: true });
        const label = T.text("label", { for: cid }, (L) => cond.label[L]);
        let input, row;
        if (cond.type === "bool") {
          input = h("input", { type: "checkbox", id: cid, part: "checkbox", checked: cond.default === true, "data-condition": cond.id });
          input.defaultChecked = cond.default === true;
          row = h("div", { class: "check" }, input, label, err);
        } else {
          input = textInput(cid, "input count", "count", "numeric", null, { "data-condition": cond.id });
          row = h("div", { class: "field" }, label, input, err);
        }
        box.appendChild(row);
        state.conds.push({ cond: cond, input: input, error: err, row: row });
      });
      state.condBox = box;
      fieldset.appendChild(box);
    }

    state.catError = h("p", { class: "error", id: uid + "-err", part: "error", hidden: true });
    fieldset.appendChild(state.catError);
    this.cats.push(state);
    return fieldset;
  }

  _addItem(state, focus) {
    const iid = this._id(state.cat.id) + "-i" + state.nextItem++;
    const item = {
      input: textInput(iid, "input amount", "amount", "decimal", iid + "-read " + this._id("fmt"), { "data-field": "amount" }),
      reading: h("p", { class: "reading", id: iid + "-read", part: "reading" }),
      error: h("p", { class: "error", id: iid + "-err", part: "error", hidden: true }),
      label: h("label", { for: iid }),
      remove: null,
      row: null,
      // Its own support from elsewhere (就高不重复 is settled item by item): labelled in _labelItems.
      other: otherField(this.texts, iid + "-other", this._id("fmt"), null),
    };
    item.row = h(
      "div",
      { class: "field item" },
      item.label,
      h("div", { class: "input-row" }, item.input),
      item.error,
      item.reading,
      item.other.details
    );
    if (state.items.length > 0) {
      item.remove = h("button", { type: "button", class: "remove", part: "remove-item" });
      item.remove.addEventListener("click", () => this._removeItem(state, item));
      item.row.querySelector(".input-row").appendChild(item.remove);
    }
    state.items.push(item);
    state.itemBox.appendChild(item.row);
    this.texts.bind(item.label, () => this._labelItems(state));
    this.texts.bind(item.other.label, () => this._labelItems(state));
    if (item.remove) this.texts.bind(item.remove, () => this._labelItems(state));
    this._labelItems(state);
    if (focus) item.input.focus();
  }

  _removeItem(state, item) {
    const i = state.items.indexOf(item);
    if (i < 0) return;
    state.items.splice(i, 1);
    item.row.remove();
    this._labelItems(state);
    const next = state.items[Math.min(i, state.items.length - 1)];
    if (next) next.input.focus();
    this.host.recalc();
  }

  _labelItems(state) {
    const L = this.texts.lang;
    const ui = this.texts.ui;
    const many = state.items.length > 1;
    state.items.forEach((item, i) => {
      setText(item.label, many ? ui.amountN(i + 1) : ui.amount);
      setText(item.other.label, many ? ui.otherAmountN(i + 1) : ui.otherAmount);
      if (item.remove) {
        setText(item.remove, "×");
        item.remove.setAttribute("aria-label", ui.removeItem(i + 1) + " · " + state.cat.label[L]);
      }
    });
  }

  // ---------- input

  /**
   * Every input that reads is calculated at once (a result takes well under a millisecond). Not
   * while an IME composes ("30wan" before 万 is picked): then on `compositionend`. An amount
   * that does not read yet ("30w") waits for the next keystroke, a pause or the field's
   * `change`, then shows its error.
   */
  _onInput(e) {
    const t = e.target;
    clearTimeout(this.timer);
    if (e.isComposing || this.composing) {
      this.pending = true;
      return;
    }
    const field = t && t.getAttribute("data-field");
    const amountField = field === "amount" || field === "other_policy_support";
    if (amountField) this.showReading(t);
    const raw = amountField ? t.value.trim() : "";
    if (raw && !this.host.readAmount(raw)) {
      this.pending = true;
      this.timer = setTimeout(() => this.pending && this.host.recalc(), UNREAD_DELAY_MS);
      return;
    }
    this.host.recalc("typed");
  }

  _onChange(e) {
    const t = e.target;
    if ((t && t.type === "checkbox") || this.pending) this.host.recalc();
  }

  /** Forgets an input not yet calculated; true if there was one. */
  cancelPending() {
    const had = this.pending;
    this.pending = false;
    clearTimeout(this.timer);
    return had;
  }

  /** Shows the engine's reading of an amount under its field ("按 ¥300,000.00 计"). */
  showReading(input) {
    const reading = this.texts.root.getElementById(input.id + "-read");
    if (!reading) return;
    const raw = input.value.trim();
    const text = raw ? this.host.readAmount(raw) : "";
    reading.setAttribute("data-value", text);
    this.texts.dyn(reading, (L, ui) => setText(reading, text ? ui.readAs(text) : ""));
  }

  refreshReadings() {
    this.cats.forEach((state) => {
      state.items.forEach((item) => {
        this.showReading(item.input);
        this.showReading(item.other.input);
      });
      if (state.awardOther) this.showReading(state.awardOther.input);
    });
  }

  /** The form's values, one per category, for `buildRequest` (model.js). */
  values() {
    return this.cats.map((state) => ({
      category: state.cat.id,
      kind: state.cat.kind,
      applying: state.applying ? state.applying.checked : false,
      amounts: state.items.map((item) => item.input.value),
      others: state.awardOther ? [state.awardOther.input.value] : state.items.map((item) => item.other.input.value),
      conditions: state.conds.map((c) => ({
        id: c.cond.id,
        type: c.cond.type,
        value: c.cond.type === "bool" ? c.input.checked : c.input.value,
        only_year: c.cond.only_year == null ? null : c.cond.only_year,
      })),
    }));
  }

  /**
   * Fills the form with `values()`-shaped entries (by category; those not listed are emptied),
   * e.g. a saved scenario's (workspace/fill.js). Each item's support from elsewhere comes from
   * `others`; values of the older one-field form (`other` per category) put it on the first
   * item. Recalculation is the caller's.
   */
  setValues(list) {
    this.clear();
    const byCat = new Map((list || []).map((v) => [v.category, v]));
    this.cats.forEach((state) => {
      const v = byCat.get(state.cat.id);
      if (!v) return;
      const others = Array.isArray(v.others) ? v.others : [v.other];
      if (state.itemBox) {
        // Support from elsewhere given for an item without an amount is kept at its item too.
        const amounts = v.amounts || [];
        let n = amounts.length;
        others.forEach((o, i) => {
          if (o !== undefined && o !== null && o !== "") n = Math.max(n, i + 1);
        });
        for (let i = 0; i < n; i++) {
          if (i >= state.items.length) this._addItem(state, false);
          const item = state.items[i];
          item.input.value = i < amounts.length ? amounts[i] : "";
          this.showReading(item.input);
          setOther(this, item.other, others[i]);
        }
      }
      if (state.awardOther) setOther(this, state.awardOther, others[0]);
      if (state.applying) state.applying.checked = v.applying === true;
      (v.conditions || []).forEach((c) => {
        const cond = state.conds.find((k) => k.cond.id === c.id);
        if (!cond) return;
        if (cond.input.type === "checkbox") cond.input.checked = c.value === true;
        else cond.input.value = c.value === undefined || c.value === null ? "" : String(c.value);
      });
    });
  }

  /** "3 filled in" per applicant group, from the request's map (see `buildRequest`). */
  updateFilledCounts(map) {
    this.groups.forEach((g) => {
      const n = map.filter((m) => this.cats[m.field].cat.applicant === g.applicant.id).length;
      this.texts.dyn(g.count, (L, ui) => setText(g.count, n ? ui.filled(n) : ""));
    });
  }

  /** Empties every field (one amount field per category, conditions to their defaults). */
  clear() {
    this.cats.forEach((state) => {
      if (state.itemBox) {
        state.items.slice(1).forEach((item) => item.row.remove());
        state.items.length = Math.min(state.items.length, 1);
        state.items.forEach((item) => {
          item.input.value = "";
          this.showReading(item.input);
          setOther(this, item.other, "");
        });
        this._labelItems(state);
      }
      if (state.applying) state.applying.checked = false;
      state.conds.forEach((c) => {
        if (c.input.type === "checkbox") c.input.checked = c.input.defaultChecked;
        else c.input.value = "";
      });
      if (state.awardOther) setOther(this, state.awardOther, "");
    });
  }

  // ---------- errors at the fields

  clearErrors() {
    this.errorFields.forEach((f) => {
      if (f.input) {
        f.input.removeAttribute("aria-invalid");
        removeToken(f.input, "aria-describedby", f.error.id);
      }
      f.error.hidden = true;
      this.texts.dyn(f.error, null);
      f.error.textContent = "";
    });
    this.errorFields = [];
  }

  /** Shows err ({ zh, en }) in errorEl, linked from input (if any) by aria-describedby. */
  markError(input, errorEl, err) {
    let field = this.errorFields.filter((f) => f.error === errorEl)[0];
    if (!field) {
      field = { input: input, error: errorEl, errs: [] };
      this.errorFields.push(field);
    }
    if (field.errs.some((e) => e.zh === err.zh && e.en === err.en)) return;
    field.errs.push(err);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      addToken(input, "aria-describedby", errorEl.id);
    }
    // An error is never hidden in a folded section.
    for (let n = errorEl.parentNode; n && n !== this.texts.root; n = n.parentNode) {
      if (n.tagName === "DETAILS") n.open = true;
    }
    errorEl.hidden = false;
    this.texts.dyn(errorEl, (L) => setText(errorEl, field.errs.map((e) => e[L] || e.zh || e.en).join(" ")));
  }

  /**
   * Puts each engine error at the input that produced it (`map` from `buildRequest`); errors
   * that belong to no field go to `generalError`. Returns the indexes of the expenses with
   * errors (`bad`, a Set) and the number of errors about no expense (`general`).
   */
  showErrors(errors, map, generalError) {
    const bad = new Set();
    let general = 0;
    errors.forEach((err) => {
      const t = errorTarget(err.path);
      const entry = t.entry !== undefined ? map[t.entry] : null;
      if (entry) {
        const state = this.cats[entry.field];
        const item = entry.item === null ? null : state.items[entry.item];
        bad.add(t.entry);
        if (t.field === "amount" && item) {
          this.markError(item.input, item.error, err);
        } else if (t.field === "other_policy_support" && (item || state.awardOther)) {
          const other = item ? item.other : state.awardOther;
          this.markError(other.input, other.error, err);
        } else if (t.field === "conditions" && t.condition) {
          const c = state.conds.filter((x) => x.cond.id === t.condition)[0];
          if (c) this.markError(c.input, c.error, err);
          else this.markError(null, state.catError, err);
        } else {
          this.markError(item ? item.input : null, state.catError, err);
        }
      } else if (t.year) {
        general++;
        this.markError(this.yearSelect, this.yearError, err);
      } else {
        general++;
        this.markError(null, generalError, err);
      }
    });
    return { bad: bad, general: general };
  }
}
