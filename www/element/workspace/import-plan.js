// What importing a file would do, client by client and scenario by scenario, and the client
// each choice stores (workspace/transfer.js shows it; the engine merges it onto what is stored).
// Nothing here deletes: a scenario only on this device stays, a changed one keeps this device's
// version unless the user takes the file's, a client with the same id and another name is asked
// about. Pure: no DOM, no storage. Both sides as the engine wrote them, so equal JSON is equal.

/**
 * The largest file read at all, so that reading it cannot freeze the page. Clients are stored
 * packed (src/workspace/packed.rs): whether a file that passes fits is found by the room check
 * (room.js), with the engine's own measure of each packed client.
 */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const SCENARIO_FIELDS = ["name", "kind", "input", "stamp", "saved", "notes"];
const CLIENT_FIELDS = ["contact", "notes", "credit_code", "town"];

const same = (a, b) => JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);

/** The fields of `keys` in which a and b differ. */
export function differs(a, b, keys) {
  return keys.filter((k) => !same(a[k], b[k]));
}

/** A file's bytes as text: UTF-8 only (a BOM dropped); else { error: "encoding" }. */
export function decodeFile(bytes) {
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch (e) {
    return { error: "encoding" };
  }
}

/** Bytes as words: "12.3 MB". */
export function sizeText(n) {
  return n >= 1024 * 1024 ? (Math.round((n / 1024 / 1024) * 10) / 10).toString() + " MB" : Math.ceil(n / 1024).toString() + " KB";
}

/** Per scenario of a client here and in the file: new, changed (with `fields`), unchanged, local. */
function scenarioChanges(local, incoming) {
  const mine = new Map(local.scenarios.map((s) => [s.id, s]));
  const theirs = new Set(incoming.scenarios.map((s) => s.id));
  const rows = incoming.scenarios.map((s) => {
    const m = mine.get(s.id);
    if (!m) return { id: s.id, name: s.name, change: "new", fields: [] };
    const fields = differs(m, s, SCENARIO_FIELDS);
    return { id: s.id, name: s.name, change: fields.length ? "changed" : "unchanged", fields: fields };
  });
  local.scenarios.forEach((s) => {
    if (!theirs.has(s.id)) rows.push({ id: s.id, name: s.name, change: "local", fields: [] });
  });
  return rows;
}

/**
 * The plan: one entry per client of the file, { id, name, kind: "new" | "merge" | "otherName",
 * local, incoming, scenarios (for merge and otherName), fields (client fields that differ) }.
 */
export function importPlan(local, incoming) {
  const byId = new Map(local.map((c) => [c.id, c]));
  return incoming.map((c) => {
    const mine = byId.get(c.id);
    if (!mine) return { id: c.id, name: c.name, kind: "new", local: null, incoming: c, scenarios: [], fields: [] };
    const fields = differs(mine, c, CLIENT_FIELDS).filter((k) => c[k]);
    const newKept = (c.kept || []).filter((k) => !(mine.kept || []).some((m) => same(m.value, k.value)));
    if (newKept.length) fields.push("kept");
    return { id: c.id, name: c.name, kind: mine.name === c.name ? "merge" : "otherName", local: mine, incoming: c, scenarios: scenarioChanges(mine, c), fields: fields };
  });
}

/** Whether an entry would change anything here (given `takeChanged`). */
export function changesSomething(entry, takeChanged) {
  if (entry.kind === "new") return true;
  const changed = entry.scenarios.some((s) => s.change === "new" || (takeChanged && s.change === "changed"));
  return changed || entry.fields.indexOf("kept") >= 0 || (takeChanged && entry.fields.length > 0);
}

/**
 * The client to store for an entry: { base, next } for the engine's merge (base: this device's
 * client as read; next: it with the file's new scenarios added, and the changed ones and client
 * fields when `takeChanged`), or null to store nothing. `otherName`: "skip" (default),
 * "separate" (a new client with `newId`), "merge". Nothing here is removed.
 */
export function nextClient(entry, takeChanged, otherName, newId) {
  const c = entry.incoming;
  if (entry.kind === "new") return { base: null, next: c };
  if (entry.kind === "otherName" && otherName !== "merge") {
    return otherName === "separate" ? { base: null, next: Object.assign({}, c, { id: newId() }) } : null;
  }
  if (!changesSomething(entry, takeChanged)) return null;
  const mine = entry.local;
  const theirs = new Map(c.scenarios.map((s) => [s.id, s]));
  const scenarios = mine.scenarios.map((s) => (takeChanged && theirs.has(s.id) ? theirs.get(s.id) : s));
  c.scenarios.forEach((s) => {
    if (!mine.scenarios.some((m) => m.id === s.id)) scenarios.push(s);
  });
  const next = Object.assign({}, mine, { scenarios: scenarios, kept: (mine.kept || []).concat((c.kept || []).filter((k) => !(mine.kept || []).some((m) => same(m.value, k.value)))) });
  if (takeChanged) CLIENT_FIELDS.forEach((k) => c[k] && (next[k] = c[k]));
  return { base: mine, next: next };
}

/** What undoes a stored import step: { base: what the import stored, next: what was here before (null: remove) }. */
export function undoStep(step, stored) {
  return { base: stored, next: step.base };
}
