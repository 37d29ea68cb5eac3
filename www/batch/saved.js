// The mapping kept on this device (the one storage the batch page uses): the officer's mapping of
// a sheet's columns, found again by the same header row next month. Only headers, column keys
// and units are kept, never a cell of the sheet. A storage that is off or full is said, not thrown.
import { savedKey, toSaved } from "./mapping.js";

function store() {
  try {
    return window.localStorage;
  } catch (e) {
    return null;
  }
}

/** The saved mapping of this header row, or null. */
export function loadMapping(header) {
  const s = store();
  if (!s) return null;
  try {
    const v = JSON.parse(s.getItem(savedKey(header)) || "null");
    return v && Array.isArray(v.fields) ? v : null;
  } catch (e) {
    return null;
  }
}

/** Saves the mapping for its header row; false when the browser refuses storage. */
export function saveMapping(header, mapping) {
  const s = store();
  if (!s) return false;
  try {
    s.setItem(savedKey(header), JSON.stringify(toSaved(mapping)));
    return true;
  } catch (e) {
    return false;
  }
}

/** Forgets the mapping of this header row. */
export function forgetMapping(header) {
  const s = store();
  if (s) try { s.removeItem(savedKey(header)); } catch (e) { /* nothing kept */ }
}
