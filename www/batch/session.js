// One sheet on its way through the batch, where the computing runs (the worker, or the main
// thread where there is none): its bytes decoded, tokenized and mapped (load.js), the mapping
// step worked out (review), the enterprises built (columns.js) and, after the engine, the problem
// list in row order, the counts and the passed-through columns (tables.js). What goes back to the
// page is small: the header, the mapping, the first rows, the warnings, the result; the records
// stay here. Pure (no DOM): the worker (worker.js), the page's fallback (compute.js) and the
// tests run the same steps.
import { loadSheet, review } from "./load.js";
import { loadGrid } from "./grid.js";
import { toEnterprises, locate, rowMessage } from "./columns.js";
import { cellNote } from "./sheet.js";
import { sheetGroups } from "./tables.js";

const PREVIEW = 5;

/** A session: `{ sheet, step, built }`, all null until a file is loaded. */
export function newSession() {
  return { sheet: null, step: null, built: null };
}

/**
 * Reads a file's bytes (`options.encoding`). Returns `{ refused }` or what the page needs first:
 * `{ header, mapping, mixed, encoding, blank }` (the mapping is the one read from the header; the
 * page may replace it with one saved on the device before `reviewSheet`).
 */
export function loadBytes(policy, s, bytes, options) {
  return keep(s, loadSheet(policy, bytes, { encoding: (options && options.encoding) || "auto" }));
}

/**
 * Reads a workbook's sheet, as the Excel read part gave it (`grid`: crates/sheet's `Grid`, read in
 * excel.js): the same as `loadBytes`, and `workbook` (its sheets, for the sheet choice).
 */
export function loadGridSheet(policy, s, grid) {
  return keep(s, loadGrid(policy, grid));
}

/** The loaded sheet kept in the session (none when refused), and what goes back to the page. */
function keep(s, sheet) {
  s.sheet = sheet.refused ? null : sheet;
  s.step = null;
  s.built = null;
  const view = sheet.refused ? { refused: sheet.refused } : { header: sheet.header, mapping: sheet.mapping, mixed: sheet.mixed, encoding: sheet.encoding, blank: sheet.blank };
  if (sheet.workbook) view.workbook = sheet.workbook;
  return view;
}

/**
 * The mapping step for the loaded sheet: `options` `{ mapping, fillDown, same }` (the officer's
 * mapping, fill-down accepted, names confirmed as one). Returns `{ problems, runs, near, fatal,
 * asks, preview }`.
 */
export function reviewSheet(policy, s, options) {
  const sh = s.sheet;
  if (!sh) throw new Error("no sheet loaded");
  if (options.mapping) sh.mapping = options.mapping;
  sh.same = options.same || [];
  const { problems, prepared, fatal, asks } = review(policy, sh, !!options.fillDown);
  s.step = { problems, prepared };
  s.built = null;
  return {
    problems,
    runs: prepared.fillDown,
    near: prepared.notes.filter((n) => n.kind === "near_duplicate"),
    fatal,
    asks,
    preview: sh.records.slice(0, PREVIEW),
  };
}

/** The enterprises for the engine (built once per review). */
export function sheetEnterprises(s) {
  if (!s.step) throw new Error("the sheet is not reviewed");
  if (!s.built) s.built = toEnterprises(s.step.prepared.columns, s.step.prepared.records);
  return s.built.enterprises;
}

/** The engine's refusal as a line of the problem list: `{ line, column (1-based), kind, code, zh, en }`. */
function engineProblem(s, p) {
  const { prepared } = s.step;
  const at = locate(s.built.places, prepared.columns, p);
  const col = at.column >= 0 ? prepared.columns[at.column] : null;
  const m = rowMessage(at.line, col, p);
  const c = cellNote(prepared, s.sheet.mapping, at);
  return { line: at.line, column: at.column + 1, kind: "refused", code: p.code, zh: m.zh + c.zh, en: m.en + c.en };
}

/**
 * What the page shows beside the engine's result: `problems` (the header's warnings, every note
 * of the reading and every refusal of the engine, in row order), `counts` (rows not read, left
 * out, without a name, blank) and `groups` (the passed-through columns, per result enterprise).
 */
export function sheetReport(s, result) {
  const { problems, prepared } = s.step;
  const head = problems.map((p) => ({ line: 1, column: p.column, kind: p.level, code: p.code, zh: "表头 " + p.zh, en: "header: " + p.en }));
  const list = head.concat(prepared.notes, result.errors.map((p) => engineProblem(s, p))).sort((a, b) => a.line - b.line || a.column - b.column);
  const c = prepared.counts;
  return {
    problems: list,
    counts: { refused: c.refused, left_out: c.left_out, unfilled: c.unfilled, blank: s.sheet.blank + c.blank },
    groups: sheetGroups(s.sheet.mapping, prepared, s.built.places, result),
  };
}
