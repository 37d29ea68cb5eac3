// Reads an imported backup's text through the engine (`workspace_import`: JSON.parse, then client
// by client) off the page's main thread: in a module worker (element/workspace-worker.js) where
// the browser has module workers (detected, as the batch page does, by whether `new Worker(url,
// { type })` reads `type`); otherwise, with `?worker=0`, or when the worker cannot start (its
// `error` event), on the main thread after a yield (the panel has said it is reading). The
// worker's URLs come with the engine (element/engine.js `loadWorkspaceEngine`: `worker`), which
// finds them beside the element's files. No DOM.

import { attempt } from "./store.js";

/** A module worker, or null where there is none (a classic-only browser never reads `type`). */
function moduleWorker(url) {
  if (!url) return null;
  if (typeof location !== "undefined" && /[?&]worker=0/.test(location.search)) return null;
  if (typeof Worker === "undefined") return null;
  let asked = false;
  const opts = {
    get type() {
      asked = true;
      return "module";
    },
  };
  try {
    const w = new Worker(url, opts);
    if (asked) return w;
    w.terminate();
  } catch (e) {
    // Blocked (e.g. a policy without worker-src): the main thread.
  }
  return null;
}

const onMainThread = (ws, text) => new Promise((ok) => setTimeout(() => ok(attempt(() => ws.importFile(text))), 0));

/** `{ value: { clients, skipped } }` or `{ error }` (as store.js `attempt`), read off the main thread where it can be. */
export function readBackup(ws, text) {
  const w = moduleWorker(ws.worker && ws.worker.url);
  if (!w) return onMainThread(ws, text);
  return new Promise((ok) => {
    const done = (r) => {
      w.terminate();
      ok(r);
    };
    w.addEventListener("error", () => onMainThread(ws, text).then(done), { once: true });
    w.addEventListener("message", (ev) => {
      const m = ev.data;
      done(m.error ? attempt(() => {
        throw m.error;
      }) : { value: m.value });
    });
    w.postMessage({ text: text, glue: ws.worker.glue, wasm: ws.worker.wasm });
  });
}
