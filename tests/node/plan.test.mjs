// calculate_plan through the shipped module (pkg/): the README's example, the
// documented shape, caps across the years, errors with their paths, and
// hostile input answered without trapping the instance. Also headroom and
// "up to" rates in calculate().
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pkg = new URL("../../pkg/", import.meta.url);
const { default: init, calculate, calculate_plan } = await import(new URL("pinghu_subsidy.js", pkg));
await init({ module_or_path: readFileSync(fileURLToPath(new URL("pinghu_subsidy_bg.wasm", pkg))) });

const money = /^\d+\.\d{2}$/;
const fen = (s) => BigInt(s.replace(".", ""));

test("the README's calculate_plan example gives what the README says", () => {
  const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
  const plan = calculate_plan({
    years: [
      { year: 2025, expenses: [{ category: "brand_promotion", amount: "15万" }] },
      { year: 2026, expenses: [{ category: "brand_promotion", amount: "15万" }] },
    ],
  });
  assert.equal(plan.total, "100000.00");
  assert.deepEqual(plan.years.map((y) => y.total), ["75000.00", "25000.00"]);
  assert.deepEqual(plan.caps[0], {
    category: "brand_promotion", cap: "100000.00", cap_period: "per_enterprise", used: "100000.00", remaining: "0.00",
    by_year: [{ year: 2025, used: "75000.00" }, { year: 2026, used: "25000.00" }],
  });
  assert.ok(plan.notices.some((n) => n.code === "reading_cap_over_plan" && n.en.includes("¥150,000.00")));
  // Each `plan.x; // value` line of the README's example must hold.
  const shows = (expr, value) => assert.ok(readme.split("\n").some((l) => l.startsWith(`${expr};`) && l.includes(`// ${value}`)), `README: ${expr} // ${value}`);
  shows("plan.total", `"${plan.total}"`);
  shows("plan.years.map(y => y.total)", `["${plan.years[0].total}", "${plan.years[1].total}"]`);
  const h = plan.years[0].lines[0].headroom;
  shows("plan.years[0].lines[0].headroom", `{ expense_to_cap: "${h.expense_to_cap}", support_left: "${h.support_left}" }`);
  assert.ok(readme.includes('import init, { calculate, calculate_plan, policy, read_amount }'));
});

test("a plan has the documented shape, each year the shape of calculate()", () => {
  const plan = calculate_plan({
    years: [
      { year: 2024, expenses: [{ category: "platform_onboarding", amount: 15000 }] },
      { year: 2025, expenses: [{ category: "platform_onboarding", amount: 15000 }, { category: "national_demo_park" }] },
    ],
    already_received: [{ category: "certification", amount: "1万" }],
  });
  assert.deepEqual(Object.keys(plan).sort(), ["awards_up_to", "caps", "notices", "policy", "total", "years"]);
  assert.equal(plan.total, "20000.00");
  assert.equal(plan.awards_up_to, "500000.00");
  const single = calculate({ year: 2025, expenses: [] });
  for (const y of plan.years) {
    assert.deepEqual(Object.keys(y).sort(), Object.keys(single).sort());
    for (const l of y.lines) {
      assert.ok("headroom" in l && "cap_left" in l && typeof l.rate_up_to === "boolean");
      if (l.cap_left !== null) assert.match(l.cap_left, money);
    }
  }
  const later = plan.years[1].lines.find((l) => l.category === "platform_onboarding");
  assert.equal(later.support, "5000.00");
  assert.equal(later.cap_left, "5000.00");
  assert.match(later.explanation.en, /was used in 2024/);
  for (const c of plan.caps) {
    assert.deepEqual(Object.keys(c).sort(), ["by_year", "cap", "cap_period", "category", "remaining", "used"]);
    assert.match(c.used, money);
  }
  const cert = plan.caps.find((c) => c.category === "certification");
  assert.deepEqual([cert.used, cert.remaining, cert.by_year], ["10000.00", "90000.00", []]);
  for (const n of plan.notices) assert.ok(n.code && n.zh && n.en);
});

test("years given twice or out of order are errors with their paths, every problem listed", () => {
  let caught;
  try {
    calculate_plan({
      years: [
        { year: 2026, expenses: [{ category: "brand_promotion", amount: "abc" }] },
        { year: 2025, expenses: [] },
        { year: 2025, expenses: [] },
      ],
      already_received: [{ category: "nope", amount: -1 }],
    });
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof Error);
  const byPath = Object.fromEntries(caught.errors.map((e) => [e.path, e.code]));
  assert.deepEqual(byPath, {
    "years[0].expenses[0].amount": "amount_format",
    "years[1].year": "year_order",
    "years[2].year": "year_twice",
    "already_received[0].amount": "amount_negative",
    "already_received[0].category": "unknown_category",
  });
});

test("calculate() keeps its shape; lines say headroom and up-to rates", () => {
  const r = calculate({ year: 2025, expenses: [{ category: "brand_promotion", amount: 150000 }] });
  assert.deepEqual(Object.keys(r).sort(), ["awards_up_to", "in_force", "lines", "notices", "policy", "total", "year"]);
  const l = r.lines[0];
  assert.deepEqual(l.headroom, { expense_to_cap: "50000.00", support_left: "25000.00" });
  assert.equal(l.rate_up_to, true);
  assert.ok(l.explanation.zh.includes("再投入 ¥50,000.00 可达上限，可多获 ¥25,000.00"));
  assert.ok(r.notices.some((n) => n.code === "rate_up_to"));
});

test("the issue's overlap examples hold through the JS API", () => {
  const total = (expenses) => calculate({ year: 2025, expenses }).total;
  assert.equal(total([{ category: "brand_promotion", amount: 300000, other_policy_support: 60000 }]), "40000.00");
  assert.equal(total([
    { category: "certification", amount: 20000, other_policy_support: 50000 }, { category: "certification", amount: 30000 },
  ]), "30000.00");
  assert.equal(total([
    { category: "brand_promotion", amount: 200000 }, { category: "brand_promotion", amount: 200000, other_policy_support: 150000 },
  ]), "100000.00");
  const parks = calculate({ year: 2025, expenses: [
    { category: "provincial_demo_park" }, { category: "national_demo_park", other_policy_support: 400000 },
  ] });
  assert.equal(parks.awards_up_to, "100000.00");
  assert.ok(parks.notices.some((n) => n.code === "reading_one_matter"));
});

test("hostile plans are answered and the instance keeps working", () => {
  const hostile = [
    undefined, null, 0, "", [], () => 1, Symbol("s"), 10n, { years: 1 }, { years: [1, "x", null] },
    { years: Array.from({ length: 13 }, (_, i) => ({ year: 2020 + i, expenses: [] })) },
    { years: [{ year: 2025, expenses: [] }], already_received: [{ category: "brand_promotion", amount: 1e308 }] },
    new Proxy({}, { ownKeys() { throw new Error("trap"); } }),
    (() => { const o = { years: [] }; o.years.push(o); return o; })(),
  ];
  for (const h of hostile) {
    assert.throws(() => calculate_plan(h), (e) => Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => x.path));
  }
  assert.equal(calculate_plan({ years: [{ year: 2025, expenses: [{ category: "overseas_legal", amount: "0.03" }] }] }).total, "0.02");
  assert.equal(fen(calculate({ year: 2025, expenses: [{ category: "overseas_legal", amount: "0.03" }] }).total), 2n);
});
