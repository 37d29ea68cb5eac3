// The consultant's workspace for one element, turned on and off by its `workspace` attribute: a
// part (workspace-load.js loads it after the first result, where the attribute is on). The
// element shows a closed disclosure ("顾问工作区", a <details> below the calculator); the
// workspace's modules (workspace/*.js), its stylesheet and its engine (pkg-office/) are loaded
// when it is opened, so an enterprise that only calculates downloads none of them. It opens by
// itself where this device already holds the workspace's data (clients or settings in the page's
// storage). What the workspace may use of the element is `host`; `loads` (workspace-load.js)
// fetches its part, engine and stylesheet.

import { h } from "./dom.js";
import { WORKSPACE_UI } from "./strings-parts.js";
import { holdsWorkspace, storageOf } from "./workspace/settings.js";
import { stylesheet } from "./part-style.js";

/** Shows, hides or first makes the workspace's disclosure of `el` (a PinghuSubsidyCalculatorElement whose form is built). */
export function applyWorkspace(el, loads) {
  const on = el.hasAttribute("workspace");
  el._wsLoads = loads;
  if (!el._wsBox) {
    if (!on) return;
    el._texts.extend(WORKSPACE_UI);
    el._wsBox = disclosure(el);
    el._shell.insertBefore(el._wsBox.el, el._view.otherMeasures);
    // A consultant who comes back sees their clients without a click (a look at the storage's
    // keys, no engine). A backup kept from before an import (IndexedDB) is offered by the panel:
    // it is kept only with clients the import stored, so this same look opens it (where each of
    // those was deleted by hand since, the offer shows when the workspace is opened).
    if (holdsWorkspace(storageOf())) el._wsBox.el.open = true;
  }
  el._wsBox.el.hidden = !on;
  if (on && el._wsBox.el.open) loadWorkspace(el);
}

/** The closed disclosure: its summary, and while loading or after a failure, what is happening. */
function disclosure(el) {
  const T = el._texts;
  const loading = T.text("p", { class: "ws-loading hint", role: "status", "data-ws": "loading", hidden: true }, (L, ui) => ui.workspaceLoading);
  const retry = T.text("button", { type: "button", class: "action", "data-ws": "retry" }, (L, ui) => ui.workspaceRetry);
  const failed = h("div", { class: "ws-failed", role: "alert", "data-ws": "failed", hidden: true }, T.text("p", null, (L, ui) => ui.workspaceFailed), retry);
  const summary = T.text("summary", { class: "ws-summary" }, (L, ui) => ui.workspaceOpen);
  const box = h("details", { class: "ws-disclosure", part: "workspace-disclosure", "data-ws": "disclosure" }, summary, loading, failed);
  box.addEventListener("toggle", () => {
    if (box.open && el.hasAttribute("workspace")) loadWorkspace(el);
  });
  retry.addEventListener("click", () => {
    // The button goes with the failure it answers: the focus stays in the disclosure.
    summary.focus();
    loadWorkspace(el);
  });
  return { el: box, loading: loading, failed: failed };
}

/** Loads the workspace's part, engine and stylesheet once (again after a failure), then makes its panel. */
function loadWorkspace(el) {
  if (el._workspace || el._workspaceLoading) return;
  const box = el._wsBox;
  box.loading.hidden = false;
  box.failed.hidden = true;
  // After the first result (`ready`): the calculator never waits for the workspace.
  // The panel is made in a task of its own, after the one that compiled and started its engine:
  // on a phone each stays a short task while the visitor types (issue 20: no long task after the
  // first result).
  const loads = el._wsLoads;
  el._workspaceLoading = el.ready
    .then(() => Promise.all([loads.part(), loads.engine(), stylesheet(el._root, loads.styleUrl())]))
    .then((loaded) => new Promise((resolve) => setTimeout(() => resolve(loaded), 0)))
    .then(
      ([m, storage]) => {
        el._workspace = m.attachWorkspace(host(el, storage));
        box.loading.hidden = true;
      },
      (err) => {
        el._workspaceLoading = null;
        box.loading.hidden = true;
        // Said in the disclosure, with a button that tries again.
        box.failed.hidden = false;
        if (typeof console !== "undefined") console.error("pinghu-subsidy-calculator: the workspace did not load", err);
      }
    );
}

/** workspace/index.js's view of the element. */
function host(el, storage) {
  return {
    uid: el._uid,
    texts: el._texts,
    policy: el._engine.policy,
    engine: () => (el._engineUsable() ? Object.assign({ workspace: storage }, el._engine) : null),
    // What is saved, shared or reported is what was typed, even a keystroke not yet calculated.
    current: () => {
      el._flushPending();
      return el.mode === "plan" ? { kind: "plan", input: el.planInput, result: el.planResult } : { kind: "year", input: el.input, result: el.result };
    },
    fill: (kind, fill) => el._fillWith(kind, fill),
    // Inside the disclosure, below the calculator: who only calculates sees the form and the result first.
    mount: (panel) => el._wsBox.el.appendChild(panel),
    say: (text) => el._say(text),
  };
}
