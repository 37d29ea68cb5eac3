// The stylesheet of the element's parts loaded on demand (element/parts.css, built as
// pinghu-subsidy-calculator.parts.min.css): the plan view, the visit's additions, the share link
// and print. Not in the element's first stylesheet, so the page before its first result does not
// download it (issue 20); put into the shadow root once, by the first part that needs it, which
// waits for it before it shows (nothing of a part is ever seen unstyled).

import { partStyleUrl } from "./assets.js";

/**
 * Resolves once the parts' stylesheet is in `root` (the element's shadow root): loaded, failed,
 * or after 3 s (a part unstyled rather than none). One <link> per root, whoever asks first.
 */
export function partsStyle(root) {
  if (!root.__pinghuPartsStyle) {
    root.__pinghuPartsStyle = new Promise((resolve) => {
      const link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = partStyleUrl("parts");
      link.addEventListener("load", resolve);
      link.addEventListener("error", resolve);
      setTimeout(resolve, 3000);
      root.appendChild(link);
    });
  }
  return root.__pinghuPartsStyle;
}
