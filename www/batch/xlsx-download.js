// The .xlsx download: tables of cell texts (`[{ name, columns: [{ label, kind: "text" | "money" |
// "count" }], rows: [[cell strings]] }]`, crates/sheet/src/shapes.rs `Table`) written by the write
// part (www/pkg-sheet-write/: rust_xlsxwriter in its own wasm, imported only here and only when the
// officer downloads). Money goes as the decimal strings the engine wrote; the write part turns each
// into the file's number (with the ¥ format): never a JS Number here. No DOM but the download.

const PART = "../pkg-sheet-write/pinghu_sheet.js";
let part = null;

/** The write part, loaded once (a failed load is tried again next time). */
export function writePart() {
  if (!part) {
    part = import(PART).then((m) => m.default().then(() => m), (e) => { part = null; throw e; });
  }
  return part;
}

/**
 * The .xlsx bytes of `tables`: `{ bytes }` (a Uint8Array) or `{ problem }` (`{ code, zh, en,
 * table?, row?, column? }`: a cell that is not what its column says, at its table, row and column).
 */
export async function xlsxBytes(tables) {
  let m;
  try {
    m = await writePart();
  } catch (e) {
    return { problem: { code: "part", zh: "无法加载 Excel 生成模块：" + String(e && e.message), en: "the Excel writer could not load: " + String(e && e.message) } };
  }
  try {
    return { bytes: m.writeXlsx(JSON.stringify(tables)) };
  } catch (e) {
    if (typeof e === "string") {
      try {
        return { problem: JSON.parse(e) };
      } catch (x) {
        // not a problem's JSON: said below
      }
    }
    return { problem: { code: "writer", zh: "无法生成 Excel 文件：" + String(e && e.message || e), en: "the Excel file could not be made: " + String(e && e.message || e) } };
  }
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Writes `tables` and offers the file as `name`. Returns null, or the problem (nothing downloaded). */
export async function downloadXlsx(name, tables) {
  const r = await xlsxBytes(tables);
  if (r.problem) return r.problem;
  const url = URL.createObjectURL(new Blob([r.bytes], { type: XLSX }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60 * 1000);
  return null;
}
