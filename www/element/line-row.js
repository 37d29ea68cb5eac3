// One line of the single year's estimate (results.js): built once per category and language, then
// updated in place at each result, so that a keystroke changes a few texts and attributes rather
// than rebuilding the row (the policy's quote, citations and departments are never rebuilt). The
// row holds the same elements a rebuilt one would: an optional part (badges, bar, headroom,
// notices, working) is in the row only while the line has it.

import { h, append, setText } from "./dom.js";
import { formatYuan, isZero } from "./money.js";
import { rateText, headroomText } from "./plan.js";
import { keptText, ifEligibleText } from "./guide.js";

// The row's parts, in the order they stand in the row.
const ORDER = ["head", "badges", "bar", "headroom", "facts", "notices", "printEx", "explain"];

export class LineRow {
  /** ctx: { category, cat, measure, sources (Map), policy, L, ui, notice(n, L, prominent) }. */
  constructor(ctx) {
    this.ctx = ctx;
    const { cat, L, ui } = ctx;
    this.label = cat.label[L];
    this.parts = {};
    this.sigs = {};
    this.upto = h("span", { class: "upto" }, ui.upTo + " ");
    this.support = document.createTextNode("");
    this.supportEl = h("p", { class: "line-support num", part: "line-support" }, this.support);
    this.parts.head = h(
      "div",
      { class: "line-head" },
      h(
        "p",
        { class: "line-title" },
        this.label,
        " ",
        h("span", { class: "clause" }, [ui.clause(ctx.clauseId)].concat((cat.citations || []).map((c) => ui.citedClause(c.clause))).join(" · "))
      ),
      this.supportEl
    );
    this.exText = h("p", { class: "explanation" });
    this.parts.explain = this._explain();
    this.el = h("li", { part: "line", "data-category": ctx.category }, this.parts.head, this.parts.explain);
  }

  /** The working and the policy's words, under "details" (static but for the working's text). */
  _explain() {
    const { cat, measure, sources, L, ui } = this.ctx;
    const explain = h("details", { class: "explain", part: "details" }, h("summary", null, ui.details));
    this.exAnchor = document.createTextNode("");
    append(explain, this.exAnchor);
    if (!measure) return explain;
    if (L === "en" && measure.summary_en) explain.appendChild(h("p", { class: "summary-en" }, measure.summary_en));
    explain.appendChild(h("figure", { class: "quote" }, h("figcaption", null, ui.quote(measure.id)), h("blockquote", { lang: "zh-CN" }, measure.text)));
    // Clauses of other sources (the 实施细则) the category cites beside its measure.
    (cat.citations || []).forEach((c) => {
      const source = sources.get(c.source);
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
    return explain;
  }

  /** Shows `line` (of a `calculate()` result in this row's language) with its notices. */
  update(line, notices) {
    const { policy, L, ui } = this.ctx;
    const kept = keptText(line, policy, L);
    const cls = "line" + (line.eligible === false && !kept ? " is-ineligible" : "") + (kept ? " is-kept-out" : "");
    if (this.el.className !== cls) this.el.className = cls;

    const upto = !!line.upper_bound;
    if ((this.upto.parentNode === this.supportEl) !== upto) {
      if (upto) this.supportEl.insertBefore(this.upto, this.support);
      else this.supportEl.removeChild(this.upto);
    }
    setNode(this.support, formatYuan(line.support));

    this._part("badges", [line.capped, kept, line.eligible, line.rate_assumed], () => {
      const b = [];
      if (line.capped) b.push(h("span", { class: "badge capped", part: "badge capped" }, ui.capped));
      // Kept out by a group (就高): which one was kept, not "not eligible".
      if (kept) b.push(h("span", { class: "badge kept", part: "badge kept" }, kept));
      else if (line.eligible === false) b.push(h("span", { class: "badge ineligible", part: "badge ineligible" }, ui.notEligible));
      if (line.rate_assumed) b.push(h("span", { class: "badge assumed", part: "badge assumed" }, ui.assumed));
      return b.length ? h("span", { class: "badges" }, b) : null;
    });

    this._part("bar", [upto], () => (upto ? null : h("meter", { class: "bar", part: "bar", min: "0", "aria-label": ui.barLabel(this.label) })));
    if (this.parts.bar) {
      setAttr(this.parts.bar, "max", line.cap);
      setAttr(this.parts.bar, "value", line.support);
    }

    const room = headroomText(line, L) || ifEligibleText(line, L);
    this._part("headroom", [!!room], () => (room ? h("p", { class: "headroom", part: "headroom" }) : null));
    if (this.parts.headroom) setText(this.parts.headroom, room);

    this._facts(line);
    this._part("notices", notices, () =>
      notices.length ? h("ul", { class: "notices line-notices" }, notices.map((n) => this.ctx.notice(n, L, false))) : null
    );

    const ex = line.explanation ? line.explanation[L] : "";
    this._part("printEx", [!!ex], () => (ex ? h("p", { class: "print-only explanation" }) : null));
    if (this.parts.printEx) setText(this.parts.printEx, ex);
    if (ex) {
      setText(this.exText, ex);
      if (this.exText.parentNode !== this.parts.explain) this.parts.explain.insertBefore(this.exText, this.exAnchor);
    } else if (this.exText.parentNode) {
      this.exText.parentNode.removeChild(this.exText);
    }
    this._place();
  }

  /** The facts (spent, rate, cap, other support): rebuilt when which of them show changes, else their values set. */
  _facts(line) {
    const { cat, L, ui } = this.ctx;
    const rows = [];
    if (line.expense !== null && line.expense !== undefined) rows.push([ui.spent, formatYuan(line.expense)]);
    if (line.rate !== null && line.rate !== undefined) rows.push([ui.rate, rateText(line.rate, line.rate_up_to, L)]);
    rows.push([ui.cap, formatYuan(line.cap) + (cat.cap_period_label ? " · " + cat.cap_period_label[L] : "")]);
    if (line.other_policy_support && !isZero(line.other_policy_support)) rows.push([ui.otherPolicy, formatYuan(line.other_policy_support)]);
    this._part("facts", rows.map((r) => r[0]), () => {
      this.values = rows.map(() => document.createTextNode(""));
      return h("dl", { class: "facts" }, rows.map((r, i) => h("div", null, h("dt", null, r[0]), h("dd", { class: "num" }, this.values[i]))));
    });
    rows.forEach((r, i) => setNode(this.values[i], r[1]));
  }

  /** Makes part `name` again with build() when `key` changed since the last time (null: no such part). */
  _part(name, key, build) {
    const sig = JSON.stringify(key);
    if (this.sigs[name] === sig) return;
    this.sigs[name] = sig;
    const old = this.parts[name];
    if (old && old.parentNode) old.parentNode.removeChild(old);
    this.parts[name] = build();
  }

  /** Puts the parts in the row in their order, moving nothing that is already in place. */
  _place() {
    let at = this.el.firstChild;
    ORDER.forEach((name) => {
      const part = this.parts[name];
      if (!part) return;
      if (part !== at) this.el.insertBefore(part, at);
      else at = at.nextSibling;
    });
    while (at) {
      const next = at.nextSibling;
      this.el.removeChild(at);
      at = next;
    }
  }
}

function setNode(node, text) {
  if (node.data !== text) node.data = text;
}

function setAttr(el, name, value) {
  if (value === null || value === undefined) {
    el.removeAttribute(name);
    return;
  }
  const v = String(value);
  if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}
