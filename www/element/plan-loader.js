// Loads the plan view on demand: plan-view.js unbundled, its own bundle beside the element's in
// the build (assets.js: partUrl), so a visitor who only calculates one year never
// downloads it (nor the plan view's styles: element/parts.css). Says in the plan box that it is
// loading, and if it cannot be loaded.

import { partUrl } from "./assets.js";
import { h, setText } from "./dom.js";
import { CalculatorForm } from "./form.js";
import { partsStyle } from "./part-style.js";

/**
 * Loads plan-view.js and builds its PlanView in `box` with `host` (see PlanView) plus the form
 * class. Resolves to the view; rejects when the code cannot be loaded, leaving a note in `box`
 * (the next call tries again).
 */
export function loadPlanView(texts, box, host) {
  Array.prototype.forEach.call(box.querySelectorAll(".plan-loading"), (n) => n.remove());
  const note = h("p", { class: "plan-loading", role: "status" });
  texts.dyn(note, (L, ui) => setText(note, ui.planLoading));
  box.appendChild(note);
  // With the parts' stylesheet (part-style.js): the view is shown only once it is styled.
  return Promise.all([import(partUrl("plan-view")), partsStyle(box.getRootNode())]).then(
    ([m]) => {
      const view = new m.PlanView(Object.assign({ Form: CalculatorForm }, host));
      note.remove();
      box.appendChild(view.el);
      return view;
    },
    (err) => {
      texts.dyn(note, (L, ui) => setText(note, ui.planLoadFailed));
      note.setAttribute("role", "alert");
      throw err;
    }
  );
}
