// The engine follows its data: every expectation here is derived from `policy()`, so the same
// tests pass on the plan (pkg/) and on the rehearsal's fixture final text (PINGHU_PKG, `make
// test-rehearsal`) with no change. For each category: its rate below the cap, its cap above it,
// each condition on both sides of its threshold; for the document: its notices in every result,
// placed where the data says, and its status, sources and issue date consistent.
// Money is compared in fen as BigInt: no float touches it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPackage } from "./packages.mjs";

const { calculate, policy } = await loadPackage("pkg");

const P = policy();
const DOC = P.document;
// A year the document is in force for the whole year.
const YEAR = DOC.first_year + 1 <= DOC.last_year ? DOC.first_year + 1 : DOC.first_year;

/** "1234.50" → 123450n. */
const fen = (s) => {
  const [i, f = ""] = String(s).split(".");
  return BigInt(i + (f + "00").slice(0, 2));
};

/** amount (fen) × rate ("0.4"), rounded half away from zero to the fen. */
function times(amountFen, rate) {
  const [i, f = ""] = rate.split(".");
  const num = BigInt(i + f);
  const den = 10n ** BigInt(f.length);
  const q = amountFen * num;
  return (q + den / 2n) / den;
}

/** Conditions that qualify, from the data: `expect` for a yes/no one, `min` for the others. */
function qualifying(cat) {
  const out = {};
  for (const k of cat.conditions) {
    if (k.type === "bool") out[k.id] = k.expect;
    else out[k.id] = k.min;
  }
  return out;
}

const one = (category, extra, year) => calculate({ year: year || YEAR, expenses: [Object.assign({ category }, extra)] });
const lineOf = (result, category) => result.lines.find((l) => l.category === category);

test("the document's status is one of the fixed set, the same as its source's, with its issue date", () => {
  assert.ok(["draft", "final"].includes(DOC.status), DOC.status);
  const own = DOC.sources.find((s) => s.id === DOC.cites);
  assert.ok(own, `the document cites ${DOC.cites}, one of its sources`);
  assert.equal(own.status, DOC.status);
  assert.equal(own.issued, DOC.issued);
  if (DOC.status === "final") assert.match(DOC.issued, /^\d{4}-\d{2}-\d{2}$/);
  for (const s of DOC.sources) assert.ok(s.file && s.title.zh && s.title.en, s.id);
});

test("every result carries the document's notices; a draft says so in the banner, a final text does not", () => {
  const r = one(P.categories[0].id, P.categories[0].kind === "expense" ? { amount: "1" } : {});
  const codes = r.notices.map((n) => n.code);
  for (const n of DOC.notices) {
    assert.ok(codes.includes(n.code), `notice ${n.code} in the result`);
    assert.ok(["banner", "footnote"].includes(n.placement), `${n.code}: placement ${n.placement}`);
    assert.ok(n.status === null || n.status === DOC.status, `${n.code} states ${n.status}`);
  }
  const draftBanner = DOC.notices.some((n) => n.placement === "banner" && n.status === "draft");
  assert.equal(draftBanner, DOC.status === "draft");
});

for (const cat of P.categories) {
  const measure = P.measures.find((m) => m.id === cat.measure);

  test(`${cat.id}: its measure ${cat.measure} funds it, and what it cites is a source`, () => {
    assert.ok(measure && measure.categories.includes(cat.id));
    const sources = DOC.sources.map((s) => s.id);
    assert.ok(sources.includes(cat.cites), cat.cites);
    for (const k of cat.conditions) assert.ok(sources.includes(k.cites), `${k.id}: ${k.cites}`);
    for (const c of cat.citations) assert.ok(sources.includes(c.source) && c.clause && c.text, JSON.stringify(c));
  });

  if (cat.kind === "expense") {
    test(`${cat.id}: 1,000 yuan gets its rate of ${cat.rate}, under its cap of ${cat.cap}`, () => {
      const want = times(fen("1000"), cat.rate);
      assert.ok(want <= fen(cat.cap), "the sample is under the cap");
      const r = one(cat.id, { amount: "1000", conditions: qualifying(cat) });
      const l = lineOf(r, cat.id);
      assert.equal(fen(l.support), want);
      assert.equal(l.capped, false);
      assert.equal(l.eligible, true);
      assert.equal(fen(r.total), want);
    });

    test(`${cat.id}: 1亿 is capped at ${cat.cap}`, () => {
      const r = one(cat.id, { amount: "1亿", conditions: qualifying(cat) });
      const l = lineOf(r, cat.id);
      assert.equal(l.support, cat.cap);
      assert.equal(l.capped, true);
    });
  } else {
    test(`${cat.id}: an award is a ceiling of ${cat.cap}, apart from the total`, () => {
      const r = one(cat.id, { conditions: qualifying(cat) });
      const l = lineOf(r, cat.id);
      assert.equal(l.support, cat.cap);
      assert.equal(l.upper_bound, true);
      assert.equal(r.awards_up_to, cat.cap);
      assert.equal(fen(r.total), 0n);
    });
  }

  for (const k of cat.conditions) {
    const amount = cat.kind === "expense" ? { amount: "1000" } : {};
    const met = qualifying(cat);
    const unmet = Object.assign({}, met, { [k.id]: k.type === "bool" ? !k.expect : k.min - 1 });
    const below = k.type === "bool" ? `${k.id} = ${!k.expect}` : `${k.id} = ${k.min - 1}`;
    const at = k.type === "bool" ? `${k.id} = ${k.expect}` : `${k.id} = ${k.min}`;
    // A condition asked only in one year (the plan's start) is tested in that year.
    const year = k.only_year == null ? YEAR : k.only_year;
    test(`${cat.id}: ${at} qualifies, ${below} does not (${year})`, { skip: k.type !== "bool" && k.min === 0 ? "min is 0" : false }, () => {
      assert.equal(lineOf(one(cat.id, Object.assign({ conditions: met }, amount), year), cat.id).eligible, true);
      const r = one(cat.id, Object.assign({ conditions: unmet }, amount), year);
      assert.equal(lineOf(r, cat.id).eligible, false);
      assert.equal(fen(lineOf(r, cat.id).support), 0n);
    });
  }
}
