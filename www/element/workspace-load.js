// The consultant's workspace, turned on by the element's `workspace` attribute: its disclosure
// and what opens it (workspace-hook.js) are a part loaded after the first result, only where the
// attribute is on, so the page before its first result carries none of it. The part is given
// how to load the workspace itself (its part, stylesheet and engine), which only this bundle
// knows (assets.js, engine.js: their URLs are this bundle's neighbours).

import { partUrl, partStyleUrl } from "./assets.js";
import { loadWorkspaceEngine } from "./engine.js";
import { partsStyle } from "./part-style.js";

const LOADS = {
  part: () => import(partUrl("workspace")),
  engine: loadWorkspaceEngine,
  styleUrl: () => partStyleUrl("workspace"),
};

/** Shows, hides or first makes the workspace's disclosure of `el` (its form built). */
export function applyWorkspace(el) {
  if (el._wsHook) return el._wsHook.applyWorkspace(el, LOADS);
  if (!el.hasAttribute("workspace") || el._wsHookLoading) return;
  // After the first result (`ready`): the calculator never waits for the workspace. With the
  // parts' stylesheet (part-style.js, the disclosure's rules): never shown unstyled.
  el._wsHookLoading = el.ready
    .then(() => Promise.all([import(partUrl("workspace-hook")), partsStyle(el._root)]))
    .then(
      ([m]) => {
        el._wsHook = m;
        m.applyWorkspace(el, LOADS);
      },
      (e) => {
        el._wsHookLoading = null;
        if (typeof console !== "undefined") console.warn("pinghu-subsidy-calculator: the workspace's disclosure could not load", e);
      }
    );
}
