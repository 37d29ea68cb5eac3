// The chosen client's scenario list in the workspace panel (index.js): each scenario with its
// actions and, beside the one opened, what changed since it was saved; then the scenarios kept
// as they were stored because they do not read ("无法读取（保留原样）"), each exportable and
// deletable by hand. textContent only.

import { h } from "../dom.js";
import { WS } from "./strings.js";
import { driftText, driftElement } from "./drift.js";
import { skippedText, fileName, today } from "./store.js";
import { formatYuan } from "../money.js";

/** What a scenario covers and what it gave when saved: "2025 年度 · 合计 ¥…（保存时）". */
export function scenarioSummary(s, w) {
  const years = s.kind === "plan" ? s.input.years.map((y) => y.year) : [s.input.year];
  const what = s.kind === "plan" ? w.kindPlanYears(years[0], years[years.length - 1]) : w.kindYear(s.input.year);
  return what + (s.stamp ? " · " + w.totalThen(formatYuan(s.stamp.total)) : "");
}

function action(key, label, fn, w) {
  const b = h("button", { type: "button", class: "link-button", part: "action", "data-action": key, "aria-label": w[key] + " · " + label }, w[key]);
  b.addEventListener("click", fn);
  return b;
}

function scenarioItem(panel, s, w, L) {
  const what = scenarioSummary(s, w);
  const act = (key, fn) => action(key, s.name, fn, w);
  return h(
    "li",
    { class: "ws-scenario", "data-scenario": s.id },
    h("span", { class: "ws-scenario-name" }, s.name),
    " ",
    h("span", { class: "hint small" }, what + (s.saved ? " · " + w.saved(s.saved) : "")),
    " ",
    act("open", () => panel.openScenario(s.id)),
    act("rename", () => panel.renameScenario(s.id)),
    act("duplicate", () => panel.duplicateScenario(s.id)),
    act("remove", () => panel.removeScenario(s.id)),
    act("scenarioNotes", () => editNotes(panel, s.id)),
    s.notes ? h("p", { class: "hint small ws-notes", "data-ws": "scenario-notes" }, w.notesShown(s.notes)) : null,
    // What changed since it was saved, next to the control that opened it.
    panel.opened && panel.opened.id === s.id ? driftElement(driftText(panel.host.policy, L, panel.opened.check)) : null
  );
}

function keptItem(panel, k, i, w, L) {
  const label = k.name || k.id || "#" + (i + 1);
  return h(
    "li",
    { class: "ws-scenario ws-kept", "data-kept": String(i) },
    h("span", { class: "ws-scenario-name" }, label),
    " ",
    h("span", { class: "ws-error small", "data-ws": "kept-label" }, w.keptLabel),
    " ",
    h("span", { class: "hint small" }, skippedText(k.problem, L, true)),
    " ",
    action("keptExport", label, () => exportKept(panel, i), w),
    action("keptRemove", label, () => removeKept(panel, i), w)
  );
}

/** Draws the list of the chosen client (redrawn on a language switch). */
export function renderScenarios(panel) {
  const list = panel.list;
  panel.texts.dyn(list, (L) => {
    const w = WS[L];
    list.textContent = "";
    const c = panel._client();
    const kept = c ? c.kept || [] : [];
    if (!c || (!c.scenarios.length && !kept.length)) {
      list.appendChild(h("li", { class: "ws-none" }, w.none));
      return;
    }
    c.scenarios.forEach((s) => list.appendChild(scenarioItem(panel, s, w, L)));
    kept.forEach((k, i) => list.appendChild(keptItem(panel, k, i, w, L)));
  });
}

/** Downloads a kept (unreadable) scenario exactly as it was stored. */
function exportKept(panel, i) {
  const c = panel._client();
  const k = c && c.kept ? c.kept[i] : null;
  if (!k) return;
  const name = fileName("pinghu-unreadable", c.name + "-" + (k.name || k.id || i + 1), today(), "json");
  panel._download(name, "application/json", JSON.stringify(k.value, null, 2));
}

/** Deletes a kept scenario, by hand only, after a confirmation. */
function removeKept(panel, i) {
  const c = panel._client();
  const k = c && c.kept ? c.kept[i] : null;
  if (!k) return;
  const label = k.name || k.id || "#" + (i + 1);
  if (!window.confirm(WS[panel.texts.lang].keptRemoveConfirm(label))) return;
  panel._store(c, Object.assign({}, c, { kept: c.kept.filter((x) => x !== k) }), (w) => w.keptRemoved(label));
}

/** Edits a scenario's notes (shown under it and in the report). */
function editNotes(panel, id) {
  const c = panel._client();
  const s = panel._scenario(id);
  if (!s) return panel._gone();
  const notes = window.prompt(WS[panel.texts.lang].notesPrompt(s.name), s.notes || "");
  if (notes === null) return;
  const next = Object.assign({}, c, { scenarios: c.scenarios.map((t) => (t.id === id ? Object.assign({}, t, { notes: notes.trim() }) : t)) });
  if (!panel._store(c, next, (w) => w.notesSaved(s.name))) return;
  if (panel.opened && panel.opened.id === id) panel.opened.notes = notes.trim();
  const li = Array.from(panel.list.querySelectorAll("li[data-scenario]")).find((e) => e.getAttribute("data-scenario") === id);
  const b = li ? li.querySelector('[data-action="scenarioNotes"]') : null;
  if (b) b.focus();
}
