// One operation of the computing side, the same in the worker (worker.js) and on the main thread
// (compute.js): load a file's bytes, review the mapping, or compute (the engine in parts, then
// the sheet's report). No DOM.
import { runBatch } from "./run.js";
import { loadBytes, loadGridSheet, reviewSheet, sheetEnterprises, sheetReport } from "./session.js";

let policy = null;

/**
 * `msg`: `{ op: "load", bytes, options }` (or `{ op: "load", grid }`: a workbook's sheet, read by
 * excel.js), `{ op: "review", options }` or `{ op: "compute",
 * overlay }`; `opts`: `onProgress`, `pause` (awaited between the engine's parts). Returns what
 * session.js returns, or `{ result, report }` for compute.
 */
export async function runSide(engine, session, msg, opts) {
  if (!policy) policy = engine.policy();
  if (msg.op === "load" && msg.grid) return loadGridSheet(policy, session, msg.grid);
  if (msg.op === "load") return loadBytes(policy, session, new Uint8Array(msg.bytes), msg.options);
  if (msg.op === "review") return reviewSheet(policy, session, msg.options);
  if (msg.op === "compute") {
    // The sheet's enterprises are plain data (columns.js): as JSON text, the engine's fast way in.
    const result = await runBatch(engine, sheetEnterprises(session), { overlay: msg.overlay || null, onProgress: opts.onProgress, pause: opts.pause, json: true });
    return { result, report: sheetReport(session, result) };
  }
  throw new Error("unknown operation " + msg.op);
}
