// What the workspace remembers on this device besides the clients: the preparer (编制人), the
// firm and the consultant's contact (for the report), the last client chosen and when each
// client was last used (for the list's order). Written only once the user has saved something
// (a client or scenario), never before; erased with everything else. Storage that throws is ignored here (the panel says so on a save).

/** The page's local storage, or a stand-in that throws (private mode: reading it throws). */
export function storageOf() {
  try {
    return window.localStorage;
  } catch (e) {
    const off = () => {
      throw e;
    };
    return { getItem: off, setItem: off, removeItem: off };
  }
}

export const SETTINGS_KEY = "pinghu-subsidy/settings";

/**
 * Whether this device already holds the workspace's data: a client (the engine's entries, under
 * "pinghu-subsidy/client/") or these settings. A synchronous look at the keys, no engine: the
 * element opens the workspace by itself where it does (workspace-hook.js). Storage that throws: no.
 */
export function holdsWorkspace(storage) {
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key === SETTINGS_KEY || (key && key.indexOf("pinghu-subsidy/client/") === 0)) return true;
    }
  } catch (e) {
    // Off or unreadable: nothing to show.
  }
  return false;
}

/** The settings stored, or defaults (a bad entry reads as none). */
export function readSettings(storage) {
  try {
    const v = JSON.parse(storage.getItem(SETTINGS_KEY) || "null");
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const text = (k) => (typeof v[k] === "string" ? v[k] : "");
      return { preparer: text("preparer"), firm: text("firm"), consultant: text("consultant"), lastClient: text("lastClient"), used: v.used && typeof v.used === "object" ? v.used : {} };
    }
  } catch (e) {
    // Off or unreadable: defaults.
  }
  return { preparer: "", firm: "", consultant: "", lastClient: "", used: {} };
}

/** Stores the settings with `patch` applied (a client used now: `use`). Returns the new settings. */
export function writeSettings(storage, settings, patch, use, now) {
  const next = Object.assign({}, settings, patch);
  if (use) next.used = Object.assign({}, settings.used, { [use]: now === undefined ? Date.now() : now });
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify(next));
  } catch (e) {
    // Full or off: the clients are what matters, and their save says so.
  }
  return next;
}

/** Forgets everything remembered. */
export function eraseSettings(storage) {
  try {
    storage.removeItem(SETTINGS_KEY);
  } catch (e) {
    // Nothing to forget.
  }
}

let collator = null;
function pinyin() {
  if (!collator) {
    try {
      collator = new Intl.Collator("zh-CN-u-co-pinyin");
    } catch (e) {
      collator = new Intl.Collator("zh-CN");
    }
  }
  return collator;
}

/** Clients as the list shows them: the last used first (most recent first), then the rest in pinyin order. */
export function orderClients(clients, used) {
  const c = pinyin();
  const at = (x) => (used && typeof used[x.id] === "number" ? used[x.id] : 0);
  return clients.slice().sort((a, b) => at(b) - at(a) || c.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A client's line in the list: its name, and what tells apart two of the same name. */
export function clientLabel(c, all) {
  const twin = all.some((o) => o !== c && o.id !== c.id && o.name === c.name);
  const extra = [c.town, twin ? c.credit_code || c.contact || c.id : ""].filter(Boolean);
  return c.name + (extra.length ? " · " + extra.join(" · ") : "");
}

/** The clients whose name (or town, contact, credit code) holds `query` (case-insensitive). */
export function searchClients(clients, query) {
  const q = String(query || "").trim().toLowerCase();
  if (!q) return clients;
  return clients.filter((c) => [c.name, c.town, c.contact, c.credit_code].some((t) => t && String(t).toLowerCase().indexOf(q) >= 0));
}
