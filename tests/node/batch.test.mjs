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

/** A generated file: n enterprises, eight expense categories each, amounts with fen, conditions met or not. */
function generated(n) {
  const cats = ["platform_onboarding", "brand_promotion", "livestream_service", "public_livestream_room", "certification", "overseas_showroom", "training", "overseas_legal"];
  const header = ["enterprise", "year", ...cats, "public_livestream_room.recognized_industry_belt", "overseas_showroom.showroom_months", "training.accredited", "certification.other_policy_support"];
  const lines = [header.join(",")];
  for (let i = 0; i < n; i++) {
    const h = (k) => ((i + 1) * 2654435761 + k * 40503) % 1000003;
    const row = ["企业" + i, String(2025 + (i % 3))];
    cats.forEach((c, k) => row.push(h(k) % 6 === 0 ? "" : String((h(k) * 7) % 900000) + "." + String(h(k) % 100).padStart(2, "0")));
    row.push(h(9) % 3 ? "是" : "否", String(h(10) % 24), h(11) % 2 ? "true" : "false", h(12) % 7 === 0 ? "5000" : "");
    lines.push(row.join(","));
  }
  return lines.join("\n") + "\n";
}

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

test("calculateBatch takes rows of { enterprise, year, expenses }: years of one enterprise are one plan", async () => {
  const rows = [
    { enterprise: "A", year: 2026, expenses: [{ category: "brand_promotion", amount: "15万" }] },
    { enterprise: "B", year: 2025, expenses: [{ category: "certification", amount: "1.005" }] },
    { enterprise: "A", year: 2025, expenses: [{ category: "brand_promotion", amount: "15万" }] },
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
  const rows = [{ enterprise: "A", year: 2025, expenses: [] }];
  const cases = [
    ["an unknown parameter", { "brand_promotion.ceiling": "1" }, [['overlay["brand_promotion.ceiling"]', "unknown_parameter"]]],
    ["a negative cap", { "brand_promotion.cap": "-1" }, [['overlay["brand_promotion.cap"]', "amount_negative"]]],
    ["a rate above 100%", { "overseas_legal.rate": "100.01%" }, [['overlay["overseas_legal.rate"]', "rate_range"]]],
    ["a cap period that does not exist", { "brand_promotion.cap_period": "per_century" }, [['overlay["brand_promotion.cap_period"]', "unknown_cap_period"]]],
    ["a rate on an award", { "one_stop_park.rate": "0.5" }, [['overlay["one_stop_park.rate"]', "unknown_parameter"]]],
    ["an unknown option", null, null],
  ];
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
  const ok = await calculateBatch(engine, rows, { overlay: { "overseas_legal.rate": "100%", "brand_promotion.cap": 0 } });
  assert.equal(ok.totals.overlay.length, 2);
});

test("what-if: baseline and changed side by side, the enterprises that change, the policy untouched", async () => {
  const before = JSON.stringify(engine.policy());
  const rows = [
    { enterprise: "brand", year: 2025, expenses: [{ category: "brand_promotion", amount: "30万" }] },
    { enterprise: "legal", year: 2025, expenses: [{ category: "overseas_legal", amount: "10万" }] },
  ];
  const r = await calculateBatch(engine, rows, { overlay: { "brand_promotion.cap": "12万" } });
  assert.equal(r.totals.baseline.total, "150000.00");
  assert.equal(r.totals.changed.total, "170000.00");
  assert.equal(r.totals.changed_enterprises, 1);
  assert.equal(r.enterprises[0].changed.total, "120000.00");
  assert.deepEqual(r.enterprises[1].changed, r.enterprises[1].baseline);
  assert.equal(JSON.stringify(engine.policy()), before);
  assert.equal(engine.calculate({ year: 2025, expenses: rows[0].expenses }).total, "100000.00");

  const fp = await overlayFingerprint(P, r.totals.overlay);
  assert.match(fp, /^[0-9a-f]{64}$/);
  const same = await overlayFingerprint(P, r.totals.overlay.slice().reverse());
  assert.equal(same, fp, "the fingerprint does not depend on the order the parameters were given in");
  assert.notEqual(await overlayFingerprint(P, [{ parameter: "brand_promotion.cap", value: "130000.00" }]), fp);
  assert.ok(overlayText(P, r.totals.overlay).includes(P.version));

  const csv = resultsCsv(P, r, { fingerprint: fp });
  assert.ok(csv.startsWith("\uFEFF"));
  assert.ok(csv.includes("brand_promotion.cap=120000.00"));
  assert.ok(csv.includes(fp));
  const table = parseCsv(csv.slice(1)).map((x) => x.fields);
  const header = table.find((f) => f[0] === "企业 (enterprise)");
  assert.equal(header.length, 4 + P.categories.length + 1 + 2 + P.categories.length);
  const brandRow = table.find((f) => f[0] === "brand");
  assert.equal(brandRow[2], "100000.00");
  assert.equal(brandRow[header.indexOf("调整后合计 (changed.total)")], "120000.00");
  // An enterprise named like a formula is written back as text; its money stays numbers.
  const named = resultsCsv(P, Object.assign({}, r, { enterprises: [Object.assign({}, r.enterprises[0], { enterprise: "=cmd|' /C calc'!A0" })] }), { fingerprint: fp });
  const row = parseCsv(named.slice(1)).map((x) => x.fields).find((f) => f[0].indexOf("cmd") >= 0);
  assert.equal(row[0], "'=cmd|' /C calc'!A0");
  assert.equal(row[2], "100000.00");
});

test("the template lists every column with its Chinese label and id, and reads back as a file", () => {
  const csv = templateCsv(P);
  const recs = parseCsv(csv.slice(1));
  const { columns, problems } = mapHeader(P, recs[0].fields);
  assert.deepEqual(problems, []);
  assert.ok(columns.some((c) => c.key === "overseas_showroom.showroom_months"));
  assert.ok(recs[0].fields.includes(P.categories[1].label.zh + " (" + P.categories[1].id + ")"));
});

test("money compares as decimal strings, exactly, on both sides of each digit", () => {
  const cases = [["9.99", "10.00", -1], ["10.00", "9.99", 1], ["100000.00", "100000.00", 0], ["0.01", "0.10", -1], ["99999999999999999.99", "100000000000000000.00", -1], ["5", "5.00", 0]];
  for (const [a, b, want] of cases) assert.equal(compareMoney(a, b), want, a + " vs " + b);
  const list = [{ enterprise: "b", baseline: { total: "9.99" } }, { enterprise: "a", baseline: { total: "10.00" } }];
  assert.deepEqual(sortEnterprises(list, "total", -1).map((e) => e.enterprise), ["a", "b"]);
  assert.deepEqual(sortEnterprises(list, "enterprise", 1).map((e) => e.enterprise), ["a", "b"]);
  // Bins of powers of ten split 1-2-5, read from the digits: both sides of each edge.
  const hist = histogram(["0.00", "0.01", "1.99", "2.00", "4.99", "5.00", "9.99", "10.00", "199999.99", "200000.00"]);
  const counts = Object.fromEntries(hist.bins.filter((b) => b.count).map((b) => [b.from + "-" + b.to, b.count]));
  assert.deepEqual(counts, { "0-0": 1, "0-1": 1, "1-2": 1, "2-5": 2, "5-10": 2, "10-20": 1, "100000-200000": 1, "200000-500000": 1 });
  assert.equal(hist.max, 2);
  assert.equal(hist.bins.length, 2 + 5 * 3 + 2, "up to the bin of 200,000–500,000");
});
