// The workspace's import (issue 19): a file's bytes must be UTF-8 (a GBK file is refused, not
// turned to mojibake); the preview per client and scenario (new, changed with what differs,
// unchanged, only here) and the clients an import stores (it only adds; a client with the same id
// and another name is asked about); undo puts back what was there. Then through the shipped engine
// (pkg-office/): a backup of 300 clients × 10 plans, over the boundary's per-call limit as a whole,
// is read client by client; a file whose names carry U+FFFD is refused.
//
//   node --test tests/node/workspace-import.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { optionalPackage } from "./packages.mjs";
import { formatYuan } from "../../www/element/money.js";
import { backupFile } from "../browser/backup-file.mjs";
import { decodeFile, importPlan, nextClient, undoStep, changesSomething, MAX_IMPORT_BYTES, sizeText } from "../../www/element/workspace/import-plan.js";

const { glue, skip: NO_ENGINE } = await optionalPackage("pkg-office");

/** "嘉兴市" in GBK (its bytes are not UTF-8). */
const GBK = Uint8Array.from([0xbc, 0xce, 0xd0, 0xcb, 0xca, 0xd0]);

test("a file's bytes are read as UTF-8 only: GBK is refused; UTF-8 (with or without a BOM) is read", () => {
  assert.deepEqual(decodeFile(GBK), { error: "encoding" });
  const json = '{"name":"嘉兴市"}';
  assert.equal(decodeFile(new TextEncoder().encode(json)).text, json);
  assert.equal(decodeFile(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(json)])).text, json);
  assert.match(sizeText(MAX_IMPORT_BYTES + 1), /MB$/);
});

const sc = (id, name, amount) => ({ id, name, saved: "2026-12-01", kind: "year", input: { year: 2025, expenses: [{ category: "x", amount }] } });
const client = (id, name, scenarios, extra) => Object.assign({ id, name, contact: "", notes: "", credit_code: "", town: "", revision: 3, scenarios, kept: [] }, extra || {});

test("the preview lists per client new, changed (with the fields that differ), unchanged and only-local; a same-id other-name client is asked about", () => {
  const local = [client("a", "甲", [sc("s1", "一", "1.00"), sc("s2", "二", "2.00"), sc("s3", "三", "3.00")]), client("b", "乙", [])];
  const file = [client("a", "甲", [sc("s1", "一", "1.00"), sc("s2", "二改", "9.00"), sc("s4", "四", "4.00")], { notes: "文件备注" }), client("b", "另一家公司", [sc("s9", "九", "9.00")]), client("c", "丙", [sc("s1", "一", "1.00")])];
  const plan = importPlan(local, file);
  assert.deepEqual(plan.map((e) => e.kind), ["merge", "otherName", "new"]);
  assert.deepEqual(plan[0].scenarios.map((s) => s.id + ":" + s.change + ":" + s.fields.join("+")), ["s1:unchanged:", "s2:changed:name+input", "s4:new:", "s3:local:"]);
  assert.deepEqual(plan[0].fields, ["notes"]);
  // By default: the new scenario added, nothing local changed or removed.
  const step = nextClient(plan[0], false, "skip", () => "x");
  assert.equal(step.base, local[0]);
  assert.deepEqual(step.next.scenarios.map((s) => s.id + ":" + s.name), ["s1:一", "s2:二", "s3:三", "s4:四"]);
  assert.equal(step.next.notes, "");
  // Taking the file's: the changed scenario and field replaced, still nothing removed.
  const taken = nextClient(plan[0], true, "skip", () => "x").next;
  assert.deepEqual(taken.scenarios.map((s) => s.id + ":" + s.name), ["s1:一", "s2:二改", "s3:三", "s4:四"]);
  assert.equal(taken.notes, "文件备注");
  // Same id, another name: skipped unless chosen; "separate" is a new client; "merge" merges.
  assert.equal(nextClient(plan[1], true, "skip", () => "x"), null);
  const sep = nextClient(plan[1], false, "separate", () => "c-new");
  assert.deepEqual([sep.base, sep.next.id, sep.next.name], [null, "c-new", "另一家公司"]);
  assert.equal(nextClient(plan[1], false, "merge", () => "x").next.name, "乙");
  assert.deepEqual(nextClient(plan[2], false, "skip", () => "x"), { base: null, next: file[2] });
  // Nothing new and nothing taken: nothing stored.
  const same = importPlan(local, [local[0]]);
  assert.equal(changesSomething(same[0], true), false);
  assert.equal(nextClient(same[0], true, "skip", () => "x"), null);
  // Undo stores what was there before over what the import stored (null: removes a new client).
  assert.deepEqual(undoStep({ base: local[0] }, taken), { base: taken, next: local[0] });
  assert.deepEqual(undoStep({ base: null }, file[2]), { base: file[2], next: null });
});

/** The boundary's limit on the values one call reads (src/boundary/inert.js). */
const LIMIT = Number(/nodes:\s*(\d+)/.exec(readFileSync(new URL("../../src/boundary/inert.js", import.meta.url), "utf8"))[1]);

function countValues(v) {
  if (Array.isArray(v)) return 1 + v.reduce((n, x) => n + countValues(x), 0);
  if (v && typeof v === "object") return 1 + Object.values(v).reduce((n, x) => n + countValues(x), 0);
  return 1;
}

test("through the engine: a backup of 300 clients × 10 plans, over the boundary's limit as a whole, reads client by client", { skip: NO_ENGINE }, () => {
  const file = backupFile(glue, 300, 10);
  const text = JSON.stringify(file, null, 2);
  assert.ok(countValues(file) > LIMIT, "premise: the file as a whole is over the boundary's limit");
  const read = glue.workspace_import(text);
  assert.deepEqual(read.skipped, []);
  assert.equal(read.clients.length, file.clients.length);
  assert.ok(read.clients.every((c) => c.scenarios.length === file.clients[0].scenarios.length));
  console.log(`# 300 × 10 plans: ${(text.length / 1e6).toFixed(1)} M characters, ${countValues(file)} values`);
});

test("through the engine: a file whose names carry U+FFFD is refused with where", { skip: NO_ENGINE }, () => {
  const mojibake = new TextDecoder("utf-8").decode(GBK);
  const file = { format: "pinghu-subsidy/workspace", version: 4, exported: "2026-12-01", clients: [{ id: "a", name: mojibake, scenarios: [] }] };
  assert.throws(() => glue.workspace_import(JSON.stringify(file)), (e) => e.code === "file" && e.skipped.code === "encoding" && e.skipped.path === "clients[0].name");
});

test("through the engine: the report as a deliverable: an award marked 最高 and out of the total, a plan's years without costs left out, CSV money as numbers, the clause text per line, no form labels", { skip: NO_ENGINE }, async () => {
  const { reportRows, reportCsv } = await import("../../www/element/workspace/report.js");
  const { reportText } = await import("../../www/element/workspace/wechat.js");
  const p = glue.policy();
  const award = p.categories.find((c) => c.kind === "award");
  const expense = p.categories.find((c) => c.kind === "expense");
  const y0 = p.document.first_year;
  const input = { years: [{ year: y0, expenses: [{ category: expense.id, amount: "100000" }, { category: award.id }] }, { year: y0 + 1, expenses: [] }] };
  const result = glue.calculate_plan(input);
  const client = { name: "甲公司", contact: "", credit_code: "91350100M000100Y43", town: "当湖街道" };
  const rows = reportRows(p, "zh", { kind: "plan", result, client, preparer: "李顾问", firm: "某某咨询", consultant: "0573-1234", date: "2026-12-01", scenario: "未保存的方案" });
  assert.equal(rows.sections.length, result.years.filter((y) => y.lines.length > 0).length, "years without costs left out");
  assert.ok(rows.sections.length < result.years.length, "premise: a year without costs");
  const lines = rows.sections.flatMap((s) => s.lines);
  const a = lines.find((l) => l.award);
  const aLine = result.years[0].lines.find((l) => l.category === award.id);
  assert.equal(a.support, "最高 " + formatYuan(aLine.support));
  assert.equal(rows.totalValue, result.total);
  const m = p.measures.find((x) => x.id === aLine.clause);
  assert.equal(a.quote, m.text, "the clause's text, from policy()");
  const head = new Map(rows.head);
  for (const [k, v] of [["统一社会信用代码", client.credit_code], ["所属镇街道", client.town], ["编制机构", "某某咨询"], ["顾问联系方式", "0573-1234"]]) assert.equal(head.get(k), v);
  assert.ok(![...head.keys()].some((k) => /（可选）/.test(k)), "no form labels");
  const csv = reportCsv(rows, "zh");
  const { WS } = await import("../../www/element/workspace/strings.js");
  assert.ok(csv.includes("\r\n" + WS.zh.reportTotal + "," + result.total + "\r\n"), "the total as a number");
  const eLine = result.years[0].lines.find((l) => l.category === expense.id);
  assert.ok(csv.includes("," + eLine.expense + "," + eLine.support + ","), "money as plain decimals");
  assert.ok(csv.includes(",," + aLine.support + ","), "the award's ceiling in its own column, not as support");
  const text = reportText(rows, "zh");
  assert.ok(text.includes("甲公司") && text.includes(rows.total) && text.includes("不计入合计"));
});
