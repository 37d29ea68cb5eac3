#!/usr/bin/env node
// The Excel benchmark (issue 18), run by `make bench` after bench/batch.mjs, or alone:
//
//   node bench/excel.mjs                 sizes of the two sheet parts; .xlsx vs CSV in Chromium
//   BENCH_BATCH_ROWS=10000 BENCH_BATCH_RUNS=3
//
// Sizes: the read part (www/pkg-sheet-read/: calamine; loaded when an Excel file is dropped) and
// the write part (www/pkg-sheet-write/: rust_xlsxwriter; loaded on an .xlsx download), wasm +
// glue, gzip -9. Chromium, normal CPU: bench/batch.mjs's 10,000 rows × 8 categories, once as the
// CSV it drops and once as an .xlsx of the same rows (written here by the write part: text, years
// and months as numbers, money as ¥ numbers), each dropped on a fresh page (so the .xlsx run
// includes fetching and compiling the read part), interleaved, from the drop ("batch-start") to
// the totals ("batch-totals"); the ratio of the medians, in one run. Budget: ≤ 2×. Reports, never gates.
import { readFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { benchCsv } from "./batch-rows.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const WWW = join(ROOT, "www");
const ROWS = parseInt(process.env.BENCH_BATCH_ROWS || "10000", 10);
const RUNS = parseInt(process.env.BENCH_BATCH_RUNS || "3", 10);
const BUDGET = 2;
const kb = (n) => (n / 1024).toFixed(1) + " KB";
const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log("\n======== Excel (issue 18): the sheet parts' sizes; an .xlsx of " + ROWS + " rows against the same rows as CSV");
for (const [part, when] of [["pkg-sheet-read", "loaded when an Excel file is dropped"], ["pkg-sheet-write", "loaded on an .xlsx download"]]) {
  const dir = join(WWW, part);
  if (!existsSync(join(dir, "pinghu_sheet_bg.wasm"))) {
    console.error("bench/excel: www/" + part + "/ is missing — run `make build-sheets` first");
    process.exit(1);
  }
  console.log(`  ${part} (wasm + glue), gzip ${kb(gz(join(dir, "pinghu_sheet_bg.wasm")) + gz(join(dir, "pinghu_sheet.js")))}  (${when})`);
}

/** The bench CSV's rows as one table for the write part: the same cells, typed as a clerk's Excel holds them. */
function xlsxOf(csv) {
  const lines = csv.trim().split("\r\n").map((l) => l.split(","));
  const kinds = lines[0].map((h, i) => (i === 0 || h.endsWith(".recognized_industry_belt") || h.endsWith(".accredited") ? "text" : i === 1 || h.endsWith(".showroom_months") ? "count" : "money"));
  return [{ name: "企业", columns: lines[0].map((label, i) => ({ label, kind: kinds[i] })), rows: lines.slice(1) }];
}

const text = benchCsv(ROWS);
const write = await import(join(WWW, "pkg-sheet-write", "pinghu_sheet.js"));
write.initSync({ module: readFileSync(join(WWW, "pkg-sheet-write", "pinghu_sheet_bg.wasm")) });
const t0 = performance.now();
const xlsx = write.writeXlsx(JSON.stringify(xlsxOf(text)));
console.log(`  the .xlsx: ${kb(xlsx.length)} (CSV ${kb(Buffer.byteLength(text))}), written by the write part in Node in ${Math.round(performance.now() - t0)} ms`);

let line = "skipped (BENCH_BROWSER=0)";
if (process.env.BENCH_BROWSER !== "0" && existsSync(process.env.PINGHU_CHROMIUM || "/usr/bin/chromium")) {
  const { serveWww, launch } = await import(join(ROOT, "tests", "browser", "harness.mjs"));
  const server = await serveWww();
  const browser = await launch();
  const watchdog = setTimeout(() => { console.error("bench/excel: watchdog"); process.exit(2); }, 8 * 60 * 1000);
  /** One drop on a fresh page: `{ total, read }` (ms: drop → totals; drop → the sheet loaded). */
  const once = async (name, data) => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(server.url + "batch.html");
    await page.waitForSelector("body[data-batch=ready]");
    const dt = await page.evaluateHandle(({ name, data }) => {
      const d = new DataTransfer();
      d.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
      return d;
    }, { name, data: Buffer.from(data).toString("base64") });
    await page.dispatchEvent("#drop", "drop", { dataTransfer: dt });
    await page.waitForSelector("body[data-batch=done]", { timeout: 120000 });
    const ms = await page.evaluate(() => ({ total: performance.measure("t", "batch-start", "batch-totals").duration, read: performance.measure("r", "batch-start", "batch-loaded").duration }));
    await ctx.close();
    return ms;
  };
  try {
    const csv = [];
    const xl = [];
    await once("warm.csv", Buffer.from(text));
    for (let r = 0; r < RUNS; r++) {
      xl.push(await once("bench.xlsx", xlsx));
      csv.push(await once("bench.csv", Buffer.from(text)));
    }
    const mc = median(csv.map((x) => x.total));
    const mx = median(xl.map((x) => x.total));
    const ratio = mx / mc;
    line = `.xlsx ${Math.round(mx)} ms (of which drop → sheet loaded ${Math.round(median(xl.map((x) => x.read)))} ms), CSV ${Math.round(mc)} ms (${Math.round(median(csv.map((x) => x.read)))} ms), medians of ${RUNS}: ${ratio.toFixed(2)}×; budget ≤ ${BUDGET}×: ${ratio <= BUDGET ? "meets" : "OVER"}`;
  } finally {
    clearTimeout(watchdog);
    await browser.close();
    await server.close();
  }
}
console.log(`  Chromium, normal CPU, ${ROWS} rows dropped → totals shown: ${line}`);
