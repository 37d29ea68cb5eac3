// Unit tests of the workspace's pure modules (www/element/workspace/): the share link's fragment
// (round trip, compact, name only when given, cut short or altered refused), a saved input back
// into the form's values (the inverse of buildRequest), the failures' words, the import's
// new/changed/unchanged; then the stored format through the shipped engine in Node, where
// there is no localStorage (pkg-office/, after `make build-office`).
//
//   node --test tests/node/workspace.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { optionalPackage } from "./packages.mjs";
import { encodeShare, decodeShare } from "../../www/element/workspace/share.js";
import { requestValues, fillFor } from "../../www/element/workspace/fill.js";
import { newId, today, failure, skippedText, changes, byName } from "../../www/element/workspace/store.js";
import { buildRequest } from "../../www/element/model.js";

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
  assert.deepEqual(y, { kind: "year", input, fingerprint: FP.slice(0, 16), name: "", contact: "" });
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
      { category: "brand_promotion", amount: "100000.00", other_policy_support: "20000.00" },
      { category: "brand_promotion", amount: "50000.00" },
      { category: "training", amount: "30000.00", conditions: { accredited: true } },
      { category: "national_demo_park" },
    ],
  };
  const values = requestValues(policy, saved);
  assert.deepEqual(values.map((v) => v.category), ["brand_promotion", "training", "national_demo_park"]);
  assert.deepEqual(values[0].amounts, ["100000.00", "50000.00"]);
  // Saved by the older one-field form: its support from elsewhere on the first entry comes back on the first item.
  assert.deepEqual(values[0].others, ["20000.00", ""]);
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
