// The automatic backup taken before an import, kept on the device so that it outlives a reload
// (issue 19): one generation, in IndexedDB (database "pinghu-subsidy", store "backup", one record
// under "before-import"), not in the page's local storage, whose few megabytes the clients need. A record:
// `{ taken (ISO date and time), file (the export file's text), steps: [{ id, revision, existed }] }`
// (each client the import stored, the revision it stored, whether it was there before). Where
// IndexedDB is missing or refuses (some private modes), every call rejects and the panel keeps the
// backup in memory only, and says so. No DOM.

const DB = "pinghu-subsidy";
const STORE = "backup";
const KEY = "before-import";

function open() {
  return new Promise((ok, fail) => {
    if (typeof indexedDB === "undefined" || !indexedDB) return fail(new Error("no IndexedDB"));
    let req;
    try {
      req = indexedDB.open(DB, 1);
    } catch (e) {
      return fail(e);
    }
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => ok(req.result);
    req.onerror = () => fail(req.error || new Error("IndexedDB refused"));
    req.onblocked = () => fail(new Error("IndexedDB blocked"));
  });
}

/** One request in a transaction of its own; resolves to its result once the transaction completes. */
function run(mode, fn) {
  return open().then(
    (db) =>
      new Promise((ok, fail) => {
        const tx = db.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          ok(req.result);
        };
        tx.onerror = tx.onabort = () => {
          db.close();
          fail(tx.error || req.error || new Error("IndexedDB transaction failed"));
        };
      })
  );
}

/** The backup kept, or null. */
export function readBackupRecord() {
  return run("readonly", (s) => s.get(KEY)).then((v) => (v && typeof v.file === "string" && Array.isArray(v.steps) ? v : null));
}

/** Keeps `record` in place of the one before (one generation). */
export function writeBackupRecord(record) {
  return run("readwrite", (s) => s.put(record, KEY));
}

/** Erases the backup kept. */
export function eraseBackupRecord() {
  return run("readwrite", (s) => s.delete(KEY));
}
