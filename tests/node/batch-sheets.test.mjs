// The batch page's reading of sheets as clerks make them (issue 18): www/batch/cells.js,
// mapping.js, sheet.js and load.js, the same steps the page runs, on every sheet of
// tests/sheets/make.mjs. Each sheet's totals are compared with the engine's totals for the same
// enterprises written cleanly (`clean`), through the shipped second package: no figure of the
// policy is written here. Messages are checked at their row and column.
//
//   node --test tests/node/batch-sheets.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { sheets, loadEngine } from "../sheets/make.mjs";
import { yesNo, amountText, headerUnit, nameKey, exact, addExact, fromExact, looksWan, isTotalName, isAccountingZero } from "../../www/batch/cells.js";
import { autoMapping, applySaved, toSaved, savedKey, mappingProblems, CREDIT } from "../../www/batch/mapping.js";
import { loadSheet, review } from "../../www/batch/load.js";
import { problemRows, nearDuplicates, cellNote } from "../../www/batch/sheet.js";
import { toEnterprises, locate } from "../../www/batch/columns.js";
import { runBatch, calculateBatch } from "../../www/batch/run.js";
import { parseCsv, mixedLines } from "../../www/batch/csv.js";

const engine = await loadEngine();
const P = engine.policy();
const SHEETS = sheets(P);

/** The page's steps for a sheet, with the officer's actions: `{ loaded, step, result }`. */
async function throughPage(sheet, { act = true } = {}) {
  const loaded = loadSheet(P, sheet.bytes, { encoding: "auto" });
  if (loaded.refused) return { loaded };
  let fillDown = false;
  let step = review(P, loaded, false);
  const first = step;
  const initial = loaded.mapping;
  if (act) {
    for (const a of sheet.actions || []) {
      if (a === "fill-down") fillDown = true;
      else if (a.unit) loaded.mapping = loaded.mapping.map((f, i) => (i === a.unit - 1 ? { ...f, unit: a.value } : f));
    }
    step = review(P, loaded, fillDown);
  }
  const { enterprises, places } = toEnterprises(step.prepared.columns, step.prepared.records);
  const result = await runBatch(engine, enterprises);
  return { loaded, initial, first, step, result, enterprises, places };
}

test("cells: yes and no as clerks write them; anything else is neither", () => {
  for (const y of ["是", "√", "✓", "有", "Y", "y", "yes", "YES", "1", "１"]) assert.equal(yesNo(y), true, y);
  for (const n of ["否", "无", "未申报", "不适用", "—", "-", "/", "×", "N/A", "n/a", "0", "", " ", " - ", "No"]) assert.equal(yesNo(n), false, n);
  for (const x of ["待定", "2", "是的吧", "?"]) assert.equal(yesNo(x), null, x);
});

test("cells: amounts for the engine's reader, units in headers, exact sums in strings", () => {
  assert.equal(amountText(" - ", "元"), "");
  assert.equal(amountText("-", "元"), "");
  assert.ok(isAccountingZero("¥ - "));
  assert.equal(amountText("12.5", "万元"), "12.5万");
  assert.equal(amountText("１２．５", "万元"), "１２．５万");
  assert.equal(amountText("12万", "万元"), "12万", "a cell's own unit wins");
  assert.equal(amountText("8000元", "万元"), "8000元");
  assert.equal(amountText("-5", "元"), "-5", "a negative amount goes to the engine, which refuses it");
  assert.deepEqual(headerUnit("自主品牌推广（元）"), { name: "自主品牌推广", unit: "元" });
  assert.deepEqual(headerUnit("认证 (万元)"), { name: "认证", unit: "万元" });
  assert.deepEqual(headerUnit("维权代理费万元"), { name: "维权代理费", unit: "万元" });
  assert.deepEqual(headerUnit("企业"), { name: "企业", unit: null });
  assert.equal(nameKey("嘉兴（平湖）甲"), nameKey("嘉兴(平湖) 甲"));
  assert.equal(nameKey("ＡＢＣ公司"), nameKey("abc公司"));
  assert.notEqual(nameKey("平湖甲"), nameKey("平湖乙"));
  assert.equal(addExact(exact("0.1"), exact("0.2")), exact("0.3"), "no float in a sum");
  assert.equal(fromExact(addExact(exact("1,234.56"), exact("1.5", "万元"))), "16234.56");
  assert.equal(exact("18万5千"), null, "compounds are not compared");
  assert.ok(looksWan(["12.5", "3", "8.75"]));
  assert.ok(!looksWan(["125000", "3.5"]));
  assert.ok(!looksWan(["3", "8"]), "whole numbers without decimals: not said");
  for (const t of ["合计", "2025年小计", "合 计", "总计：", "汇总（全市）", "Total"]) assert.ok(isTotalName(t), t);
  for (const t of ["联合计算机公司", "平湖汇总贸易有限公司甲"]) assert.ok(!isTotalName(t), t);
});

test("csv: an open quote's line, blank lines counted, mixed encodings found", () => {
  const info = {};
  parseCsv('a,b\n1,2\n\n"3,4\n5,6\n', info);
  assert.deepEqual(info, { openQuote: 4, blank: 1 });
  const s = SHEETS.find((x) => x.name === "mixed-encoding");
  assert.equal(mixedLines(s.bytes), 1);
  assert.equal(mixedLines(SHEETS.find((x) => x.name === "gbk").bytes), 0, "GBK alone is not mixed");
});

test("mapping: saved for the same header, refused for another", () => {
  const header = ["企业", "年份", P.categories[0].label.zh + "（万元）", "备注"];
  const m = autoMapping(P, header);
  assert.deepEqual(m.map((f) => [f.key, f.unit]), [["enterprise", null], ["year", null], [P.categories[0].id, "万元"], ["", null]]);
  const changed = m.map((f, i) => (i === 2 ? { ...f, unit: "元" } : f));
  const saved = JSON.parse(JSON.stringify(toSaved(changed)));
  assert.deepEqual(applySaved(P, header, saved).map((f) => f.unit), [null, null, "元", null]);
  assert.equal(applySaved(P, header.slice(0, 3), saved), null);
  assert.equal(savedKey(header), savedKey(header.slice()));
  assert.notEqual(savedKey(header), savedKey(header.slice(0, 3)));
  assert.equal(autoMapping(P, ["统一社会信用代码", "企业名称", "年度"])[0].key, CREDIT);
  // unused columns of numbers that are not money say nothing: 序号, phones, a count of rows
  const h2 = ["序号", "企业", "年份", "联系电话", "", "备用金额"];
  const recs = [["1", "甲", "2025", "13800000000", "1", "300"], ["2", "乙", "2025", "13900000000", "2", "450.5"]].map((fields, i) => ({ line: i + 2, fields }));
  assert.deepEqual(mappingProblems(P, autoMapping(P, h2), recs).map((p) => [p.column, p.code]), [[6, "unused_numbers"]]);
});

for (const sheet of SHEETS) {
  test("sheet " + sheet.name + ": " + sheet.about, async () => {
    const r = await throughPage(sheet);
    if (sheet.status === "refused") {
      assert.ok(r.loaded.refused, "the file is refused");
      const m = sheet.messages[0];
      assert.equal(r.loaded.refused.code, m.code);
      assert.equal(r.loaded.refused.line, m.line);
      assert.match(r.loaded.refused.zh, new RegExp("第" + m.line + "行"));
      return;
    }
    assert.equal(r.first.asks || r.loaded.mixed > 0, sheet.status === "review", "the mapping step " + (sheet.status === "review" ? "asks first" : "computes at once"));
    for (const m of sheet.mapping || []) {
      const f = r.initial[m.column - 1];
      assert.equal(f.key, m.key, "column " + m.column);
      if (m.unit) assert.equal(f.unit, m.unit, "column " + m.column + " unit");
    }
    // every message at its row and column
    const said = r.first.problems.map((p) => ({ line: 0, column: p.column, code: p.code })).concat(r.step.prepared.notes);
    if (r.loaded.mixed) said.push({ line: 0, column: 0, code: "mixed_encoding" });
    for (const m of sheet.messages) {
      const hit = said.find((n) => n.code === m.code && n.line === m.line && n.column === m.column);
      assert.ok(hit, "said: " + JSON.stringify(m) + " among " + JSON.stringify(said.map((n) => [n.line, n.column, n.code])));
      if (m.count) assert.deepEqual([hit.from, hit.to, hit.count], [m.from, m.to, m.count]);
    }
    const lines = r.step.prepared.notes.map((n) => n.line);
    assert.deepEqual(lines, lines.slice().sort((a, b) => a - b), "in row order");
    if (sheet.blank != null) assert.equal(r.loaded.blank + r.step.prepared.counts.blank, sheet.blank);
    // the engine's refusals at their row and column, the cell as typed and its unit said
    assert.equal(r.result.errors.length, (sheet.engine || []).length, JSON.stringify(r.result.errors));
    for (const m of sheet.engine || []) {
      const found = r.result.errors.map((p) => ({ p, at: locate(r.places, r.step.prepared.columns, p) })).find((x) => x.at.line === m.line && x.at.column + 1 === m.column && x.p.code === m.code);
      assert.ok(found, "the engine refuses " + JSON.stringify(m));
      assert.ok(cellNote(r.step.prepared, r.loaded.mapping, found.at).zh.indexOf(m.says) >= 0);
    }
    if (!sheet.clean) return;
    const want = await calculateBatch(engine, sheet.clean);
    assert.deepEqual(want.errors, [], "the clean rows are clean");
    assert.equal(r.result.totals.baseline.total, want.totals.baseline.total, "support: the engine's for the clean rows");
    assert.equal(r.result.totals.baseline.awards_up_to, want.totals.baseline.awards_up_to, "awards: the engine's for the clean rows");
    assert.equal(r.result.totals.enterprises, want.totals.enterprises);
    if (sheet.enterprises) assert.equal(r.result.totals.enterprises, sheet.enterprises);
    assert.deepEqual(r.result.enterprises.map((e) => e.enterprise), want.enterprises.map((e) => e.enterprise));
  });
}

test("empty conditions: the batch engine counts them per category with the engine's if_eligible for those rows", async () => {
  const sheet = SHEETS.find((s) => s.name === "empty-conditions");
  const r = await throughPage(sheet);
  // One row per enterprise in this sheet: what the plan adds is each line's if_eligible.
  assert.equal(r.result.totals.enterprises, sheet.clean.length, "premise: one row per enterprise");
  const got = r.result.totals.range.empty_conditions.map((e) => ({ category: e.category, rows: e.rows, extra: e.adds }));
  const want = [];
  for (const c of P.categories) {
    const lines = sheet.empty[c.id];
    if (!lines) continue;
    let sum = "0";
    for (const line of lines) {
      const row = sheet.clean[line - 2];
      const res = engine.calculate({ year: row.year, expenses: [row.expenses.find((x) => x.category === c.id)] });
      sum = addExact(sum, exact(res.lines.find((l) => l.category === c.id).if_eligible));
    }
    want.push({ category: c.id, rows: lines.length, extra: fromExact(sum) });
  }
  assert.deepEqual(got, want);
  assert.ok(got.every((g) => g.extra !== "0.00"), "rows left at zero would add something");
});

test("a sheet the same as a clean one but for the merge: the bracket variants share one cap", async () => {
  const sheet = SHEETS.find((s) => s.name === "brackets");
  const apart = await calculateBatch(engine, sheet.clean.map((r, i) => (i === 1 ? { ...r, enterprise: "嘉兴(平湖)甲" } : r)));
  const merged = await throughPage(sheet);
  assert.equal(apart.totals.enterprises, 4);
  assert.equal(merged.result.totals.enterprises, 3);
  assert.notEqual(merged.result.totals.baseline.total, apart.totals.baseline.total, "two caps would be more");
});

test("the problem list as CSV rows: a header, then row, column, kind and both languages", async () => {
  const r = await throughPage(SHEETS.find((s) => s.name === "subtotal"));
  const rows = problemRows(r.step.prepared.notes);
  assert.equal(rows[0].length, 5);
  assert.deepEqual(rows.slice(1).map((x) => x[0]), ["4", "7", "8"]);
  assert.match(rows[1][3], /第4行“2025年小计”/);
});

test("near-duplicates: a company suffix or one character apart (eight or more without the suffix), found without comparing every pair", () => {
  const list = (names) => names.map((name, i) => ({ name, lines: [i + 2] }));
  const pairs = (names) => nearDuplicates(list(names)).map((p) => p.map((w) => w.name).join("~"));
  assert.deepEqual(pairs(["平湖丙", "平湖丙有限公司"]), ["平湖丙~平湖丙有限公司"]);
  assert.deepEqual(pairs(["浙江嘉兴平湖进出口贸易公司", "浙江嘉兴平湖进出囗贸易有限公司"]), ["浙江嘉兴平湖进出口贸易公司~浙江嘉兴平湖进出囗贸易有限公司"]);
  assert.deepEqual(pairs(["嘉兴平湖甲贸易公司", "嘉兴平湖乙贸易公司"]), [], "short names one character apart are other enterprises");
  assert.deepEqual(pairs(["乙公司", "丙公司", "丁公司", "平湖乙", "平湖丙"]), [], "short names differ by design");
  const many = Array.from({ length: 20000 }, (_, i) => "平湖第" + i + "号贸易有限公司");
  const t = Date.now();
  assert.deepEqual(nearDuplicates(list(many)), [], "a digit apart is another enterprise");
  assert.ok(Date.now() - t < 5000, "20,000 names in " + (Date.now() - t) + " ms");
});

test("a near-duplicate the officer confirms is counted as one enterprise", async () => {
  const sheet = SHEETS.find((s) => s.name === "brackets");
  const loaded = loadSheet(P, sheet.bytes, {});
  const near = review(P, loaded, false).prepared.notes.filter((n) => n.kind === "near_duplicate");
  assert.equal(near.length, 1);
  loaded.same = [near[0].names];
  const step = review(P, loaded, false);
  assert.equal(step.prepared.notes.filter((n) => n.kind === "near_duplicate").length, 0, "no longer asked");
  const { enterprises } = toEnterprises(step.prepared.columns, step.prepared.records);
  const got = await runBatch(engine, enterprises);
  const want = await calculateBatch(engine, sheet.clean.map((r) => (r.enterprise === near[0].names[1] ? { ...r, enterprise: near[0].names[0] } : r)));
  assert.equal(got.totals.enterprises, 2);
  assert.equal(got.totals.baseline.total, want.totals.baseline.total);
});
