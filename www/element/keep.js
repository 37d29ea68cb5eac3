// Keeping what the element shows: copying a text to the clipboard and downloading a file, from
// inside a shadow root (DOM; no policy knowledge). The element says the outcome to the user.

import { h } from "./dom.js";

/** Copies text; resolves true when it was copied (Clipboard API, else a hidden textarea). */
export function copyText(root, text) {
  const fallback = () => {
    const ta = h("textarea", { class: "offscreen", readonly: true, "aria-hidden": "true", tabindex: "-1" });
    ta.value = text;
    root.appendChild(ta);
    ta.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    ta.remove();
    return ok;
  };
  if (navigator.clipboard && navigator.clipboard.writeText) {
    return navigator.clipboard.writeText(text).then(() => true, fallback);
  }
  return Promise.resolve(fallback());
}

/** Offers `content` as a download named `name` (a Blob URL, revoked shortly after). */
export function downloadFile(root, name, type, content) {
  const url = URL.createObjectURL(new Blob([content], { type: type }));
  const a = h("a", { href: url, download: name, class: "offscreen", tabindex: "-1", "aria-hidden": "true" });
  root.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
