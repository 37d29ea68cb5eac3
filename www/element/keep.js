// Keeping what the element shows: copying a text to the clipboard and downloading a file, from
// inside a shadow root (DOM; no policy knowledge). The element says the outcome to the user.

import { h } from "./dom.js";

const COPY_WAIT_MS = 2000;

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
    // A clipboard that never answers (a permission prompt left open, a web-view or a page without
    // focus under load) must not leave the action silent: after COPY_WAIT_MS it counts as not
    // copied, and the caller says so or shows the text to copy by hand.
    const late = new Promise((resolve) => setTimeout(() => resolve(false), COPY_WAIT_MS));
    return Promise.race([navigator.clipboard.writeText(text).then(() => true, fallback), late]);
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
