// The consultant's workspace for one element, turned on and off by its `workspace` attribute.
// Its modules (workspace/*.js) are imported with import() the first time it is on, so a page
// that only calculates never loads them, and a page that turns it on loads them after its first
// result. What the workspace may use of the element is `host`.

import { partUrl, partStyleUrl } from "./assets.js";
import { loadWorkspaceEngine } from "./engine.js";

/** Shows, hides or first loads the workspace of `el` (a PinghuSubsidyCalculatorElement whose form is built). */
export function applyWorkspace(el) {
  const on = el.hasAttribute("workspace");
  if (el._workspace) {
    el._workspace.el.hidden = !on;
    return;
  }
  if (!on || el._workspaceLoading) return;
  // After the first result (`ready`): the calculator never waits for the workspace.
  // Its code is a part of its own (workspace.js → workspace/index.js), its storage the second
  // engine's (engine.js: loadWorkspaceEngine), both fetched only here.
  // The panel is made in a task of its own, after the one that compiled and started its engine:
  // on a phone each stays a short task while the visitor types (issue 20: no long task after the
  // first result).
  el._workspaceLoading = el.ready
    .then(() => Promise.all([import(partUrl("workspace")), loadWorkspaceEngine(), loadStyle(el)]))
    .then((loaded) => new Promise((resolve) => setTimeout(() => resolve(loaded), 0)))
    .then(
      ([m, storage]) => {
        el._workspace = m.attachWorkspace(host(el, storage));
        el._workspace.el.hidden = !el.hasAttribute("workspace");
      },
      (err) => {
        el._workspaceLoading = null;
        if (typeof console !== "undefined") console.error("pinghu-subsidy-calculator: the workspace did not load", err);
      }
    );
}

/**
 * The workspace's own stylesheet into the element's shadow root (it is not in the element's, so a
 * page that only calculates downloads none of it). Resolves once it is in, or failed, or after 3 s:
 * an unstyled panel rather than none.
 */
function loadStyle(el) {
  return new Promise((resolve) => {
    const link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = partStyleUrl("workspace");
    link.addEventListener("load", resolve);
    link.addEventListener("error", resolve);
    setTimeout(resolve, 3000);
    el._root.appendChild(link);
  });
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
    // Below the calculator: who only calculates sees the form and the result first.
    mount: (panel) => el._shell.insertBefore(panel, el._view.otherMeasures),
    say: (text) => el._say(text),
  };
}
