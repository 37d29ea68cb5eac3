// The chosen client's scenarios in the workspace panel (index.js): save the input on screen as a
// new scenario or over the one opened ("update"), open (asking first when the one opened has
// edits not saved), rename, duplicate, remove. Which scenario is on screen, and whether it was
// edited since it was opened or saved (`isDirty`), decides what the report names: an edited or
// another client's input is "未保存的方案", never an old scenario's name.

import { WS } from "./strings.js";
import { fillFor } from "./fill.js";
import { newId, today, attempt } from "./store.js";
import { driftText, driftSentence, driftElement } from "./drift.js";

/** The input on screen as text, to tell whether it changed since a scenario was opened or saved. */
function snapshot(panel) {
  const cur = panel.host.current();
  return cur.input ? cur.kind + JSON.stringify(cur.input) : "";
}

/** Remembers `s` of the chosen client as the scenario on screen, once the form shows it. */
function onScreen(panel, s, check, filled) {
  const opened = { id: s.id, clientId: panel.clientId, name: s.name, notes: s.notes || "", check: check, snapshot: null };
  panel.opened = opened;
  return Promise.resolve(filled).then(() => {
    opened.snapshot = snapshot(panel);
    showDirty(panel);
  });
}

/** Whether the input on screen differs from the scenario opened or saved (false when none is). */
export function isDirty(panel) {
  const o = panel.opened;
  return !!(o && o.snapshot !== null && o.snapshot !== snapshot(panel));
}

/** Whether what is on screen is the opened scenario of the chosen client, unedited. */
export function isOpenedAsSaved(panel) {
  const o = panel.opened;
  return !!(o && o.clientId === panel.clientId && o.snapshot !== null && !isDirty(panel));
}

/** The scenario the report names: the one opened when unedited and of this client, else "未保存的方案". */
export function scenarioLabel(panel, L) {
  return isOpenedAsSaved(panel) ? panel.opened.name : WS[L].unsavedScenario;
}

/** The notes of the scenario the report names ("" for an unsaved one). */
export function openedNotes(panel) {
  return isOpenedAsSaved(panel) ? panel.opened.notes || "" : "";
}

/** The opened scenario's drift for the report (only when it is what is on screen). */
export function openedDrift(panel) {
  return isOpenedAsSaved(panel) && panel.opened.check ? panel.opened.check.drift || null : null;
}

/** Asks before leaving edits not saved; true to go on. */
export function leaveEdits(panel) {
  return !isDirty(panel) || window.confirm(WS[panel.texts.lang].leaveConfirm(panel.opened.name));
}

/** The "未保存的改动" mark beside the save buttons, and the update button for the scenario opened. */
export function showDirty(panel) {
  const dirty = isDirty(panel);
  panel.dirtyMark.hidden = !dirty;
  panel.updateButton.hidden = !(panel.opened && panel.opened.clientId === panel.clientId);
}

/** Watches the form: every edit updates the mark (after the element has read it). */
export function trackEdits(panel, root) {
  const later = () => setTimeout(() => showDirty(panel), 0);
  root.addEventListener("input", later);
  root.addEventListener("change", later);
}

/** A dirty-mark element (index.js places it beside the save buttons). */
export function dirtyMark(panel) {
  const mark = panel._t("span", { class: "ws-dirty", hidden: true, "data-ws": "dirty" }, "unsavedEdits");
  return mark;
}

/** Saves the input on screen: a new scenario, or (`update`) over the one opened, keeping its id. */
export function saveScenario(panel, update) {
  const c = panel._client();
  if (!c) return panel._say("needClient", true);
  const was = update && panel.opened && panel.opened.clientId === c.id ? c.scenarios.find((s) => s.id === panel.opened.id) : null;
  if (update && !was) return panel._say("needOpened", true);
  const name = panel.scenarioName.value.trim() || (was ? was.name : "");
  if (!name) {
    panel.scenarioName.setAttribute("aria-invalid", "true");
    panel.scenarioName.focus();
    return panel._say("needScenarioName", true);
  }
  panel.scenarioName.removeAttribute("aria-invalid");
  const cur = panel.host.current();
  if (!cur.input) return panel._say("nothingToSave", true);
  const scenario = { id: was ? was.id : newId("s"), name: name, saved: today(), kind: cur.kind, input: cur.input };
  if (was && was.notes) scenario.notes = was.notes;
  // Stamped with the policy data in use and what the input gives under it: the figures of the
  // result on screen (the same engine and input), so that after an update it can say what changed.
  const stamp = attempt(() => panel._engine().stamp(scenario));
  if (stamp.error) return panel._say(stamp.error, true);
  scenario.stamp = stamp.value;
  const scenarios = was ? c.scenarios.map((s) => (s.id === was.id ? scenario : s)) : c.scenarios.concat([scenario]);
  const stored = panel._store(c, Object.assign({}, c, { scenarios: scenarios }), (w) => (was ? w.updated(name) : w.savedMsg(name)));
  if (!stored) return;
  panel.scenarioName.value = "";
  onScreen(panel, scenario, { drift: { same_policy: true } }, null);
  focusScenario(panel, scenario.id);
}

/** Focus on a scenario's open button (after the list is redrawn). */
function focusScenario(panel, id) {
  const li = Array.from(panel.list.querySelectorAll("li[data-scenario]")).find((e) => e.getAttribute("data-scenario") === id);
  const b = li ? li.querySelector('[data-action="open"]') : null;
  if (b) b.focus();
}

/**
 * What a scenario's stamp says under the policy data in use: { drift } (the engine's
 * comparison; its `same_policy` says nothing changed), { unstamped, now } for one saved before
 * stamps, or null when the engine could not compare (nothing more is said).
 */
function check(panel, s) {
  if (!s.stamp) return { unstamped: true, now: panel.host.policy.version };
  const ws = panel._engine();
  const r = ws ? attempt(() => ws.drift(s)) : { error: true };
  return r.error || !r.value ? null : { drift: r.value };
}

export function openScenario(panel, id) {
  const s = panel._scenario(id);
  if (!s) return panel._gone();
  if (!leaveEdits(panel)) return;
  const said = check(panel, s);
  onScreen(panel, s, said, panel.host.fill(s.kind, fillFor(panel.host.policy, s.kind, s.input)));
  // Next to its open button (the list is not redrawn: the focus stays on the button), and said.
  panel.list.querySelectorAll('[data-ws="drift"]').forEach((e) => e.remove());
  const li = Array.from(panel.list.querySelectorAll("li[data-scenario]")).find((e) => e.getAttribute("data-scenario") === s.id);
  const box = driftElement(driftText(panel.host.policy, panel.texts.lang, said));
  if (li && box) li.appendChild(box);
  panel._say((w, L) => {
    const words = driftSentence(driftText(panel.host.policy, L, said), L);
    return w.opened(s.name) + (words ? " " + words : "");
  });
}

export function renameScenario(panel, id) {
  const c = panel._client();
  const s = panel._scenario(id);
  if (!s) return panel._gone();
  const name = window.prompt(WS[panel.texts.lang].renamePrompt, s.name);
  if (name === null || !name.trim()) return;
  const next = Object.assign({}, c, { scenarios: c.scenarios.map((t) => (t.id === id ? Object.assign({}, t, { name: name.trim() }) : t)) });
  if (panel._store(c, next, (w) => w.renamed(name.trim()))) {
    if (panel.opened && panel.opened.id === id) panel.opened.name = name.trim();
    focusScenario(panel, id);
  }
}

export function duplicateScenario(panel, id) {
  const c = panel._client();
  const s = panel._scenario(id);
  if (!s) return panel._gone();
  const name = WS[panel.texts.lang].copyOf(s.name);
  const copy = Object.assign({}, s, { id: newId("s"), name: name, saved: today() });
  const i = c.scenarios.indexOf(s);
  const scenarios = c.scenarios.slice(0, i + 1).concat([copy], c.scenarios.slice(i + 1));
  if (panel._store(c, Object.assign({}, c, { scenarios: scenarios }), (w) => w.duplicated(name))) focusScenario(panel, copy.id);
}

export function removeScenario(panel, id) {
  const c = panel._client();
  const s = panel._scenario(id);
  if (!s) return panel._gone();
  if (!window.confirm(WS[panel.texts.lang].removeConfirm(s.name))) return;
  const i = c.scenarios.indexOf(s);
  if (panel.opened && panel.opened.id === id) panel.opened = null;
  if (!panel._store(c, Object.assign({}, c, { scenarios: c.scenarios.filter((t) => t.id !== id) }), (w) => w.removed(s.name))) return;
  showDirty(panel);
  // The next item in the list, or the one before, or the name field.
  const left = panel._client().scenarios;
  const next = left[Math.min(i, left.length - 1)];
  if (next) focusScenario(panel, next.id);
  else panel.scenarioName.focus();
}
