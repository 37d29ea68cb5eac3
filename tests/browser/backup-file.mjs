// A consultant's backup file as the workspace exports it (indented), for the browser tests and
// `make bench` (bench/workspace-import.mjs): `clients` clients of `plans` plans each, every plan
// six expense items over each of the policy's years, stamped by the engine. Built from the
// engine's policy() and workspace_stamp (`glue`: the second package, pkg-office/), so a policy
// update changes no figure here. No side effects.

/** The file as an object: { format, version, exported, clients }. */
export function backupFile(glue, clients, plans) {
  const p = glue.policy();
  const cats = p.categories.filter((c) => c.kind === "expense").slice(0, 6);
  // Each item's expense: an input the consultant typed, not a figure of the policy (whatever it
  // gives for it is the engine's stamp below).
  const years = [];
  for (let y = p.document.first_year; y <= p.document.last_year; y++) years.push({ year: y, expenses: cats.map((c) => ({ category: c.id, amount: "120000.00" })) });
  const plan = (i) => ({ id: "s" + i, name: "三年方案 " + i, saved: "2026-12-01", kind: "plan", input: { years } });
  const stamp = glue.workspace_stamp(plan(0));
  const scenarios = Array.from({ length: plans }, (_, i) => Object.assign(plan(i), { stamp }));
  const list = Array.from({ length: clients }, (_, i) => ({ id: "c-" + i, name: "客户 " + i, contact: "张三 13800000000", notes: "备注", scenarios }));
  return { format: "pinghu-subsidy/workspace", version: 4, exported: "2026-12-01", clients: list };
}

/** The file's text as the workspace's export writes it (indented by two spaces). */
export function backupText(glue, clients, plans) {
  return JSON.stringify(backupFile(glue, clients, plans), null, 2);
}

/**
 * `file` with every client's notes and every scenario's notes `length` characters of printable
 * ASCII drawn by a fixed-seed generator (no quote or backslash): text deflate cannot shrink much,
 * for a file whose stored form truly does not fit (stored clients are packed: docs/workspace.md).
 * Changes and returns `file`.
 */
export function withIncompressibleNotes(file, length) {
  let seed = 20261206;
  const chars = [];
  for (let c = 0x20; c < 0x7f; c++) if (c !== 0x22 && c !== 0x5c) chars.push(String.fromCharCode(c));
  const text = () => {
    let s = "";
    for (let i = 0; i < length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      s += chars[(seed >>> 16) % chars.length];
    }
    return s;
  };
  file.clients = file.clients.map((c) => Object.assign({}, c, { notes: text(), scenarios: c.scenarios.map((s) => Object.assign({}, s, { notes: text() })) }));
  return file;
}
