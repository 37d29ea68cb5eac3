#!/usr/bin/env node
// Size and speed budget check of the shipped widget. Run after `make build` (make bench does).
//
//   node bench/bench.mjs            print sizes, timing, PASS/OVER per budget (exit 0)
//   BENCH_STRICT=1 node bench/...   exit 1 if any budget is OVER
//   BENCH_RUNS=9 BENCH_CALLS=2000   timing parameters (defaults shown)
//
// Sizes: raw, gzip -9 (zlib level 9), brotli (quality 11, large window) of what the browser
// downloads. 1 KB = 1024 bytes. Byte counts are printed too.
// Timing: calculate() through the shipped JS API in Node (same glue and .wasm as the page),
// median over BENCH_RUNS runs of BENCH_CALLS calls each, after a warm-up.
// Results are also written to target/bench/last.json.
import { readFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import { performance } from "node:perf_hooks";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = process.env.BENCH_PKG || join(ROOT, "pkg");
const WWW = join(ROOT, "www");
const GLUE = join(PKG, "pinghu_subsidy.js");
const WASM = join(PKG, "pinghu_subsidy_bg.wasm");

const BUDGET = {
  engineGzip: 45 * 1024, // wasm + glue, gzip
  widgetGzip: 60 * 1024, // wasm + glue + element JS + element CSS, gzip
  usPerCall: 20, // median µs per calculate() in Node
};

const INPUT = {
  year: 2025,
  expenses: [
    { category: "platform_onboarding", amount: "15000" },
    { category: "brand_promotion", amount: "30万" },
    { category: "certification", amount: "80,000" },
    { category: "overseas_showroom", amount: 150000, conditions: { showroom_months: 14 } },
    { category: "overseas_legal", amount: "400000" },
    { category: "livestream_service", amount: "120000" },
    { category: "public_livestream_room", amount: "300000", conditions: { recognized_industry_belt: true } },
    { category: "training", amount: "30000", conditions: { accredited: true } },
  ],
};

for (const f of [GLUE, WASM]) {
  if (!existsSync(f)) {
    console.error(`bench: ${f} missing — run \`make build\` first`);
    process.exit(1);
  }
}

// ------------------------------------------------------------------ sizes
const kb = (n) => (n / 1024).toFixed(1) + " KB";
function sizes(file) {
  const buf = readFileSync(file);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [zc.BROTLI_PARAM_QUALITY]: zc.BROTLI_MAX_QUALITY,
        [zc.BROTLI_PARAM_LGWIN]: zc.BROTLI_MAX_WINDOW_BITS,
        [zc.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

// What the widget loads: its element JS + CSS (fetched by the element), the glue, the wasm.
// Sizes are taken from www/pkg/ (what the page fetches; `make build` copies pkg/ there) when present.
const SERVED_WASM = existsSync(join(WWW, "pkg", "pinghu_subsidy_bg.wasm")) ? join(WWW, "pkg", "pinghu_subsidy_bg.wasm") : WASM;
const SERVED_GLUE = existsSync(join(WWW, "pkg", "pinghu_subsidy.js")) ? join(WWW, "pkg", "pinghu_subsidy.js") : GLUE;
const widgetFiles = [
  ["wasm (optimised)", SERVED_WASM],
  ["JS glue (lowered)", SERVED_GLUE],
  ["element JS (minified)", join(WWW, "pinghu-subsidy-calculator.min.js")],
  ["element CSS (minified)", join(WWW, "pinghu-subsidy-calculator.min.css")],
].filter(([, f]) => existsSync(f));

// What the demo page loads on top: index.html and its <script src>, <link href> (stylesheet, icon,
// modulepreload/preload), each file counted once.
const pageFiles = [];
const indexHtml = join(WWW, "index.html");
if (existsSync(indexHtml)) {
  pageFiles.push(["index.html", indexHtml]);
  const html = readFileSync(indexHtml, "utf8");
  const refs = new Set();
  for (const m of html.matchAll(/<(script|link|img)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"'#?]+)[^"']*["'][^>]*>/gi)) {
    const tag = m[0].toLowerCase();
    if (m[1].toLowerCase() === "link" && !/rel\s*=\s*["'][^"']*(stylesheet|icon|modulepreload|preload)/.test(tag)) continue;
    if (/^[a-z]+:|^\/\//i.test(m[2])) continue; // external
    refs.add(m[2].replace(/^\.\//, ""));
  }
  const widgetPaths = new Set(widgetFiles.map(([, f]) => resolve(f)));
  for (const r of refs) {
    const f = resolve(WWW, r);
    if (existsSync(f) && !widgetPaths.has(f)) pageFiles.push([r, f]);
  }
}

const rows = [];
const sum = (list) =>
  list.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);
const line = (name, s) =>
  console.log(`  ${pad(name, 28)} ${padl(s.raw, 8)} B ${padl(kb(s.raw), 9)}   gzip ${padl(s.gzip, 7)} B ${padl(kb(s.gzip), 8)}   brotli ${padl(s.brotli, 7)} B ${padl(kb(s.brotli), 8)}`);

console.log("Sizes (gzip = zlib level 9, brotli = quality 11; 1 KB = 1024 B)");
for (const [name, f] of widgetFiles) {
  const s = { name, ...sizes(f) };
  rows.push(s);
  line(name, s);
}
const engine = sum(rows.slice(0, 2));
const widget = sum(rows);
line("= engine (wasm + glue)", engine);
line("= widget (+ element JS/CSS)", widget);
const pageRows = [];
for (const [name, f] of pageFiles) {
  const s = { name, ...sizes(f) };
  pageRows.push(s);
  line("page: " + name, s);
}
const page = sum([...rows, ...pageRows]);
line("= whole page (index.html)", page);

// ------------------------------------------------------------------ timing
const glue = await import(pathToFileURL(GLUE).href);
await glue.default({ module_or_path: readFileSync(WASM) });
let first;
try {
  first = glue.calculate(INPUT);
} catch (e) {
  console.error("bench: calculate() threw on the benchmark input:", e && e.message ? e.message : e);
  process.exit(1);
}
const runs = Math.max(7, Number(process.env.BENCH_RUNS || 9));
const calls = Math.max(100, Number(process.env.BENCH_CALLS || 2000));
for (let i = 0; i < Math.max(500, calls / 2); i++) glue.calculate(INPUT); // warm-up (JIT, allocator)
const perCall = [];
for (let r = 0; r < runs; r++) {
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) glue.calculate(INPUT);
  perCall.push(((performance.now() - t0) * 1000) / calls);
}
const sorted = [...perCall].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
console.log(`\ncalculate() in Node ${process.version}, eight-category enterprise (total ${first && first.total}):`);
console.log(`  median ${median.toFixed(2)} µs/call over ${runs} runs x ${calls} calls (min ${sorted[0].toFixed(2)}, max ${sorted[sorted.length - 1].toFixed(2)})`);

// Informational: where the time goes (no budget). An empty request is mostly the fixed cost of
// the boundary and the always-present notices; read_amount is one small crossing.
function medianUs(f, n, reps = 7) {
  for (let i = 0; i < n / 2; i++) f();
  const r = [];
  for (let k = 0; k < reps; k++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) f();
    r.push(((performance.now() - t0) * 1000) / n);
  }
  return r.sort((a, b) => a - b)[Math.floor(reps / 2)];
}
const EMPTY = { year: 2025, expenses: [] };
console.log(`  for reference: calculate(no expenses) ${medianUs(() => glue.calculate(EMPTY), 1000).toFixed(2)} µs, ` +
  `read_amount("30万") ${medianUs(() => glue.read_amount("30万"), 5000).toFixed(2)} µs, ` +
  `policy() ${medianUs(() => glue.policy(), 100).toFixed(2)} µs`);

// ------------------------------------------------------------------ budgets
const verdicts = [
  ["engine wasm + glue gzip", engine.gzip, BUDGET.engineGzip, kb],
  ["widget gzip", widget.gzip, BUDGET.widgetGzip, kb],
  ["calculate() median", median, BUDGET.usPerCall, (v) => v.toFixed(2) + " µs"],
];
console.log("\nBudgets");
let over = 0;
for (const [name, value, budget, fmt] of verdicts) {
  const ok = value <= budget;
  if (!ok) over++;
  console.log(`  ${ok ? "PASS" : "OVER"}  ${pad(name, 26)} ${padl(fmt(value), 10)}  (budget ${fmt(budget)})`);
}

const out = join(ROOT, "target", "bench");
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, "last.json"),
  JSON.stringify({ date: new Date().toISOString(), node: process.version, files: rows, page: pageRows, engine, widget, wholePage: page, usPerCall: { median, runs: perCall, calls }, budget: BUDGET, over }, null, 2) + "\n",
);
if (over && process.env.BENCH_STRICT === "1") process.exit(1);
