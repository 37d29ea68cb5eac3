// The in-widget switch between the single year and the plan (years of the policy). Part of the
// first load; the plan view itself (plan-view.js) is loaded when it is first shown.

import { h } from "./dom.js";

/**
 * The in-widget switch between the single year ("year") and the plan ("plan"): buttons with
 * aria-pressed. Returns { el, show(mode) }; pick(mode) runs on a click.
 */
export function modeSwitch(texts, uid, policy, pick) {
  const doc = policy.document;
  const labelId = uid + "-mode-l";
  const modes = [["year", (L, ui) => ui.modeSingle], ["plan", (L, ui) => ui.modePlan(doc.first_year, doc.last_year)]];
  const buttons = modes.map((m) => {
    const b = texts.text("button", { type: "button", class: "mode-button", part: "mode-button", "data-mode": m[0], "aria-pressed": "false" }, m[1]);
    b.addEventListener("click", () => pick(m[0]));
    return b;
  });
  return {
    el: h("div", { class: "mode-switch", part: "mode", role: "group", "aria-labelledby": labelId }, texts.text("p", { class: "mode-label", id: labelId }, (L, ui) => ui.modeLabel), buttons),
    show: (mode) => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.getAttribute("data-mode") === mode))),
  };
}
