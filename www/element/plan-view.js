// The element's plan view (2024–2027 of the policy): a year switcher, the same form per year
// (form.js, one instance per year), the support already received from this plan, and the
// results of `calculate_plan()`: the plan total, each year's lines, and each cap's use across
// the years. What the values mean is plan.js; every label, cap and period comes from
// `policy()` and the result.

import { h, append, setText, patch } from "./dom.js";
import { paren, langTag } from "./strings.js";
import { PART_UI } from "./strings-parts.js";
import { formatYuan, formatWan, isZero } from "./money.js";
import { placeNotices, noticePlacement, isWarningNotice, normaliseErrors } from "./model.js";
import { planYears, buildPlanRequest, withoutPlanExpenses, splitPlanErrors, capRows, rateText, headroomText } from "./plan.js";
import { isEngineFault } from "./engine.js";
import { PlanExtras } from "./plan-extras.js";

export class PlanView {
  /**
   * host: { uid, texts (LangBindings), policy, engine() → the engine or null,
   *         Form (form.js's CalculatorForm, passed in: this module is loaded on demand as its
   *         own bundle, which must not carry a second copy of the form),
   *         recalc() (the element's: it calls `calculate()` back when usable),
   *         readAmount(raw), keepInView(target), fault(err) (an engine fault),
   *         changed(result) (a result unlike the last) }
   */
  constructor(host) {
    this.host = host;
    this.texts = host.texts;
    this.texts.extend(PART_UI);
    this.policy = host.policy;
    this.years = planYears(host.policy);
    this.active = 0;
    this.result = null;
    this.request = null;
    this.categories = new Map(host.policy.categories.map((c) => [c.id, c]));
    this.forms = this.years.map((year) => this._yearForm(year));
    this.received = [];
    this.extras = null;
    this.el = this._build();
    this.select(0);
  }

  _id(s) {
    return this.host.uid + "-plan-" + s;
  }

  _yearForm(year) {
    const host = this.host;
    return new host.Form({
      uid: host.uid + "-y" + year,
      texts: this.texts,
      policy: this.policy,
      fixedYear: true,
      year: () => year,
      setYear: () => {},
      recalc: () => host.recalc(),
      readAmount: (raw) => host.readAmount(raw),
      keepInView: (target) => host.keepInView(target),
    });
  }

  _build() {
    const T = this.texts;
    const id = (s) => this._id(s);
    // The year tabs look like the mode switch above them: they carry its classes, and so its rules
    // (the element's first stylesheet); what is theirs alone (data-filled) is in parts.css.
    this.tabs = this.years.map((year, i) => {
      const b = T.text("button", { type: "button", class: "year-tab mode-button", part: "year-tab", "data-year": String(year), "aria-pressed": "false" }, (L, ui) => ui.planYearTab(year));
      b.addEventListener("click", () => this.select(i));
      return b;
    });
    const tabs = h("div", { class: "year-tabs mode-switch", role: "group", "aria-labelledby": id("years-l") }, T.text("p", { class: "year-tabs-label mode-label", id: id("years-l") }, (L, ui) => ui.planYears), this.tabs);
    this.panels = this.forms.map((form, i) =>
      h(
        "div",
        { class: "plan-year-form", "data-year": String(this.years[i]) },
        T.text("p", { class: "lead plan-year-intro" }, (L, ui) => ui.planYearIntro(this.years[i])),
        form.el
      )
    );

    this.generalError = h("p", { class: "error", id: id("general-err"), part: "error", hidden: true });
    this.engineNotice = h("p", { class: "engine-notice", part: "engine-notice", hidden: true });
    this.totalValue = h("p", { class: "total-value", part: "total-value" });
    this.totalWan = h("p", { class: "total-wan", part: "total-wan" });
    this.awards = h("p", { class: "awards", part: "awards", hidden: true });
    this.notices = h("ul", { class: "notices", part: "notices" });
    this.yearList = h("ol", { class: "plan-years" });
    this.yearRows = new Map(); // year → { sig, el }: the year's block as last rendered
    this.caps = h("ul", { class: "caps", part: "caps", "aria-labelledby": id("caps-h") });
    this.capsBox = h("div", { class: "caps-box" }, T.text("h3", { class: "caps-title", id: id("caps-h") }, (L, ui) => ui.capsHeading), this.caps);
    const total = h(
      "div",
      { class: "total", part: "total" },
      T.text("p", { class: "total-label" }, (L, ui) => ui.planTotal),
      this.totalValue,
      this.totalWan,
      this.awards
    );
    // Copy, share, CSV, print, the notes, next steps and the sticky total (plan-extras.js).
    const x = (this.extras = new PlanExtras(this, this.host.keep));
    const results = h(
      "section",
      { class: "results plan-results", part: "results", "aria-labelledby": id("res-h") },
      T.text("h2", { id: id("res-h"), class: "section-title" }, (L, ui) => ui.planHeading),
      h("div", { class: "live", "aria-live": "polite" }, total, this.engineNotice, this.generalError, this.notices),
      this.capsBox,
      this.yearList,
      x.nextBox,
      x.actions,
      x.linkNote,
      x.notes
    );
    return h(
      "div",
      { class: "plan", part: "plan" },
      x.printHead,
      h("div", { class: "layout" }, h("div", { class: "form-col" }, tabs, this.panels, this._buildReceived(), x.mini), results)
    );
  }

  /** Support already received from this plan, per category whose cap runs over the plan. */
  _buildReceived() {
    const T = this.texts;
    const scopes = new Map((this.policy.cap_periods || []).map((p) => [p.id, p.scope]));
    const cats = this.policy.categories.filter((c) => c.kind !== "award" && (!scopes.size || (scopes.get(c.cap_period) === "plan" || scopes.get(c.cap_period) === "once")));
    const hintId = this._id("rec-hint");
    const body = h("div", { class: "received-body" }, T.text("p", { class: "hint small", id: hintId }, (L, ui) => ui.receivedHint));
    cats.forEach((cat) => {
      const iid = this._id("rec-" + cat.id);
      const input = h("input", {
        type: "text",
        id: iid,
        class: "amount",
        part: "input amount",
        inputmode: "decimal",
        autocomplete: "off",
        spellcheck: "false",
        "aria-describedby": hintId,
        "data-received": cat.id,
      });
      const error = h("p", { class: "error", id: iid + "-err", part: "error", hidden: true });
      // Calculated as typed, as the years' forms are (form.js): not while an IME composes.
      input.addEventListener("input", (e) => {
        if (e.isComposing) this.pending = true;
        else this.host.recalc();
      });
      input.addEventListener("compositionend", () => this.host.recalc());
      body.appendChild(h("div", { class: "field" }, T.text("label", { for: iid }, (L, ui) => cat.label[L] + paren(L, ui.clause(cat.measure))), input, error));
      this.received.push({ cat: cat, input: input, error: error });
    });
    this.receivedBox = h("details", { class: "other received", part: "received" }, T.text("summary", null, (L, ui) => ui.received), body);
    return this.receivedBox;
  }

  /** Shows the form of year i (an index in `years`). */
  select(i) {
    this.active = i;
    this.tabs.forEach((b, k) => b.setAttribute("aria-pressed", k === i ? "true" : "false"));
    this.panels.forEach((p, k) => {
      p.hidden = k !== i;
    });
  }

  /** True (and forgotten) if an input was not yet calculated. */
  cancelPending() {
    let had = !!this.pending;
    this.pending = false;
    this.forms.forEach((f) => {
      if (f.cancelPending()) had = true;
    });
    return had;
  }

  refreshReadings() {
    this.forms.forEach((f) => f.refreshReadings());
  }

  clear() {
    this.forms.forEach((f) => f.clear());
    this.received.forEach((r) => {
      r.input.value = "";
    });
    this.receivedBox.open = false;
  }

  /** Fills the years' forms (`perYear`: Map year → values()-shaped list) and what was received (Map category → amount). */
  fill(perYear, received) {
    this.forms.forEach((f, i) => f.setValues(perYear.get(this.years[i]) || []));
    this.received.forEach((r) => {
      r.input.value = received.get(r.cat.id) || "";
    });
    this.receivedBox.open = received.size > 0;
  }

  /** Calculates the plan with `engine` and shows it; engine faults go to host.fault. */
  recalc(engine) {
    this.cancelPending();
    const built = buildPlanRequest(
      this.years.map((year, i) => ({ year: year, fields: this.forms[i].values() })),
      this.received.map((r) => ({ category: r.cat.id, value: r.input.value }))
    );
    this.forms.forEach((f) => f.clearErrors());
    let request = built.request;
    let result = null;
    try {
      result = engine.calculatePlan(request, langTag(this.texts.lang));
    } catch (err) {
      if (isEngineFault(err)) return this.host.fault(err);
      const split = splitPlanErrors(normaliseErrors(err));
      const drop = new Map();
      split.years.forEach((errs, i) => {
        const placed = this.forms[i].showErrors(errs, built.maps[i], this.generalError);
        if (placed.bad.size) drop.set(i, placed.bad);
      });
      split.received.forEach((errs, j) => {
        const r = this.received[built.receivedMap[j]];
        errs.forEach((e) => this.forms[0].markError(r ? r.input : null, r ? r.error : this.generalError, e));
      });
      split.general.forEach((e) => this.forms[0].markError(null, this.generalError, e));
      if (!split.general.length && !split.received.size && drop.size) {
        request = withoutPlanExpenses(request, drop);
        try {
          result = engine.calculatePlan(request, langTag(this.texts.lang));
        } catch (err2) {
          if (isEngineFault(err2)) return this.host.fault(err2);
          result = null;
        }
      }
    }
    this.forms.forEach((f, i) => f.updateFilledCounts(built.maps[i]));
    this.extras.markTabs(built.request.years.map((y) => y.expenses.length));
    if (!result) return;
    const sig = JSON.stringify(result);
    this.result = result;
    this.request = request;
    this.render(result);
    if (sig !== this.sig) this.host.changed(result);
    this.sig = sig;
  }

  /** The short notice that the engine was restarted, in the current language. */
  showRestarted() {
    const el = this.engineNotice;
    el.hidden = false;
    this.texts.dyn(el, (L, ui) => setText(el, ui.restarted));
  }

  /** The engine failed: said above the plan's results (the previous estimate stays). */
  showEngineError(err) {
    this.forms[0].markError(null, this.generalError, err);
  }

  /** Shows a result of `calculate_plan()` in the current language. */
  render(r) {
    const L = this.texts.lang;
    const ui = this.texts.ui;
    setText(this.totalValue, formatYuan(r.total));
    setText(this.totalWan, ui.wan(formatWan(r.total)));
    const hasAwards = !isZero(r.awards_up_to);
    this.awards.hidden = !hasAwards;
    patch(this.awards, [L, hasAwards && r.awards_up_to], () =>
      hasAwards ? [ui.awardsUpTo + " ", h("strong", { class: "num" }, formatYuan(r.awards_up_to)), h("span", { class: "awards-note" }, paren(L, ui.awardsNote))] : []
    );
    const notices = (r.notices || []).filter((n) => noticePlacement(n, this.policy) === null);
    patch(this.notices, [L, notices], () => notices.map((n) => this._notice(n, L)));
    const rows = capRows(r, this.policy, L);
    const caps = r.caps || [];
    this.capsBox.hidden = rows.length === 0;
    patch(this.caps, [L, caps], () => rows.map((row, i) => this._capRow(row, caps[i], ui)));
    // Keyed by year: a keystroke rebuilds the year it changed, not every year of the plan.
    const blocks = r.years.map((y) => {
      const sig = JSON.stringify([L, y]);
      const old = this.yearRows.get(y.year);
      if (old && old.sig === sig) return old.el;
      const el = this._year(y, L, ui);
      this.yearRows.set(y.year, { sig: sig, el: el });
      return el;
    });
    const keep = new Set(r.years.map((y) => y.year));
    Array.from(this.yearRows.keys()).forEach((k) => keep.has(k) || this.yearRows.delete(k));
    const kids = this.yearList.children;
    blocks.forEach((el, i) => {
      if (kids[i] !== el) this.yearList.insertBefore(el, kids[i] || null);
    });
    while (kids.length > blocks.length) this.yearList.removeChild(this.yearList.lastChild);
    this.extras.render(r);
  }

  _notice(n, L) {
    return h("li", { class: "notice" + (isWarningNotice(n) ? " warn" : ""), part: "notice", "data-code": n.code }, n[L]);
  }

  _capRow(row, cap, ui) {
    const facts = h("dl", { class: "facts" });
    const fact = (k, v, cls) => append(facts, h("div", { class: cls }, h("dt", null, k), h("dd", { class: "num" }, v)));
    fact(ui.cap, row.cap + " · " + row.period, "cap-cap");
    fact(ui.capUsed, row.used, "cap-used");
    fact(ui.capRemaining, row.remaining === "—" ? ui.capAfresh : row.remaining, "cap-remaining");
    const byYear = row.byYear.length
      ? h("p", { class: "cap-years small" }, ui.capByYear + (this.texts.lang === "en" ? ": " : "："), row.byYear.map((b) => ui.planYearTab(b.year) + " " + b.used).join(this.texts.lang === "en" ? ", " : "；"))
      : null;
    const bar = cap.remaining !== null && cap.remaining !== undefined
      ? h("meter", { class: "bar", part: "bar", min: "0", max: cap.cap, value: cap.used, "aria-label": ui.barLabel(row.label) })
      : null;
    return h(
      "li",
      { class: "cap" + (row.exhausted ? " is-exhausted" : ""), part: "cap", "data-category": row.category },
      h("p", { class: "line-title" }, row.label),
      bar,
      facts,
      byYear
    );
  }

  _year(y, L, ui) {
    const placed = placeNotices(y, this.policy);
    const lines = (y.lines || []).map((line) => this._line(line, placed.byCategory.get(line.category) || [], L, ui));
    return h(
      "li",
      { class: "plan-year", "data-year": String(y.year) },
      h("div", { class: "line-head" }, h("h3", { class: "line-title" }, ui.planYearTotal(y.year)), h("p", { class: "line-support num year-total" }, formatYuan(y.total))),
      placed.top.length ? h("ul", { class: "notices" }, placed.top.map((n) => this._notice(n, L))) : null,
      lines.length ? h("ol", { class: "lines", part: "lines" }, lines) : h("p", { class: "empty" }, ui.planEmpty)
    );
  }

  _line(line, notices, L, ui) {
    const cat = this.categories.get(line.category);
    const label = cat ? cat.label[L] : line.category;
    const facts = h("dl", { class: "facts" });
    const fact = (k, v) => append(facts, h("div", null, h("dt", null, k), h("dd", { class: "num" }, v)));
    if (line.expense !== null && line.expense !== undefined) fact(ui.spent, formatYuan(line.expense));
    if (line.rate !== null && line.rate !== undefined) fact(ui.rate, rateText(line.rate, line.rate_up_to, L));
    if (line.cap_left !== null && line.cap_left !== undefined && line.cap_left !== line.cap) fact(ui.capLeft, formatYuan(line.cap_left));
    const badges = [];
    if (line.capped) badges.push(h("span", { class: "badge capped", part: "badge capped" }, ui.capped));
    if (line.eligible === false) badges.push(h("span", { class: "badge ineligible", part: "badge ineligible" }, ui.notEligible));
    const room = headroomText(line, L);
    const ex = line.explanation ? line.explanation[L] : "";
    return h(
      "li",
      { class: "line" + (line.eligible === false ? " is-ineligible" : ""), part: "line", "data-category": line.category },
      h(
        "div",
        { class: "line-head" },
        h("p", { class: "line-title" }, label, " ", h("span", { class: "clause" }, ui.clause(line.clause))),
        h("p", { class: "line-support num", part: "line-support" }, line.upper_bound ? h("span", { class: "upto" }, ui.upTo + " ") : null, formatYuan(line.support))
      ),
      badges.length ? h("span", { class: "badges" }, badges) : null,
      room ? h("p", { class: "headroom", part: "headroom" }, room) : null,
      facts,
      notices.length ? h("ul", { class: "notices line-notices" }, notices.map((n) => this._notice(n, L))) : null,
      ex ? h("details", { class: "explain", part: "details" }, h("summary", null, ui.details), h("p", { class: "explanation" }, ex)) : null
    );
  }
}
