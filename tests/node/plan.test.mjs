// calculate_plan through the shipped module (pkg/): the README's example, the
// documented shape, caps across the years, errors with their paths, and
// hostile input answered without trapping the instance. Also headroom and
// "up to" rates in calculate().
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadPackage } from "./packages.mjs";

// PINGHU_PKG: another build of the engine (the rehearsal's fixture policy, `make test-rehearsal`).
const { calculate, calculate_plan, policy } = await loadPackage("pkg");

const money = /^\d+\.\d{2}$/;
const fen = (s) => BigInt(s.replace(".", ""));

// The README's figures are documentation of the plan: this test names the line to update.
test("the README's calculate_plan example gives what the README says", { skip: process.env.PINGHU_PKG ? "the README documents the plan, not another build" : false }, () => {
  const readme = readFileSync(fileURLToPath(new URL("../../README.md", import.meta.url)), "utf8");
  const plan = calculate_plan({
    years: [
      { year: 2025, expenses: [{ category: "brand_promotion", amount: "15万" }] },
      { year: 2026, expenses: [{ category: "brand_promotion", amount: "15万" }] },
    ],
  });
  const cap = plan.caps[0];
  assert.deepEqual([cap.category, cap.used, cap.remaining], ["brand_promotion", plan.total, "0.00"]);
  assert.deepEqual(cap.by_year.map((y) => y.used), plan.years.map((y) => y.total));
  assert.ok(plan.notices.some((n) => n.code === "reading_cap_over_plan"));
  // Each `plan.x; // value` line of the README's example must hold.
  const shows = (expr, value) => assert.ok(readme.split("\n").some((l) => l.startsWith(`${expr};`) && l.includes(`// ${value}`)), `README: ${expr} // ${value}`);
  shows("plan.total", `"${plan.total}"`);
  shows("plan.years.map(y => y.total)", `["${plan.years[0].total}", "${plan.years[1].total}"]`);
  const h = plan.years[0].lines[0].headroom;
  shows("plan.years[0].lines[0].headroom", h ? `{ expense_to_cap: "${h.expense_to_cap}", support_left: "${h.support_left}" }` : "null");
  assert.ok(readme.includes('import init, { calculate, calculate_plan, policy, read_amount }'));
});

test("a plan has the documented shape, each year the shape of calculate()", () => {
  const first = policy().document.first_year;
  const platform = policy().categories.find((c) => c.id === "platform_onboarding");
  // The plan's first year asks each expense its start condition (from the data).
  const start = {};
  platform.conditions.filter((k) => k.only_year === first).forEach((k) => { start[k.id] = k.expect; });
  const plan = calculate_plan({
    years: [
      { year: first, expenses: [{ category: "platform_onboarding", amount: 15000, conditions: start }] },
      { year: first + 1, expenses: [{ category: "platform_onboarding", amount: 15000 }, { category: "national_demo_park" }] },
    ],
    already_received: [{ category: "certification", amount: "1万" }],
  });
  assert.deepEqual(Object.keys(plan).sort(), ["awards_up_to", "caps", "notices", "policy", "total", "years"]);
  // Figures from the data: a one-time support is paid once (the earliest of equal years),
  // certification's cap less what was received.
  const capOf = (id) => fen(policy().categories.find((c) => c.id === id).cap);
  assert.ok(capOf("platform_onboarding") >= 1500000n, "premise: 15,000 is within the one-time cap");
  assert.equal(fen(plan.total), 1500000n);
  assert.equal(fen(plan.awards_up_to), capOf("national_demo_park"));
  const single = calculate({ year: 2025, expenses: [] });
  for (const y of plan.years) {
    assert.deepEqual(Object.keys(y).sort(), Object.keys(single).sort());
    for (const l of y.lines) {
      assert.ok("headroom" in l && "cap_left" in l && typeof l.rate_up_to === "boolean");
      if (l.cap_left !== null) assert.match(l.cap_left, money);
    }
  }
  const later = plan.years[1].lines.find((l) => l.category === "platform_onboarding");
  assert.equal(fen(later.support), 0n);
  assert.match(later.explanation.en, new RegExp(`counted in ${first}`));
  assert.ok(plan.years[1].notices.some((n) => n.code === "once_paid" && n.category === "platform_onboarding"));
  for (const c of plan.caps) {
    assert.deepEqual(Object.keys(c).sort(), ["by_year", "cap", "cap_period", "category", "claimed_in", "remaining", "used"]);
    assert.match(c.used, money);
  }
  assert.equal(plan.caps.find((c) => c.category === "platform_onboarding").claimed_in, first);
  const cert = plan.caps.find((c) => c.category === "certification");
  assert.deepEqual([fen(cert.used), fen(cert.remaining), cert.by_year], [1000000n, capOf("certification") - 1000000n, []]);
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

test("calculate() keeps its shape; lines say headroom and up-to rates", (t) => {
  // An expense category with no condition asked every year, preferably one whose rate the text
  // words as a ceiling (rate_up_to), whose cap ÷ rate is a whole number of fen; in the year after
  // the plan's first (no start condition).
  const P = policy();
  const year = P.document.first_year + 1;
  const ratio = (c) => {
    const [int, frac = ""] = c.rate.split(".");
    return [BigInt(int + frac), 10n ** BigInt(frac.length)];
  };
  const fits = (c) => c.kind === "expense" && c.conditions.every((k) => k.only_year != null) && Number(c.rate) > 0 && (fen(c.cap) * ratio(c)[1]) % ratio(c)[0] === 0n;
  const c = P.categories.find((x) => fits(x) && x.rate_up_to) || P.categories.find(fits);
  if (!c) return t.skip("no expense category of this policy without conditions has a cap that is a whole number of fen at its rate");
  // From the data: what more spending reaches the cap (cap ÷ rate − the amount), and what it adds.
  const [num, den] = ratio(c);
  const reach = (fen(c.cap) * den) / num;
  const yuanOf = (f) => `${f / 100n}.${String(f % 100n).padStart(2, "0")}`;
  const spent = reach / 2n; // half of what reaches the cap: under it
  const r = calculate({ year, expenses: [{ category: c.id, amount: yuanOf(spent) }] });
  assert.deepEqual(Object.keys(r).sort(), ["awards_up_to", "in_force", "lines", "notices", "policy", "total", "year"]);
  const l = r.lines[0];
  assert.deepEqual(l.headroom, { expense_to_cap: yuanOf(reach - spent), support_left: yuanOf(fen(c.cap) - fen(l.support)) });
  assert.equal(l.rate_up_to, c.rate_up_to);
  const grouped = (s) => "¥" + s.replace(/\B(?=(\d{3})+(?!\d))(?=\d*\.)/g, ",");
  // Worded as what the text allows, not as advice to spend.
  assert.ok(l.explanation.zh.includes(`距上限尚余 ${grouped(l.headroom.support_left)}（费用再多 ${grouped(l.headroom.expense_to_cap)} 即达上限）`), l.explanation.zh);
  // The up-to notice exactly when the data words the rate as a ceiling.
  assert.equal(r.notices.some((n) => n.code === "rate_up_to" && n.category === c.id), c.rate_up_to);
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
  // Still working: a plan of one year is that year's calculate().
  const year = { year: 2025, expenses: [{ category: "overseas_legal", amount: "0.03" }] };
  assert.equal(calculate_plan({ years: [year] }).total, calculate(year).total);
});
