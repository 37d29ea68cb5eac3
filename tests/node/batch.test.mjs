// The batch engine (pkg-office/) through its JS API, as a consultant's script uses it: a generated
// file's totals against the sum of single calculate() calls (summed here in BigInt fen, exactly),
// refused rows with their places, what-if overlays validated by the engine, the results CSV.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadPackage } from "./packages.mjs";
import { calculateBatch, runBatch, groupRows } from "../../www/batch/run.js";
import { parseCsv, decode } from "../../www/batch/csv.js";
import { mapHeader, toEnterprises, locate } from "../../www/batch/columns.js";
import { resultsCsv, templateCsv, compareMoney, sortEnterprises, histogram } from "../../www/batch/report.js";
import { overlayFingerprint, overlayText } from "../../www/batch/fingerprint.js";

const engine = await loadPackage("pkg-office");
const P = engine.policy();
const fen = (s) => BigInt(s.replace(".", ""));
const yuan = (f) => (f / 100n).toString() + "." + (f % 100n).toString().padStart(2, "0");

// The plan's years after its first (no start condition), as many as there are, up to three.
const YEARS = [];
for (let y = P.document.first_year + 1; y <= P.document.last_year && YEARS.length < 3; y++) YEARS.push(y);
if (!YEARS.length) YEARS.push(P.document.first_year);

/**
 * A generated file: n enterprises, every expense category of the policy each, amounts with fen,
 * each condition asked every year met or not (a number of months or a count on both sides of
 * its threshold), and support from elsewhere on one category.
 */
function generated(n) {
  const cats = P.categories.filter((c) => c.kind === "expense");
  const conds = cats.flatMap((c) => c.conditions.filter((k) => k.only_year == null).map((k) => ({ c, k })));
  const header = ["enterprise", "year", ...cats.map((c) => c.id), ...conds.map(({ c, k }) => c.id + "." + k.id), cats[0].id + ".other_policy_support"];
  const lines = [header.join(",")];
  for (let i = 0; i < n; i++) {
    const h = (k) => ((i + 1) * 2654435761 + k * 40503) % 1000003;
    const row = ["企业" + i, String(YEARS[i % YEARS.length])];
    cats.forEach((c, k) => row.push(h(k) % 6 === 0 ? "" : String((h(k) * 7) % 900000) + "." + String(h(k) % 100).padStart(2, "0")));
    conds.forEach(({ k }, j) => {
      const v = h(cats.length + j);
      if (k.type === "bool") row.push(v % 3 ? (k.expect ? "是" : "否") : k.expect ? "否" : "是");
      else row.push(String(Math.max(0, k.min - 2 + (v % 5))));
    });
    row.push(h(99) % 7 === 0 ? "5000" : "");
    lines.push(row.join(","));
  }
  return lines.join("\n") + "\n";
}

/** Expense categories that ask no condition every year (only the plan's start, if any). */
const PLAIN = P.categories.filter((c) => c.kind === "expense" && c.conditions.every((k) => k.only_year != null));
const AWARD = P.categories.find((c) => c.kind === "award");

function enterprisesOf(text) {
  const recs = parseCsv(decode(new TextEncoder().encode(text), "auto").text);
  const { columns } = mapHeader(P, recs[0].fields);
  return toEnterprises(columns, recs.slice(1)).enterprises;
}

test("a generated file's totals equal the sum of single calculate() calls", async () => {
  const enterprises = enterprisesOf(generated(2000));
  let progress = 0;
  const r = await runBatch(engine, enterprises, { onProgress: (done, total) => { assert.equal(total, 2000); progress = done; } });
  assert.equal(progress, 2000);
  assert.equal(r.errors.length, 0);
  let total = 0n;
  let awards = 0n;
  const perCat = new Map();
  for (const e of enterprises) {
    const est = engine.calculate(e.rows[0]);
    total += fen(est.total);
    awards += fen(est.awards_up_to);
    for (const l of est.lines) perCat.set(l.category, (perCat.get(l.category) || 0n) + fen(l.support));
  }
  const t = r.totals;
  assert.deepEqual([t.rows_read, t.rows_computed, t.rows_refused, t.enterprises], [2000, 2000, 0, 2000]);
  assert.equal(t.baseline.total, yuan(total));
  assert.equal(t.baseline.awards_up_to, yuan(awards));
  for (const c of t.baseline.categories) assert.equal(c.support, yuan(perCat.get(c.category) || 0n), c.category);
  assert.equal(t.baseline.measures.reduce((s, m) => s + fen(m.total), 0n), total);
  const byEnterprise = r.enterprises.reduce((s, e) => s + fen(e.baseline.total), 0n);
  assert.equal(byEnterprise, total);
});

test("parts as JSON text (add_json, the page's way) give what the objects give; text that is not JSON is refused", async () => {
  const enterprises = enterprisesOf(generated(900));
  const rated = P.categories.find((c) => c.kind === "expense" && c.rate != null);
  const overlay = { [rated.id + ".rate"]: "0" };
  const objects = await runBatch(engine, enterprises, { overlay, partRows: 250 });
  const text = await runBatch(engine, enterprises, { overlay, partRows: 250, json: true });
  assert.ok(objects.enterprises.length > 0 && objects.totals.changed_enterprises > 0);
  assert.deepEqual(text, objects);
  const b = new engine.Batch();
  try {
    for (const bad of ["[", "[] x", "{}"]) {
      const part = b.add_json(bad);
      assert.equal(part.enterprises.length, 0, bad);
      assert.ok(part.errors.length > 0, bad);
    }
    assert.equal(b.totals().rows_read, 0);
  } finally {
    b.free();
  }
});

test("calculateBatch takes rows of { enterprise, year, expenses }: years of one enterprise are one plan", async (t) => {
  if (PLAIN.length < 2 || YEARS.length < 2) return t.skip("the policy needs two expense categories without conditions and two years after its first");
  const [a, b] = PLAIN;
  const rows = [
    { enterprise: "A", year: YEARS[1], expenses: [{ category: a.id, amount: "15万" }] },
    { enterprise: "B", year: YEARS[0], expenses: [{ category: b.id, amount: "1.005" }] },
    { enterprise: "A", year: YEARS[0], expenses: [{ category: a.id, amount: "15万" }] },
  ];
  const r = await calculateBatch(engine, rows);
  const plan = engine.calculate_plan({ years: [rows[2], rows[0]].map(({ year, expenses }) => ({ year, expenses })) });
  assert.equal(r.enterprises[0].baseline.total, plan.total);
  assert.deepEqual(r.enterprises[0].rows.map((x) => x.row), [2, 0]);
  assert.deepEqual(r.errors.map((e) => [e.row, e.path, e.code]), [[1, "expenses[0].amount", "amount_precision"]]);
  assert.ok(r.errors[0].zh && r.errors[0].en);
  assert.deepEqual([r.totals.rows_read, r.totals.rows_computed, r.totals.rows_refused], [3, 2, 1]);
  assert.equal(r.totals.baseline.total, plan.total);
});

test("support already received in the file uses up caps over the plan as calculate_plan() does; a bad one refuses the enterprise at its cell", async () => {
  const cat = P.categories.find((c) => c.kind === "expense" && c.conditions.every((k) => k.only_year != null) && P.cap_periods.find((p) => p.id === c.cap_period).scope === "plan");
  assert.ok(cat, "premise: a category capped over the plan");
  const y = P.document.first_year + 1;
  const tenCaps = cat.cap.split(".")[0] + "0"; // ten times the cap: more than the rate needs to reach it
  const text = `enterprise,year,${cat.id},${cat.id}.already_received\nA,${y},${tenCaps},\nA,${y + 1},,${cat.cap}\nB,${y},${tenCaps},1\nC,${y},1,abc\n`;
  const recs = parseCsv(text);
  const { columns } = mapHeader(P, recs[0].fields);
  const { enterprises, places } = toEnterprises(columns, recs.slice(1));
  const batch = new engine.Batch({});
  const part = batch.add(enterprises);
  const plan = (name) => {
    const e = enterprises.find((x) => x.enterprise === name);
    return engine.calculate_plan({ years: e.rows.slice().sort((a, b) => a.year - b.year), already_received: e.already_received }).total;
  };
  const total = (name) => part.enterprises.find((x) => x.enterprise === name).baseline.total;
  // A received its whole cap before: nothing left. B received 1 yuan: 1 less than the cap.
  assert.equal(total("A"), plan("A"));
  assert.equal(total("A"), "0.00");
  assert.equal(total("B"), plan("B"));
  assert.equal(fen(cat.cap) - fen(total("B")), 100n);
  assert.equal(part.errors.length, 1);
  const where = locate(places, columns, part.errors[0]);
  assert.deepEqual([part.errors[0].path, where.line, columns[where.column].key], ["already_received[0].amount", 5, cat.id + ".already_received"]);
});

test("groupRows keeps the first-seen order and where each row came from", () => {
  const g = groupRows([{ enterprise: "x", year: 1 }, { enterprise: "y", year: 1 }, { enterprise: "x", year: 2 }]);
  assert.deepEqual(g.origin, [[0, 2], [1]]);
  assert.deepEqual(g.enterprises[0].rows, [{ year: 1 }, { year: 2 }]);
});

test("overlays are validated by the engine: every problem with its parameter", async () => {
  const rows = [{ enterprise: "A", year: YEARS[0], expenses: [] }];
  // Any expense category and any award of the policy: the parameters are named after them.
  const [e, x] = [P.categories.find((c) => c.kind === "expense").id, P.categories.filter((c) => c.kind === "expense").slice(-1)[0].id];
  const cases = [
    ["an unknown parameter", { [`${e}.ceiling`]: "1" }, [[`overlay["${e}.ceiling"]`, "unknown_parameter"]]],
    ["a negative cap", { [`${e}.cap`]: "-1" }, [[`overlay["${e}.cap"]`, "amount_negative"]]],
    ["a rate above 100%", { [`${x}.rate`]: "100.01%" }, [[`overlay["${x}.rate"]`, "rate_range"]]],
    ["a cap period that does not exist", { [`${e}.cap_period`]: "per_century" }, [[`overlay["${e}.cap_period"]`, "unknown_cap_period"]]],
    ["a rate on an award", AWARD && { [`${AWARD.id}.rate`]: "0.5" }, AWARD && [[`overlay["${AWARD.id}.rate"]`, "unknown_parameter"]]],
    ["an unknown option", null, null],
  ].filter((c) => c[0] === "an unknown option" || c[1]);
  for (const [name, overlay, want] of cases) {
    if (!overlay) {
      assert.throws(() => new engine.Batch({ overlays: {} }), (e) => e.errors[0].code === "unknown_key", name);
      continue;
    }
    await assert.rejects(calculateBatch(engine, rows, { overlay }), (e) => {
      assert.deepEqual(e.errors.map((p) => [p.path, p.code]), want, name);
      return true;
    });
  }
  const ok = await calculateBatch(engine, rows, { overlay: { [`${x}.rate`]: "100%", [`${e}.cap`]: 0 } });
  assert.equal(ok.totals.overlay.length, 2);
});

test("what-if: baseline and changed side by side, the enterprises that change, the policy untouched", async (t) => {
  if (PLAIN.length < 2) return t.skip("the policy needs two expense categories without conditions");
  // One enterprise spends far past its category's cap, and the overlay raises that cap by a fifth;
  // another spends in another category, which the overlay leaves alone. Every figure is the engine's.
  const [a, b] = PLAIN;
  const before = JSON.stringify(engine.policy());
  const rows = [
    { enterprise: "capped", year: YEARS[0], expenses: [{ category: a.id, amount: "1亿" }] },
    { enterprise: "other", year: YEARS[0], expenses: [{ category: b.id, amount: "10万" }] },
  ];
  const raised = yuan((fen(a.cap) * 6n) / 5n);
  const single = rows.map((x) => engine.calculate({ year: x.year, expenses: x.expenses }).total);
  assert.equal(single[0], a.cap, "premise: 1亿 reaches the cap");
  const r = await calculateBatch(engine, rows, { overlay: { [`${a.id}.cap`]: raised } });
  assert.equal(r.totals.baseline.total, yuan(fen(single[0]) + fen(single[1])));
  assert.equal(r.totals.changed.total, yuan(fen(raised) + fen(single[1])));
  assert.equal(r.totals.changed_enterprises, 1);
  assert.equal(r.enterprises[0].changed.total, raised);
  assert.deepEqual(r.enterprises[1].changed, r.enterprises[1].baseline);
  assert.equal(JSON.stringify(engine.policy()), before);
  assert.equal(engine.calculate({ year: YEARS[0], expenses: rows[0].expenses }).total, a.cap);

  const fp = await overlayFingerprint(P, r.totals.overlay);
  assert.match(fp, /^[0-9a-f]{64}$/);
  const same = await overlayFingerprint(P, r.totals.overlay.slice().reverse());
  assert.equal(same, fp, "the fingerprint does not depend on the order the parameters were given in");
  assert.notEqual(await overlayFingerprint(P, [{ parameter: `${a.id}.cap`, value: yuan(fen(raised) + 1n) }]), fp);
  assert.ok(overlayText(P, r.totals.overlay).includes(P.version));

  const csv = resultsCsv(P, r, { fingerprint: fp });
  assert.ok(csv.startsWith("\uFEFF"));
  assert.ok(csv.includes(`${a.id}.cap=${raised}`), csv);
  assert.ok(csv.includes(fp));
  const table = parseCsv(csv.slice(1)).map((x) => x.fields);
  const header = table.find((f) => f[0] === "企业 (enterprise)");
  assert.equal(header.length, 4 + P.categories.length + 1 + 2 + P.categories.length);
  const cappedRow = table.find((f) => f[0] === "capped");
  assert.equal(cappedRow[2], a.cap);
  assert.equal(cappedRow[header.indexOf("调整后合计 (changed.total)")], raised);
  // An enterprise named like a formula is written back as text; its money stays numbers.
  const named = resultsCsv(P, Object.assign({}, r, { enterprises: [Object.assign({}, r.enterprises[0], { enterprise: "=cmd|' /C calc'!A0" })] }), { fingerprint: fp });
  const row = parseCsv(named.slice(1)).map((x) => x.fields).find((f) => f[0].indexOf("cmd") >= 0);
  assert.equal(row[0], "'=cmd|' /C calc'!A0");
  assert.equal(row[2], a.cap);
});

test("the template lists every column with its Chinese label and id, and reads back as a file", () => {
  const csv = templateCsv(P);
  const recs = parseCsv(csv.slice(1));
  const { columns, problems } = mapHeader(P, recs[0].fields);
  assert.deepEqual(problems, []);
  for (const c of P.categories) for (const k of c.conditions) assert.ok(columns.some((x) => x.key === `${c.id}.${k.id}`), `${c.id}.${k.id}`);
  assert.ok(recs[0].fields.includes(P.categories[1].label.zh + " (" + P.categories[1].id + ")"));
});

test("money compares as decimal strings, exactly, on both sides of each digit", () => {
  const cases = [["9.99", "10.00", -1], ["10.00", "9.99", 1], ["100000.00", "100000.00", 0], ["0.01", "0.10", -1], ["99999999999999999.99", "100000000000000000.00", -1], ["5", "5.00", 0]]; // input, not a policy figure
  for (const [a, b, want] of cases) assert.equal(compareMoney(a, b), want, a + " vs " + b);
  const list = [{ enterprise: "b", baseline: { total: "9.99" } }, { enterprise: "a", baseline: { total: "10.00" } }];
  assert.deepEqual(sortEnterprises(list, "total", -1).map((e) => e.enterprise), ["a", "b"]);
  assert.deepEqual(sortEnterprises(list, "enterprise", 1).map((e) => e.enterprise), ["a", "b"]);
  // Bins of powers of ten split 1-2-5, read from the digits: both sides of each edge.
  const hist = histogram(["0.00", "0.01", "1.99", "2.00", "4.99", "5.00", "9.99", "10.00", "199999.99", "200000.00"]); // input, not a policy figure
  const counts = Object.fromEntries(hist.bins.filter((b) => b.count).map((b) => [b.from + "-" + b.to, b.count]));
  assert.deepEqual(counts, { "0-0": 1, "0-1": 1, "1-2": 1, "2-5": 2, "5-10": 2, "10-20": 1, "100000-200000": 1, "200000-500000": 1 });
  assert.equal(hist.max, 2);
  assert.equal(hist.bins.length, 2 + 5 * 3 + 2, "up to the bin of 200,000–500,000");
});
