// The visit finished (issue 10), put together for element.js: conditions at their fields and
// each line's result beside its items (in the plan's years too), the truthful sticky total (and
// where to fix first), the next steps under the estimate, the year's explaining line, and which
// actions a web-view can do. One call after each result; the plan's results come by its event.

import { h, markRepeats } from "./dom.js";
import { PART_UI } from "./strings-parts.js";
import { leftOut, isWeChat, nextSteps, nextStepsText } from "./guide.js";
import { FieldNotes } from "./field-notes.js";
import { FormLines } from "./form-lines.js";
import { StickyTotal } from "./sticky-total.js";

export class Visit {
  /**
   * host: { uid, texts, policy, form (CalculatorForm), view (ResultsView), element (the host
   * element), shell (its root), excluded() (entries left out of the latest result), plan() (the
   * plan view once loaded, or null) }. Made just after the form (loaded on demand): it catches up
   * with the result already shown, and the plan's.
   */
  constructor(host) {
    this.host = host;
    host.texts.extend(PART_UI);
    const el = host.element;
    // The language switch (attribute `language-switch`) sets the element's `lang`.
    this.langSwitch = languageSwitch(host.texts, (tag) => el.setAttribute("lang", tag));
    this.langSwitch.hidden = !el.hasAttribute("language-switch");
    host.shell.insertBefore(this.langSwitch, host.shell.firstChild);
    this.form = host.form;
    this.view = host.view;
    this.first = null;
    // The notes at the fields, the lines beside the items and the next steps are each made in a
    // task of their own (below): on a phone each stays a short task (issue 20: no long task after
    // the first result), and render() draws what is made so far.
    this.notes = null;
    this.formLines = null;
    this.next = null;
    this.sticky = new StickyTotal({
      texts: host.texts,
      view: host.view,
      jump: () => this.jumpToResults(),
      fix: () => this.fixFirst(),
    });
    this.last = null;
    // The year means the year the costs were incurred: one line says so.
    const year = this.form.yearSelect;
    if (year && year.parentNode) {
      const explain = host.texts.text("p", { class: "hint small year-explain", id: year.id + "-explain" }, (L, ui) => ui.yearExplain);
      year.parentNode.appendChild(explain);
      year.setAttribute("aria-describedby", explain.id);
    }
    this.excluded = host.excluded();
    // WeChat's web-view: downloads and printing often fail there; copying leads.
    if (isWeChat(typeof navigator !== "undefined" ? navigator.userAgent : "")) {
      this.view.actionsEl.setAttribute("data-webview", "wechat");
      ["json", "csv", "print"].forEach((k) => {
        const b = this.view.actionsEl.querySelector('[data-action="' + k + '"]');
        if (b) b.hidden = true;
      });
    }
    if (el.result) this.render(el.result, this.excluded);
    // The plan's years: the same notes at their conditions, after each plan result.
    this.planNotes = null;
    el.addEventListener("subsidy-plan-change", (e) => this.renderPlan(e.detail));
    if (el.planResult) this.renderPlan(el.planResult);
    inTurn([
      () => {
        this.notes = new FieldNotes(host.form, host.texts);
        if (this.last) this.notes.render(this.last);
      },
      () => {
        this.formLines = new FormLines(host.form, host.texts);
        if (this.last) this.formLines.render(this.last);
      },
      // The next steps, under the lines before the actions, are loaded on demand: the view and
      // its data (guide-data.js, policy data kept out of the wasm), so they weigh nothing before
      // the first result.
      () =>
        import("./next-steps-view.js").then(
          (m) => {
            this.next = new m.NextStepsView(host);
            this.view.actionsEl.parentNode.insertBefore(this.next.el, this.view.actionsEl);
            this.rerender();
          },
          (e) => {
            if (typeof console !== "undefined") console.warn("pinghu-subsidy-calculator: next steps could not load", e);
          }
        ),
    ]);
  }

  /** Notes at the conditions and lines beside the items of each year of the plan view (made the first time), from a plan result. */
  renderPlan(result) {
    const plan = this.host.plan();
    if (!plan || !result) return;
    if (!this.planNotes || this.planNotes.view !== plan) {
      const T = this.host.texts;
      this.planNotes = { view: plan, notes: plan.forms.map((form) => new FieldNotes(form, T)), lines: plan.forms.map((form) => new FormLines(form, T)) };
    }
    plan.years.forEach((year, i) => {
      const y = result.years.find((e) => e.year === year) || null;
      this.planNotes.notes[i].render(y);
      this.planNotes.lines[i].render(y);
    });
  }

  /** After each result: notes at the fields, what the total leaves out, the next steps. */
  render(result, excluded) {
    if (!result) return;
    this.last = result;
    this.excluded = excluded;
    if (this.notes) this.notes.render(result);
    if (this.formLines) this.formLines.render(result);
    const out = leftOut(result, excluded);
    this.first = out.first;
    this.sticky.update(out.count);
    if (this.next) this.next.render(result);
    markRepeats(this.view.section);
  }

  /** The next steps as text, for the copied summary (after the summary's own lines). */
  summaryNext() {
    if (!this.last) return "";
    const L = this.host.texts.lang;
    return nextStepsText(nextSteps(this.last, this.host.policy, this.next ? this.next.guide : null, L), L);
  }

  /** The last result again, in the current language. */
  rerender() {
    if (this.last) this.render(this.last, this.excluded);
  }

  /** The results, scrolled to and their heading focused. */
  jumpToResults() {
    const heading = this.view.section.querySelector(".section-title");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
    if (this.view.section.scrollIntoView) this.view.section.scrollIntoView({ block: "start" });
  }

  /** Focuses the first field that needs fixing: an entry with an error, else an unmet condition. */
  fixFirst() {
    let target = null;
    if (this.first && this.first.error) {
      const f = this.form.errorFields.filter((x) => x.input)[0];
      target = f ? f.input : null;
    } else if (this.first && this.notes) {
      target = this.notes.input(this.first.category, this.first.condition);
    }
    if (!target) return;
    for (let n = target.parentNode; n; n = n.parentNode) {
      if (n.tagName === "DETAILS") n.open = true;
    }
    target.focus();
    if (target.scrollIntoView) target.scrollIntoView({ block: "center" });
  }
}

/** Runs each of `steps` in a task of its own, in order (a step's promise is awaited first). */
function inTurn(steps) {
  if (!steps.length) return;
  setTimeout(() => Promise.resolve(steps[0]()).then(() => inTurn(steps.slice(1))), 0);
}

/** The language switch inside the widget (attribute `language-switch`): 中文 / English. */
export function languageSwitch(texts, pick) {
  const buttons = [
    ["zh", "zh-CN", "中文"],
    ["en", "en", "English"],
  ].map((x) => {
    const b = h("button", { type: "button", class: "lang-button", part: "lang-button", lang: x[1], "data-lang": x[0] }, x[2]);
    b.addEventListener("click", () => pick(x[1]));
    return b;
  });
  const el = h("div", { class: "lang-switch", part: "lang-switch", role: "group" }, buttons);
  texts.bind(el, (L, ui) => {
    el.setAttribute("aria-label", ui.language);
    buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.getAttribute("data-lang") === L)));
  });
  return el;
}
