// A sheet's bytes to what the mapping step shows and what the engine is given, in the order the
// page does it: decoded (csv.js), tokenized (an open quote refuses the file at its line), the
// header mapped (mapping.js: a saved mapping for the same header first), the rows read as clerks
// write them (sheet.js), and whether the officer must look before anything is computed. Pure: the
// page (page.js) and the tests (tests/node/batch-sheets.test.mjs) run the same steps.
import { decode, parseCsv, mixedLines } from "./csv.js";
import { autoMapping, applySaved, mappingProblems } from "./mapping.js";
import { prepareSheet } from "./sheet.js";

/**
 * Reads a file. `options`: `encoding` ("auto", "utf-8", "gb18030"), `saved` (the device's saved
 * mapping for this header, or null; or a function of the header that gives it). Returns `{ refused }` (`{ code, line, zh, en }`: nothing is
 * computed) or `{ header, records, blank, encoding, mixed, mapping, saved }` for `review`.
 */
export function loadSheet(policy, bytes, options = {}) {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const { text, encoding } = decode(u8, options.encoding || "auto");
  const info = {};
  const records = parseCsv(text, info);
  if (info.openQuote) {
    const n = info.openQuote;
    return { refused: { code: "open_quote", line: n,
      zh: "第" + n + "行的引号没有闭合，之后的内容都会被读成一个单元格：文件未计算，请修正后重新选择",
      en: "the quote opened on line " + n + " is never closed, so everything after it would be one cell: nothing computed; fix it and choose the file again" } };
  }
  // Mixed encodings: UTF-8 lines in a file read as GB18030, or undecodable bytes read as UTF-8.
  const mixed = encoding === "gb18030" ? mixedLines(u8) : text.indexOf("\uFFFD") >= 0 ? 1 : 0;
  return fromRecords(policy, records, { blank: info.blank, encoding, mixed }, options);
}

/**
 * The loaded sheet from its records (the first is the header), as `loadSheet` returns it: also
 * what an Excel grid gives (grid.js). `base`: `{ blank, encoding, mixed }` and, for a workbook,
 * `warnings` (problems shown in the mapping step, as `mappingProblems` gives them) and more.
 */
export function fromRecords(policy, records, base, options = {}) {
  if (!records.length) return { refused: { code: "empty", line: 0, zh: "文件是空的", en: "the file is empty" } };
  const header = records[0].fields;
  const kept = typeof options.saved === "function" ? options.saved(header) : options.saved;
  const saved = kept ? applySaved(policy, header, kept) : null;
  return Object.assign({}, base, { header, records: records.slice(1), mapping: saved || autoMapping(policy, header), saved: !!saved });
}

/**
 * The mapping step for a loaded sheet (`fillDown`: the officer accepted the fill-down; `sheet.same`:
 * the names the officer confirmed as one enterprise). Returns
 * `{ problems, prepared, fatal, asks }`: `asks` when the officer must look first (a warning, mixed
 * encodings, empty names not yet filled), `fatal` when nothing can be computed.
 */
export function review(policy, sheet, fillDown) {
  const problems = (sheet.warnings || []).concat(mappingProblems(policy, sheet.mapping, sheet.records));
  const prepared = prepareSheet(policy, sheet.mapping, sheet.records, { fillDown: !!fillDown, same: sheet.same || [] });
  const fatal = problems.filter((p) => p.level === "fatal");
  const asks = problems.length > 0 || sheet.mixed > 0 || (prepared.fillDown.length > 0 && !fillDown);
  return { problems, prepared, fatal, asks };
}
