// The batch page's budget (issue 18 §4–5), in Chromium under the strict CSP: a sheet over every
// plan year with 镇街道 and 梯度 columns → the tables of www/batch/tables.js drawn on the page
// (per measure and year, the range, subtotals per town and tier, the notices), each figure the
// engine's for the same rows in Node; the CSV download writes the same tables; the printout is one
// A4 page (Chromium's PDF, read back with poppler's pdfinfo and pdftotext) with the title, date,
// policy version and fingerprint, the totals per year, the range and the assumptions; the what-if's
// rate and cap in the caps table, and a refused what-if leaves no changed figure. Categories
// are picked by property from policy(): no figure of the policy is written here.
//
//   node --test tests/browser/batch-report.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { browserFile, serveWww, watchdog, ISSUE_CSP, recordViolations } from "./harness.mjs";
import { loadEngine } from "../sheets/make.mjs";
import { calculateBatch } from "../../www/batch/run.js";
import { reportTables } from "../../www/batch/tables.js";
import { parseCsv } from "../../www/batch/csv.js";
import { formatYuan, formatRate } from "../../www/element/money.js";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));

const engine = await loadEngine();
const P = engine.policy();
const D = P.document;
const YEARS = [];
for (let y = D.first_year; y <= D.last_year; y++) YEARS.push(y);
const PLAIN = P.categories.filter((c) => c.kind === "expense" && c.conditions.every((k) => k.only_year != null || k.default != null)).slice(0, 3);
const fen = (s) => BigInt(String(s).replace(".", ""));
const yuan = (f) => { const s = f.toString().padStart(3, "0"); return s.slice(0, -2) + "." + s.slice(-2); };
const TOWNS = ["当湖街道", "钟埭街道", "乍浦镇"]; // input, not a policy figure

/** A sheet: 18 enterprises over the plan's years (the first year left out: its start condition), two passed-through columns. */
function sheet() {
  const header = ["企业", "年份", "镇街道", "梯度"].concat(PLAIN.map((c) => c.label.zh));
  const lines = [header];
  const rows = [];
  for (let i = 0; i < 18; i++) {
    for (const y of YEARS.slice(1)) {
      const amounts = PLAIN.map((c, k) => ((i + k + y) % 3 === 0 ? "" : yuan(fen(c.cap) * BigInt(1 + ((i + y) % 2)))));
      lines.push(["企业" + i, String(y), TOWNS[i % 3], i % 2 ? "A" : "B"].concat(amounts));
      rows.push({ enterprise: "企业" + i, year: y, expenses: PLAIN.map((c, k) => (amounts[k] ? { category: c.id, amount: amounts[k] } : null)).filter(Boolean) });
    }
  }
  return { csv: lines.map((l) => l.join(",")).join("\n") + "\n", rows };
}

const { server, withPage } = browserFile(() => serveWww({ headers: { "content-security-policy": ISSUE_CSP } }));

async function drop(page, csv) {
  await recordViolations(page);
  await page.goto(server.url + "batch.html");
  await page.waitForSelector("body[data-batch=ready]");
  await page.setInputFiles("#file", { name: "budget.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.waitForSelector("body[data-batch=done]", { timeout: 60000 });
}

/** The cells of a drawn table, by its name. */
function cells(page, name) {
  return page.$$eval(`#main [data-table="${name}"] tr`, (trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)));
}

test("per measure and year, the range, subtotals per town and tier, the notices: the engine's figures, on the page and in the CSV", async () => {
  const s = sheet();
  const want = await calculateBatch(engine, s.rows);
  assert.deepEqual(want.errors, []);
  const b = want.totals.baseline;
  assert.ok(fen(b.total) > 0n, "premise: support");
  await withPage(null, async (page) => {
    await drop(page, s.csv);
    const years = await cells(page, "years");
    assert.deepEqual(years[0].slice(2, 2 + YEARS.length), YEARS.map(String));
    const overall = years.find((r, i) => i > 0 && r[0].startsWith("合计"));
    assert.deepEqual(overall.slice(2), b.years.map((y) => formatYuan(y.total)).concat([formatYuan(b.total)]));
    assert.equal(await page.textContent("#total-support"), formatYuan(b.total));
    const range = await cells(page, "range");
    assert.equal(range[1][1], formatYuan(b.total));
    if (want.totals.range.readings.length) assert.equal(range[2][1], formatYuan(want.totals.range.yearly_reading.total));
    const town = await cells(page, "town");
    assert.deepEqual(town.slice(1).map((r) => r[0]).sort(), TOWNS.slice().sort());
    const sum = town.slice(1).reduce((n, r) => n + BigInt(r[2].replace(/[¥,.]/g, "")), 0n);
    assert.equal(yuan(sum), b.total, "the towns add up to the total");
    assert.equal((await cells(page, "tier")).length, 3, "two tiers and the header");
    const notices = await page.$$eval('[data-table="notices"] tbody tr', (trs) => trs.map((tr) => tr.children[0].textContent));
    for (const d of D.notices) assert.equal(notices.filter((c) => c === d.code).length, 1, d.code);

    const [dl] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const csv = readFileSync(await dl.path(), "utf8");
    const lines = parseCsv(csv.slice(1)).map((x) => x.fields);
    const expected = reportTables(P, want, { date: "" });
    for (const t of expected) assert.ok(lines.some((f) => f[0] === t.title), t.title);
    const at = lines.findIndex((f) => f[0] === expected.find((t) => t.name === "years").title);
    assert.equal(lines[at + 1 + years.length - 2][2 + YEARS.length], b.total, "money as the engine wrote it");
  });
});

test("the printout is one A4 page: title, date, policy version and fingerprint, the years, the range, the assumptions", async () => {
  const s = sheet();
  const want = await calculateBatch(engine, s.rows);
  await withPage(null, async (page) => {
    await drop(page, s.csv);
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.isVisible("#print"), true);
    assert.equal(await page.isVisible("#main"), false, "the page itself is not printed");
    await page.emulateMedia({ media: "screen" });
    assert.equal(await page.isVisible("#print"), false, "the printout is not shown on screen");
    await page.emulateMedia({ media: "print" });
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true, printBackground: false });
    const dir = mkdtempSync(join(tmpdir(), "pinghu-print-"));
    const file = join(dir, "budget.pdf");
    writeFileSync(file, pdf);
    const info = execFileSync("pdfinfo", [file], { encoding: "utf8" });
    assert.match(info, /^Pages:\s+1$/m, info);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    assert.ok(size && Math.abs(parseFloat(size[1]) - 595.28) < 2 && Math.abs(parseFloat(size[2]) - 841.89) < 2, "A4: " + info);
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    const squeeze = (x) => x.replace(/\s+/g, " ");
    const title = squeeze(await page.textContent("#print h1"));
    assert.ok(title && text.includes(title.slice(0, 10)), "the title: " + title);
    assert.ok(text.includes(P.version), "the policy version");
    if (P.fingerprint) assert.ok(text.includes(P.fingerprint.slice(0, 16)), "the fingerprint");
    assert.ok(text.includes(new Date().toISOString().slice(0, 4)), "the date");
    for (const y of YEARS) assert.ok(text.includes(String(y)), String(y));
    assert.ok(text.includes(formatYuan(want.totals.baseline.total)), "the total");
    for (const d of D.notices) assert.ok(text.includes(squeeze(d.zh || "").slice(0, 8)) || text.includes(d.code), "the notice " + d.code);
  });
});

test("what-if: the caps table shows its rate and cap; a refused one leaves no changed figure", async () => {
  const s = sheet();
  const c = PLAIN[0];
  const cap = yuan(fen(c.cap) * 2n);
  await withPage(null, async (page) => {
    await drop(page, s.csv);
    await page.fill(`#whatif input[name="${c.id}.rate"]`, "0.1"); // input, not a policy figure
    await page.fill(`#whatif input[name="${c.id}.cap"]`, cap);
    await page.click('#whatif button[type="submit"]');
    await page.waitForSelector("body[data-batch=whatif]");
    const caps = await cells(page, "caps");
    const head = caps[0];
    const row = caps.find((r) => r[0] === c.label.zh);
    assert.equal(row[head.findIndex((h) => h.startsWith("调整后比例"))], formatRate("0.1"));
    assert.equal(row[head.findIndex((h) => h.startsWith("调整后上限 /"))], formatYuan(cap));
    assert.equal(row[head.findIndex((h) => h.startsWith("比例"))], formatRate(c.rate));
    assert.ok(await page.$("#changed-support"));
    // A refused what-if: its 调整后 figures go, the baseline stays.
    await page.fill(`#whatif input[name="${c.id}.rate"]`, "120%"); // input, not a policy figure
    await page.click('#whatif button[type="submit"]');
    await page.waitForSelector(`#whatif input[name="${c.id}.rate"][aria-invalid=true]`);
    assert.equal(await page.$("#changed-support"), null);
    const after = await cells(page, "caps");
    assert.ok(!after[0].some((h) => h.startsWith("调整后")), "no changed column in the caps table");
    assert.ok(await page.$("#total-support"));
  });
});
