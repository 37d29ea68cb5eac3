// Export and import of all clients for the workspace panel (index.js): the export file comes
// from the engine (src/workspace.rs); an imported file is read by the engine, compared here
// (new / changed / unchanged), and stored only when the user says so, changed clients only
// after a confirmation.

import { h, append } from "../dom.js";
import { WS } from "./strings.js";
import { today, skippedText, attempt, failure, changes } from "./store.js";

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
  const reader = new FileReader();
  reader.onload = () => previewImport(panel, String(reader.result));
  reader.onerror = () => panel._say(failure({ code: "file" }), true);
  reader.readAsText(file);
}

/** Shows what a file would change (new / changed / unchanged); stores nothing yet. */
export function previewImport(panel, text) {
  const ws = panel._engine();
  if (!ws) return;
  const r = attempt(() => ws.importFile(text));
  panel.fileInput.value = "";
  if (r.error) {
    panel.previewBox.hidden = true;
    return panel._say(r.error, true);
  }
  // Against what is stored now (read afresh: another tab may have changed it).
  panel.reload();
  const p = { clients: r.value.clients, skipped: r.value.skipped, changes: changes(panel.clients, r.value.clients) };
  panel.preview = p;
  const box = panel.previewBox;
  box.hidden = false;
  panel.texts.dyn(box, (L) => {
    const w = WS[L];
    box.textContent = "";
    append(
      box,
      h("h4", null, w.previewHeading),
      h("ul", null, p.changes.map((c) => h("li", { "data-change": c.change }, c.name + " — " + w.change[c.change]))),
      p.skipped.length ? h("ul", { class: "ws-skipped" }, p.skipped.map((s) => h("li", null, skippedText(s, L)))) : null
    );
    const b = (label, fn, key) => {
      const el = h("button", { type: "button", class: "ws-button", part: "action", "data-ws": key }, label);
      el.addEventListener("click", fn);
      return el;
    };
    append(box, b(w.importNew, () => applyImport(panel, false), "import-new"), b(w.importAll, () => applyImport(panel, true), "import-all"), b(w.cancel, () => closePreview(panel), "import-cancel"));
  });
}

function closePreview(panel) {
  panel.preview = null;
  panel.previewBox.hidden = true;
}

/** Stores the new clients, and the changed ones only when `overwrite` and confirmed. */
export function applyImport(panel, overwrite) {
  const p = panel.preview;
  if (!p) return;
  const changed = p.changes.filter((c) => c.change === "changed");
  if (overwrite && changed.length && !window.confirm(WS[panel.texts.lang].overwriteConfirm(changed.length))) return;
  const take = new Set(p.changes.filter((c) => c.change === "new" || (overwrite && c.change === "changed")).map((c) => c.id));
  let n = 0;
  for (const client of p.clients) {
    if (!take.has(client.id)) continue;
    if (!panel._store(client)) return;
    n++;
  }
  closePreview(panel);
  panel._say((w) => w.imported(n));
}
