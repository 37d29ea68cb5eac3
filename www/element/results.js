// The element's results: the total, one row per line of the engine's result (with its working
// and the policy's words), the notices where they belong, the actions, the small sticky total,
// the print header and footer, and the measures without money. Everything shown comes from
// `calculate()` and `policy()`; money is formatted as strings (money.js).

import { h, append, setText, patch, replaceChildren } from "./dom.js";
import { paren } from "./strings.js";
import { formatYuan, formatWan, isZero } from "./money.js";
import { placeNotices, isWarningNotice, todayIso } from "./model.js";
import { LineRow } from "./line-row.js";

export class ResultsView {
  /**
   * host: { uid, texts (LangBindings), policy,
   *         actions: { copy, json, csv, print, clear } (click handlers) }
   */
  constructor(host) {
    this.host = host;
    this.texts = host.texts;
    this.policy = host.policy;
    this.categories = new Map(host.policy.categories.map((c) => [c.id, c]));
    this.measures = new Map(host.policy.measures.map((m) => [m.id, m]));
    this.sources = new Map((host.policy.document.sources || []).map((s) => [s.id, s]));
    this.lineRows = new Map();
    this._build();
    this.otherMeasures = this._buildOtherMeasures();
  }

  _build() {
    const T = this.texts;
    const id = (s) => this.host.uid + "-" + s;
    this.totalValue = h("p", { class: "total-value", part: "total-value" });
    this.totalWan = h("p", { class: "total-wan", part: "total-wan" });
    this.totalYear = h("p", { class: "total-year" });
    this.awards = h("p", { class: "awards", part: "awards", hidden: true });
    this.pending = h("p", { class: "pending", part: "pending", hidden: true });
    this.engineNotice = h("p", { class: "engine-notice", part: "engine-notice", hidden: true });
    this.generalError = h("p", { class: "error", id: id("general-err"), part: "error", hidden: true });
    this.topNotices = h("ul", { class: "notices", part: "notices" });
    this.lines = h("ol", { class: "lines", part: "lines" });
    this.empty = T.text("p", { class: "empty" }, (L, ui) => ui.emptyResult);
    this.footnotes = h("ul", { class: "footnotes" });
    this.printHead = h("div", { class: "print-only print-head" });
    this.printFoot = h("p", { class: "print-only disclaimer" });

    const total = h(
      "div",
      { class: "total", part: "total" },
      T.text("p", { class: "total-label", id: id("total-l") }, (L, ui) => ui.total),
      this.totalValue,
      this.totalWan,
      this.totalYear,
      this.awards
    );

    const on = this.host.actions;
    const actions = h(
      "div",
      { class: "actions", part: "actions", role: "group", "aria-label": "" },
      ["copy", "json", "csv", "print", "clear"].map((key) => this._actionButton(key, on[key]))
    );
    T.bind(actions, (L, ui) => actions.setAttribute("aria-label", ui.actions));
    this.actionsEl = actions;

    this.miniValue = h("span", { class: "mini-value" });
    this.mini = h(
      "div",
      { class: "mini", part: "mini-total", "aria-hidden": "true" },
      T.text("span", { class: "mini-label" }, (L, ui) => ui.miniTotal),
      this.miniValue
    );

    this.live = h(
      "div",
      { class: "live", "aria-live": "polite" },
      total,
      this.engineNotice,
      this.pending,
      this.generalError,
      this.topNotices,
      this.empty,
      this.lines
    );
    this.section = h(
      "section",
      { class: "results", part: "results", "aria-labelledby": id("res-h") },
      T.text("h2", { id: id("res-h"), class: "section-title" }, (L, ui) => ui.resultsHeading),
      this.live,
      actions,
      h("div", { class: "notes" }, T.text("h3", { class: "notes-title" }, (L, ui) => ui.notes), this.footnotes),
      this.printFoot
    );
  }

  _actionButton(key, onClick) {
    const b = this.texts.text("button", { type: "button", class: "action", part: "action " + key, "data-action": key }, (L, ui) => ui[key]);
    b.addEventListener("click", onClick);
    return b;
  }

  /** Other support without money: the measures with no category (null when there is none). */
  _buildOtherMeasures() {
    const T = this.texts;
    const id = (s) => this.host.uid + "-" + s;
    const others = this.policy.measures.filter((m) => !m.categories || m.categories.length === 0);
    const promises = this.policy.promises || [];
    if (!others.length && !promises.length) return null;
    return h(
      "section",
      { class: "other-measures", part: "other-measures", "aria-labelledby": id("om-h") },
      T.text("h2", { id: id("om-h"), class: "section-title" }, (L, ui) => ui.otherMeasures),
      T.text("p", { class: "lead" }, (L, ui) => ui.otherMeasuresIntro),
      promises.length ? T.text("h3", { class: "promises-title" }, (L, ui) => ui.promises) : null,
      promises.length
        ? h(
            "ul",
            { class: "promise-list", part: "promises" },
            promises.map((x) =>
              T.text("li", { class: "promise", "data-promise": x.id }, (L, ui) => ui.clause(x.measure) + " · " + x.text[L])
            )
          )
        : null,
      h(
        "ul",
        { class: "measure-list" },
        others.map((m) => {
          const body = h("div", { class: "measure-body" });
          T.bind(body, (L, ui) => {
            body.textContent = "";
            append(body, h("p", { lang: L === "en" ? "en" : "zh-CN" }, L === "en" ? m.summary_en : m.text));
            const deps = m.departments && m.departments[L];
            if (deps && deps.length) {
              append(body, h("p", { class: "departments" }, h("strong", null, ui.departments + "："), deps.join(L === "en" ? ", " : "、")));
            }
          });
          return h(
            "li",
            null,
            h(
              "details",
              { class: "measure", part: "measure" },
              T.text("summary", null, (L, ui) => ui.clause(m.id) + " · " + m.title[L]),
              body
            )
          );
        })
      )
    );
  }

  /**
   * The totals of a result (the total and the sticky one): what a keystroke draws at once
   * (element.js). `behind`: the rest of the result follows (render); until then the live region
   * is `aria-busy`, so that a screen reader announces the result once, whole.
   */
  renderTotal(r, behind) {
    if (behind) this.live.setAttribute("aria-busy", "true");
    const ui = this.texts.ui;
    setText(this.totalValue, formatYuan(r.total));
    setText(this.totalWan, ui.wan(formatWan(r.total)));
    setText(this.totalYear, ui.yearLabel(r.year));
    setText(this.miniValue, formatYuan(r.total));
    this.totalValue.parentNode.classList.toggle("out", r.in_force === false);
  }

  /** Shows a result of `calculate()` in the current language. */
  render(r) {
    const L = this.texts.lang;
    const ui = this.texts.ui;

    this.renderTotal(r);
    this.live.removeAttribute("aria-busy");

    const hasAwards = !isZero(r.awards_up_to);
    this.awards.hidden = !hasAwards;
    patch(this.awards, [L, hasAwards && r.awards_up_to], () =>
      hasAwards
        ? [ui.awardsUpTo + " ", h("strong", { class: "num" }, formatYuan(r.awards_up_to)), h("span", { class: "awards-note" }, paren(L, ui.awardsNote))]
        : []
    );

    const placed = placeNotices(r, this.policy);
    // Rebuilt only when changed, so that the live region does not repeat them at every keystroke.
    patch(this.topNotices, [L, placed.top], () => placed.top.map((n) => this._notice(n, L, true)));
    patch(this.footnotes, [L, placed.foot], () => placed.foot.map((n) => h("li", { "data-code": n.code }, n[L])));

    // Lines, keyed by category: each row made once per language and updated in place
    // (line-row.js): a keystroke changes a few texts, open details stay open.
    const rows = r.lines.map((line) => {
      const key = line.category + "/" + line.clause;
      let row = this.lineRows.get(line.category);
      if (!row || row.key !== key || row.ctx.L !== L) {
        row = this._lineRow(line, L, ui, key, row);
        this.lineRows.set(line.category, row);
      }
      row.update(line, placed.byCategory.get(line.category) || []);
      return row.el;
    });
    const keep = new Set(r.lines.map((l) => l.category));
    Array.from(this.lineRows.keys()).forEach((k) => {
      if (!keep.has(k)) this.lineRows.delete(k);
    });
    const children = this.lines.children;
    const same = rows.length === children.length && rows.every((el, i) => children[i] === el);
    if (!same) replaceChildren(this.lines, rows);
    this.empty.hidden = r.lines.length > 0;

    // Print header and footer.
    const meta = ui.printMeta(todayIso(), r.policy ? r.policy.version : this.policy.version) + " · " + ui.yearLabel(r.year);
    patch(this.printHead, [ui.printTitle, meta], () => [h("p", { class: "print-title" }, ui.printTitle), h("p", null, meta)]);
    setText(this.printFoot, ui.disclaimer);
  }

  _notice(n, L, prominent) {
    return h(
      "li",
      { class: "notice" + (isWarningNotice(n) ? " warn" : "") + (prominent ? " prominent" : ""), part: "notice", "data-code": n.code },
      n[L]
    );
  }

  /** A row for `line`'s category in language L (line-row.js); an open "details" of the row it replaces stays open. */
  _lineRow(line, L, ui, key, old) {
    const cat = this.categories.get(line.category) || { label: { zh: line.category, en: line.category }, measure: line.clause };
    const row = new LineRow({
      category: line.category,
      clauseId: line.clause,
      cat: cat,
      measure: this.measures.get(line.clause) || this.measures.get(cat.measure),
      sources: this.sources,
      policy: this.policy,
      L: L,
      ui: ui,
      notice: (n, lang, prominent) => this._notice(n, lang, prominent),
    });
    row.key = key;
    if (old && old.parts.explain.open) row.parts.explain.open = true;
    return row;
  }

  /** "Entries left out" / "the previous estimate" above the lines. stale: false, true or "engine". */
  renderPending(excluded, stale) {
    const el = this.pending;
    this.texts.dyn(el, (L, ui) => {
      let text = "";
      if (stale === "engine") text = ui.staleEngine;
      else if (stale) text = ui.stale;
      else if (excluded) text = ui.pending(excluded);
      setText(el, text);
      el.hidden = !text;
    });
  }

  /** The short notice that the engine was restarted, in the current language. */
  showRestarted() {
    const el = this.engineNotice;
    el.hidden = false;
    this.texts.dyn(el, (L, ui) => setText(el, ui.restarted));
  }
}
