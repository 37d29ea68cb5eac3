// The workspace's calls into the engine (which owns the stored format and the browser storage:
// src/workspace.rs, src/wasm.rs), their failures as words, and new ids. No DOM.

import { WS } from "./strings.js";

let counter = 0;

/** A new id in the stored format's alphabet (a-z 0-9 -), unique on this device in practice. */
export function newId(prefix, now, random) {
  const t = (now === undefined ? Date.now() : now).toString(36);
  const r = Math.floor((random === undefined ? Math.random() : random) * 0x7fffffff).toString(36);
  return prefix + "-" + t + "-" + r + (++counter).toString(36);
}

/** Today as YYYY-MM-DD (local time). */
export function today(d) {
  const date = d || new Date();
  const p = (n) => (n < 10 ? "0" : "") + n;
  return date.getFullYear() + "-" + p(date.getMonth() + 1) + "-" + p(date.getDate());
}

/** A download's name: "pinghu-report-客户-2026-11-29.csv"; characters no file system takes become "-". */
export function fileName(prefix, name, date, ext) {
  const who = name ? String(name).replace(/[\\/:*?"<>|\s]+/g, "-") + "-" : "";
  return prefix + "-" + who + date + "." + ext;
}

/** One skipped entry or scenario as a line of words (`bare`: without the entry it was in). */
export function skippedText(s, L, bare) {
  const w = WS[L];
  let text = (s.scenario ? s.scenario + " · " : "") + (w.skip[s.code] || s.code);
  if (s.path) text += w.atPath(s.path);
  if (s.errors && s.errors.length) text += ": " + s.errors.map((e) => e[L]).join("; ");
  return bare ? text : s.entry + " — " + text;
}

/** A thrown storage failure as { code, zh, en }: "disabled", "quota", "invalid", "file". */
export function failure(err) {
  const code = err && typeof err.code === "string" ? err.code : "disabled";
  const words = (L) => {
    const w = WS[L];
    if (code === "quota") return w.quota;
    if (code === "invalid") return w.invalid + (err.skipped ? " " + skippedText(err.skipped, L) : "");
    if (code === "file") return w.importBad(err.skipped ? skippedText(err.skipped, L) : "");
    return w.disabled;
  };
  return { code: code, zh: words("zh"), en: words("en"), skipped: (err && err.skipped) || null };
}

/** Calls fn(); a throw becomes { error: failure }. */
export function attempt(fn) {
  try {
    return { value: fn() };
  } catch (err) {
    return { error: failure(err) };
  }
}

/** Each client of a file against the stored ones, by id: { id, name, change: "new" | "changed" | "unchanged" }. Both as the engine wrote them, so equal text is equal content. */
export function changes(stored, incoming) {
  const byId = new Map(stored.map((c) => [c.id, JSON.stringify(c)]));
  return incoming.map((c) => ({
    id: c.id,
    name: c.name,
    change: !byId.has(c.id) ? "new" : byId.get(c.id) === JSON.stringify(c) ? "unchanged" : "changed",
  }));
}

/** Clients in the order a list shows them: by name, then id. */
export function byName(clients) {
  return clients.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
