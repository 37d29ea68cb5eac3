// What the single year has, for the plan view (issue 20 §1): the actions (copy summary, share
// link, CSV, print), the notes (the document's footnotes, each once), the next steps, a small
// sticky total on phones, and year tabs that say which years have entries. The texts are
// plan-text.js's; every word about the policy comes from policy() and the result.

import { h, setText, patch, markRepeats } from "./dom.js";
import { formatYuan } from "./money.js";
import { noticePlacement, jsonText, todayIso } from "./model.js";
import { planNotices, planSummaryText, planCsvRows } from "./plan-text.js";
import { csvCell } from "./csv.js";
import { encodeShare, LONG_LINK } from "./workspace/share.js";
import { stampText, nextSteps, nextStepsText, isWeChat } from "./guide.js";

export class PlanExtras {
  /** view: the PlanView; keep: { copy(text) → Promise<bool>, download(ext, type, text), say(text), print() } (the element's). */
  constructor(view, keep) {
    this.view = view;
    this.keep = keep || null;
    this.texts = view.texts;
    this.policy = view.policy;
    const T = this.texts;
    const id = (s) => view._id(s);
    const button = (key, label, onClick) => {
      const b = T.text("button", { type: "button", class: "action", part: "action " + key, "data-action": key }, label);
      b.addEventListener("click", onClick);
      return b;
    };
    this.linkNote = h("div", { class: "link-note", part: "link-note", role: "status", hidden: true });
    this.actions = h(
      "div",
      { class: "actions", part: "actions", role: "group", "aria-labelledby": id("act-h") },
      T.text("p", { class: "offscreen", id: id("act-h") }, (L, ui) => ui.actions),
      button("copy", (L, ui) => ui.copy, () => this.copy()),
      button("share", (L, ui) => ui.share, () => this.share()),
      button("csv", (L, ui) => ui.csv, () => this.csv()),
      button("print", (L, ui) => ui.print, () => this.keep && this.keep.print())
    );
    // WeChat's web-view: downloads and printing often fail there; copying and the link lead.
    if (isWeChat(typeof navigator !== "undefined" ? navigator.userAgent : "")) {
      this.actions.setAttribute("data-webview", "wechat");
      ["csv", "print"].forEach((k) => (this.actions.querySelector('[data-action="' + k + '"]').hidden = true));
    }
    this.footnotes = h("ul", { class: "footnotes" });
    this.notes = h("div", { class: "notes" }, T.text("h3", { class: "notes-title" }, (L, ui) => ui.notes), this.footnotes);
    this.nextBox = h("div", { class: "plan-next" });
    this.miniValue = h("span", { class: "mini-value" });
    const jump = h("button", { type: "button", class: "mini-jump", part: "mini-jump" }, T.text("span", { class: "mini-label" }, (L, ui) => ui.miniTotal), this.miniValue);
    T.bind(jump, (L, ui) => jump.setAttribute("title", ui.toResults));
    jump.addEventListener("click", () => this.jumpToResults());
    this.mini = h("div", { class: "mini", part: "mini-total" }, jump);
    this.printHead = h("div", { class: "print-only print-head" });
    this.next = null;
    import("./next-steps-view.js").then(
      (m) => {
        this.next = new m.NextStepsView({ uid: view.host.uid + "-plan", texts: T, policy: this.policy });
        this.nextBox.appendChild(this.next.el);
        if (view.result) this.render(view.result);
      },
      (e) => typeof console !== "undefined" && console.warn("pinghu-subsidy-calculator: next steps could not load", e)
    );
  }

  /** After each plan result: footnotes, next steps, the sticky total, the tabs' entries. */
  render(r) {
    const L = this.texts.lang;
    const ui = this.texts.ui;
    setText(this.miniValue, formatYuan(r.total));
    const years = this.view.years;
    patch(this.printHead, [L, todayIso()], () => [
      h("p", { class: "print-title" }, ui.printTitle),
      h("p", null, ui.printMeta(todayIso(), this.policy.version) + " · " + ui.modePlan(years[0], years[years.length - 1])),
    ]);
    const foot = planNotices(r, this.policy, L).filter((n) => noticePlacement(n, this.policy) === "footnote");
    this.notes.hidden = !foot.length;
    patch(this.footnotes, [L, foot.map((n) => n.code)], () => foot.map((n) => h("li", { "data-code": n.code }, n[L])));
    if (this.next) this.next.render({ lines: planLines(r) });
    markRepeats(this.view.el.querySelector(".plan-results"));
  }

  /** Marks each year's tab with its number of entries (`counts[i]`, 0: none). */
  markTabs(counts) {
    this.view.tabs.forEach((b, i) => {
      const n = counts[i] || 0;
      const year = this.view.years[i];
      b.toggleAttribute("data-filled", n > 0);
      this.texts.dyn(b, (L, ui) => setText(b, n ? ui.planYearFilled(year, n) : ui.planYearTab(year)));
    });
  }

  _ready() {
    return this.keep && this.view.result ? this.view.result : null;
  }

  copy() {
    const r = this._ready();
    if (!r) return;
    const ui = this.texts.ui;
    const text = planSummaryText(r, this.policy, this.texts.lang, todayIso());
    const L = this.texts.lang;
    const next = nextStepsText(nextSteps({ lines: planLines(r) }, this.policy, this.next ? this.next.guide : null, L), L);
    this.keep.copy(text + next).then((ok) => this.keep.say(ok ? ui.copied : ui.copyFailed));
  }

  csv() {
    const r = this._ready();
    if (!r) return;
    const rows = planCsvRows(r, this.policy, this.texts.lang, stampText());
    this.keep.download(".csv", "text/csv;charset=utf-8", "\uFEFF" + rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n");
  }

  /** Copies the share link of the plan as entered; a long one is said, with the file offered instead. */
  share() {
    const r = this._ready();
    if (!r) return;
    const url = location.href.split("#")[0] + encodeShare("plan", this.view.request, this.policy.fingerprint, null, "");
    const long = url.length > LONG_LINK;
    const note = this.linkNote;
    const file = () => this.keep.download(".json", "application/json", jsonText(this.policy, this.texts.lang, this.view.request, r, todayIso()));
    const show = (copied) => {
      note.hidden = false;
      this.texts.dyn(note, (L, ui) => {
        note.textContent = "";
        note.appendChild(h("p", null, copied ? ui.linkCopied : ui.linkShown));
        if (!copied) note.appendChild(h("input", { type: "text", readonly: true, value: url, class: "link-out", "aria-label": ui.share }));
        if (long) {
          const b = h("button", { type: "button", class: "action", "data-action": "share-file" }, ui.linkFile);
          b.addEventListener("click", file);
          note.appendChild(h("p", { class: "link-long" }, ui.linkLong(url.length), " ", b));
        }
      });
    };
    this.keep.copy(url).then(show);
  }

  jumpToResults() {
    const heading = this.view.el.querySelector(".plan-results .section-title");
    if (!heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus();
    if (heading.scrollIntoView) heading.scrollIntoView({ block: "start" });
  }
}

/** The lines of every year, one per category (the first that gives or could give), for the next steps. */
function planLines(r) {
  const seen = new Set();
  const out = [];
  (r.years || []).forEach((y) =>
    (y.lines || []).forEach((line) => {
      if (seen.has(line.category) || line.kept_instead) return;
      if (line.eligible === false && (line.if_eligible === null || line.if_eligible === undefined)) return;
      seen.add(line.category);
      out.push(line);
    })
  );
  return out;
}
