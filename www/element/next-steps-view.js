// 下一步 / Next steps, under the estimate: per line, the departments' full names, the first
// marked 牵头 where the policy data marks that reading (with phone or portal when the policy has
// them), what the text says to hold or show, what to keep as evidence as the text implies it,
// and how to apply ("申报时间、材料以实施细则为准", and the slots for the 细则's window, contact,
// phone and portal, filled from data only). The words are the policy's (guide.js puts them
// together).

import { h, append, patch } from "./dom.js";
import { paren } from "./strings.js";
import { nextSteps } from "./guide.js";
import GUIDE from "./guide-data.js";

export class NextStepsView {
  /** host: { uid, texts (LangBindings), policy }. */
  constructor(host) {
    this.texts = host.texts;
    this.policy = host.policy;
    this.guide = GUIDE;
    const hid = host.uid + "-next-h";
    this.list = h("ol", { class: "next-list" });
    this.apply = h("div", { class: "next-apply" });
    this.el = h(
      "section",
      { class: "next-steps", part: "next-steps", "aria-labelledby": hid, hidden: true },
      this.texts.text("h3", { id: hid, class: "next-title" }, (L, ui) => ui.nextSteps),
      this.texts.text("p", { class: "next-intro" }, (L, ui) => ui.nextStepsIntro),
      this.list,
      this.apply
    );
  }

  /** Shows the next steps of a result in the current language. */
  render(result) {
    const L = this.texts.lang;
    const ui = this.texts.ui;
    const steps = nextSteps(result, this.policy, this.guide, L);
    this.el.hidden = steps.lines.length === 0;
    const sep = L === "en" ? ": " : "：";
    const join = L === "en" ? ", " : "、";
    patch(this.list, [L, steps.lines], () =>
      steps.lines.map((s) => {
        const lead = s.departments.some((d) => d.lead);
        const deps = h("p", { class: "next-deps" + (lead ? " has-lead" : "") }, h("strong", null, ui.responsible + sep));
        // Each department its own span: a printed page names the lead office only (the CSS).
        s.departments.forEach((d, i) => {
          const one = h("span", { class: "next-dep" + (d.lead ? " is-lead" : "") }, i ? join : null, d.name);
          if (d.lead) append(one, h("span", { class: "next-lead", "data-lead": "" }, paren(L, ui.lead)));
          if (d.phone) append(one, " ", ui.phone + " ", h("span", { class: "num" }, d.phone));
          if (d.portal) append(one, " ", ui.portal + " ", d.portal);
          append(deps, one);
        });
        return h(
          "li",
          { class: "next-item", "data-category": s.category },
          h("p", { class: "next-label" }, s.label, " ", h("span", { class: "clause" }, ui.clause(s.clause))),
          s.requirement ? h("p", { class: "next-req" }, h("strong", null, ui.toShow + sep), s.requirement) : null,
          s.evidence ? h("p", { class: "next-evidence" }, h("strong", null, ui.evidence + sep), s.evidence) : null,
          s.materials.length ? h("p", { class: "next-materials" }, h("strong", null, ui.materials + sep), s.materials.join(join)) : null,
          s.departments.length ? deps : null
        );
      })
    );
    const a = steps.application;
    patch(this.apply, [L, a], () =>
      a
        ? [
            h("p", { class: "next-rules" }, a.text),
            a.lead ? h("p", { class: "next-lead-note small" }, a.lead) : null,
            a.window ? h("p", { class: "next-window" }, h("strong", null, ui.window + sep), a.window) : null,
            a.contact ? h("p", null, ui.contact + sep + a.contact) : null,
            a.phone ? h("p", null, ui.phone + sep, h("span", { class: "num" }, a.phone)) : null,
            a.portal ? h("p", null, ui.portal + sep + a.portal) : null,
          ]
        : []
    );
  }
}
