// Defects found by adversarial testing of the old boundary, one test each: the
// replacement must answer every hostile input with a structured error, leave
// the instance working (no wasm stack leaked on any exit path), stop at once on
// cycles and huge inputs, and list problems in linear time.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPackage, plainExpense } from "./packages.mjs";

// PINGHU_PKG: another build of the engine (the rehearsal's fixture policy, `make test-rehearsal`).
const { calculate, policy, read_amount } = await loadPackage("pkg");

const VALID = { year: 2025, expenses: [{ category: "overseas_legal", amount: "0.03" }] };

/** The structured error a call throws: an Error whose `errors` each name a path. */
function refused(input) {
  try {
    calculate(input);
  } catch (e) {
    assert.ok(e instanceof Error, `an Error, got ${e}`);
    assert.ok(Array.isArray(e.errors) && e.errors.length > 0, `an errors array, got ${e && e.message}`);
    for (const p of e.errors) assert.ok(typeof p.path === "string" && p.path && p.code && p.zh && p.en, JSON.stringify(p));
    return e.errors;
  }
  assert.fail("should be refused");
}

function revoked() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const HOSTILE = [
  ["a revoked Proxy", () => revoked()],
  ["a revoked Proxy as expenses", () => ({ year: 2025, expenses: revoked() })],
  ["an array Proxy whose length is a Symbol", () => ({ year: 2025, expenses: new Proxy([], { get: (t, k) => (k === "length" ? Symbol("n") : t[k]) }) })],
  ["an array Proxy whose length is a BigInt", () => ({ year: 2025, expenses: new Proxy([], { get: (t, k) => (k === "length" ? 3n : t[k]) }) })],
  ["an array Proxy whose length's valueOf throws", () => ({ year: 2025, expenses: new Proxy([], { get: (t, k) => (k === "length" ? { valueOf() { throw new Error("no"); } } : t[k]) }) })],
  ["a Proxy whose ownKeys throws", () => new Proxy({}, { ownKeys() { throw new Error("trap"); } })],
  ["a Proxy that throws on the second read", () => { let n = 0; return new Proxy({ year: 2025, expenses: [] }, { get(t, k) { if (++n > 1) throw new Error("again"); return t[k]; } }); }],
];

for (const [name, make] of HOSTILE) {
  test(`${name} is answered with a structured error`, () => {
    refused(make());
    assert.equal(calculate(VALID).total, "0.02");
  });
}

test("10,000 hostile calls leave the instance working, policy() included", () => {
  for (let i = 0; i < 10000; i++) refused(HOSTILE[i % HOSTILE.length][1]());
  assert.equal(calculate(VALID).total, "0.02");
  assert.equal(policy().categories.length > 0, true);
  assert.equal(read_amount("30万"), "300000.00");
});

test("calls made near JS stack exhaustion leave the instance working", () => {
  let calls = 0;
  function deep() {
    try {
      deep();
    } catch (e) {
      calls++;
      try {
        calculate(VALID);
      } catch (e2) {
        /* near exhaustion the call may fail; it must not break later calls */
      }
    }
  }
  for (let i = 0; i < 300; i++) deep();
  assert.ok(calls > 0);
  assert.equal(calculate(VALID).total, "0.02");
  assert.equal(policy().categories.length > 0, true);
});

test("a throwing getter is reported at its own path", () => {
  const e = { category: "brand_promotion" };
  Object.defineProperty(e, "amount", { enumerable: true, get() { throw new Error("getter"); } });
  const errors = refused({ year: 2025, expenses: [e] });
  assert.deepEqual(errors.map((p) => p.path), ["expenses[0].amount"]);
  assert.match(errors[0].en, /unreadable/);
});

test("a self-referencing array is refused at once, at its path", () => {
  const a = [];
  a.push(a, a, a);
  const errors = refused({ year: 2025, expenses: [], junk: a });
  assert.deepEqual(errors.map((p) => p.path), ["junk"]);
});

test("a shared structure of 3^13 nodes is refused at once as too large", () => {
  let v = 1;
  for (let i = 0; i < 13; i++) v = [v, v, v];
  const errors = refused({ year: 2025, expenses: [], junk: v });
  assert.deepEqual(errors.map((p) => [p.path, p.code]), [["input", "too_large"]]);
});

test("a 100,000-deep nesting is refused at its path, not by overflowing the stack", () => {
  let v = [];
  for (let i = 0; i < 100000; i++) v = [v];
  const errors = refused({ year: 2025, expenses: v });
  assert.ok(errors.some((p) => p.path === "expenses" || p.path.startsWith("expenses[0]")), JSON.stringify(errors));
});

test("a million-character string and a 100,000-element array are refused, not read", () => {
  assert.deepEqual(refused({ year: 2025, expenses: [{ category: "x".repeat(1e6), amount: 1 }] }).map((p) => p.path), ["expenses[0].category"]);
  assert.deepEqual(refused({ year: 2025, expenses: new Array(100000).fill(0) }).map((p) => [p.path, p.code]), [["expenses", "too_many"]]);
});

test("problems are listed up to 100, with a count of the rest", () => {
  const expenses = [];
  for (let i = 0; i < 500; i++) {
    const e = { category: "brand_promotion", amount: 1 };
    for (let k = 0; k < 20; k++) e[`junk${k}`] = k;
    expenses.push(e);
  }
  const errors = refused({ year: 2025, expenses });
  assert.equal(errors.length, 101);
  const more = errors[100];
  assert.equal(more.code, "more_problems");
  assert.match(more.en, /^9900 more problems/);
});

test("ten expenses with 9,998 unknown keys each are answered (the node budget stops them)", () => {
  const expenses = [];
  for (let i = 0; i < 10; i++) {
    const e = { category: "brand_promotion", amount: 1 };
    for (let k = 0; k < 9998; k++) e[`k${k}`] = k;
    expenses.push(e);
  }
  const errors = refused({ year: 2025, expenses });
  assert.deepEqual(errors.map((p) => p.code), ["too_large"]);
});

test("more than 10,000 expenses and more than 500 are both too_many", () => {
  // An item that counts as typed: a category with a rate and nothing to meet, from policy().
  const item = { category: plainExpense(policy(), 2025).id, amount: 1 };
  for (const n of [501, 10001]) {
    assert.deepEqual(refused({ year: 2025, expenses: new Array(n).fill(item) }).map((p) => [p.path, p.code]), [["expenses", "too_many"]]);
  }
  // 500 items of ¥1 are added before the rate: the same as one item of ¥500 (whatever the rate).
  const one = calculate({ year: 2025, expenses: [Object.assign({}, item, { amount: 500 })] }).total;
  assert.equal(calculate({ year: 2025, expenses: new Array(500).fill(item) }).total, one);
  assert.notEqual(one, "0.00");
});

test("the string -0 and the number -0 read alike, as zero", () => {
  assert.equal(read_amount("-0"), "0.00");
  assert.equal(read_amount(-0), "0.00");
  assert.throws(() => read_amount("-5"), (e) => e.errors[0].code === "amount_negative");
});

test("an award takes an optional amount, which must still read as an amount", (t) => {
  // Any award of the policy without conditions: its ceiling, whatever amount is typed.
  const award = policy().categories.find((c) => c.kind === "award" && c.conditions.length === 0);
  if (!award) return t.skip("no award of this policy comes without conditions");
  const year = policy().document.first_year + 1;
  assert.equal(calculate({ year, expenses: [{ category: award.id }] }).awards_up_to, award.cap);
  assert.equal(calculate({ year, expenses: [{ category: award.id, amount: "1" }] }).awards_up_to, award.cap);
  assert.deepEqual(refused({ year, expenses: [{ category: award.id, amount: "abc" }] }).map((p) => p.code), ["amount_format"]);
});

test("keys that look like markers or prototypes are plain keys", () => {
  assert.deepEqual(refused({ year: 2025, expenses: [], "\u0000": "bigint" }).map((p) => [p.path, p.code]), [['["\u0000"]', "unknown_key"]]);
  const proto = JSON.parse('{"year": 2025, "expenses": [], "__proto__": {"x": 1}}');
  assert.deepEqual(refused(proto).map((p) => [p.path, p.code]), [["__proto__", "unknown_key"]]);
});
