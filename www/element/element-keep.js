// The element's actions on what it shows: copy the summary, download JSON or CSV, print, clear
// (the single year's, keepActions), and what the plan view gets to do the same (planKeep). The
// element says each outcome in its status line (`_say`).

import { partUrl } from "./assets.js";
import { summaryText, jsonText, fileBase, todayIso } from "./model.js";
import { fileStamp, stampText } from "./guide.js";
import { copyText, downloadFile } from "./keep.js";

/** Offers a download named after the policy and the moment, and says so. */
function download(el, ext, type, content) {
  const name = fileBase(el._engine.policy, fileStamp()) + ext;
  downloadFile(el._root, name, type, content);
  el._say(el._texts.ui.downloaded(name));
}

/** The single year's action handlers: { copy, json, csv, print, clear }. */
export function keepActions(el) {
  return {
    copy: () => {
      if (!el._result) return;
      const text = summaryText(el._result, el._engine.policy, el._texts.lang, todayIso()) + (el._visit ? el._visit.summaryNext() : "");
      const ui = el._texts.ui;
      copyText(el._root, text).then((ok) => el._say(ok ? ui.copied : ui.copyFailed));
    },
    json: () => {
      if (!el._result) return;
      download(el, ".json", "application/json", jsonText(el._engine.policy, el._texts.lang, el._request, el._result, todayIso()));
    },
    csv: () => {
      if (!el._result) return;
      // The CSV writer is a part of its own, loaded on demand.
      import(partUrl("csv")).then((m) => download(el, ".csv", "text/csv;charset=utf-8", m.csvText(el._result, el._engine.policy, el._texts.lang, stampText())));
    },
    print: () => window.print(),
    clear: () => {
      if (typeof window.confirm === "function" && !window.confirm(el._texts.ui.clearConfirm)) return; // asks first
      el._form.clear();
      if (el._plan) el._plan.clear();
      el._recalc();
      el._say(el._texts.ui.cleared);
    },
  };
}

/** What the plan view may do through the element: copy, download, say, print. */
export function planKeep(el) {
  return {
    copy: (text) => copyText(el._root, text),
    download: (ext, type, content) => download(el, ext, type, content),
    say: (text) => el._say(text),
    print: () => window.print(),
  };
}
