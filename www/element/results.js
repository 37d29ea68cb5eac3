// The element's results: the total, one row per line of the engine's result (with its working
// and the policy's words), the notices where they belong, the actions, the small sticky total,
// the print header and footer, and the measures without money. Everything shown comes from
// `calculate()` and `policy()`; money is formatted as strings (money.js).

import { h, append, setText, patch, replaceChildren } from "./dom.js";
import { paren } from "./strings.js";
import { formatYuan, formatWan, isZero } from "./money.js";
import { placeNotices, isWarningNotice, todayIso } from "./model.js";
import { rateText, headroomText } from "./plan.js";
import { keptText, ifEligibleText } from "./guide.js";

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

    this.section = h(
      "section",
      { class: "results", part: "results", "aria-labelledby": id("res-h") },
      T.text("h2", { id: id("res-h"), class: "section-title" }, (L, ui) => ui.resultsHeading),
      h(
        "div",
        { class: "live", "aria-live": "polite" },
        total,
        this.engineNotice,
        this.pending,
        this.generalError,
        this.topNotices,
        this.empty,
        this.lines
      ),
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

  /** Shows a result of `calculate()` in the current language. */
  render(r) {
    const L = this.texts.lang;
    const ui = this.texts.ui;

    setText(this.totalValue, formatYuan(r.total));
    setText(this.totalWan, ui.wan(formatWan(r.total)));
    setText(this.totalYear, ui.yearLabel(r.year));
    setText(this.miniValue, formatYuan(r.total));
    this.totalValue.parentNode.classList.toggle("out", r.in_force === false);

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

    // Lines, keyed by category: unchanged rows stay (quiet live region, open details kept).
    const rows = r.lines.map((line) => {
      const lineNotices = placed.byCategory.get(line.category) || [];
      const sig = JSON.stringify([L, line, lineNotices]);
      const old = this.lineRows.get(line.category);
      if (old && old.sig === sig) return old.el;
      const el = this._lineRow(line, lineNotices, L, ui);
      if (old) {
        const wasOpen = old.el.querySelector("details.explain");
        if (wasOpen && wasOpen.open) el.querySelector("details.explain").open = true;
      }
      this.lineRows.set(line.category, { sig: sig, el: el });
      return el;
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
    this.printHead.textContent = "";
    append(
      this.printHead,
      h("p", { class: "print-title" }, ui.printTitle),
      h("p", null, ui.printMeta(todayIso(), r.policy ? r.policy.version : this.policy.version) + " · " + ui.yearLabel(r.year))
    );
    setText(this.printFoot, ui.disclaimer);
  }

  _notice(n, L, prominent) {
    return h(
      "li",
      { class: "notice" + (isWarningNotice(n) ? " warn" : "") + (prominent ? " prominent" : ""), part: "notice", "data-code": n.code },
      n[L]
    );
  }

  _lineRow(line, notices, L, ui) {
    const cat = this.categories.get(line.category) || { label: { zh: line.category, en: line.category }, measure: line.clause };
    const measure = this.measures.get(line.clause) || this.measures.get(cat.measure);
    const label = cat.label[L];
    const badges = h("span", { class: "badges" });
    if (line.capped) badges.appendChild(h("span", { class: "badge capped", part: "badge capped" }, ui.capped));
    // Kept out by a group (就高): which one was kept, not "not eligible".
    const kept = keptText(line, this.policy, L);
    if (kept) badges.appendChild(h("span", { class: "badge kept", part: "badge kept" }, kept));
    else if (line.eligible === false) badges.appendChild(h("span", { class: "badge ineligible", part: "badge ineligible" }, ui.notEligible));
    if (line.rate_assumed) badges.appendChild(h("span", { class: "badge assumed", part: "badge assumed" }, ui.assumed));

    const facts = h("dl", { class: "facts" });
    const fact = (k, v) => append(facts, h("div", null, h("dt", null, k), h("dd", { class: "num" }, v)));
    if (line.expense !== null && line.expense !== undefined) fact(ui.spent, formatYuan(line.expense));
    if (line.rate !== null && line.rate !== undefined) fact(ui.rate, rateText(line.rate, line.rate_up_to, L));
    fact(ui.cap, formatYuan(line.cap) + (cat.cap_period_label ? " · " + cat.cap_period_label[L] : ""));
    if (line.other_policy_support && !isZero(line.other_policy_support)) fact(ui.otherPolicy, formatYuan(line.other_policy_support));

    let bar = null;
    if (!line.upper_bound) {
      bar = h("meter", { class: "bar", part: "bar", min: "0", max: line.cap, value: line.support, "aria-label": ui.barLabel(label) });
    }
    const room = headroomText(line, L) || ifEligibleText(line, L);
    const headroom = room ? h("p", { class: "headroom", part: "headroom" }, room) : null;

    const explain = h("details", { class: "explain", part: "details" }, h("summary", null, ui.details));
    const ex = line.explanation ? line.explanation[L] : "";
    if (ex) explain.appendChild(h("p", { class: "explanation" }, ex));
    if (measure) {
      if (L === "en" && measure.summary_en) explain.appendChild(h("p", { class: "summary-en" }, measure.summary_en));
      explain.appendChild(
        h(
          "figure",
          { class: "quote" },
          h("figcaption", null, ui.quote(measure.id)),
          h("blockquote", { lang: "zh-CN" }, measure.text)
        )
      );
      // Clauses of other sources (the 实施细则) the category cites beside its measure.
      (cat.citations || []).forEach((c) => {
        const source = this.sources.get(c.source);
        if (L === "en" && c.summary_en) explain.appendChild(h("p", { class: "summary-en" }, c.summary_en));
        explain.appendChild(
          h(
            "figure",
            { class: "quote citation", "data-source": c.source },
            h("figcaption", null, ui.citation(source ? source.title[L] : c.source, c.clause)),
            h("blockquote", { lang: "zh-CN" }, c.text)
          )
        );
      });
      const deps = measure.departments && measure.departments[L];
      if (deps && deps.length) {
        explain.appendChild(h("p", { class: "departments" }, h("strong", null, ui.departments + (L === "en" ? ": " : "：")), deps.join(L === "en" ? ", " : "、")));
      }
    }

    return h(
      "li",
      { class: "line" + (line.eligible === false && !kept ? " is-ineligible" : "") + (kept ? " is-kept-out" : ""), part: "line", "data-category": line.category },
      h(
        "div",
        { class: "line-head" },
        h(
          "p",
          { class: "line-title" },
          label,
          " ",
          h("span", { class: "clause" }, [ui.clause(line.clause)].concat((cat.citations || []).map((c) => ui.citedClause(c.clause))).join(" · "))
        ),
        h(
          "p",
          { class: "line-support num", part: "line-support" },
          line.upper_bound ? h("span", { class: "upto" }, ui.upTo + " ") : null,
          formatYuan(line.support)
        )
      ),
      badges.childNodes.length ? badges : null,
      bar,
      headroom,
      facts,
      notices.length ? h("ul", { class: "notices line-notices" }, notices.map((n) => this._notice(n, L, false))) : null,
      ex ? h("p", { class: "print-only explanation" }, ex) : null,
      explain
    );
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
