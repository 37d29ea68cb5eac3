// The stylesheet of the element's parts loaded on demand (element/parts.css, built as
// pinghu-subsidy-calculator.parts.min.css): the plan view, the visit's additions, the share link
// and print. Not in the element's first stylesheet, so the page before its first result does not
// download it (issue 20); put into the shadow root once, by the first part that needs it, which
// waits for it before it shows (nothing of a part is ever seen unstyled). The workspace's own
// stylesheet is put in the same way (workspace-hook.js, when the workspace is opened).

import { partStyleUrl } from "./assets.js";

/**
 * Resolves once the stylesheet at `href` is in `root` (the element's shadow root): loaded, failed,
 * or after 3 s (a part unstyled rather than none). One <link> per root and stylesheet, whoever
 * asks first (the memo is on the root, so parts bundled apart share it).
 */
export function stylesheet(root, href) {
  const all = root.__pinghuStyles || (root.__pinghuStyles = {});
  if (!all[href]) {
    all[href] = new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = href;
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
      setTimeout(resolve, 3000);
      root.appendChild(link);
    });
  }
  return all[href];
}

/** The parts' stylesheet in `root` (see stylesheet). */
export function partsStyle(root) {
  return stylesheet(root, partStyleUrl("parts"));
}
