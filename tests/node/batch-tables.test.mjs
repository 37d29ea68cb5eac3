// The batch report as tables (www/batch/tables.js): the shape every renderer takes (page,
// printout, CSV, .xlsx), each figure the engine's totals, the range and its readings, the
// what-if's rate and cap in the caps table, subtotals per town or tier from passed-through
// columns, and the CSV that writes them all. Categories are picked by property from policy();
// no figure of the policy is written here.
//
//   node --test tests/node/batch-tables.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPackage } from "./packages.mjs";
import { calculateBatch } from "../../www/batch/run.js";
import { reportTables, tablesCsv, sheetGroups } from "../../www/batch/tables.js";
import { resultsCsv } from "../../www/batch/report.js";
import { autoMapping, GROUPS } from "../../www/batch/mapping.js";
import { parseCsv } from "../../www/batch/csv.js";
import { toEnterprises } from "../../www/batch/columns.js";
import { prepareSheet } from "../../www/batch/sheet.js";

const engine = await loadPackage("pkg-office");
const P = engine.policy();
const D = P.document;
const YEARS = [];
for (let y = D.first_year; y <= D.last_year; y++) YEARS.push(y);
const fen = (s) => BigInt(String(s).replace(".", ""));
const yuan = (f) => { const s = f.toString().padStart(3, "0"); return s.slice(0, -2) + "." + s.slice(-2); };

// Expense categories with no condition asked every year, one with an undated cap (read over the plan).
const PLAIN = P.categories.filter((c) => c.kind === "expense" && c.conditions.every((k) => k.only_year != null || k.default != null));
const periodOf = (c) => P.cap_periods.find((p) => p.id === c.cap_period);
const UNDATED = PLAIN.find((c) => periodOf(c).scope === "plan" && periodOf(c).reading != null);
const ASKED = P.categories.find((c) => c.kind === "expense" && c.conditions.some((k) => k.only_year == null && k.default == null));

/** Rows: enterprises over every plan year, amounts past the caps, some with an empty condition. */
function rows() {
  const out = [];
  for (let i = 0; i < 12; i++) {
    for (const y of YEARS) {
      const expenses = PLAIN.filter((c, k) => (i + k) % 2 === 0).map((c) => ({ category: c.id, amount: yuan(fen(c.cap) * BigInt(1 + (i % 3))) }));
      if (ASKED && i % 4 === 0) expenses.push({ category: ASKED.id, amount: "10000" });
      out.push({ enterprise: "E" + i, year: y, expenses });
    }
  }
  return out;
}

const money = /^-?\d+\.\d{2}$/;

test("every table has the one shape: name, title, typed columns, rows keyed by them; money as decimal strings", async () => {
  const r = await calculateBatch(engine, rows());
  const tables = reportTables(P, r, { date: "2026-12-06" });
  const names = tables.map((t) => t.name);
  for (const n of ["about", "totals", "years", "range", "caps", "notices", "enterprises"]) assert.ok(names.includes(n), n);
  for (const t of tables) {
    assert.equal(typeof t.title, "string");
    for (const c of t.columns) assert.ok(["text", "money", "count"].includes(c.kind), t.name + "." + c.key);
    for (const row of t.rows) {
      for (const c of t.columns) {
        const v = row[c.key];
        if (v == null) continue;
        if (c.kind === "money") assert.match(v, money, t.name + "." + c.key);
        if (c.kind === "count") assert.ok(Number.isInteger(v), t.name + "." + c.key);
        if (c.kind === "text") assert.equal(typeof v, "string", t.name + "." + c.key);
      }
    }
  }
  const about = tables[0].rows.map((x) => x.value).join(" ");
  assert.ok(about.includes(P.version) && about.includes("2026-12-06"));
  if (P.fingerprint) assert.ok(about.includes(P.fingerprint));
});

test("per measure and year: each cell the engine's, the overall rows its totals, the years the plan's", async () => {
  const r = await calculateBatch(engine, rows());
  const b = r.totals.baseline;
  const t = reportTables(P, r).find((x) => x.name === "years");
  assert.deepEqual(t.columns.filter((c) => /^y\d+$/.test(c.key)).map((c) => parseInt(c.key.slice(1), 10)), YEARS);
  const overall = t.rows.filter((x) => x.role === "overall");
  assert.equal(overall.length, 2);
  assert.equal(overall[0].total, b.total);
  assert.equal(overall[1].total, b.awards_up_to);
  for (const y of b.years) assert.equal(overall[0]["y" + y.year], y.total);
  // The measure rows of support add up, year by year, to the overall row.
  const support = t.rows.filter((x) => !x.role && x.kind === overall[0].kind);
  for (const y of YEARS) {
    const sum = support.reduce((s, x) => s + fen(x["y" + y]), 0n);
    assert.equal(yuan(sum), overall[0]["y" + y], String(y));
  }
  assert.ok(fen(b.total) > 0n, "premise: support in the plan");
});

test("the range: at the text first, the yearly reading and the empty conditions when they matter", async () => {
  const r = await calculateBatch(engine, rows());
  const t = reportTables(P, r).find((x) => x.name === "range");
  const g = r.totals.range;
  assert.equal(t.rows[0].total, r.totals.baseline.total);
  assert.equal(t.rows.length, 1 + (g.readings.length ? 1 : 0) + (g.empty_conditions.length ? 1 : 0));
  if (g.readings.length) assert.ok(t.rows.some((x) => x.total === g.yearly_reading.total));
  if (UNDATED) assert.ok(fen(g.yearly_reading.total) > fen(r.totals.baseline.total), "caps reached in every year: more when read yearly");
  if (ASKED) {
    const e = reportTables(P, r).find((x) => x.name === "empty_conditions");
    assert.equal(e.rows.length, g.empty_conditions.length);
    assert.ok(t.rows.some((x) => x.total === g.conditions_met.total));
  }
  // The notices: each document notice once.
  const n = reportTables(P, r).find((x) => x.name === "notices");
  for (const d of D.notices) assert.equal(n.rows.filter((x) => x.code === d.code).length, 1, d.code);
});

test("the caps table shows the what-if's rate and cap beside the policy's", async (t) => {
  const c = PLAIN[0];
  if (!c || c.rate == null) return t.skip("no expense category with a rate");
  const cap = yuan(fen(c.cap) * 2n);
  const r = await calculateBatch(engine, rows(), { overlay: { [c.id + ".rate"]: "0.1", [c.id + ".cap"]: cap } }); // input, not a policy figure
  const caps = reportTables(P, r).find((x) => x.name === "caps");
  const row = caps.rows[P.categories.findIndex((x) => x.id === c.id)];
  assert.equal(row.cap, c.cap);
  assert.equal(row.changed_cap, cap);
  assert.equal(row.changed_rate, "10%");
  assert.notEqual(row.rate, row.changed_rate);
  const other = caps.rows.find((x, i) => P.categories[i].kind === "expense" && P.categories[i].id !== c.id);
  assert.equal(other.changed_rate, other.rate, "an unchanged category keeps its rate");
  // Every enterprise the what-if changes is in the changed table.
  const changed = reportTables(P, r).find((x) => x.name === "changed");
  assert.equal(changed.rows.length, r.totals.changed_enterprises);
});

test("镇街道 and 梯度 columns pass through and give subtotals that add up to the total", async () => {
  const c = PLAIN[0];
  const header = ["企业", "年份", "镇街道", "梯度", c.label.zh];
  const mapping = autoMapping(P, header);
  assert.deepEqual(mapping.map((f) => f.key), ["enterprise", "year", GROUPS[0].key, GROUPS[1].key, c.id]);
  const towns = ["当湖街道", "钟埭街道", "乍浦镇"]; // input, not a policy figure
  const records = [];
  for (let i = 0; i < 9; i++) records.push({ line: i + 2, fields: ["企业" + i, String(YEARS[1]), towns[i % 3], i < 4 ? "A" : "B", String(10000 * (i + 1))] });
  const prepared = prepareSheet(P, mapping, records);
  const { enterprises, places } = toEnterprises(prepared.columns, prepared.records);
  const { runBatch } = await import("../../www/batch/run.js");
  const result = await runBatch(engine, enterprises);
  const groups = sheetGroups(mapping, prepared, places, result);
  assert.deepEqual(groups.map((g) => g.key), [GROUPS[0].key, GROUPS[1].key]);
  const tables = reportTables(P, result, { groups });
  const town = tables.find((x) => x.name === GROUPS[0].key);
  assert.deepEqual(town.rows.map((x) => x.group).sort(), towns.slice().sort());
  assert.equal(yuan(town.rows.reduce((s, x) => s + fen(x.total), 0n)), result.totals.baseline.total);
  assert.equal(town.rows.reduce((s, x) => s + x.enterprises, 0), 9);
  const tier = tables.find((x) => x.name === GROUPS[1].key);
  const a = tier.rows.find((x) => x.group === "A");
  const want = result.enterprises.filter((e, i) => i < 4).reduce((s, e) => s + fen(e.baseline.total), 0n);
  assert.equal(a.total, yuan(want));
  assert.ok(fen(result.totals.baseline.total) > 0n);
});

test("the CSV writes every table: its title, its header, money as the engine wrote it", async () => {
  const r = await calculateBatch(engine, rows());
  const tables = reportTables(P, r, { date: "2026-12-06" });
  const csv = tablesCsv(tables);
  assert.ok(csv.startsWith("\uFEFF"));
  assert.equal(resultsCsv(P, r, { date: "2026-12-06" }), csv, "the results download is the tables");
  const lines = parseCsv(csv.slice(1)).map((x) => x.fields);
  for (const t of tables) {
    const at = lines.findIndex((f) => f[0] === t.title);
    assert.ok(at >= 0, t.title);
    assert.deepEqual(lines[at + 1], t.columns.map((c) => c.label));
    // Its rows, then (after a blank line, which the reader skips) the next table's title.
    const next = lines[at + 2 + t.rows.length];
    assert.ok(!next || tables.some((x) => x.title === next[0]), t.name + ": " + (next || []).join(","));
  }
  const years = tables.find((t) => t.name === "years");
  const at = lines.findIndex((f) => f[0] === years.title);
  const k = years.columns.findIndex((c) => c.key === "total");
  assert.equal(lines[at + 2 + years.rows.length - 2][k], r.totals.baseline.total);
});

test("the sort keys order money exactly as compareMoney does, and the sort follows them", async () => {
  const { moneyKey, compareMoney, sortEnterprises } = await import("../../www/batch/report.js");
  const list = ["0.00", "0.01", "0.1", "5", "5.00", "9.99", "10.00", "0010.5", "199999.99", "200000.00", "99999999999999999.99", "100000000000000000.00"]; // input, not a policy figure
  for (let i = 0; i < 40; i++) list.push(String((i * 7919) % 100003) + "." + String((i * 31) % 100).padStart(2, "0"));
  for (const a of list) for (const b of list) {
    const k = moneyKey(a) < moneyKey(b) ? -1 : moneyKey(a) > moneyKey(b) ? 1 : 0;
    assert.equal(k, compareMoney(a, b), a + " vs " + b);
  }
  const ents = list.map((t, i) => ({ enterprise: "E" + i, baseline: { total: t } }));
  const down = sortEnterprises(ents, "total", -1).map((e) => e.baseline.total);
  for (let i = 1; i < down.length; i++) assert.ok(compareMoney(down[i - 1], down[i]) >= 0, down[i - 1] + " before " + down[i]);
});
