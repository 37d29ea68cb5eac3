// Unit tests of the workspace's client list and what it remembers (www/element/workspace/
// settings.js, issue 19): pinyin order (not code points), the last used first, two clients of the
// same name told apart, search; the settings written only when asked and read back, a bad entry
// read as none, erased; a scenario's summary (its years and its total when saved).
//
//   node --test tests/node/workspace-clients.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { orderClients, clientLabel, searchClients, readSettings, writeSettings, eraseSettings, SETTINGS_KEY } from "../../www/element/workspace/settings.js";
import { scenarioSummary } from "../../www/element/workspace/list.js";
import { WS } from "../../www/element/workspace/strings.js";
import { formatYuan } from "../../www/element/money.js";

const c = (id, name, extra) => Object.assign({ id, name, contact: "", credit_code: "", town: "", notes: "", scenarios: [] }, extra || {});

test("clients in pinyin order (上海 after 北京, unlike code points), the last used first", () => {
  const list = [c("a", "中国箱包"), c("b", "上海贸易"), c("d", "北京电商")];
  assert.ok("上" < "北", "premise: code-point order differs");
  assert.deepEqual(orderClients(list, {}).map((x) => x.name), ["北京电商", "上海贸易", "中国箱包"]);
  assert.deepEqual(orderClients(list, { a: 5, b: 9 }).map((x) => x.name), ["上海贸易", "中国箱包", "北京电商"]);
});

test("two clients of the same name are told apart; search finds by name, town, contact or credit code", () => {
  const list = [c("a", "甲公司", { town: "当湖街道" }), c("b", "甲公司", { credit_code: "91350100M000100Y43" }), c("x", "乙公司", { contact: "张经理" })];
  assert.notEqual(clientLabel(list[0], list), clientLabel(list[1], list));
  assert.equal(clientLabel(list[2], list), "乙公司");
  assert.deepEqual(searchClients(list, "当湖").map((x) => x.id), ["a"]);
  assert.deepEqual(searchClients(list, "张").map((x) => x.id), ["x"]);
  assert.deepEqual(searchClients(list, "m000").map((x) => x.id), ["b"]);
  assert.equal(searchClients(list, " ").length, 3);
});

function memory() {
  const m = new Map();
  return { getItem: (k) => (m.has(k) ? m.get(k) : null), setItem: (k, v) => m.set(k, String(v)), removeItem: (k) => m.delete(k), m };
}

test("the settings: nothing until written, read back, a bad entry read as none, erased; storage that throws is ignored", () => {
  const s = memory();
  const none = readSettings(s);
  assert.deepEqual(none, { preparer: "", firm: "", consultant: "", lastClient: "", used: {} });
  assert.equal(s.m.size, 0, "reading writes nothing");
  const next = writeSettings(s, none, { preparer: "李顾问", lastClient: "c-1" }, "c-1", 42);
  assert.deepEqual(readSettings(s), next);
  assert.deepEqual(next.used, { "c-1": 42 });
  s.setItem(SETTINGS_KEY, "[1,2]");
  assert.deepEqual(readSettings(s), none);
  eraseSettings(s);
  assert.equal(s.m.size, 0);
  const off = { getItem: () => { throw new Error("off"); }, setItem: () => { throw new Error("off"); }, removeItem: () => { throw new Error("off"); } };
  assert.deepEqual(readSettings(off), none);
  assert.equal(writeSettings(off, none, { preparer: "x" }).preparer, "x");
  eraseSettings(off);
});

test("a scenario's summary: its year or years and its total when saved (when it has a stamp)", () => {
  const w = WS.zh;
  const year = { kind: "year", input: { year: 2025, expenses: [] }, stamp: { total: "12345.00" } };
  assert.equal(scenarioSummary(year, w), w.kindYear(2025) + " · " + w.totalThen(formatYuan("12345.00")));
  const plan = { kind: "plan", input: { years: [{ year: 2025 }, { year: 2026 }, { year: 2027 }] } };
  assert.equal(scenarioSummary(plan, w), w.kindPlanYears(2025, 2027));
  assert.match(scenarioSummary(plan, WS.en), /2025–2027/);
});
