// A scenario opened under other policy data than it was saved under: what it gave then (its
// stamp, src/workspace.rs) against what the policy data in use gives, as the engine compared them
// (`workspace_drift()`: both totals, each category whose support differs, every difference
// computed in exact money by the engine). Words only here (`driftText`, pure: tests/node/
// workspace.test.mjs) and their DOM (`driftElement`, textContent only); no figure is computed.

import { h } from "../dom.js";
import { formatYuan } from "../money.js";
import { WS } from "./strings.js";
import { formatDifference } from "./compare.js";

/** The two versions as people tell them apart: with the fingerprint's first 12 hex when both read the same. */
export function driftVersions(d) {
  const same = d.saved.version === d.now.version;
  const name = (p) => p.version + (same ? " · " + p.fingerprint.slice(0, 12) : "");
  return { saved: name(d.saved), now: name(d.now) };
}

/**
 * What to say of an opened scenario: { lines: [text], changes: [text] } or null when there is
 * nothing to say (saved under the same policy data). `check`: { drift } (the engine's
 * `WorkspaceDrift`) or { unstamped: true, now: version } for a scenario saved before stamps.
 */
export function driftText(policy, L, check) {
  const w = WS[L];
  if (!check) return null;
  if (check.unstamped) return { lines: [w.driftUnstamped(check.now)], changes: [], unstamped: true };
  const d = check.drift;
  if (!d || d.same_policy) return null;
  const v = driftVersions(d);
  const cats = new Map(policy.categories.map((c) => [c.id, c]));
  const figure = (m) => (m === null ? w.driftAbsent : formatYuan(m));
  const lines = [w.driftSaved(v.saved, v.now), w.driftTotal(v.saved, formatYuan(d.total.saved), v.now, formatYuan(d.total.now), formatDifference(d.total.difference))];
  if (d.awards_up_to) lines.push(w.driftAwards(formatYuan(d.awards_up_to.saved), formatYuan(d.awards_up_to.now), formatDifference(d.awards_up_to.difference)));
  lines.push(d.categories.length ? w.driftChanged : w.driftNone);
  const changes = d.categories.map((c) => {
    const cat = cats.get(c.category);
    return w.driftItem(cat ? cat.label[L] : c.category, figure(c.saved), figure(c.now), c.difference === null ? "" : formatDifference(c.difference));
  });
  return { lines: lines, changes: changes, unstamped: false };
}

/** The same as one sentence for the live region. */
export function driftSentence(text, L) {
  if (!text) return "";
  const sep = L === "en" ? "; " : "；";
  return text.lines.join(" ") + (text.changes.length ? " " + text.changes.join(sep) + (L === "en" ? "." : "。") : "");
}

/** The words as a block shown next to the control that opened the scenario. */
export function driftElement(text) {
  if (!text) return null;
  return h(
    "div",
    { class: "ws-drift" + (text.unstamped ? " hint small" : ""), "data-ws": "drift" },
    text.lines.map((t) => h("p", null, t)),
    text.changes.length ? h("ul", null, text.changes.map((t) => h("li", null, t))) : null
  );
}
