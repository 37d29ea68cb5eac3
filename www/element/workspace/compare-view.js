// The workspace's comparison (index.js mounts it under the scenario list): tick 2 to 4 of the
// chosen client's scenarios and choose the baseline among them (the first ticked unless chosen),
// the engine compares them (src/compare.rs), and this shows its
// figures side by side in a table (textContent only), with a CSV of the same rows.

import { h } from "../dom.js";
import { WS } from "./strings.js";
import { compareRows, compareCsv } from "./compare.js";
import { attempt, fileName, today, skippedText } from "./store.js";

export class CompareView {
  /** panel: the workspace panel (index.js): texts, _id, _t, _button, _say, _engine, _client, _download, host.policy. */
  constructor(panel) {
    this.panel = panel;
    this.shown = null;
    this.choices = h("div", { class: "ws-compare-choices", "data-ws": "compare-choices" });
    this.choices.addEventListener("change", () => this._baselineOptions());
    const bid = panel._id("compare-base");
    this.baseline = h("select", { id: bid, "data-ws": "compare-baseline" });
    const go = panel._button("compareButton", () => this.compare(), "ws-compare");
    go.setAttribute("data-ws", "compare");
    this.csv = panel._button("compareCsv", () => this.download(), "ws-compare-csv");
    this.csv.setAttribute("data-ws", "compare-csv");
    this.csv.hidden = true;
    this.out = h("div", { class: "ws-compare-out", "data-ws": "comparison" });
    const hid = panel._id("compare-h");
    this.el = h(
      "div",
      { class: "ws-compare", role: "group", "aria-labelledby": hid },
      panel._t("h3", { id: hid, class: "ws-subhead" }, "compareHeading"),
      panel._t("p", { class: "hint small" }, "compareIntro"),
      h("fieldset", { class: "ws-compare-set" }, panel._t("legend", null, "compareChoose"), this.choices),
      h("div", { class: "field" }, panel._t("label", { for: bid }, "compareBaselineLabel"), this.baseline),
      go,
      this.csv,
      this.out
    );
  }

  /** The ids of the ticked scenarios, in the list's order. */
  _ticked() {
    return Array.from(this.choices.querySelectorAll("input[type=checkbox]"))
      .filter((b) => b.checked)
      .map((b) => b.value);
  }

  /** The chosen client's scenarios as boxes to tick (ticks kept); a comparison whose scenarios changed is taken away. */
  update() {
    const panel = this.panel;
    const c = panel._client();
    panel.texts.dyn(this.choices, (L) => {
      const w = WS[L];
      const keep = new Set(this._ticked());
      this.choices.textContent = "";
      if (!c || !c.scenarios.length) {
        this.choices.appendChild(h("p", { class: "hint small" }, w.compareNone));
        return;
      }
      c.scenarios.forEach((s, i) => {
        const id = panel._id("cmp-" + i);
        const box = h("input", { type: "checkbox", id: id, value: s.id, "data-compare": s.id });
        box.checked = keep.has(s.id);
        const what = s.kind === "plan" ? w.kindPlan : w.kindYear(s.input.year);
        this.choices.appendChild(h("div", { class: "check" }, box, h("label", { for: id }, s.name + " · " + what)));
      });
    });
    this._baselineOptions();
    if (this.shown && (!c || c.id !== this.shown.clientId || this._key(c, this.shown.ids) !== this.shown.key)) this.clear();
  }

  /** The baseline can be any ticked scenario; the first ticked until another is chosen. */
  _baselineOptions() {
    const c = this.panel._client();
    const ticked = this._ticked();
    const sel = this.baseline;
    this.panel.texts.dyn(sel, (L) => {
      const was = sel.value;
      sel.textContent = "";
      if (!ticked.length) sel.appendChild(h("option", { value: "" }, WS[L].compareBaselineFirst));
      ticked.forEach((id) => {
        const s = c && c.scenarios.find((t) => t.id === id);
        if (s) sel.appendChild(h("option", { value: id }, s.name));
      });
      sel.value = ticked.indexOf(was) >= 0 ? was : ticked[0] || "";
    });
  }

  /** What the comparison was of: a renamed client, or a changed, renamed or deleted scenario makes it stale. */
  _key(client, ids) {
    return JSON.stringify([client.name].concat(ids.map((id) => client.scenarios.find((s) => s.id === id) || null)));
  }

  clear() {
    this.shown = null;
    this.csv.hidden = true;
    this.panel.texts.dyn(this.out, () => {
      this.out.textContent = "";
    });
  }

  compare() {
    const panel = this.panel;
    const c = panel._client();
    if (!c) return panel._say("needClient", true);
    const ids = this._ticked();
    if (ids.length < 2 || ids.length > 4) {
      const first = this.choices.querySelector("input");
      if (first) first.focus();
      return panel._say("compareNeed", true);
    }
    const ws = panel._engine();
    if (!ws) return;
    // The baseline first, the others in the list's order.
    const base = ids.indexOf(this.baseline.value) >= 0 ? this.baseline.value : ids[0];
    const order = [base].concat(ids.filter((id) => id !== base));
    const scenarios = order.map((id) => c.scenarios.find((s) => s.id === id));
    const r = attempt(() => ws.compare(scenarios));
    if (r.error) {
      // Not expected (each scenario was read when it was stored): said, and no old table left.
      this.clear();
      const s = r.error.skipped;
      return panel._say((w, L) => w.compareFailed + (s ? skippedText(s, L, true) : r.error[L]), true);
    }
    this.shown = { comparison: r.value, clientId: c.id, clientName: c.name, ids: order, key: this._key(c, order) };
    this.csv.hidden = false;
    this._render();
    panel._say((w) => w.compareDone(ids.length));
  }

  _rows(L) {
    return compareRows(this.panel.host.policy, L, this.shown.comparison, this.shown.clientName);
  }

  _render() {
    const out = this.out;
    this.panel.texts.dyn(out, (L) => {
      out.textContent = "";
      if (this.shown) out.appendChild(this._table(this._rows(L), WS[L]));
    });
  }

  _table(rows, w) {
    const cap = this.panel._id("compare-caption");
    return h(
      "div",
      { class: "ws-compare-scroll", role: "region", tabindex: "0", "aria-labelledby": cap },
      comparisonTable(rows, w, cap),
      rows.coverage ? h("p", { class: "ws-compare-coverage", "data-ws": "compare-coverage" }, rows.coverage) : null,
      h("p", { class: "hint small" }, w.compareDiffNote)
    );
  }

  download() {
    if (!this.shown) return;
    const L = this.panel.texts.lang;
    this.panel._download(fileName("pinghu-compare", this.shown.clientName, today(), "csv"), "text/csv;charset=utf-8", compareCsv(this._rows(L), L));
  }

  /** The comparison shown, as rows in `L` for the client report; null when none is shown. */
  reportRows(L) {
    return this.shown ? this._rows(L) : null;
  }
}

/** The comparison's table (compareRows' rows): a column per scenario, each figure with its difference from the baseline under it. Also in the client report. */
export function comparisonTable(rows, w, captionId) {
  const n = rows.columns.length;
  const head = h(
    "tr",
    null,
    h("th", { scope: "col" }, w.compareItem),
    rows.columns.map((col, i) =>
      h("th", { scope: "col" }, h("span", { class: "ws-compare-name" }, col.name), h("span", { class: "hint small" }, col.covers + (i === 0 ? " · " + w.compareBaseline : "")))
    )
  );
  const cell = (c) => {
    const td = h("td", { class: "num", "data-value": c.raw === null ? "" : c.raw, "data-difference": c.rawDifference === null ? "" : c.rawDifference });
    if (c.raw === null) td.appendChild(h("span", { class: "hint small" }, w.compareNotCovered));
    else td.appendChild(h("span", { class: "ws-compare-value" }, c.value));
    // "较基准" is read out, not shown: the note under the table says what the small figure is.
    if (c.difference !== null) td.appendChild(h("span", { class: "ws-diff" }, h("span", { class: "offscreen" }, w.compareDiff("")), c.difference));
    return td;
  };
  const bodies = rows.groups.map((g) =>
    h(
      "tbody",
      null,
      g.title ? h("tr", { class: "ws-compare-group" }, h("th", { scope: "rowgroup", colspan: String(n + 1) }, g.title)) : null,
      g.rows.map((r) => h("tr", { class: "ws-compare-" + r.kind, "data-row": r.kind }, h("th", { scope: "row" }, r.label), r.cells.map(cell)))
    )
  );
  return h("table", { class: "ws-compare-table" }, h("caption", captionId ? { id: captionId } : null, rows.caption), h("thead", null, head), bodies);
}
