// Fuzzing the shipped module through its JS API with arbitrary JS values:
// every input gets a result or an Error with an `errors` array whose entries
// name a path; nothing traps (a WebAssembly.RuntimeError would fail here).
// `make test` runs a bounded number of cases; `make fuzz` sets FUZZ_CASES.
// A failure prints its seed: FUZZ_SEED=<seed> reproduces it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPackage } from "./packages.mjs";

// PINGHU_PKG: another build of the engine (the rehearsal's fixture policy, `make test-rehearsal`).
const { calculate, calculate_plan, read_amount, policy } = await loadPackage("pkg");

const CASES = Number(process.env.FUZZ_CASES || 3000);
const SEED = Number(process.env.FUZZ_SEED || Date.now() % 2 ** 31);

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const categories = policy().categories.map((c) => c.id);
// An expense category of whatever policy the engine was built with, for the fixed cases.
const EXPENSE = policy().categories.find((c) => c.kind === "expense").id;
const scopes = Object.fromEntries(policy().cap_periods.map((p) => [p.id, p.scope]));
const conditionIds = [...new Set(policy().categories.flatMap((c) => c.conditions.map((k) => k.id)))];
const numbers = [NaN, Infinity, -Infinity, -0, 0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 2 ** 53, 0.1 + 0.2, 100.05, 1e21, 1e-7,
  2025, 2024, 2027, 2028, 12, 11, 200, 199, -1, 1.5, 1e12, 1e12 + 0.01, 999999999999.99];
const strings = ["", " ", "30万", "1.5亿", "３０万", "300,000.50", "¥300000", "300000元", "abc", "-5", "1.234", "1e3", "万",
  "<img src=x onerror=alert(1)>", "</script>", "\u202Eevil", "😀".repeat(50), "x".repeat(20000), "0x10", "NaN", "Infinity",
  "1,2345", "\u0000", "\uD800", "1000000000000.01", "10000亿"];
const keys = ["year", "expenses", "category", "amount", "conditions", "other_policy_support", ...conditionIds, "__proto__",
  "constructor", "toString", "x", ""];

function value(r, depth) {
  const pick = (a) => a[Math.floor(r() * a.length)];
  const k = r();
  if (depth > 5 || k < 0.35) {
    const leaf = r();
    if (leaf < 0.3) return pick(numbers);
    if (leaf < 0.55) return pick(strings);
    if (leaf < 0.65) return pick(categories);
    if (leaf < 0.75) return r() < 0.5;
    if (leaf < 0.8) return null;
    if (leaf < 0.85) return undefined;
    if (leaf < 0.88) return BigInt(Math.floor(r() * 1000));
    if (leaf < 0.9) return Symbol("s");
    if (leaf < 0.92) return () => 1;
    return String(Math.floor(r() * 1e6));
  }
  if (k < 0.55) return Array.from({ length: Math.floor(r() * 6) }, () => value(r, depth + 1));
  const o = {};
  for (let i = Math.floor(r() * 6); i > 0; i--) o[pick(keys)] = value(r, depth + 1);
  return o;
}

/// A value shaped like a request, so the deeper checks are reached.
function request(r) {
  const pick = (a) => a[Math.floor(r() * a.length)];
  const expenses = Array.from({ length: Math.floor(r() * 10) }, () => {
    const e = { category: r() < 0.9 ? pick(categories) : value(r, 4) };
    if (r() < 0.85) e.amount = r() < 0.5 ? pick(numbers) : pick(strings);
    if (r() < 0.4) e.conditions = Object.fromEntries(Array.from({ length: Math.floor(r() * 3) }, () => [pick(conditionIds), r() < 0.5 ? r() < 0.5 : pick(numbers)]));
    if (r() < 0.2) e.other_policy_support = r() < 0.5 ? pick(numbers) : pick(strings);
    if (r() < 0.05) e[pick(keys)] = value(r, 4);
    return e;
  });
  const req = { year: r() < 0.9 ? pick([2023, 2024, 2025, 2026, 2027, 2028]) : value(r, 4), expenses };
  if (r() < 0.05) req[pick(keys)] = value(r, 3);
  return req;
}

function answered(input, seed) {
  let out;
  try {
    out = calculate(input);
  } catch (e) {
    assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `seed ${seed}: not an engine error: ${e}`);
    assert.ok(Array.isArray(e.errors) && e.errors.length > 0, `seed ${seed}: no errors array`);
    for (const p of e.errors) assert.ok(typeof p.path === "string" && p.path && p.zh && p.en, `seed ${seed}: ${JSON.stringify(p)}`);
    return "error";
  }
  assert.match(out.total, /^\d+\.\d{2}$/, `seed ${seed}`);
  assert.match(out.awards_up_to, /^\d+\.\d{2}$/, `seed ${seed}`);
  // The figures add up, in fen (BigInt: no float ever touches money).
  const fen = (s) => BigInt(s.replace(".", ""));
  const sum = (kind) => out.lines.filter((l) => l.kind === kind).reduce((a, l) => a + fen(l.support), 0n);
  assert.equal(fen(out.total), sum("expense"), `seed ${seed}: total is the sum of the expense lines`);
  assert.equal(fen(out.awards_up_to), sum("award"), `seed ${seed}: awards_up_to is the sum of the award lines`);
  for (const l of out.lines) {
    // A cap per project applies to each item.
    const caps = BigInt(scopes[l.cap_period] === "item" ? l.items.length : 1);
    assert.ok(fen(l.support) <= fen(l.cap) * caps || l.kind === "award", `seed ${seed}: ${l.category} within its cap`);
  }
  return "result";
}

test(`${CASES} arbitrary values and ${CASES} request-shaped ones are answered (seed ${SEED})`, () => {
  // Both branches run whatever the seed: one known result and one known error first.
  assert.equal(answered({ year: 2025, expenses: [{ category: EXPENSE, amount: "1" }] }, "fixed"), "result");
  assert.equal(answered({ year: 2025, expenses: 0 }, "fixed"), "error");
  for (let i = 0; i < CASES; i++) {
    const seed = (SEED + i) >>> 0;
    const r = rng(seed);
    answered(value(r, 0), seed);
    answered(request(r), seed);
  }
});

/// A value shaped like a plan: request-shaped years, sometimes out of order or repeated.
function plan(r) {
  const years = Array.from({ length: Math.floor(r() * 5) }, () => request(r));
  if (r() < 0.7) years.sort((a, b) => (typeof a.year === "number" && typeof b.year === "number" ? a.year - b.year : 0));
  const p = { years };
  if (r() < 0.3) {
    const pick = (a) => a[Math.floor(r() * a.length)];
    p.already_received = Array.from({ length: Math.floor(r() * 3) }, () => ({ category: pick(categories), amount: r() < 0.5 ? pick(numbers) : pick(strings) }));
  }
  if (r() < 0.05) p[keys[Math.floor(r() * keys.length)]] = value(r, 3);
  return p;
}

function answeredPlan(input, seed) {
  let out;
  try {
    out = calculate_plan(input);
  } catch (e) {
    assert.ok(e instanceof Error && !(e instanceof WebAssembly.RuntimeError), `seed ${seed}: not an engine error: ${e}`);
    assert.ok(Array.isArray(e.errors) && e.errors.length > 0, `seed ${seed}: no errors array`);
    for (const p of e.errors) assert.ok(typeof p.path === "string" && p.path && p.zh && p.en, `seed ${seed}: ${JSON.stringify(p)}`);
    return "error";
  }
  const fen = (s) => BigInt(s.replace(".", ""));
  assert.equal(fen(out.total), out.years.reduce((a, y) => a + fen(y.total), 0n), `seed ${seed}: the plan total is the sum of its years`);
  assert.equal(fen(out.awards_up_to), out.years.reduce((a, y) => a + fen(y.awards_up_to), 0n), `seed ${seed}: awards add up`);
  // The plan total never exceeds the sum of the caps (each counted as often as it may be used).
  let bound = 0n;
  for (const c of out.caps) {
    const kind = policy().categories.find((k) => k.id === c.category).kind;
    if (kind !== "expense") continue;
    const items = (y) => input.years.find((r) => r.year === y.year).expenses.filter((e) => e.category === c.category).length;
    const scope = scopes[c.cap_period];
    bound += scope === "plan" ? fen(c.cap) : c.by_year.reduce((a, y) => a + fen(c.cap) * BigInt(scope === "item" ? items(y) : 1), 0n);
    if (scope === "plan" && !input.already_received) assert.ok(fen(c.used) <= fen(c.cap), `seed ${seed}: ${c.category} used within its cap`);
  }
  assert.ok(fen(out.total) <= bound, `seed ${seed}: plan total ${out.total} within the caps`);
  return "result";
}

test(`${CASES} arbitrary values and ${CASES} plan-shaped ones are answered by calculate_plan (seed ${SEED})`, () => {
  assert.equal(answeredPlan({ years: [{ year: 2025, expenses: [{ category: EXPENSE, amount: "1" }] }] }, "fixed"), "result");
  assert.equal(answeredPlan({ years: [{ year: 2026, expenses: [] }, { year: 2025, expenses: [] }] }, "fixed"), "error");
  for (let i = 0; i < CASES; i++) {
    const seed = (SEED + i) >>> 0;
    const r = rng(seed);
    answeredPlan(value(r, 0), seed);
    answeredPlan(plan(r), seed);
  }
});

test(`read_amount answers ${CASES} random strings (seed ${SEED})`, () => {
  const alphabet = "0123456789０１２３.,，．¥￥元万亿 -e+x\u202E😀";
  const r = rng(SEED);
  for (let i = 0; i < CASES; i++) {
    const s = Array.from({ length: Math.floor(r() * 20) }, () => alphabet[Math.floor(r() * alphabet.length)]).join("");
    try {
      assert.match(read_amount(s), /^\d+\.\d{2}$/);
    } catch (e) {
      assert.ok(Array.isArray(e.errors) && e.errors[0].path === "amount", `${JSON.stringify(s)}: ${e}`);
    }
  }
});
