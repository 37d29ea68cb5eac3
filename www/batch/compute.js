// Where the batch page computes: in a module worker (batch/worker.js) where the browser has module
// workers (detected by whether `new Worker(url, { type })` reads `type`); otherwise, or when the
// worker cannot start (its `error` event), on the main thread in parts with a yield between them.
// `?worker=0` forces the main thread.
import { engine } from "./engine.js";
import { runBatch } from "./run.js";

let worker = null;
let workerTried = false;
let nextId = 0;

/** A module worker, or null where the browser has none (a classic-only browser never reads `type`). */
function moduleWorker() {
  if (workerTried) return worker;
  workerTried = true;
  if (/[?&]worker=0/.test(location.search) || typeof Worker === "undefined") return null;
  let asked = false;
  const opts = { get type() { asked = true; return "module"; } };
  try {
    const w = new Worker(new URL("./worker.js", import.meta.url), opts);
    if (!asked) { w.terminate(); return null; }
    worker = w;
  } catch (e) {
    worker = null;
  }
  return worker;
}

function onMainThread(enterprises, overlay, onProgress) {
  const pause = () => new Promise((ok) => setTimeout(ok, 0));
  return runBatch(engine, enterprises, { overlay, onProgress, pause });
}

export function compute(enterprises, overlay, onProgress) {
  const w = moduleWorker();
  if (!w) return onMainThread(enterprises, overlay, onProgress);
  const id = ++nextId;
  return new Promise((ok, fail) => {
    // A worker that cannot start (blocked, or its module fails to load): the main thread instead.
    const broken = () => {
      w.removeEventListener("message", listen);
      w.terminate();
      if (worker === w) worker = null;
      onMainThread(enterprises, overlay, onProgress).then(ok, fail);
    };
    w.addEventListener("error", broken, { once: true });
    const listen = (ev) => {
      const m = ev.data;
      if (m.id !== id) return;
      if (m.progress) onProgress(m.progress[0], m.progress[1]);
      else {
        w.removeEventListener("message", listen);
        w.removeEventListener("error", broken);
        if (m.result) ok(m.result);
        else {
          const err = new Error(m.error.message);
          err.errors = m.error.errors;
          fail(err);
        }
      }
    };
    w.addEventListener("message", listen);
    w.postMessage({ id, enterprises, overlay });
  });
}

