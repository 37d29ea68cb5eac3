// An Excel sheet's grid (the read part, www/pkg-sheet-read/: rows of the cell texts Excel shows,
// row i being Excel's row i + 1) to the records the CSV pipeline reads: the same `{ line, fields }`
// as csv.js gives, `line` the row number Excel shows, blank rows skipped and counted. A title row
// above the header (one cell, often merged across the table: "2025年跨境电商扶持资金测算表") is
// passed over and said in the mapping step. Merged cells need nothing more: Excel keeps the value
// in the top-left cell and the rest empty, so merged names meet the fill-down offer as a CSV's do.
// Pure: no DOM, no wasm; tested in tests/node/batch-excel.test.mjs.
import { fromRecords } from "./load.js";

/** Records of a grid: `{ records, blank }` (all-empty rows between filled ones skipped and counted). */
export function gridRecords(grid) {
  const records = [];
  let blank = 0;
  const rows = grid.rows;
  let pending = 0; // blank rows since the last filled one: counted when a filled row follows
  for (let i = 0; i < rows.length; i++) {
    const fields = rows[i];
    if (!fields.some((f) => f.trim() !== "")) {
      if (records.length) pending++;
      continue;
    }
    blank += pending;
    pending = 0;
    records.push({ line: i + 1, fields: fields.slice() });
  }
  return { records, blank };
}

/** Whether the first record is a title above the header: one cell, merged across or over a wider row. */
function titleRow(records, merged) {
  if (records.length < 2) return false;
  const filled = (r) => r.fields.filter((f) => f.trim() !== "").length;
  if (filled(records[0]) !== 1) return false;
  const first = records[0];
  const col = first.fields.findIndex((f) => f.trim() !== "") + 1;
  const across = (merged || []).some((m) => m.first_row === first.line && m.first_column === col && m.last_column > m.first_column);
  return across || filled(records[1]) >= 3;
}

/**
 * The loaded sheet (as `loadSheet` returns it) from a grid: `{ refused }` or `{ header, records,
 * blank, encoding: grid.kind, mixed: 0, mapping, saved, warnings, workbook }`, `workbook`:
 * `{ kind, sheets, sheet, merged, errors }`.
 */
export function loadGrid(policy, grid, options = {}) {
  const { records, blank } = gridRecords(grid);
  const warnings = [];
  const workbook = { kind: grid.kind, sheets: grid.sheets, sheet: grid.sheet, merged: grid.merged, errors: grid.errors };
  if (!records.length) {
    return { refused: { code: "empty", line: 0, zh: "工作表“" + grid.sheet + "”是空的", en: "the worksheet “" + grid.sheet + "” is empty" }, workbook };
  }
  if (titleRow(records, grid.merged)) {
    const t = records.shift();
    const text = t.fields.find((f) => f.trim() !== "").trim();
    warnings.push({ column: 0, level: "warning", code: "title_row",
      zh: "第" + t.line + "行“" + text + "”看作表格标题，表头取第" + records[0].line + "行",
      en: "row " + t.line + " “" + text + "” is taken as the sheet's title and row " + records[0].line + " as the header" });
  }
  return Object.assign(fromRecords(policy, records, { blank, encoding: grid.kind, mixed: 0, warnings }, options), { workbook });
}
