// Excel on the batch page (issue 18): the committed workbooks (tests/sheets/habits.xlsx, written
// with rust_xlsxwriter, and habits.xls, written with xlwt, both from tests/sheets/workbooks.json)
// read by the read part (www/pkg-sheet-read/, the wasm the page loads) into a grid, and the grid
// through the page's own steps (grid.js, load.js, sheet.js, columns.js, run.js): every sheet's
// totals are the engine's for its clean rows, its messages at their row and column, and the same
// as the CSV a clerk would have saved from it. The write part (www/pkg-sheet-write/) writes a
// computed result's tables as .xlsx, read back with money as numbers equal to the engine's.
//
//   make build-sheets build-office && node --test tests/node/batch-excel.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { loadEngine, sheetCsv } from "../sheets/make.mjs";
import { loadExcel, isExcel, readWorkbook, readPart } from "../../www/batch/excel.js";
import { gridRecords } from "../../www/batch/grid.js";
import { loadSheet, review } from "../../www/batch/load.js";
import { toEnterprises, locate } from "../../www/batch/columns.js";
import { runBatch, calculateBatch } from "../../www/batch/run.js";
import { exact } from "../../www/batch/cells.js";
import { xlsxBytes } from "../../www/batch/xlsx-download.js";
import { reportTables, sheetTables } from "../../www/batch/tables.js";
import { problemRows } from "../../www/batch/sheet.js";

const at = (p) => new URL("../../" + p, import.meta.url);
// The parts as the page loads them: excel.js imports the read part and lets it fetch its wasm
// beside it (Node's fetch takes no file: URL, so one is given here for those); the write part is
// initialised from bytes (xlsx-download.js imports the same module URL).
const nodeFetch = globalThis.fetch;
globalThis.fetch = (url, ...rest) =>
  String(url).startsWith("file:") ? Promise.resolve(new Response(readFileSync(new URL(url)), { headers: { "content-type": "application/wasm" } })) : nodeFetch(url, ...rest);
const writePart = await import(at("www/pkg-sheet-write/pinghu_sheet.js"));
writePart.initSync({ module: readFileSync(at("www/pkg-sheet-write/pinghu_sheet_bg.wasm")) });

const engine = await loadEngine();
const P = engine.policy();
const BOOKS = JSON.parse(readFileSync(at("tests/sheets/workbooks.json"), "utf8"));
// What each workbook's sheet should give: its entry in expected.json, beside the CSVs'.
const EXPECTED = JSON.parse(readFileSync(at("tests/sheets/expected.json"), "utf8")).filter((e) => e.file);
const FILES = ["xlsx", "xls"];

/** The page's steps on a loaded sheet (Excel or CSV), with the officer's actions. */
async function steps(loaded, sheet) {
  const first = review(P, loaded, false);
  const step = review(P, loaded, (sheet.actions || []).includes("fill-down"));
  const { enterprises, places } = toEnterprises(step.prepared.columns, step.prepared.records);
  const result = await runBatch(engine, enterprises);
  return { loaded, first, step, enterprises, places, result };
}

test("expected.json has an entry for each workbook's file and sheet", () => {
  assert.deepEqual(EXPECTED.map((e) => e.file + " " + e.sheet).sort(), BOOKS.flatMap((b) => FILES.flatMap((ext) => b.sheets.map((s) => b.name + "." + ext + " " + s.name))).sort());
});

for (const book of BOOKS) {
  for (const ext of FILES) {
    const bytes = readFileSync(at("tests/sheets/" + book.name + "." + ext));
    book.sheets.forEach((cells, k) => {
      const sheet = Object.assign({}, EXPECTED.find((e) => e.file === book.name + "." + ext && e.sheet === cells.name), cells);
      test(book.name + "." + ext + " sheet " + sheet.name + ": " + sheet.about, async () => {
        assert.ok(isExcel(book.name + "." + ext, bytes));
        const loaded = await loadExcel(P, bytes, { sheet: k === 0 ? null : sheet.name });
        assert.ok(!loaded.refused, JSON.stringify(loaded.refused));
        assert.deepEqual(loaded.workbook.sheets, book.sheets.map((s) => s.name));
        assert.equal(loaded.workbook.sheet, sheet.name);
        assert.equal(loaded.workbook.kind, ext);
        const r = await steps(loaded, sheet);
        assert.equal(r.first.asks, sheet.status === "review", "the mapping step " + (sheet.status === "review" ? "asks first" : "computes at once"));
        const said = r.first.problems.map((p) => ({ line: 0, column: p.column, code: p.code })).concat(r.step.prepared.notes);
        for (const m of sheet.messages) {
          const hit = said.find((n) => n.code === m.code && n.line === m.line && n.column === m.column);
          assert.ok(hit, "said: " + JSON.stringify(m) + " among " + JSON.stringify(said.map((n) => [n.line, n.column, n.code])));
          if (m.count) assert.deepEqual([hit.from, hit.to, hit.count], [m.from, m.to, m.count]);
        }
        assert.equal(said.length, sheet.messages.length, "nothing said beyond the expected: " + JSON.stringify(said.map((n) => n.code)));
        if (sheet.blank != null) assert.equal(loaded.blank + r.step.prepared.counts.blank, sheet.blank);
        assert.deepEqual(r.result.errors, [], "the engine refuses nothing the page let through");
        const want = await calculateBatch(engine, sheet.clean);
        assert.deepEqual(want.errors, [], "the clean rows are clean");
        assert.equal(r.result.totals.baseline.total, want.totals.baseline.total, "support: the engine's for the clean rows");
        assert.equal(r.result.totals.baseline.awards_up_to, want.totals.baseline.awards_up_to, "awards: the engine's for the clean rows");
        assert.deepEqual(r.result.enterprises.map((e) => e.enterprise), want.enterprises.map((e) => e.enterprise));
        assert.ok(want.totals.baseline.total !== "0.00", "a sheet that tests something");

        // The same sheet as the CSV a clerk saves from it (a title row as a blank line, so that
        // lines are rows): the same records, notes and totals.
        let csv = sheetCsv(sheet);
        if (sheet.messages.some((m) => m.code === "title_row")) csv = csv.replace(/^[^\r\n]*/, "");
        const c = await steps(loadSheet(P, new TextEncoder().encode(csv), {}), sheet);
        assert.deepEqual(r.loaded.header, c.loaded.header);
        assert.deepEqual(r.step.prepared.records.map((x) => [x.line, x.fields]), c.step.prepared.records.map((x) => [x.line, x.fields]));
        assert.deepEqual(r.step.prepared.notes.map((n) => [n.line, n.column, n.code]), c.step.prepared.notes.map((n) => [n.line, n.column, n.code]));
        assert.equal(r.result.totals.baseline.total, c.result.totals.baseline.total);
      });
    });
  }
}

test("the grid: rows are Excel's rows, blank rows skipped and counted, trailing blanks not", () => {
  const { records, blank } = gridRecords({ rows: [[], ["企业", "年份"], ["甲", "2025"], ["", " "], [], ["乙", "2025"], [], []] });
  assert.deepEqual(records.map((r) => r.line), [2, 3, 6]);
  assert.equal(blank, 2, "rows 4 and 5 between, not row 1 above the header, nor 7 and 8 (not in the grid)");
});

test("not a workbook, an unknown sheet, a damaged file: refused aloud, in both languages", async () => {
  const csv = new TextEncoder().encode("企业,年份\n甲,2025\n");
  assert.ok(!isExcel("a.csv", csv));
  assert.ok(isExcel("a.xlsx", csv), "by its name when the bytes do not say");
  for (const [bytes, sheet, code] of [[csv, null, "not_excel"], [readFileSync(at("tests/sheets/habits.xlsx")), "没有这个表", "unknown_sheet"], [Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]), null, "unreadable"]]) {
    const r = await loadExcel(P, bytes, { sheet });
    assert.equal(r.refused.code, code);
    assert.ok(r.refused.zh && r.refused.en && /[\u4e00-\u9fff]/.test(r.refused.zh));
  }
  const empty = await readWorkbook(readFileSync(at("tests/sheets/habits.xlsx")), null);
  assert.equal(empty.grid.sheet, BOOKS[0].sheets[0].name, "the first sheet by default");
});

test("a damaged .xls that traps the reader is refused aloud; the next file is read by a new instance", async () => {
  // tests/sheets/damaged.xls: habits.xls with a few bytes changed, so that calamine asks for
  // gigabytes and the part traps (found by mutating the fixture; about 1 in 200 such files)
  const damaged = readFileSync(at("tests/sheets/damaged.xls"));
  const part = await readPart();
  assert.throws(() => part.readSheet(damaged, undefined), WebAssembly.RuntimeError, "the part itself traps on it");
  const r = await loadExcel(P, damaged, {});
  assert.equal(r.refused.code, "unreadable");
  assert.ok(/损坏/.test(r.refused.zh) && /damaged/.test(r.refused.en));
  assert.notEqual(await readPart(), part, "a new instance after the trap");
  const next = await loadExcel(P, readFileSync(at("tests/sheets/habits.xlsx")), {});
  assert.equal(next.workbook.sheet, BOOKS[0].sheets[0].name);
  // and mutated workbooks, each read or refused aloud, never thrown
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8);
  for (const ext of FILES) {
    const base = readFileSync(at("tests/sheets/" + BOOKS[0].name + "." + ext));
    for (let i = 0; i < 60; i++) {
      const b = Uint8Array.from(base);
      for (let k = 0; k < 3; k++) b[rnd() % b.length] = rnd() & 255;
      const x = await loadExcel(P, b, {});
      assert.ok(x.refused ? x.refused.zh && x.refused.en : x.records, ext + " mutation " + i);
    }
  }
});

/** Tables in the shape xlsx-download.js takes, from a computed result (the enterprises, as the results CSV has them). */
function tablesOf(result) {
  const cats = P.categories;
  return [{
    name: "企业 Enterprises",
    columns: [{ label: "企业", kind: "text" }, { label: "年数", kind: "count" }, { label: "支持合计", kind: "money" }].concat(cats.map((c) => ({ label: c.label.zh, kind: "money" }))),
    rows: result.enterprises.map((e) => [e.enterprise, String(e.rows.length), e.baseline.total].concat(e.baseline.support)),
  }];
}

test("the .xlsx download: money as numbers equal to the engine's figures, text as text, read back by the read part", async () => {
  const sheet = EXPECTED[0]; // the clean rows of the first workbook sheet
  const result = await calculateBatch(engine, sheet.clean.concat([{ enterprise: "=HYPERLINK(\"x\")", year: 2025, expenses: [{ category: "brand_promotion", amount: "1" }] }]));
  const tables = tablesOf(result);
  const { bytes, problem } = await xlsxBytes(tables);
  assert.equal(problem, undefined);
  const back = await readWorkbook(bytes, null);
  const rows = back.grid.rows;
  assert.deepEqual(rows[0], tables[0].columns.map((c) => c.label).slice(0, rows[0].length));
  result.enterprises.forEach((e, i) => {
    assert.equal(rows[i + 1][0], e.enterprise, "a name is text, never a formula");
    assert.equal(exact(rows[i + 1][2]), exact(e.baseline.total), "the total, a number equal to the engine's");
    e.baseline.support.forEach((s, j) => assert.equal(exact(rows[i + 1][3 + j] || "0"), exact(s), "support " + j));
  });
  // a number, not the text written: the grid of a string "12345.60" would keep its zero
  assert.ok(rows.slice(1).some((r) => /\.[0-9]0$/.test(r[2])) === false, "money cells come back as numbers (no trailing zero)");
  const bad = await xlsxBytes([{ name: "t", columns: [{ label: "金额", kind: "money" }], rows: [["12万"]] }]);
  assert.equal(bad.problem.code, "money");
  assert.deepEqual([bad.problem.row, bad.problem.column], [2, 1]);
});

test("the bureau's report tables (tables.js) are the .xlsx: a sheet each, money read back as the engine's", async () => {
  const sheet = BOOKS[0].sheets[0];
  const loaded = loadSheet(P, new TextEncoder().encode(sheetCsv(sheet)), { encoding: "utf-8" });
  const { step, result } = await steps(loaded, sheet);
  const tables = reportTables(P, result, { date: "2026-12-06" });
  const problems = step.problems.length ? problemRows(step.problems) : null;
  const { bytes, problem } = await xlsxBytes(sheetTables(tables, problems));
  assert.equal(problem, undefined, problem && problem.zh);
  const names = (await readWorkbook(bytes, null)).grid.sheets;
  assert.equal(names.length, tables.length + (problems ? 1 : 0), names.join(", "));
  const totals = tables.find((t) => t.name === "totals");
  const back = (await readWorkbook(bytes, names[tables.indexOf(totals)])).grid.rows;
  assert.deepEqual(back[0], totals.columns.map((c) => c.label));
  const k = totals.columns.findIndex((c) => c.kind === "money");
  totals.rows.forEach((r, i) => assert.equal(exact(back[i + 1][k] || "0"), exact(r[totals.columns[k].key] || "0"), totals.name + " row " + i));
  if (problems) assert.equal((await readWorkbook(bytes, names[names.length - 1])).grid.rows.length, problems.length);
});
