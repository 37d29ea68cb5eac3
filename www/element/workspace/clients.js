// The workspace's clients (index.js): the new-client form and the chosen client's card (its
// details and notes shown; edit, rename, delete with undo until the page is reloaded), the list's
// search and count. The engine checks every field (the 统一社会信用代码's check character too);
// a field it refuses is marked `aria-invalid` and focused. textContent only.

import { h, append } from "../dom.js";
import { WS } from "./strings.js";
import { newId } from "./store.js";

const FIELDS = [
  ["name", "input", "name"],
  ["contact", "input", "contact"],
  ["credit_code", "input", "creditCode"],
  ["town", "input", "town"],
  ["notes", "textarea", "notes"],
];

/** The five fields of a client, as inputs; `prefix` "" for the new-client form (data-ws "name"…), "edit-" for the card. */
export function clientFields(panel, prefix) {
  const inputs = {};
  const rows = FIELDS.map(([key, tag, label]) => {
    const id = panel._id(prefix + key);
    const props = tag === "textarea" ? { id: id, rows: "2", "data-ws": prefix + key.replace("_", "-") } : { type: "text", id: id, autocomplete: "off", "data-ws": prefix + key.replace("_", "-") };
    if (key === "credit_code") Object.assign(props, { maxlength: "18", autocapitalize: "characters", spellcheck: "false" });
    inputs[key] = h(tag, props);
    return h("div", { class: "field" }, panel._t("label", { for: id }, label), inputs[key]);
  });
  return {
    rows: rows,
    inputs: inputs,
    values: () => ({ name: inputs.name.value.trim(), contact: inputs.contact.value.trim(), credit_code: inputs.credit_code.value.trim().toUpperCase(), town: inputs.town.value.trim(), notes: inputs.notes.value }),
    set: (c) => FIELDS.forEach(([k]) => (inputs[k].value = c ? c[k] || "" : "")),
    clearErrors: () => FIELDS.forEach(([k]) => inputs[k].removeAttribute("aria-invalid")),
  };
}

/** After a refused save: the field the engine names gets `aria-invalid` and the focus. */
function markRefused(panel, form) {
  const e = panel.lastError;
  const path = e && e.skipped ? String(e.skipped.path || "") : "";
  const key = FIELDS.map((f) => f[0]).find((k) => path === k || path.endsWith("." + k));
  if (key) {
    form.inputs[key].setAttribute("aria-invalid", "true");
    form.inputs[key].focus();
  }
}

/** Creates a client from the new-client form. */
export function createClient(panel) {
  const form = panel.newForm;
  form.clearErrors();
  const v = form.values();
  if (!v.name) {
    form.inputs.name.setAttribute("aria-invalid", "true");
    form.inputs.name.focus();
    return panel._say("needName", true);
  }
  const client = Object.assign({ id: newId("c"), scenarios: [] }, v);
  if (!panel._store(null, client, (w) => w.created(v.name))) return markRefused(panel, form);
  form.set(null);
  panel.newBox.open = false;
  panel.clientSelect.focus();
}

/** Saves the chosen client's card (name, contact, credit code, town, notes). */
export function editClient(panel) {
  const c = panel._client();
  if (!c) return panel._say("needClient", true);
  const form = panel.editForm;
  form.clearErrors();
  const v = form.values();
  if (!v.name) {
    form.inputs.name.setAttribute("aria-invalid", "true");
    form.inputs.name.focus();
    return panel._say("needName", true);
  }
  if (!panel._store(c, Object.assign({}, c, v), (w) => w.clientSaved(v.name))) return markRefused(panel, form);
  panel.clientSelect.focus();
}

/** Deletes the chosen client after a confirmation; it can be put back until the page is reloaded. */
export function deleteClient(panel) {
  const c = panel._client();
  if (!c || !window.confirm(WS[panel.texts.lang].deleteClientConfirm(c.name, c.scenarios.length))) return;
  if (panel._store(c, null, (w) => w.clientDeleted(c.name)) === undefined) return;
  panel.deleted = { client: c };
  showUndoDelete(panel);
}

function showUndoDelete(panel) {
  const box = panel.undoDeleteBox;
  const d = panel.deleted;
  box.hidden = !d;
  panel.texts.dyn(box, (L) => {
    box.textContent = "";
    if (!panel.deleted) return;
    const b = h("button", { type: "button", class: "ws-button", part: "action", "data-ws": "undo-delete" }, WS[L].undoDelete(panel.deleted.client.name));
    b.addEventListener("click", () => undoDelete(panel));
    append(box, b);
  });
  const b = box.querySelector("button");
  if (b) b.focus();
}

function undoDelete(panel) {
  const d = panel.deleted;
  if (!d) return;
  if (!panel._store(null, d.client, (w) => w.clientRestored(d.client.name))) return;
  panel.deleted = null;
  showUndoDelete(panel);
  panel.clientSelect.focus();
}

/** The chosen client's details under the list: contact, credit code, town, notes; and the card's values. */
export function renderClientInfo(panel) {
  const c = panel._client();
  const box = panel.clientInfo;
  panel.editBox.hidden = !c;
  panel.editForm.set(c);
  panel.editForm.clearErrors();
  panel.texts.dyn(box, (L) => {
    const w = WS[L];
    box.textContent = "";
    if (!c) return;
    const parts = [[w.contact, c.contact], [w.creditCode, c.credit_code], [w.town, c.town], [w.notes, c.notes]].filter((p) => p[1]);
    const bare = (label) => label.replace(/（可选）$| \(optional\)$/, "");
    parts.forEach((p) => append(box, h("div", { class: "ws-info" }, h("span", { class: "hint small" }, bare(p[0]) + (L === "zh" ? "：" : ": ")), h("span", { class: p[0] === w.notes ? "ws-notes" : "" }, p[1]))));
  });
}
