// Unit tests of the workspace's pure modules (www/element/workspace/): the share link's fragment
// (round trip, compact, name only when given, cut short or altered refused), a saved input back
// into the form's values (the inverse of buildRequest), the failures' words, the import's
// new/changed/unchanged; then the stored format through the shipped engine in Node, where
// there is no localStorage (pkg-office/, after `make build-office`): each scenario's stamp, what
// changed under other policy data and its words, the report's policy version.
//
//   node --test tests/node/workspace.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { optionalPackage } from "./packages.mjs";
import { encodeShare, decodeShare } from "../../www/element/workspace/share.js";
import { requestValues, fillFor } from "../../www/element/workspace/fill.js";
import { newId, today, failure, skippedText, changes, byName } from "../../www/element/workspace/store.js";
import { buildRequest } from "../../www/element/model.js";
import { driftText, driftSentence } from "../../www/element/workspace/drift.js";
import { reportRows } from "../../www/element/workspace/report.js";
import { formatDifference } from "../../www/element/workspace/compare.js";
import { formatYuan } from "../../www/element/money.js";

// The workspace's storage is in the second package (pkg-office/: features batch and workspace),
// which the workspace loads after the first result; the calculator's engine (pkg/) has none of it.
const { glue, skip: NO_ENGINE } = await optionalPackage("pkg-office");

const FP = "0123456789abcdef".repeat(4);
const input = {
  year: 2025,
  expenses: [
    { category: "brand_promotion", amount: "300000.00" },
    { category: "overseas_showroom", amount: "150000.00", conditions: { showroom_months: 14 } },
  ],
};

test("a share fragment round-trips a year and a plan, with the fingerprint's first 16 hex", () => {
  const y = decodeShare(encodeShare("year", input, FP, null));
  assert.deepEqual(y, { kind: "year", input, fingerprint: FP.slice(0, 16), name: "", contact: "", scenario: "" });
  const plan = { years: [input, Object.assign({}, input, { year: 2026 })] };
  assert.equal(decodeShare(encodeShare("plan", plan, FP, null)).kind, "plan");
  assert.deepEqual(decodeShare(encodeShare("plan", plan, FP, null)).input, plan);
});

test("the client's name and contact go into the link only when given", () => {
  const bare = encodeShare("year", input, FP, null);
  const named = encodeShare("year", input, FP, { name: "嘉兴某某公司", contact: "张三" });
  const text = (f) => Buffer.from(f.slice(3).split(".")[0], "base64url").toString("utf8");
  assert.doesNotMatch(text(bare), /嘉兴|张三/);
  assert.deepEqual([decodeShare(named).name, decodeShare(named).contact], ["嘉兴某某公司", "张三"]);
});

test("the scenario's name goes into the link when given (issue 19)", () => {
  const input = { year: 2025, expenses: [] };
  assert.equal(decodeShare(encodeShare("year", input, FP, null, "2025 基础方案")).scenario, "2025 基础方案");
  assert.equal(decodeShare(encodeShare("year", input, FP, null)).scenario, "");
});

test("a typical scenario's link is compact enough to forward (under 400 characters)", () => {
  const f = encodeShare("year", input, FP, null);
  assert.ok(f.length < 400, f.length);
  assert.match(f, /^#s=[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
});

test("a fragment cut short, altered, or not ours is refused; one that is not a share link is ignored", () => {
  const f = encodeShare("year", input, FP, null);
  assert.equal(decodeShare(""), null);
  assert.equal(decodeShare("#section-2"), null);
  assert.deepEqual(decodeShare(f.slice(0, -3)), { error: "malformed" });
  assert.deepEqual(decodeShare(f.slice(0, 20) + (f[20] === "A" ? "B" : "A") + f.slice(21)), { error: "malformed" });
  assert.deepEqual(decodeShare("#s=abc"), { error: "malformed" });
  assert.deepEqual(decodeShare("#s=" + "A".repeat(20000) + ".00000000"), { error: "malformed" });
  // Well-formed and checked, but not a payload of ours.
  const body = Buffer.from(JSON.stringify({ v: 2, k: "y", i: {} })).toString("base64url");
  let h = 0x811c9dc5;
  for (const c of body) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  assert.deepEqual(decodeShare("#s=" + body + "." + h.toString(16).padStart(8, "0")), { error: "malformed" });
});

const policy = {
  categories: [
    { id: "brand_promotion", kind: "expense", conditions: [] },
    { id: "overseas_showroom", kind: "expense", conditions: [{ id: "showroom_months", type: "months" }] },
    { id: "training", kind: "expense", conditions: [{ id: "accredited", type: "bool" }] },
    { id: "national_demo_park", kind: "award", conditions: [] },
  ],
};

test("a saved input goes back into the form's values, and those build the same request", () => {
  const saved = {
    year: 2025,
    expenses: [
      { category: "brand_promotion", amount: "123400.00", other_policy_support: "23400.00" },
      { category: "brand_promotion", amount: "56700.00" },
      { category: "training", amount: "30000.00", conditions: { accredited: true } },
      { category: "national_demo_park" },
    ],
  };
  const values = requestValues(policy, saved);
  assert.deepEqual(values.map((v) => v.category), ["brand_promotion", "training", "national_demo_park"]);
  assert.deepEqual(values[0].amounts, ["123400.00", "56700.00"]);
  // Saved by the older one-field form: its support from elsewhere on the first entry comes back on the first item.
  assert.deepEqual(values[0].others, ["23400.00", ""]);
  assert.deepEqual(values[1].conditions, [{ id: "accredited", type: "bool", value: true }]);
  assert.equal(values[2].applying, true);
  assert.deepEqual(values[2].others, [""]);
  assert.deepEqual(buildRequest(2025, values).request, saved);
});

test("each item's support from elsewhere goes back with its item, an award's with it, and builds the same request", () => {
  const saved = {
    year: 2025,
    expenses: [
      { category: "brand_promotion", amount: "1.00" },
      { category: "training", amount: "3.00", other_policy_support: 4 },
      { category: "brand_promotion", amount: "2.00", other_policy_support: "5万" },
      { category: "national_demo_park", other_policy_support: "6.00" },
    ],
  };
  const values = requestValues(policy, saved);
  assert.deepEqual(values.map((v) => [v.category, v.amounts, v.others]), [
    ["brand_promotion", ["1.00", "2.00"], ["", "5万"]],
    ["training", ["3.00"], ["4"]],
    ["national_demo_park", [], ["6.00"]],
  ]);
  // The request again, in the form's order (by category), each item with its own.
  assert.deepEqual(buildRequest(2025, values).request.expenses, [
    { category: "brand_promotion", amount: "1.00" },
    { category: "brand_promotion", amount: "2.00", other_policy_support: "5万" },
    { category: "training", amount: "3.00", other_policy_support: "4" },
    { category: "national_demo_park", other_policy_support: "6.00" },
  ]);
});

test("a plan goes back per year, with what was already received", () => {
  const plan = { years: [{ year: 2025, expenses: [{ category: "brand_promotion", amount: "1.00" }] }, { year: 2026, expenses: [] }], already_received: [{ category: "brand_promotion", amount: "5.00" }] };
  const f = fillFor(policy, "plan", plan);
  assert.deepEqual([...f.perYear.keys()], [2025, 2026]);
  assert.deepEqual(f.perYear.get(2026), []);
  assert.equal(f.received.get("brand_promotion"), "5.00");
  assert.deepEqual(fillFor(policy, "year", input).year, 2025);
});

test("ids are in the stored format's alphabet; today is YYYY-MM-DD", () => {
  const a = newId("c", 1700000000000, 0.5);
  const b = newId("c", 1700000000000, 0.5);
  assert.match(a, /^[a-z0-9-]{1,64}$/);
  assert.notEqual(a, b);
  assert.equal(today(new Date(2026, 0, 5)), "2026-01-05");
});

test("failures are said in both languages; skipped entries name their place and the reader's words", () => {
  assert.match(failure({ code: "quota" }).zh, /已满/);
  assert.match(failure({ code: "quota" }).en, /full/);
  assert.match(failure(new Error("x")).en, /cannot store/);
  const s = { entry: "pinghu-subsidy/client/a", scenario: "方案一", code: "input", path: "client.scenarios[0].input", errors: [{ zh: "类别未知", en: "unknown category" }] };
  assert.equal(skippedText(s, "en"), "pinghu-subsidy/client/a — 方案一 · the input does not pass the calculator's checks (at client.scenarios[0].input): unknown category");
  assert.match(failure({ code: "file", skipped: { entry: "file", scenario: null, code: "format", path: "format", errors: null } }).zh, /不是本计算器的数据格式/);
});

test("an import's clients against the stored ones: new, changed, unchanged; lists by name", () => {
  const a = { id: "a", name: "乙", scenarios: [] };
  const b = { id: "b", name: "甲", scenarios: [] };
  const said = changes([a, b], [a, Object.assign({}, b, { notes: "x" }), { id: "c", name: "丙", scenarios: [] }]);
  assert.deepEqual(said.map((c) => c.id + ":" + c.change), ["a:unchanged", "b:changed", "c:new"]);
  assert.deepEqual(byName([a, b]).map((c) => c.name), ["乙", "甲"].sort());
});

test("through the engine: storage is said to be off where there is none (Node), and a bad file is refused with its reason", { skip: NO_ENGINE }, () => {
  assert.throws(() => glue.workspace_load(), (e) => e.code === "disabled");
  assert.throws(() => glue.workspace_save({ id: "a", name: "甲", scenarios: [] }), (e) => e.code === "disabled");
  assert.throws(() => glue.workspace_save({ id: "A", name: "甲" }), (e) => e.code === "invalid" && e.skipped.path === "id");
  assert.throws(() => glue.workspace_import("{"), (e) => e.code === "file" && e.skipped.code === "json");
  assert.throws(() => glue.workspace_import('{"format":"x","version":2}'), (e) => e.code === "file" && e.skipped.code === "format");
  const file = { format: "pinghu-subsidy/workspace", version: 2, exported: "2026-11-28", clients: [{ id: "a", name: "甲", scenarios: [{ id: "s1", name: "一", saved: "", kind: "year", input: { year: 2025, expenses: [{ category: "brand_promotion", amount: "30万" }] } }] }] };
  const read = glue.workspace_import(JSON.stringify(file));
  assert.equal(read.clients[0].scenarios[0].input.expenses[0].amount, "300000.00");
  assert.deepEqual(read.skipped, []);
  // The policy's fingerprint is in policy() and in every result.
  const fp = glue.policy().fingerprint;
  assert.match(fp, /^[0-9a-f]{64}$/);
  assert.equal(glue.calculate({ year: 2025, expenses: [] }).policy.fingerprint, fp);
});

test("the calculator's engine (pkg/) carries no workspace: it stays in its size budget", { skip: NO_ENGINE }, async () => {
  const main = new URL("../../pkg/", import.meta.url);
  const g = await import(new URL("pinghu_subsidy.js", main) + "?main");
  assert.equal(typeof g.workspace_load, "undefined");
  assert.equal(typeof g.calculate, "function");
  assert.equal(typeof glue.workspace_load, "function");
});

// ---------- stamps (format version 3): what a scenario gave when saved, under which policy data

/** A money string in fen, exactly (BigInt: never a JS Number), and back. */
const fen = (m) => BigInt(m.replace(".", ""));
const money = (f) => (f < 0n ? "-" : "") + ((f < 0n ? -f : f) / 100n).toString() + "." + ((f < 0n ? -f : f) % 100n).toString().padStart(2, "0");

const stampInput = {
  year: 2025,
  expenses: [
    { category: "brand_promotion", amount: "300000" },
    { category: "certification", amount: "80000" },
  ],
};
const scenario = () => ({ id: "s1", name: "方案一", saved: "2026-11-28", kind: "year", input: stampInput });

test("through the engine: a scenario is stamped with the policy data in use and the figures its result gives", { skip: NO_ENGINE }, () => {
  const stamp = glue.workspace_stamp(scenario());
  const policy = glue.policy();
  const result = glue.calculate(stampInput);
  assert.deepEqual(stamp.policy, { version: policy.version, fingerprint: policy.fingerprint });
  assert.deepEqual(stamp.policy, { version: result.policy.version, fingerprint: result.policy.fingerprint });
  assert.equal(stamp.total, result.total);
  assert.equal(stamp.awards_up_to, result.awards_up_to);
  assert.deepEqual(stamp.categories, result.lines.map((l) => ({ category: l.category, support: l.support })));
  // A plan's: each category summed over its years, by the engine.
  const plan = { years: [stampInput, Object.assign({}, stampInput, { year: 2026 })] };
  const planStamp = glue.workspace_stamp({ id: "s2", name: "二", saved: "", kind: "plan", input: plan });
  const planResult = glue.calculate_plan(plan);
  assert.equal(planStamp.total, planResult.total);
  const promo = planResult.years.flatMap((y) => y.lines).filter((l) => l.category === "brand_promotion").reduce((sum, l) => sum + fen(l.support), 0n);
  assert.equal(planStamp.categories.find((c) => c.category === "brand_promotion").support, money(promo));
  // An input the reader refuses is not stamped.
  assert.throws(() => glue.workspace_stamp({ id: "s1", name: "一", saved: "", kind: "year", input: { year: 0 } }), (e) => e.code === "invalid" && e.skipped.code === "input");
});

test("through the engine: under the same policy data nothing changed, and nothing more is said", { skip: NO_ENGINE }, () => {
  const s = Object.assign(scenario(), { stamp: glue.workspace_stamp(scenario()) });
  const d = glue.workspace_drift(s);
  assert.equal(d.same_policy, true);
  assert.deepEqual(d.categories, []);
  assert.equal(driftText(glue.policy(), "zh", { drift: d }), null);
  assert.equal(glue.workspace_drift(scenario()), null, "no stamp: nothing to compare");
});

test("through the engine: saved under another version, both totals and each changed item are said with the engine's figures, in both languages", { skip: NO_ENGINE }, () => {
  const policy = glue.policy();
  const now = glue.workspace_stamp(scenario());
  // As if saved under another version: another fingerprint, a higher total, the first item's support higher.
  const old = JSON.parse(JSON.stringify(now));
  old.policy = { version: "older-draft", fingerprint: "f".repeat(64) };
  old.total = money(fen(now.total) + 123456n);
  old.categories[0].support = money(fen(now.categories[0].support) + 100n);
  const d = glue.workspace_drift(Object.assign(scenario(), { stamp: old }));
  assert.equal(d.same_policy, false);
  assert.deepEqual([d.saved.version, d.now.version], ["older-draft", policy.version]);
  assert.deepEqual(d.total, { saved: old.total, now: now.total, difference: money(fen(now.total) - fen(old.total)) });
  assert.equal(d.awards_up_to, null);
  assert.deepEqual(d.categories.map((c) => [c.category, c.saved, c.now]), [[now.categories[0].category, old.categories[0].support, now.categories[0].support]]);

  const label = (L) => policy.categories.find((c) => c.id === now.categories[0].category).label[L];
  const zh = driftText(policy, "zh", { drift: d });
  assert.ok(zh.lines.some((t) => t.includes("older-draft") && t.includes(policy.version)));
  const totals = zh.lines.find((t) => t.includes(formatYuan(old.total)));
  assert.ok(totals && totals.includes(formatYuan(now.total)) && totals.includes(formatDifference(d.total.difference)), JSON.stringify(zh.lines));
  assert.deepEqual(zh.changes, [label("zh") + "：保存时 " + formatYuan(old.categories[0].support) + "，当前 " + formatYuan(now.categories[0].support) + "（变化 " + formatDifference(d.categories[0].difference) + "）"]);
  const en = driftText(policy, "en", { drift: d });
  assert.ok(en.changes[0].startsWith(label("en") + ": " + formatYuan(old.categories[0].support) + " when saved"));
  assert.match(driftSentence(en, "en"), /saved under policy data version older-draft/);
  assert.ok(driftSentence(zh, "zh").includes(zh.changes[0]));

  // The report says which version its figures are under (the result's), and the scenario's then.
  const result = glue.calculate(stampInput);
  const rows = reportRows(policy, "zh", { kind: "year", result: result, client: null, preparer: "", date: "2026-11-29", scenario: "方案一", drift: d });
  const head = new Map(rows.head);
  assert.equal(head.get("金额所依据的政策数据版本"), result.policy.version);
  assert.equal(head.get("政策数据指纹（SHA-256）"), result.policy.fingerprint);
  assert.equal(head.get("方案保存时的政策数据版本"), "older-draft（当时预计支持合计 " + formatYuan(old.total) + "）");
  const plain = new Map(reportRows(policy, "en", { kind: "year", result: result, client: null, preparer: "", date: "2026-11-29", scenario: "" }).head);
  assert.equal(plain.get("Figures under policy data version"), result.policy.version);
  assert.equal(plain.has("Scenario saved under policy data version"), false);
});

test("a scenario saved before stamps is said to have none; a category the policy in use lacks is named by its id", () => {
  const p = { version: "v-now", categories: [{ id: "a", label: { zh: "甲", en: "A" } }] };
  assert.match(driftText(p, "zh", { unstamped: true, now: "v-now" }).lines[0], /未记录政策数据版本.*v-now/);
  const d = { same_policy: false, saved: { version: "v", fingerprint: "a".repeat(64) }, now: { version: "v", fingerprint: "b".repeat(64) }, total: { saved: "2.00", now: "1.00", difference: "-1.00" }, awards_up_to: null, categories: [{ category: "gone", saved: "1.00", now: null, difference: null }] };
  const t = driftText(p, "en", { drift: d });
  // The same version name: told apart by the fingerprint.
  assert.ok(t.lines[0].includes("v · " + "a".repeat(12)) && t.lines[0].includes("v · " + "b".repeat(12)), t.lines[0]);
  assert.deepEqual(t.changes, ["gone: " + formatYuan(d.categories[0].saved) + " when saved, not in that result now"]);
});

test("through the engine: the export file carries the stamps, and a version 2 file is read with none", { skip: NO_ENGINE }, () => {
  const stamped = Object.assign(scenario(), { stamp: glue.workspace_stamp(scenario()) });
  const v3 = { format: "pinghu-subsidy/workspace", version: 3, exported: "2026-11-28", clients: [{ id: "a", name: "甲", contact: "", notes: "", scenarios: [stamped] }] };
  const read = glue.workspace_import(JSON.stringify(v3));
  assert.deepEqual(read.skipped, []);
  assert.deepEqual(read.clients[0].scenarios[0].stamp, stamped.stamp);
  const v2 = { format: "pinghu-subsidy/workspace", version: 2, exported: "2026-11-28", clients: [{ id: "a", name: "甲", scenarios: [scenario()] }] };
  const old = glue.workspace_import(JSON.stringify(v2));
  assert.deepEqual(old.skipped, []);
  assert.equal("stamp" in old.clients[0].scenarios[0], false);
  // A stamp out of bounds is said and dropped; the scenario stays.
  const bad = JSON.parse(JSON.stringify(v3));
  bad.clients[0].scenarios[0].stamp.policy.fingerprint = "x";
  const got = glue.workspace_import(JSON.stringify(bad));
  assert.equal(got.clients[0].scenarios.length, 1);
  assert.deepEqual([got.skipped[0].code, got.skipped[0].path, got.skipped[0].scenario], ["field", "clients[0].scenarios[0].stamp.policy.fingerprint", "方案一"]);
});
