// Excel files on the batch page: recognised by their first bytes (a zip is .xlsx, an OLE container
// .xls) or their name, read by the read part (www/pkg-sheet-read/: calamine in its own wasm,
// imported only here and only when an Excel file is dropped: never by the calculator or for a
// CSV), in a module worker (excel-worker.js) where the browser has them, else on this thread; the
// grid then read by grid.js as a decoded CSV's records. No DOM. `?worker=0` keeps it on the page.
import { loadGrid } from "./grid.js";

const PART = "../pkg-sheet-read/pinghu_sheet.js";
let part = null;
let fresh = 0; // bumped after a trap: the next file is read by a new instance of the part

/** Whether a file is a workbook: by its bytes, or by its name when too short to tell. */
export function isExcel(name, bytes) {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) return true;
  if (b.length >= 4 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return true;
  return /\.(xlsx|xlsm|xls)$/i.test(String(name || ""));
}

/** The read part, loaded once (a failed load is tried again next time). */
export function readPart() {
  if (!part) {
    part = import(fresh ? PART + "?fresh=" + fresh : PART).then((m) => m.default().then(() => m), (e) => { part = null; throw e; });
  }
  return part;
}

/**
 * Reads a workbook: `{ grid }` (shapes: crates/sheet/src/shapes.rs `Grid`) or `{ problem }`
 * (`{ code, zh, en }`). `sheet`: a sheet's name, or null for the first visible worksheet.
 */
export async function readWorkbook(bytes, sheet) {
  let m;
  try {
    m = await readPart();
  } catch (e) {
    return { problem: { code: "part", zh: "无法加载 Excel 读取模块：" + String(e && e.message), en: "the Excel reader could not load: " + String(e && e.message) } };
  }
  try {
    return JSON.parse(m.readSheet(bytes, sheet == null ? undefined : sheet));
  } catch (e) {
    // A trap in the reader (a file it cannot take: a damaged .xls can ask for gigabytes, and
    // these builds abort): said, never a silent empty sheet; the instance is not trusted again.
    part = null;
    fresh++;
    const why = String(e && e.message);
    return { problem: { code: "unreadable", zh: "无法读取这个 Excel 文件（可能已损坏）：文件未计算。请在 Excel 中另存为 .xlsx 或 CSV 后重新选择（" + why + "）", en: "this Excel file cannot be read (damaged?): nothing computed. Save it again as .xlsx or CSV and choose it again (" + why + ")" } };
  }
}

let worker = null;
let workerTried = false;
let nextId = 0;

/** The reading worker, or null where the browser has no module workers (it never reads `type`). */
function readingWorker() {
  if (workerTried) return worker;
  workerTried = true;
  if (typeof Worker === "undefined" || typeof location === "undefined" || /[?&]worker=0/.test(location.search)) return null;
  let asked = false;
  const opts = { get type() { asked = true; return "module"; } };
  try {
    const w = new Worker(new URL("./excel-worker.js", import.meta.url), opts);
    if (!asked) { w.terminate(); return null; }
    worker = w;
  } catch (e) {
    worker = null;
  }
  return worker;
}

/** `readWorkbook` in the worker (a copy of the bytes is sent), or here when there is none or it fails to start. */
export function readGrid(bytes, sheet) {
  const w = readingWorker();
  if (!w) return readWorkbook(bytes, sheet);
  const id = ++nextId;
  return new Promise((ok) => {
    const broken = () => {
      w.removeEventListener("message", listen);
      w.terminate();
      if (worker === w) worker = null;
      ok(readWorkbook(bytes, sheet));
    };
    const listen = (ev) => {
      if (ev.data.id !== id) return;
      w.removeEventListener("message", listen);
      w.removeEventListener("error", broken);
      ok(ev.data.result);
    };
    w.addEventListener("error", broken, { once: true });
    w.addEventListener("message", listen);
    const copy = bytes.slice();
    w.postMessage({ id, bytes: copy, sheet }, [copy.buffer]);
  });
}

/**
 * A workbook's bytes to the loaded sheet, as load.js `loadSheet` gives a CSV's: `{ refused }` or
 * what `review` takes, with `workbook` (`{ kind, sheets, sheet, merged, errors }`). `options`:
 * `sheet` (a name), `saved` (as for loadSheet).
 */
export async function loadExcel(policy, bytes, options = {}) {
  const r = await readGrid(bytes, options.sheet);
  if (r.problem) return { refused: Object.assign({ line: 0 }, r.problem) };
  return loadGrid(policy, r.grid, options);
}
