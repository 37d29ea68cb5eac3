// Whether what an import would store fits in this device's storage, asked of the storage itself
// before anything is written (issue 19: a file larger than the device could store is refused with
// its size, and nothing of it imported), each client counted as the engine stores it (packed:
// docs/workspace.md). Browsers count the page's local storage in UTF-16 code units of keys
// and values (Chromium and Firefox 5 Mi units an origin; WebKit 5 MB, a value of Latin-1 text
// counted once, other text twice), so the probe writes text that is not Latin-1: what fits for it
// fits for any entry. It writes only its own probe key, in the storage it is given (settings.js
// `storageOf()`; not under the clients' prefix: other tabs ignore it). No DOM.

export const PROBE_KEY = "pinghu-subsidy/room-probe";
/** The free room is found to this many units when a file does not fit (said, not used to decide). */
const STEP = 16 * 1024;

/**
 * What storing `steps` ({ base, next }: base what is stored now, or null) adds, in units (may be
 * < 0), each step as the engine would store it: `added(base, next)` (engine.js `unitsAdded`, src/wasm.rs
 * `workspace_units_added`: the client merged and packed as the save writes it, with its key, less
 * what its key holds now). A step the engine refuses counts 0: storing it fails the same way, and
 * the import is put back and said. `pause` is awaited before each (the page stays responsive).
 */
export async function unitsNeeded(steps, added, pause) {
  let n = 0;
  for (let i = 0; i < steps.length; i++) {
    await pause();
    try {
      n += added(steps[i].base, steps[i].next);
    } catch (e) {
      // Said when the step is stored.
    }
  }
  return n;
}

/** Whether `units` more fit now: one write of that many units under the probe key, removed at once. */
export function fits(storage, units) {
  if (units <= PROBE_KEY.length) return true;
  try {
    storage.setItem(PROBE_KEY, "中".repeat(units - PROBE_KEY.length));
    return true;
  } catch (e) {
    return false;
  } finally {
    try {
      storage.removeItem(PROBE_KEY);
    } catch (e) {
      // Storage off: the write above failed too.
    }
  }
}

/** What is stored now under every key, in units. */
export function usedUnits(storage) {
  let n = 0;
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    n += k.length + (storage.getItem(k) || "").length;
  }
  return n;
}

/** What browsers give an origin (Chromium, Firefox: 5 Mi units): where the search starts, never trusted. */
const USUAL_LIMIT = 5 * 1024 * 1024;

/**
 * The free room, to STEP units, below `below` units (which did not fit): first around the usual
 * limit less what is stored (two writes where the browser is the usual one), else by halving; a
 * write per task (`pause` awaited before each) so the page stays responsive: `{ free, limit }`.
 */
export async function measureRoom(storage, below, pause) {
  const used = usedUnits(storage);
  let lo = 0;
  let hi = below;
  const guess = Math.min(below, USUAL_LIMIT - used) - STEP;
  if (guess > 0) {
    await pause();
    if (fits(storage, guess)) lo = guess;
    else hi = guess;
    if (lo === guess && guess + STEP < hi) {
      await pause();
      if (!fits(storage, guess + STEP)) hi = guess + STEP;
    }
  }
  while (hi - lo > STEP) {
    await pause();
    const mid = Math.floor((lo + hi) / 2);
    if (fits(storage, mid)) lo = mid;
    else hi = mid;
  }
  return { free: lo, limit: lo + used };
}

/** Units as megabytes of UTF-16 (two bytes a unit), the way browsers state their limit: "11.6 MB". */
export function unitsText(units) {
  return (Math.round((units * 2) / 1024 / 1024 * 10) / 10).toString() + " MB";
}
