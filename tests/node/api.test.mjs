// The shipped module (pkg/, the MVP build the page loads) through its JS API:
// the README's example, the documented shape, errors with paths, and hostile
// input answered without trapping the instance.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPackage } from "./packages.mjs";

// PINGHU_PKG: another build of the engine (the rehearsal's fixture policy, `make test-rehearsal`).
const { calculate, calculate_plan, policy, read_amount } = await loadPackage("pkg");

const money = /^\d+\.\d{2}$/;

// The README's figures are documentation of the plan: a policy update changes them with the
// scenario tables, and this test names the line to update (it writes no figure of its own).
test("the README example gives what the README says", { skip: process.env.PINGHU_PKG ? "the README documents the plan, not another build" : false }, () => {
  const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
  const result = calculate({
    year: 2025,
    expenses: [
      { category: "brand_promotion", amount: "30万" },
      { category: "overseas_showroom", amount: 150000, conditions: { showroom_months: 14 } },
      { category: "certification", amount: "80,000", other_policy_support: "20000" },
    ],
  });
  // Each `result.x; // value` line of the README's example must hold.
  assert.match(readme, new RegExp(`result\\.total;\\s*// "${result.total.replace(".", "\\.")}"`), `README: result.total // "${result.total}"`);
  assert.match(readme, new RegExp(`result\\.lines\\[0\\]\\.capped;\\s*// ${result.lines[0].capped}`), `README: result.lines[0].capped // ${result.lines[0].capped}`);
  assert.ok(readme.includes(`// "${result.lines[0].explanation.zh}"`), `the README quotes the explanation: ${result.lines[0].explanation.zh}`);
  const codes = result.notices.map((n) => n.code);
  const shown = codes.slice(0, 7).map((c) => `"${c}"`).join(", ");
  assert.ok(readme.includes(`// [${shown}, …]`), `README: result.notices.map(n => n.code) // [${shown}, …]`);
  // The document's notices come first, in the data's order.
  const own = policy().document.notices.map((n) => n.code);
  assert.deepEqual(codes.slice(0, own.length), own);
});

test("a result has the documented shape", () => {
  const r = calculate({ year: 2025, expenses: [
    { category: "overseas_legal", amount: 400000 },
    { category: "national_demo_park" },
  ] });
  assert.deepEqual(Object.keys(r).sort(), ["awards_up_to", "in_force", "lines", "notices", "policy", "total", "year"]);
  assert.match(r.total, money);
  assert.equal(r.total, r.lines.find((l) => l.category === "overseas_legal").support);
  assert.equal(r.awards_up_to, policy().categories.find((c) => c.id === "national_demo_park").cap);
  assert.deepEqual(Object.keys(r.policy), ["id", "version", "fingerprint"]);
  assert.match(r.policy.fingerprint, /^[0-9a-f]{64}$/);
  assert.equal(r.policy.fingerprint, policy().fingerprint);
  for (const l of r.lines) {
    for (const k of ["category", "clause", "cap", "cap_period", "support", "other_policy_support"]) assert.equal(typeof l[k], "string", k);
    for (const k of ["capped", "upper_bound", "eligible", "rate_assumed"]) assert.equal(typeof l[k], "boolean", k);
    assert.match(l.support, money);
    assert.match(l.cap, money);
    assert.ok(l.explanation.zh && l.explanation.en);
  }
  const award = r.lines.find((l) => l.category === "national_demo_park");
  assert.equal(award.upper_bound, true);
  assert.equal(award.expense, null);
  assert.equal(award.rate, null);
  for (const n of r.notices) assert.ok(n.code && n.zh && n.en);
});

test("a JS number is read by its shortest decimal form", () => {
  assert.equal(read_amount(100.05), "100.05");
  const one = (amount) => calculate({ year: 2025, expenses: [{ category: "brand_promotion", amount }] });
  assert.deepEqual(one(100.05), one("100.05"));
  assert.equal(read_amount("100.05"), "100.05");
  assert.throws(() => read_amount(0.1 + 0.2), (e) => e.errors[0].code === "amount_precision");
});

test("errors name their field in Chinese and English, all of them", () => {
  let caught;
  try {
    calculate({ year: 2025, expenses: [
      { category: "brand_promotion", amount: "abc" },
      { category: "brand_promotion", amount: "-5" },
      { category: "brand_promotion", amount: "1.234" },
      { category: "overseas_showroom", amount: 1, conditions: { showroom_months: 1.5 } },
    ], extra: true });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error);
  assert.ok(!caught.message.startsWith("Error: "), caught.message);
  const byPath = Object.fromEntries(caught.errors.map((e) => [e.path, e]));
  assert.deepEqual(Object.keys(byPath).sort(), [
    "expenses[0].amount", "expenses[1].amount", "expenses[2].amount", "expenses[3].conditions.showroom_months", "extra",
  ]);
  assert.equal(byPath["expenses[1].amount"].code, "amount_negative");
  for (const e of caught.errors) {
    assert.match(e.zh, /[\u4e00-\u9fff]/, "Chinese");
    assert.match(e.en, /[a-z]/, "English");
    assert.ok(caught.message.includes(e.path));
  }
});

test("hostile input is answered and the instance keeps working", () => {
  const before = calculate({ year: 2025, expenses: [{ category: "overseas_legal", amount: "0.03" }] });
  const hostile = [
    undefined, null, 0, "", [], () => 1, Symbol("s"), 10n,
    { year: 2025, expenses: [{ category: "brand_promotion", amount: NaN }] },
    { year: 2025, expenses: [{ category: "brand_promotion", amount: Infinity }] },
    { year: 2025, expenses: [{ category: "brand_promotion", amount: 1e308 }] },
    { year: 2025, expenses: [{ category: "brand_promotion", amount: 5e-324 }] },
    { year: 2025, expenses: [{ category: "brand_promotion", amount: 2 ** 53 + 1 }] },
    { year: 2 ** 53 + 1, expenses: [] },
    { year: 2025, expenses: [{ category: "<img src=x onerror=alert(1)>".repeat(1000), amount: "9".repeat(1e6) }] },
    new Proxy({}, { ownKeys() { throw new Error("trap"); } }),
    (() => { const o = { year: 2025 }; o.expenses = [o]; return o; })(),
  ];
  for (const h of hostile) {
    assert.throws(() => calculate(h), (e) => Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => x.path));
  }
  assert.deepEqual(calculate({ year: 2025, expenses: [{ category: "overseas_legal", amount: "0.03" }] }), before);
});

test("policy() gives the form everything it needs", () => {
  const p = policy();
  // How many there are, and which, is the data's business (tests/node/follows-data.test.mjs).
  assert.ok(p.measures.length > 0 && p.categories.length > 0);
  assert.ok(["draft", "final"].includes(p.document.status));
  assert.ok(p.document.first_year <= p.document.last_year);
  const applicants = p.applicants.map((a) => a.id);
  for (const c of p.categories) assert.ok(applicants.includes(c.applicant), c.id);
  for (const m of p.measures) assert.deepEqual(m.categories, p.categories.filter((c) => c.measure === m.id).map((c) => c.id));
  for (const c of p.categories) {
    assert.match(c.cap, money);
    assert.ok(c.label.zh && c.label.en && c.hint.zh && c.hint.en && c.cap_source);
    assert.equal(c.rate === null, c.kind === "award");
    for (const k of c.conditions) assert.ok(["bool", "months", "count"].includes(k.type));
  }
});

test("policy() lists what the measures promise without an amount, and the overlaps", () => {
  const p = policy();
  assert.deepEqual([...new Set(p.promises.map((x) => x.measure))], ["8", "9", "12", "14", "15", "16"]);
  for (const x of p.promises) assert.ok(x.text.zh && x.text.en && x.source);
  const both = calculate({ year: 2025, expenses: [
    { category: "platform_onboarding", amount: 1000 }, { category: "brand_promotion", amount: 1000 },
  ] });
  assert.equal(both.notices.filter((n) => n.code === "overlap").length, 1);
  const one = calculate({ year: 2025, expenses: [{ category: "platform_onboarding", amount: 1000 }] });
  assert.equal(one.notices.filter((n) => n.code === "overlap").length, 0);
});

test("calculate and calculate_plan with a lang: that language's words only, the same figures; a bad lang throws", () => {
  const P = policy();
  const year = P.document.first_year + 1 <= P.document.last_year ? P.document.first_year + 1 : P.document.first_year;
  const cat = P.categories.find((c) => c.kind === "expense");
  const input = { year, expenses: [{ category: cat.id, amount: "100000" }] };
  const both = calculate(input);
  for (const [lang, key, other] of [["zh-CN", "zh", "en"], ["en", "en", "zh"]]) {
    const one = calculate(input, lang);
    assert.equal(one.total, both.total);
    assert.deepEqual(one.lines.map((l) => [l.category, l.support]), both.lines.map((l) => [l.category, l.support]));
    assert.deepEqual(one.notices.map((n) => n[key]), both.notices.map((n) => n[key]));
    assert.ok(one.notices.every((n) => n[other] === "") && one.lines.every((l) => l.explanation[other] === ""), lang);
    assert.ok(JSON.stringify(one).length < JSON.stringify(both).length);
    const plan = calculate_plan({ years: [input] }, lang);
    assert.ok(plan.notices.every((n) => n[other] === "") && plan.years.every((y) => y.notices.every((n) => n[other] === "")), lang);
    assert.equal(plan.total, calculate_plan({ years: [input] }).total);
  }
  assert.throws(() => calculate(input, "fr"), /lang: "zh-CN" or "en"/);
  assert.throws(() => calculate_plan({ years: [input] }, "zh-TW"), /lang/);
});
