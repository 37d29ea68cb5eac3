// Loading the engine, and restarting it after a trap. No DOM; the one network request is
// for the engine's .wasm (its JS glue is imported).
//
// One engine instance is shared by every element on the page. If a call into it throws
// something that is not an input error (a WebAssembly trap: `RuntimeError: unreachable`,
// out of memory…), that instance is discarded and a new one is made from the module
// compiled at the first load. The wasm-bindgen glue keeps its instance in module state,
// so a fresh copy of the glue is imported (a query string makes it a new module); its
// `.wasm` is not fetched again.

import { ENGINE_URL, WASM_URL, WORKSPACE_ENGINE_URL, WORKSPACE_WASM_URL, partUrl } from "./assets.js";

let enginePromise = null; // the current (or loading) engine
let currentEngine = null; // the current engine once loaded
let compiledModule = null; // the WebAssembly.Module of the first load
let glueCopies = 0;

/**
 * The engine's .wasm as a Response: the download the page already started (`pinghuSubsidyEngine`
 * on window: { url, response: a promise of the Response }; index.html's page.js starts it as soon
 * as it arrives, before this larger script), when it is of this engine's URL and not yet taken;
 * else a download of its own, left there so that a page script running later does not start one.
 */
function download() {
  const w = typeof window !== "undefined" ? window : null;
  const early = w && w.pinghuSubsidyEngine;
  if (early && early.url === WASM_URL && early.response && !early.taken) {
    early.taken = true;
    return Promise.resolve(early.response).catch(function () {
      return fetch(WASM_URL);
    });
  }
  const own = fetch(WASM_URL);
  if (w && !early) w.pinghuSubsidyEngine = { url: WASM_URL, response: own, taken: true };
  return own;
}

/** Fetches and compiles the engine's .wasm once (streaming where the browser can). */
function compileEngine() {
  return download().then(function (response) {
    if (!response.ok) throw new Error("could not load the engine (" + response.status + " " + WASM_URL + ")");
    if (typeof WebAssembly.compileStreaming === "function") {
      // A server that sends the wrong MIME type makes streaming fail: compile the bytes instead.
      return WebAssembly.compileStreaming(response.clone()).catch(function () {
        return response.arrayBuffer().then(function (bytes) {
          return WebAssembly.compile(bytes);
        });
      });
    }
    return response.arrayBuffer().then(function (bytes) {
      return WebAssembly.compile(bytes);
    });
  });
}

/** Instantiates the compiled module through one copy of the glue. */
function instantiate(glue, policy) {
  return glue.default({ module_or_path: compiledModule }).then(function () {
    const engine = {
      policy: policy || glue.policy(),
      calculate: glue.calculate,
      calculatePlan: glue.calculate_plan,
      readAmount: glue.read_amount,
    };
    currentEngine = engine;
    return engine;
  });
}

/** The shared engine: { policy, calculate, calculatePlan, readAmount }, loaded once (a failed load may be retried). */
export function loadEngine() {
  if (!enginePromise) {
    // Once a module is compiled, an instance has been made through the first copy of the glue
    // (and may be the broken one): later loads use a fresh copy.
    enginePromise = compiledModule ? freshInstance(null) : firstLoad();
    // A failed load may be retried (e.g. after the network came back).
    enginePromise.catch(function () {
      enginePromise = null;
    });
  }
  return enginePromise;
}

async function firstLoad() {
  if (typeof WebAssembly !== "object" || WebAssembly === null) {
    throw new Error("WebAssembly is not available in this browser");
  }
  // The glue and the .wasm load in parallel.
  const loaded = await Promise.all([import(ENGINE_URL), compileEngine()]);
  compiledModule = loaded[1];
  return instantiate(loaded[0], null);
}

function freshInstance(policy) {
  return import(ENGINE_URL + "?instance=" + ++glueCopies).then(function (glue) {
    return instantiate(glue, policy);
  });
}

/**
 * Replaces a broken engine by a new instance (from the same compiled module) and resolves
 * to it. Elements sharing the broken one get the same replacement: only the first restarts.
 */
export function restartEngine(broken) {
  if (enginePromise && currentEngine !== broken) return enginePromise;
  currentEngine = null;
  enginePromise = freshInstance(broken.policy);
  enginePromise.catch(function () {
    enginePromise = null;
  });
  return enginePromise;
}

/**
 * A calculation nobody sees, with an amount in the first expense category of `policy()`, so that
 * the engine's code for amounts and lines is compiled before the first keystroke instead of in it
 * (a browser compiles a wasm function on its first call: at 4× CPU that was most of the first
 * keystroke's delay; docs/performance.md). One category: all of them in one call is a long task
 * of its own. Nothing is shown or kept. False if the engine faulted (a trap), true otherwise.
 */
export function warmEngine(engine, year, lang) {
  const sample = "1"; // an input, not a policy figure
  try {
    engine.readAmount(sample);
    const first = engine.policy.categories.filter((c) => c.kind === "expense")[0];
    if (first) engine.calculate({ year: year, expenses: [{ category: first.id, amount: sample }] }, lang);
  } catch (e) {
    // An input error is no matter here.
    if (isEngineFault(e)) return false;
  }
  return true;
}

/** An engine input error carries `errors`; anything else thrown by the engine is a fault (trap). */
export function isEngineFault(err) {
  return !(err && Array.isArray(err.errors));
}

/** The engine in use once loaded (another element may have replaced a broken one), or null. */
export function sharedEngine() {
  return currentEngine;
}

/**
 * The workspace's storage, from the second package (pkg-office/: the crate with the features
 * `batch` and `workspace`), loaded once, after the first result, only where the workspace is on:
 * { load, save, unitsAdded, remove, erase, exportFile, importFile, compare, stamp, drift } (src/wasm.rs, src/workspace.rs,
 * src/compare.rs), and `worker`: the URLs a module worker reading a backup needs (its part, this
 * package's glue and .wasm; workspace/read-file.js), found here, beside the element's own files.
 */
let workspacePromise = null;
export function loadWorkspaceEngine() {
  if (!workspacePromise) {
    workspacePromise = import(WORKSPACE_ENGINE_URL).then(function (glue) {
      return glue.default({ module_or_path: WORKSPACE_WASM_URL }).then(function () {
        return {
          load: glue.workspace_load,
          save: (base, next) => glue.workspace_save(base, next),
          unitsAdded: (base, next) => glue.workspace_units_added(base, next),
          remove: (id) => glue.workspace_remove(id),
          erase: () => glue.workspace_remove(undefined),
          exportFile: glue.workspace_export,
          importFile: glue.workspace_import,
          compare: glue.workspace_compare,
          stamp: glue.workspace_stamp,
          drift: glue.workspace_drift,
          worker: { url: partUrl("workspace-worker"), glue: WORKSPACE_ENGINE_URL, wasm: WORKSPACE_WASM_URL },
        };
      });
    });
    workspacePromise.catch(function () {
      workspacePromise = null;
    });
  }
  return workspacePromise;
}
