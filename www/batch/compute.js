// Where the batch page reads and computes: in a module worker (batch/worker.js) where the browser
// has module workers (detected by whether `new Worker(url, { type })` reads `type`); otherwise,
// or when the worker cannot start (its `error` event), on the main thread, the engine in parts
// with a yield between them. `?worker=0` forces the main thread. The sheet lives on the side that
// reads it: the page sends the bytes once, then the officer's mapping, then asks for results.
import { init, engine } from "./engine.js";
import { runSide } from "./side.js";
import { newSession } from "./session.js";

let worker = null;
let workerTried = false;
let nextId = 0;
let local = null;
// The last load and review, replayed on the main thread when the worker breaks.
let history = { load: null, review: null };

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

async function onMainThread(msg, onProgress) {
  await init();
  if (!local) local = newSession();
  const pause = () => new Promise((ok) => setTimeout(ok, 0));
  return runSide(engine, local, msg, { onProgress, pause });
}

/** After the worker broke: the sheet read again here, then the operation. */
async function replay(msg, onProgress) {
  if (msg.op !== "load" && history.load) await onMainThread(history.load);
  if (msg.op === "compute" && history.review) await onMainThread(history.review);
  return onMainThread(msg, onProgress);
}

function call(msg, onProgress) {
  if (msg.op === "load") history = { load: msg, review: null };
  if (msg.op === "review") history.review = msg;
  const w = moduleWorker();
  if (!w) return onMainThread(msg, onProgress);
  const id = ++nextId;
  return new Promise((ok, fail) => {
    // A worker that cannot start (blocked, or its module fails to load): the main thread instead.
    const broken = () => {
      w.removeEventListener("message", listen);
      w.terminate();
      if (worker === w) worker = null;
      replay(msg, onProgress).then(ok, fail);
    };
    w.addEventListener("error", broken, { once: true });
    const listen = (ev) => {
      const m = ev.data;
      if (m.id !== id) return;
      if (m.progress) {
        if (onProgress) onProgress(m.progress[0], m.progress[1]);
        return;
      }
      w.removeEventListener("message", listen);
      w.removeEventListener("error", broken);
      if (m.error) {
        const err = new Error(m.error.message);
        err.errors = m.error.errors;
        fail(err);
      } else ok(m.result);
    };
    w.addEventListener("message", listen);
    w.postMessage(Object.assign({ id }, msg));
  });
}

/** Reads a file's bytes where the computing runs: `{ refused }` or `{ header, mapping, mixed, encoding, blank }`. */
export function loadFile(bytes, options) {
  return call({ op: "load", bytes, options });
}

/** Reads a workbook's sheet (`grid`, from excel.js `readGrid`) where the computing runs: as `loadFile`, and `workbook`. */
export function loadGridFile(grid) {
  return call({ op: "load", grid });
}

/** The mapping step (`{ mapping, fillDown, same }`): `{ problems, runs, near, fatal, asks, preview }`. */
export function reviewFile(options) {
  return call({ op: "review", options });
}

/** Computes the reviewed sheet (with an overlay or null): `{ result, report }`. */
export function computeFile(overlay, onProgress) {
  return call({ op: "compute", overlay }, onProgress);
}
