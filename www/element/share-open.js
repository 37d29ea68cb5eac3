// Opening a share link (issues 19 and 20): the fragment `#s=…` (workspace/share.js) on load, or
// pasted into a tab where the calculator is already open (`hashchange`). The engine's reader
// decides what is filled in: an input it refuses is said, nothing filled. Once filled, the top
// of the element says what was shared and its total ("来自分享链接：方案名，合计 ¥…"), with the
// policy data it was made with. Nothing is stored. A part loaded on demand (assets.js: partUrl).

import { h, setText } from "./dom.js";
import { PART_UI } from "./strings-parts.js";
import { formatYuan } from "./money.js";
import { decodeShare } from "./workspace/share.js";
import { fillFor } from "./workspace/fill.js";

/** Fills `el` (the element, its form built) from the share link in `hash`; resolves when shown. */
export function openShared(el, hash) {
  el._texts.extend(PART_UI);
  const link = decodeShare(hash);
  if (!link) return Promise.resolve(null);
  const banner = bannerOf(el);
  if (link.error) return Promise.resolve(say(el, banner, (L, ui) => [ui.linkBad], true));
  const engine = el._engineUsable() ? el._engine : null;
  if (!engine) return Promise.resolve(null);
  try {
    if (link.kind === "plan") engine.calculatePlan(link.input);
    else engine.calculate(link.input);
  } catch (e) {
    return Promise.resolve(say(el, banner, (L, ui) => [ui.linkBadInput], true));
  }
  const policy = el._engine.policy;
  return el._fillWith(link.kind, fillFor(policy, link.kind, link.input)).then(() => {
    const result = link.kind === "plan" ? el.planResult : el.result;
    const total = result ? formatYuan(result.total) : "";
    const fp = policy.fingerprint || "";
    const doc = policy.document;
    const name = [link.scenario, link.name, link.contact].filter(Boolean).join(" · ");
    say(el, banner, (L, ui) => {
      const source = ui.linkPolicy(doc.title[L] + (doc.status_label ? "（" + doc.status_label[L] + "）" : ""), policy.version) + (fp ? " · " + ui.fingerprint + " " + fp : "");
      return [ui.fromLink(name, total), ui.fromLinkNote + " " + source, link.fingerprint && fp.indexOf(link.fingerprint) !== 0 ? ui.linkOtherPolicy : ""];
    });
    return link;
  });
}

/** The banner at the top of the element (made once, under the language switch). */
function bannerOf(el) {
  if (el._sharedBanner) return el._sharedBanner;
  const T = el._texts;
  const text = h("div", { class: "shared-text" });
  const close = T.text("button", { type: "button", class: "link-button shared-close", "data-action": "shared-close" }, (L, ui) => ui.close);
  const box = h("div", { class: "shared-banner", part: "shared-banner", role: "status", hidden: true }, text, close);
  close.addEventListener("click", () => {
    box.hidden = true;
  });
  const shell = el._shell;
  const after = shell.querySelector(".lang-switch");
  shell.insertBefore(box, after ? after.nextSibling : shell.firstChild);
  el._sharedBanner = { box: box, text: text };
  return el._sharedBanner;
}

/** Shows `lines(L, ui)` (first line strong) in the banner, in the element's language; scrolls it into view. */
function say(el, banner, lines, error) {
  const box = banner.box;
  box.hidden = false;
  box.classList.toggle("is-error", !!error);
  box.setAttribute("role", error ? "alert" : "status");
  el._texts.dyn(banner.text, (L, ui) => {
    banner.text.textContent = "";
    lines(L, ui)
      .filter(Boolean)
      .forEach((t, i) => {
        const p = h("p", { class: i ? "shared-note" : "shared-title" });
        setText(p, t);
        banner.text.appendChild(p);
      });
  });
  if (box.scrollIntoView) box.scrollIntoView({ block: "nearest" });
  return null;
}
