// Export and import of all clients for the workspace panel (index.js). The export file comes
// from the engine (src/workspace/), which also reads an imported file, client by client, off the
// page's main thread (read-file.js). A file over any browser's storage is refused with its size
// before it is read; one that is not UTF-8 is refused with the reason; one whose clients would not
// fit in this device's storage is refused with its size and the device's room (import-apply.js).
// The preview (import-plan.js) lists per client the scenarios new, changed (with what differs),
// unchanged and only here; importing only adds (nothing here is deleted), after an automatic
// backup kept on the device, and can be undone by restoring it (import-apply.js).

import { h, append } from "../dom.js";
import { WS } from "./strings.js";
import { today, skippedText, attempt, failure } from "./store.js";
import { MAX_IMPORT_BYTES, decodeFile, sizeText, importPlan } from "./import-plan.js";
import { readBackup } from "./read-file.js";
import { applyImport, importSteps, roomFor } from "./import-apply.js";

export function exportAll(panel) {
  const ws = panel._engine();
  if (!ws) return;
  const date = today();
  const r = attempt(() => ws.exportFile(date));
  if (r.error) return panel._say(r.error, true);
  panel._download("pinghu-clients-" + date + ".json", "application/json", JSON.stringify(JSON.parse(r.value), null, 2));
}

export function importChosen(panel) {
  const file = panel.fileInput.files && panel.fileInput.files[0];
  if (!file) return;
  if (file.size > MAX_IMPORT_BYTES) {
    panel.fileInput.value = "";
    panel.fileInput.setAttribute("aria-invalid", "true");
    return panel._say((w) => w.tooLarge(sizeText(file.size), sizeText(MAX_IMPORT_BYTES)), true, panel.fileInput);
  }
  const reader = new FileReader();
  reader.onload = () => {
    const got = decodeFile(new Uint8Array(reader.result));
    if (got.error) {
      panel.fileInput.value = "";
      panel.fileInput.setAttribute("aria-invalid", "true");
      return panel._say("notUtf8", true, panel.fileInput);
    }
    // A large file takes the engine a while (seconds for 300 clients × 10 plans): said first.
    panel._say((w) => w.reading(sizeText(file.size)), false, panel.fileInput);
    previewImport(panel, got.text, file.size);
  };
  reader.onerror = () => panel._say(failure({ code: "file" }), true, panel.fileInput);
  reader.readAsArrayBuffer(file);
}

function button(label, fn, key) {
  const el = h("button", { type: "button", class: "ws-button", part: "action", "data-ws": key }, label);
  el.addEventListener("click", fn);
  return el;
}

/** One client of the preview: what arrives, scenario by scenario, and its choices. */
function previewClient(panel, e, w) {
  const items = e.scenarios.map((s) => h("li", { "data-change": s.change }, s.name + " — " + w.change[s.change] + (s.fields.length ? w.previewFields(s.fields.map((f) => w.fieldNames[f]).join("、")) : "")));
  const li = h("li", { "data-client": e.id, "data-kind": e.kind }, h("strong", null, e.name), " ");
  if (e.kind === "new") append(li, h("span", { "data-change": "new" }, w.previewClientNew(e.incoming.scenarios.length)));
  else if (e.kind === "merge") append(li, w.previewClientMerge + (e.fields.length ? w.previewFields(e.fields.map((f) => w.fieldNames[f]).join("、")) : ""));
  if (e.kind === "otherName") {
    const name = "ws-other-" + e.id;
    const radio = (value, label) =>
      h("label", { class: "check" }, h("input", { type: "radio", name: name, value: value, checked: (panel.preview.otherName[e.id] || "skip") === value, "data-other-name": value }), label);
    const group = h("fieldset", { "data-ws": "other-name" }, h("legend", null, w.previewOtherName(e.local.name, e.incoming.name)), radio("skip", w.otherNameSkip), radio("separate", w.otherNameSeparate), radio("merge", w.otherNameMerge));
    group.addEventListener("change", (ev) => (panel.preview.otherName[e.id] = ev.target.value));
    append(li, group);
  }
  if (items.length) append(li, h("ul", null, items));
  return li;
}

/** Shows what a file would change, client by client; stores nothing yet. Refused at once when it would not fit. */
export async function previewImport(panel, text, bytes) {
  const ws = panel._engine();
  if (!ws) return;
  const r = await readBackup(ws, text);
  panel.fileInput.value = "";
  if (r.error) {
    panel.previewBox.hidden = true;
    panel.fileInput.setAttribute("aria-invalid", "true");
    return panel._say(r.error, true, panel.fileInput);
  }
  panel.fileInput.removeAttribute("aria-invalid");
  // Against what is stored now (read afresh: another tab may have changed it).
  panel.reload();
  const p = { plan: importPlan(panel.clients, r.value.clients), skipped: r.value.skipped, otherName: {}, take: false, bytes: bytes === undefined ? text.length : bytes };
  panel.previewBox.hidden = true;
  if (!(await roomFor(panel, importSteps(p), p.bytes))) return;
  panel.preview = p;
  const box = panel.previewBox;
  box.hidden = false;
  panel.texts.dyn(box, (L) => {
    const w = WS[L];
    box.textContent = "";
    const take = h("input", { type: "checkbox", id: panel._id("take"), checked: p.take, "data-ws": "take-changed" });
    take.addEventListener("change", () => (p.take = take.checked));
    append(
      box,
      h("h4", { tabindex: "-1" }, w.previewHeading),
      h("ul", { "data-ws": "preview-clients" }, p.plan.map((e) => previewClient(panel, e, w))),
      p.skipped.length ? h("ul", { class: "ws-skipped" }, p.skipped.map((s) => h("li", null, skippedText(s, L)))) : null,
      h("div", { class: "check" }, take, h("label", { for: panel._id("take") }, w.takeChanged)),
      button(w.importApply, () => applyImport(panel), "import-apply"),
      button(w.cancel, () => closePreview(panel), "import-cancel")
    );
  });
  const heading = box.querySelector("h4");
  if (heading) heading.focus();
}

function closePreview(panel) {
  panel.preview = null;
  panel.previewBox.hidden = true;
  panel.fileInput.focus();
}
