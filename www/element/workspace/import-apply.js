// Storing an import the preview (transfer.js) showed, and the backup from before it (issue 19).
// Before anything is written, what the import adds is asked of the storage itself (room.js): a
// file that does not fit is refused with its size, the free room and the limit, and nothing is
// stored. Then the whole workspace is exported as the automatic backup, and each client is stored
// through the engine's merge (index.js `_store`), a few per task (a yield every 12 ms), so that the page stays responsive;
// if a write fails part way, the clients already stored are put back: nothing of it is imported.
// The backup is kept on the device (backup-store.js, one generation, with its date) and offered
// until it is deleted by hand: "恢复导入前的备份" puts back each client the import stored (a client
// changed since is said and left alone).

import { h, append } from "../dom.js";
import { WS } from "./strings.js";
import { today, newId, attempt } from "./store.js";
import { nextClient, sizeText } from "./import-plan.js";
import { storageOf } from "./settings.js";
import { unitsNeeded, fits, measureRoom, unitsText, PROBE_KEY } from "./room.js";
import { readBackup } from "./read-file.js";
import { readBackupRecord, writeBackupRecord, eraseBackupRecord } from "./backup-store.js";

const pause = () => new Promise((ok) => setTimeout(ok, 0));
const now = () => (typeof performance !== "undefined" ? performance.now() : Date.now());

/** A pause when the current task has run for a slice (a frame's worth): many small steps per task, none long. */
function slicer() {
  let start = now();
  return async () => {
    if (now() - start < 12) return;
    await pause();
    start = now();
  };
}

/** The clients the preview's choices store: [{ base, next }]. */
export function importSteps(p) {
  return p.plan.map((e) => nextClient(e, p.take, p.otherName[e.id] || "skip", () => newId("c"))).filter(Boolean);
}

/** Whether `steps` fit on this device; when not, said (file size, what is needed, free, limit). */
export async function roomFor(panel, steps, fileBytes) {
  const storage = storageOf();
  const off = () => {
    panel._say("disabled", true, panel.fileInput);
    return false;
  };
  try {
    // Storage switched off (private mode, some web-views) is said as such, not as full.
    storage.getItem(PROBE_KEY);
  } catch (e) {
    return off();
  }
  const need = await unitsNeeded(steps, panel._engine().unitsAdded, slicer());
  if (fits(storage, need)) return true;
  let room;
  try {
    room = await measureRoom(storage, need, pause);
  } catch (e) {
    return off();
  }
  panel.fileInput.setAttribute("aria-invalid", "true");
  panel._say((w) => w.noRoom(sizeText(fileBytes), unitsText(need), unitsText(room.free), unitsText(room.limit)), true, panel.fileInput);
  return false;
}

/**
 * Puts back, newest first, what `done` ([{ id, revision, existed }]) stored, from `before`
 * (clients by id). Returns { n, refused (names), left (the steps not put back) }.
 */
async function putBack(panel, done, before) {
  panel.reload();
  const refused = [];
  const left = [];
  let n = 0;
  const slice = slicer();
  for (const step of done.slice().reverse()) {
    await slice();
    const current = panel.clients.find((c) => c.id === step.id) || null;
    const was = step.existed ? before.get(step.id) || null : null;
    const changed = !current || current.revision !== step.revision || (step.existed && !was);
    if (changed || panel._store(current, was, null, true) === undefined) {
      refused.push((current || was || { name: step.id }).name);
      left.unshift(step);
    } else n++;
  }
  panel.reload();
  return { n, refused, left };
}

/** Stores what the preview says (adds only), after the room is checked and a backup taken. */
export async function applyImport(panel) {
  const p = panel.preview;
  const ws = panel._engine();
  if (!p || !ws || p.busy) return;
  const steps = importSteps(p);
  if (!steps.length) {
    panel.preview = null;
    panel.previewBox.hidden = true;
    return panel._say("importNothing", false, panel.fileInput);
  }
  // One import at a time: a second press while this one is checked or stored does nothing.
  p.busy = true;
  const backup = (await roomFor(panel, steps, p.bytes)) ? attempt(() => ws.exportFile(today())) : null;
  if (!backup || backup.error) {
    p.busy = false;
    return backup && panel._say(backup.error, true);
  }
  const done = [];
  const slice = slicer();
  await pause();
  for (let i = 0; i < steps.length; i++) {
    if (i % 20 === 0) panel._say((w) => w.importing(i, steps.length), false, panel.fileInput);
    await slice();
    const stored = panel._store(steps[i].base, steps[i].next, null, true);
    if (stored === undefined) return rollBack(panel, done, steps, panel.lastError);
    done.push({ id: stored.id, revision: stored.revision, existed: !!steps[i].base });
  }
  panel.preview = null;
  panel.previewBox.hidden = true;
  panel._renderClients();
  await keepBackup(panel, { taken: new Date().toISOString(), file: backup.value, steps: done });
  panel._say((w) => w.importedMerge(done.length));
  const first = panel.undoBox.querySelector("button");
  if (first) first.focus();
}

/** A write failed part way: what was stored is put back (its `base` from the steps), and said with the reason. */
async function rollBack(panel, done, steps, reason) {
  const before = new Map(steps.filter((s) => s.base).map((s) => [s.base.id, s.base]));
  const r = await putBack(panel, done, before);
  panel.preview = null;
  panel.previewBox.hidden = true;
  const why = (L) => (reason ? reason[L] : "");
  panel._say((w, L) => w.rolledBack(r.n) + " " + why(L) + (r.refused.length ? " " + w.undoConflict(r.refused) : ""), true, panel.fileInput);
}

/** Keeps the record on the device (memory only where it cannot) and shows it. */
async function keepBackup(panel, record) {
  let kept = true;
  try {
    await writeBackupRecord(record);
  } catch (e) {
    kept = false;
  }
  panel.lastImport = record;
  showBackup(panel, kept);
}

/** The backup kept from an earlier page, if any, offered at once. */
export function offerKeptBackup(panel) {
  return readBackupRecord().then(
    (r) => {
      if (r && !panel.lastImport) {
        panel.lastImport = r;
        showBackup(panel, true);
      }
    },
    () => {}
  );
}

function button(label, fn, key) {
  const el = h("button", { type: "button", class: "ws-button", part: "action", "data-ws": key }, label);
  el.addEventListener("click", fn);
  return el;
}

const takenText = (iso) => today(new Date(iso)) + " " + new Date(iso).toTimeString().slice(0, 5);

function showBackup(panel, kept) {
  const box = panel.undoBox;
  const r = panel.lastImport;
  box.hidden = false;
  panel.texts.dyn(box, (L) => {
    const w = WS[L];
    box.textContent = "";
    const download = () => panel._download("pinghu-clients-backup-" + today(new Date(r.taken)) + ".json", "application/json", JSON.stringify(JSON.parse(r.file), null, 2));
    const said = kept ? w.backupKept : w.backupMemoryOnly;
    append(
      box,
      h("p", { "data-ws": "import-done" }, said(takenText(r.taken), r.steps.length)),
      button(w.importUndo, () => restoreBackup(panel), "import-undo"),
      button(w.importBackup, download, "import-backup"),
      button(w.backupErase, () => eraseBackup(panel, true), "import-backup-erase")
    );
  });
}

/** Hides the backup and erases it from the device (`ask`: after a confirmation). */
export async function eraseBackup(panel, ask) {
  if (ask && !window.confirm(WS[panel.texts.lang].backupEraseConfirm)) return;
  panel.lastImport = null;
  panel.undoBox.hidden = true;
  await eraseBackupRecord().catch(() => {});
  if (ask) {
    panel._say("backupErased", false, panel.fileInput);
    panel.fileInput.focus();
  }
}

/** Puts back each client the import stored as the backup holds it (one changed since: said, left alone). */
export async function restoreBackup(panel) {
  const last = panel.lastImport;
  const ws = panel._engine();
  if (!last || !ws || panel.restoring) return;
  panel.restoring = true;
  const read = await readBackup(ws, last.file);
  if (read.error) {
    panel.restoring = false;
    return panel._say(read.error, true, panel.fileInput);
  }
  const r = await putBack(panel, last.steps, new Map(read.value.clients.map((c) => [c.id, c])));
  panel.restoring = false;
  // All put back: the workspace is what the backup holds, which is no longer needed; else it
  // stays, for the clients not put back only.
  if (!r.left.length) await eraseBackup(panel, false);
  else if (r.n) await keepBackup(panel, { taken: last.taken, file: last.file, steps: r.left });
  panel._say((w) => w.undone(r.n) + (r.refused.length ? " " + w.undoConflict(r.refused) : ""), r.refused.length > 0, panel.fileInput);
  panel.fileInput.focus();
}
