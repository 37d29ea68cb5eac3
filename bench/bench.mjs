#!/usr/bin/env node
// `make bench`: sizes and speed of the shipped calculator against its budgets, in one run, one table.
// Run after `make build` (make bench does). The budgets and the history are in docs/performance.md.
//
//   node bench/bench.mjs             sizes, calculate() vs JSON.parse and vs publicodes (bench/publicodes.mjs),
//                                    first result in Chromium, the phone (bench/phone.mjs), table
//   BENCH_BROWSER=0 node bench/...   skip the browser part (bench/browser.mjs)
//   BENCH_STRICT=1 node bench/...    exit 1 if a SIZE budget is over (timing never fails the run)
//   BENCH_RUNS=9 BENCH_CALLS=2000    Node timing parameters (defaults shown)
//   BENCH_BROWSER_RUNS=9             browser runs per setting (passed on to bench/browser.mjs)
//   BENCH_PKG=target/pkg-to-value    measure another package (sizes from there; use with BENCH_BROWSER=0)
//   BENCH_BATCH=0                    skip the batch benchmark (bench/batch.mjs: its engine, 10,000 rows in Chromium)
//   BENCH_EXCEL=0                    skip the Excel benchmark (bench/excel.mjs: the sheet parts, .xlsx vs CSV)
//
// Budgets (issue 7):
//   engine (wasm + glue + the crate's JS snippets), gzip         ≤ 80 KB
//   what the calculator page loads before its first result, gzip ≤ 100 KB
//   calculate() per call for the eight-category enterprise in Node, as a ratio to JSON.parse of
//     that call's own result (JSON.stringify(calculate(x))), both timed in this run   ≤ 2.5×
//   first result in headless Chromium (median)                   ≤ the figure recorded in docs/performance.md
//
// Sizes: raw, gzip -9 (zlib level 9), brotli (quality 11, large window) of the files as served.
// 1 KB = 1024 bytes. "Before its first result" is what headless Chromium requested before the
// element marked its first result on screen (bench/browser.mjs lists it); without the browser, a
// static estimate (index.html, what it links, and the widget files).
// Timing varies up to 1.7× between runs on these 2-core machines: the table reports, it never gates.
// Results are also written to target/bench/last.json.
import { readFileSync, existsSync, mkdirSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { spawnSync } from "node:child_process";
import { gzipSync, brotliCompressSync, constants as zc } from "node:zlib";
import { performance } from "node:perf_hooks";
import { recordedFirstResult } from "./recorded.mjs";
import { BUDGET } from "./budgets.mjs";

const PUBLICODES_VERSION = (() => {
  try {
    return JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), "..", "node_modules", "publicodes", "package.json"), "utf8")).version;
  } catch (e) {
    return "(not installed)";
  }
})();

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PKG = process.env.BENCH_PKG || join(ROOT, "pkg");
const WWW = join(ROOT, "www");
const GLUE = join(PKG, "pinghu_subsidy.js");
const WASM = join(PKG, "pinghu_subsidy_bg.wasm");


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
const sizeCache = new Map();
function sizes(file) {
  if (sizeCache.has(file)) return sizeCache.get(file);
  const buf = readFileSync(file);
  const s = {
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
  sizeCache.set(file, s);
  return s;
}
const sum = (list) =>
  list.reduce((a, r) => ({ raw: a.raw + r.raw, gzip: a.gzip + r.gzip, brotli: a.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);
const short = (name) => (name.length > 34 ? "…" + name.slice(name.length - 33) : name);
const line = (name, s) =>
  console.log(`  ${pad(short(name), 34)} ${padl(s.raw, 8)} B ${padl(kb(s.raw), 9)}   gzip ${padl(s.gzip, 7)} B ${padl(kb(s.gzip), 8)}   brotli ${padl(s.brotli, 7)} B ${padl(kb(s.brotli), 8)}`);

// The widget: the engine (wasm + glue, from www/pkg/ as served; `make build` copies pkg/ there)
// and the element's minified JS and CSS.
const served = (name) =>
  !process.env.BENCH_PKG && existsSync(join(WWW, "pkg", name)) ? join(WWW, "pkg", name) : join(PKG, name);
const engineFiles = [
  ["wasm (optimised)", served("pinghu_subsidy_bg.wasm")],
  ["JS glue (lowered)", served("pinghu_subsidy.js")],
];
// JS snippets the crate imports (#[wasm_bindgen(module = ...)]) are part of the engine too.
const pkgRoot = dirname(served("pinghu_subsidy.js"));
(function walk(dir) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir).sort()) {
    const f = join(dir, name);
    if (statSync(f).isDirectory()) walk(f);
    else if (name.endsWith(".js")) engineFiles.push(["JS snippet " + name, f]);
  }
})(join(pkgRoot, "snippets"));
const elementFiles = [
  ["element JS (minified)", join(WWW, "pinghu-subsidy-calculator.min.js")],
  ["element CSS (minified)", join(WWW, "pinghu-subsidy-calculator.min.css")],
].filter(([, f]) => existsSync(f));
// Loaded on demand, after the first result (reported, in no budget).
const onDemandFiles = [
  ["plan view JS (on demand)", join(WWW, "pinghu-subsidy-calculator.plan-view.min.js")],
  ["visit JS (after the first result)", join(WWW, "pinghu-subsidy-calculator.visit.min.js")],
  ["CSV writer JS (on download)", join(WWW, "pinghu-subsidy-calculator.csv.min.js")],
  ["workspace JS (attribute, after the first result)", join(WWW, "pinghu-subsidy-calculator.workspace.min.js")],
  ["workspace CSS (with its JS)", join(WWW, "pinghu-subsidy-calculator.workspace.min.css")],
].filter(([, f]) => existsSync(f));

// Static estimate of the page: index.html and its <script src>, <link href> (stylesheet, icon,
// modulepreload/preload), plus the widget files, each counted once. Replaced by the browser's list.
function staticPageFiles() {
  const out = new Map();
  const indexHtml = join(WWW, "index.html");
  if (existsSync(indexHtml)) {
    out.set(resolve(indexHtml), "index.html");
    const html = readFileSync(indexHtml, "utf8");
    for (const m of html.matchAll(/<(script|link|img)\b[^>]*?\b(?:src|href)\s*=\s*["']([^"'#?]+)[^"']*["'][^>]*>/gi)) {
      const tag = m[0].toLowerCase();
      if (m[1].toLowerCase() === "link" && !/rel\s*=\s*["'][^"']*(stylesheet|icon|modulepreload|preload)/.test(tag)) continue;
      if (/^[a-z]+:|^\/\//i.test(m[2])) continue; // external
      const f = resolve(WWW, m[2].replace(/^\.\//, ""));
      if (existsSync(f)) out.set(f, m[2].replace(/^\.\//, ""));
    }
  }
  for (const [, f] of [...engineFiles, ...elementFiles]) if (!out.has(resolve(f))) out.set(resolve(f), f.slice(WWW.length + 1));
  return out;
}

console.log("Sizes (gzip = zlib level 9, brotli = quality 11; 1 KB = 1024 B)");
const engineRows = engineFiles.map(([name, f]) => ({ name, ...sizes(f) }));
const elementRows = elementFiles.map(([name, f]) => ({ name, ...sizes(f) }));
for (const r of [...engineRows, ...elementRows]) line(r.name, r);
const engine = sum(engineRows);
const widget = sum([...engineRows, ...elementRows]);
line("= engine (wasm + JS)", engine);
line("= widget (+ element JS/CSS)", widget);
for (const [name, f] of onDemandFiles) line(name, sizes(f));

// ------------------------------------------------------------------ calculate() vs JSON.parse
const glue = await import(pathToFileURL(GLUE).href);
await glue.default({ module_or_path: readFileSync(WASM) });
let first;
try {
  first = glue.calculate(INPUT);
} catch (e) {
  console.error("bench: calculate() threw on the benchmark input:", e && e.message ? e.message : e);
  process.exit(1);
}
const resultJson = JSON.stringify(first);
const runs = Math.max(7, Number(process.env.BENCH_RUNS || 9));
const calls = Math.max(100, Number(process.env.BENCH_CALLS || 2000));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
let sink = 0;
function usPerCall(f, n) {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) sink ^= f() ? 1 : 0;
  return ((performance.now() - t0) * 1000) / n;
}
const calc = () => glue.calculate(INPUT);
const parse = () => JSON.parse(resultJson);
for (let i = 0; i < Math.max(500, calls / 2); i++) { calc(); parse(); } // warm-up (JIT, allocator)
// Paired runs: each run times calculate() and then JSON.parse back to back, so the ratio of the
// pair cancels most of the machine's drift; the table shows the median of the per-run ratios.
const calcUs = [], parseUs = [], ratios = [];
for (let r = 0; r < runs; r++) {
  const c = usPerCall(calc, calls);
  const p = usPerCall(parse, calls);
  calcUs.push(c);
  parseUs.push(p);
  ratios.push(c / p);
}
const calcMedian = median(calcUs), parseMedian = median(parseUs), ratio = median(ratios);
console.log(`\ncalculate() in Node ${process.version}, eight-category enterprise (total ${first.total}; result JSON ${Buffer.byteLength(resultJson)} B):`);
console.log(`  calculate()          median ${calcMedian.toFixed(2)} µs/call over ${runs} runs x ${calls} calls (min ${Math.min(...calcUs).toFixed(2)}, max ${Math.max(...calcUs).toFixed(2)})`);
console.log(`  JSON.parse(result)   median ${parseMedian.toFixed(2)} µs/call (min ${Math.min(...parseUs).toFixed(2)}, max ${Math.max(...parseUs).toFixed(2)})`);
console.log(`  ratio per run        median ${ratio.toFixed(2)}× (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)})`);

// One language (calculate(input, lang), what the element asks for): paired the same way.
const oneJson = JSON.stringify(glue.calculate(INPUT, "zh-CN"));
const calcOne = () => glue.calculate(INPUT, "zh-CN");
const parseOne = () => JSON.parse(oneJson);
for (let i = 0; i < Math.max(500, calls / 2); i++) { calcOne(); parseOne(); }
const oneCalcUs = [], oneParseUs = [], oneRatios = [];
for (let r = 0; r < runs; r++) {
  const c = usPerCall(calcOne, calls);
  const p = usPerCall(parseOne, calls);
  oneCalcUs.push(c);
  oneParseUs.push(p);
  oneRatios.push(c / p);
}
const oneRatio = median(oneRatios);
console.log(`  one language ("zh-CN", result JSON ${Buffer.byteLength(oneJson)} B): calculate() median ${median(oneCalcUs).toFixed(2)} µs, JSON.parse ${median(oneParseUs).toFixed(2)} µs, ratio ${oneRatio.toFixed(2)}×`);

// Against publicodes (bench/publicodes.mjs): the same enterprise as a publicodes model generated
// from policy() (rate × expense, capped, when the conditions hold), its total checked against the
// engine's, and its evaluation (situation set, total evaluated) timed paired with calculate().
let pc = null;
try {
  const { publicodesModel, publicodesEngine } = await import("./publicodes.mjs");
  const t0 = performance.now();
  const model = publicodesModel(glue.policy(), INPUT, glue.read_amount);
  const pEngine = publicodesEngine(model);
  const loadMs = performance.now() - t0;
  const value = pEngine.evaluate();
  const same = typeof value === "number" && (Math.round(value * 100) / 100).toFixed(2) === first.total;
  const evalPc = () => pEngine.evaluate();
  for (let i = 0; i < Math.max(200, calls / 4); i++) { evalPc(); calcOne(); }
  const pcUs = [], pcCalcUs = [], pcRatios = [];
  const pcCalls = Math.max(100, Math.round(calls / 4));
  for (let r = 0; r < runs; r++) {
    const c = usPerCall(calcOne, pcCalls);
    const p = usPerCall(evalPc, pcCalls);
    pcCalcUs.push(c);
    pcUs.push(p);
    pcRatios.push(c / p);
  }
  pc = { total: value, same, loadMs, evaluateUs: median(pcUs), calculateOneUs: median(pcCalcUs), ratio: median(pcRatios), rules: Object.keys(model.rules).length };
  console.log(`  against publicodes ${PUBLICODES_VERSION} (a model of ${pc.rules} rules generated from policy(), loaded in ${loadMs.toFixed(1)} ms): ` +
    `total ${value} — ${same ? "the same as the engine's" : "DIFFERS from the engine's " + first.total}`);
  console.log(`    engine.setSituation + evaluate("total") median ${pc.evaluateUs.toFixed(2)} µs; calculate(input, "zh-CN") ${pc.calculateOneUs.toFixed(2)} µs in the same runs: ` +
    `calculate() / publicodes ${pc.ratio.toFixed(2)}× (publicodes computes only the totals: no working, notices, checks)`);
} catch (e) {
  console.log("  against publicodes: not measured (" + (e && e.message ? e.message : e) + ")");
}

// Informational: where the time goes (no budget). An empty request is mostly the fixed cost of
// the boundary and the always-present notices; read_amount is one small crossing.
function medianUs(f, n, reps = 7) {
  for (let i = 0; i < n / 2; i++) f();
  const r = [];
  for (let k = 0; k < reps; k++) r.push(usPerCall(f, n));
  return median(r);
}
const EMPTY = { year: 2025, expenses: [] };
console.log(`  for reference: calculate(no expenses) ${medianUs(() => glue.calculate(EMPTY), 1000).toFixed(2)} µs, ` +
  `read_amount("30万") ${medianUs(() => glue.read_amount("30万"), 5000).toFixed(2)} µs, ` +
  `policy() ${medianUs(() => glue.policy(), 100).toFixed(2)} µs`);

// ------------------------------------------------------------------ first result in Chromium
const recorded = recordedFirstResult();
let browser = null;
let browserNote = "";
if (process.env.BENCH_BROWSER === "0") {
  browserNote = "skipped (BENCH_BROWSER=0)";
} else if (!existsSync(process.env.PINGHU_CHROMIUM || "/usr/bin/chromium")) {
  browserNote = "no Chromium (make setup installs it)";
} else {
  console.log("");
  const child = spawnSync(process.execPath, [join(ROOT, "bench", "browser.mjs")], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    timeout: 6 * 60 * 1000,
  });
  for (const l of (child.stdout || "").split("\n")) {
    if (l.startsWith("BENCH_BROWSER ")) {
      try {
        browser = JSON.parse(l.slice("BENCH_BROWSER ".length));
      } catch {
        browser = null;
      }
    } else if (l) console.log(l);
  }
  if (!browser || browser.error || !browser.normal) {
    browserNote = `measurement failed (bench/browser.mjs exit ${child.status}${child.error ? ", " + child.error.message : ""})`;
    browser = browser && browser.normal ? browser : null;
  }
}

// What the page loaded before its first result: the browser's list, or the static estimate.
let pageFiles, pageSource;
if (process.env.BENCH_PKG) {
  pageFiles = new Map();
  pageSource = "not measured: BENCH_PKG names a package the page does not load";
} else if (browser && browser.normal && Array.isArray(browser.normal.loadedBeforeFirstResult)) {
  pageFiles = new Map();
  const missing = [];
  for (const p of browser.normal.loadedBeforeFirstResult) {
    const f = resolve(WWW, "." + decodeURIComponent(p));
    if (f.startsWith(WWW) && existsSync(f)) pageFiles.set(f, p.replace(/^\//, ""));
    else missing.push(p);
  }
  pageSource = "requested by Chromium before the first result" + (missing.length ? ` (not found in www/: ${missing.join(", ")})` : "");
} else {
  pageFiles = staticPageFiles();
  pageSource = "static estimate: index.html, what it links, the widget";
}
console.log(`\nWhat the calculator page loads before its first result (${pageSource}):`);
const pageRows = [];
for (const [f, name] of pageFiles) {
  const s = { name, ...sizes(f) };
  pageRows.push(s);
  line(name, s);
}
const page = sum(pageRows);
if (pageRows.length) line(`= page (${pageRows.length} files)`, page);

// ------------------------------------------------------------------ the table
const ms = (v) => (v == null ? "—" : `${Math.round(v)} ms`);
const rows = [
  {
    name: "engine: wasm + glue (+ snippets), gzip",
    value: kb(engine.gzip),
    budget: "≤ " + kb(BUDGET.engineGzip),
    ok: engine.gzip <= BUDGET.engineGzip,
    size: true,
  },
  {
    name: "page before its first result, gzip",
    value: pageRows.length ? kb(page.gzip) : "—",
    budget: "≤ " + kb(BUDGET.pageBeforeFirstResultGzip),
    ok: pageRows.length ? page.gzip <= BUDGET.pageBeforeFirstResultGzip : null,
    note: pageRows.length ? pageRows.length + " files" + (browser ? "" : ", static estimate") : "not measured (BENCH_PKG)",
    size: true,
  },
  {
    name: "calculate() / JSON.parse, both languages",
    value: ratio.toFixed(2) + "×",
    budget: "(retired)",
    ok: null,
    info: true,
    note: `${calcMedian.toFixed(1)} µs vs ${parseMedian.toFixed(1)} µs`,
  },
  {
    name: "calculate() / JSON.parse, one language",
    value: oneRatio.toFixed(2) + "×",
    budget: "(retired)",
    ok: null,
    info: true,
    note: `${median(oneCalcUs).toFixed(1)} µs vs ${median(oneParseUs).toFixed(1)} µs`,
  },
  {
    name: "calculate() / publicodes, one language",
    value: pc ? pc.ratio.toFixed(2) + "×" : "—",
    budget: "(no budget)",
    ok: null,
    info: true,
    note: pc ? `${pc.calculateOneUs.toFixed(1)} µs vs ${pc.evaluateUs.toFixed(1)} µs; totals ${pc.same ? "the same" : "DIFFER"}` : "not measured",
  },
];
const firstRow = (key, label) => {
  const b = browser && browser[key];
  const rec = recorded[key];
  return {
    name: `first result, Chromium, ${label}`,
    value: b ? ms(b.median) : "—",
    budget: rec == null ? "(none recorded)" : `≤ ${ms(rec)} recorded`,
    ok: b && rec != null ? b.median <= rec : null,
    note: b ? `median of ${browser.runs} (${ms(b.min)}–${ms(b.max)})` + (rec ? `, ${(b.median / rec).toFixed(2)}× recorded` : "") : browserNote,
  };
};
rows.push(firstRow("normal", "normal CPU"));
rows.push(Object.assign(firstRow("throttled4x", "4× CPU"), { info: true }));
rows.push({ name: "widget: engine + element JS/CSS, gzip", value: kb(widget.gzip), budget: "(no budget)", ok: null, info: true });
// The phone (bench/phone.mjs): typing, long tasks, layout shift, first result on a slow network.
let phone = null;
if (process.env.BENCH_BROWSER !== "0" && !process.env.BENCH_PKG && existsSync(process.env.PINGHU_CHROMIUM || "/usr/bin/chromium")) {
  console.log("\nThe enterprise on a phone (bench/phone.mjs, 375 px):");
  const child = spawnSync(process.execPath, [join(ROOT, "bench", "phone.mjs")], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 7 * 60 * 1000 });
  for (const l of (child.stdout || "").split("\n")) {
    if (l.startsWith("BENCH_PHONE ")) phone = JSON.parse(l.slice("BENCH_PHONE ".length));
    else if (l) console.log(l);
  }
}
const ph = (f) => (phone && !phone.error ? f(phone) : null);
const phoneRow = (name, v, budget, unit, note) => ({ name, value: v == null ? "—" : v + unit, budget: "≤ " + budget + unit, ok: v == null ? null : v <= budget, note: v == null ? "not measured" : note || "" });
rows.push(phoneRow("keystroke → total, median, normal CPU", ph((p) => p.normal.keystrokeMedian), BUDGET.keystrokeMedianMs, " ms", "Event Timing"));
rows.push(phoneRow("keystroke → total, p95, 4× CPU", ph((p) => p.throttled4x.keystrokeP95), BUDGET.keystrokeP95Ms4x, " ms", "Event Timing"));
rows.push(phoneRow("long tasks after the first result, 4× CPU", ph((p) => p.throttled4x.longTasksAfterFirstResult), BUDGET.longTasksAfterFirstResult, "", ph((p) => "longest " + p.throttled4x.longestTaskAfterFirstResult + " ms")));
rows.push(phoneRow("CLS to the first result, 4× CPU", ph((p) => Math.max(p.normal.clsMax, p.throttled4x.clsMax)), BUDGET.cls, ""));
rows.push(phoneRow("first result, 4× CPU, 1.6 Mbps, 300 ms RTT", ph((p) => p.slowNetwork.median), BUDGET.slowFirstResultMs, " ms", ph((p) => `gzip; median of ${p.runs} (${p.slowNetwork.min}–${p.slowNetwork.max} ms); uncompressed ${p.slowNetworkUncompressed.median} ms`)));

// The consultant's big backup imported (bench/workspace-import.mjs): the longest main-thread task,
// reading in the worker and on the main thread (?worker=0). Reported, in no budget (docs/workspace.md).
let wsImport = null;
if (process.env.BENCH_BROWSER !== "0" && !process.env.BENCH_PKG && existsSync(process.env.PINGHU_CHROMIUM || "/usr/bin/chromium")) {
  console.log("\nThe workspace's import of a big backup (bench/workspace-import.mjs):");
  const child = spawnSync(process.execPath, [join(ROOT, "bench", "workspace-import.mjs")], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 10 * 60 * 1000 });
  for (const l of (child.stdout || "").split("\n")) {
    if (l.startsWith("BENCH_WS_IMPORT ")) wsImport = JSON.parse(l.slice("BENCH_WS_IMPORT ".length));
    else if (l) console.log(l);
  }
}
for (const [key, r] of Object.entries(wsImport && !wsImport.error ? wsImport : {})) {
  rows.push({ name: "workspace import " + key + ", longest task", value: r.longest + " ms", budget: "(no budget)", ok: null, info: true, note: `${r.end.split("：")[0]} in ${r.ms} ms, ${r.longTasks} long tasks` });
}

console.log("\nBudgets (issues 7 and 20; docs/performance.md). Timing is reported, never gated.");
console.log(`  ${pad("", 7)}  ${pad("what", 40)} ${padl("measured", 10)}  ${pad("budget", 20)} note`);
for (const r of rows) {
  const verdict = r.ok === null ? (r.info ? "info" : "n/a") : r.ok ? "meets" : "OVER";
  console.log(`  ${pad(verdict, 7)}  ${pad(r.name, 40)} ${padl(r.value, 10)}  ${pad(r.budget, 20)} ${r.note || ""}`);
}

const out = join(ROOT, "target", "bench");
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, "last.json"),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      engine,
      widget,
      files: [...engineRows, ...elementRows],
      pageBeforeFirstResult: { source: pageSource, total: page, files: pageRows },
      calculate: { medianUs: calcMedian, runsUs: calcUs, calls, resultJsonBytes: Buffer.byteLength(resultJson) },
      jsonParse: { medianUs: parseMedian, runsUs: parseUs },
      ratio: { median: ratio, runs: ratios },
      oneLanguage: { calculateUs: median(oneCalcUs), jsonParseUs: median(oneParseUs), ratio: oneRatio, resultJsonBytes: Buffer.byteLength(oneJson) },
      publicodes: pc && Object.assign({ version: PUBLICODES_VERSION }, pc),
      phone,
      workspaceImport: wsImport,
      browser,
      recorded,
      budget: BUDGET,
      verdicts: rows.map((r) => ({ name: r.name, value: r.value, budget: r.budget, ok: r.ok })),
    },
    null,
    2,
  ) + "\n",
);
console.log(`\n(written to ${join("target", "bench", "last.json")})`);
const sizeOver = rows.some((r) => r.size && r.ok === false);
if (sizeOver && process.env.BENCH_STRICT === "1") process.exit(1);
if (sink < 0) console.log(sink); // keep the timed results alive

// ------------------------------------------------------------------ the batch page (issue 12)
// Its own engine (www/pkg-office/) and page, 10,000 enterprises in Chromium: bench/batch.mjs.
if (!process.env.BENCH_PKG && process.env.BENCH_BATCH !== "0") {
  spawnSync(process.execPath, [join(ROOT, "bench", "batch.mjs")], { cwd: ROOT, stdio: "inherit", timeout: 8 * 60 * 1000 });
}
// The sheet parts' sizes and an .xlsx of 10,000 rows against the same CSV, in Chromium: bench/excel.mjs.
if (!process.env.BENCH_PKG && process.env.BENCH_EXCEL !== "0") {
  spawnSync(process.execPath, [join(ROOT, "bench", "excel.mjs")], { cwd: ROOT, stdio: "inherit", timeout: 10 * 60 * 1000 });
}
