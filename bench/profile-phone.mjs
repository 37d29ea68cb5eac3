#!/usr/bin/env node
// Where the phone's time goes (issue 20 §6; docs/performance.md "The enterprise on a phone"):
// a Chromium performance trace (CDP Tracing, devtools.timeline) of
//   - one keystroke into an amount field at 4× CPU (after the first result and the visit), and
//   - the load at 4× CPU, 1.6 Mbps, 300 ms RTT, navigation to the first result,
// summed per kind of main-thread work (script, style, layout, paint, parse, compile…), with the
// JS functions that cost most (CDP Profiler, self time) and, for the load, the request chain.
// A diagnostic: it prints, it never fails on a figure. `node bench/profile-phone.mjs` after make build.
//   PROFILE_KEYS (default 5) keystrokes traced one by one; PROFILE_LOADS (default 2) loads;
//   PROFILE_GZIP=1 the files sent gzip-compressed; PROFILE_ONLY=load|keys one half.
import { serveWww, launch } from "../tests/browser/harness.mjs";

const KEYS = Math.max(1, parseInt(process.env.PROFILE_KEYS || "5", 10) || 5);
const LOADS = Math.max(1, parseInt(process.env.PROFILE_LOADS || "2", 10) || 2);
const FIELD = 'pinghu-subsidy-calculator fieldset[data-category="brand_promotion"] input[data-field="amount"] >> nth=0';
const CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "blink.user_timing", "loading", "v8"];

// Trace event names grouped into what a performance panel shows.
const KIND = {
  EventDispatch: "script",
  FunctionCall: "script",
  EvaluateScript: "script",
  "v8.evaluateModule": "script",
  TimerFire: "script",
  FireAnimationFrame: "script",
  RunMicrotasks: "script",
  "v8.run": "script",
  UpdateLayoutTree: "style",
  ScheduleStyleRecalculation: "style",
  Layout: "layout",
  PrePaint: "paint",
  Paint: "paint",
  Layerize: "paint",
  UpdateLayer: "paint",
  CompositeLayers: "paint",
  Commit: "paint",
  ParseHTML: "parse HTML",
  ParseAuthorStyleSheet: "parse CSS",
  "v8.compile": "compile JS",
  "v8.compileModule": "compile JS",
  "v8.parseOnBackground": "compile JS",
  "wasm.CompileLazy": "compile wasm",
  "v8.wasm.compileLazy": "compile wasm",
  "v8.wasm.streamFromResponseCallback": "compile wasm",
  "v8.wasm.compiledModule": "compile wasm",
  "v8.wasm.cachedModule": "compile wasm",
  "wasm.SyncInstantiate": "compile wasm",
  "v8.wasm.instantiate": "compile wasm",
  MajorGC: "GC",
  MinorGC: "GC",
  "V8.GCScavenger": "GC",
  "BlinkGC.AtomicPhase": "GC",
};

async function trace(cdp, during) {
  const events = [];
  const onData = (d) => events.push(...d.value);
  cdp.on("Tracing.dataCollected", onData);
  await cdp.send("Tracing.start", { transferMode: "ReportEvents", traceConfig: { includedCategories: CATEGORIES } });
  await during();
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.end");
  await done;
  cdp.off("Tracing.dataCollected", onData);
  return events;
}

/** Main-thread time per kind, counting only the outermost event of each kind (no double count). */
function summarise(events, from, to) {
  // The page's renderer main thread: of the threads named CrRendererMain, the busiest (a
  // navigation may leave the first renderer for another process).
  const mains = events.filter((e) => e.name === "thread_name" && e.args && e.args.name === "CrRendererMain");
  const count = (m) => events.filter((e) => e.pid === m.pid && e.tid === m.tid).length;
  const main = mains.sort((a, b) => count(b) - count(a))[0];
  const pid = main && main.pid, tid = main && main.tid;
  const mine = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && e.ts >= from && e.ts <= to);
  const totals = {};
  const byName = {};
  // Self time per kind: an event's duration minus its children that are of a listed kind.
  mine.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const stack = [];
  for (const e of mine) {
    while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
    const kind = KIND[e.name];
    if (kind) {
      const parent = stack.slice().reverse().find((p) => KIND[p.name]);
      if (parent) parent.self -= e.dur || 0;
      e.self = e.dur || 0;
      stack.push(e);
    } else {
      e.self = 0;
      stack.push(e);
    }
  }
  let tasks = 0, longest = 0;
  for (const e of mine) {
    if (e.name === "RunTask" && (e.cat || "").includes("disabled-by-default-devtools.timeline")) {
      tasks += e.dur || 0;
      longest = Math.max(longest, e.dur || 0);
    }
    const kind = KIND[e.name];
    if (!kind) continue;
    totals[kind] = (totals[kind] || 0) + e.self;
    byName[e.name] = (byName[e.name] || 0) + e.self;
  }
  const ms = (o) => Object.fromEntries(Object.entries(o).sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round(v / 100) / 10]));
  return { tasksMs: Math.round(tasks / 100) / 10, longestTaskMs: Math.round(longest / 100) / 10, kinds: ms(totals), events: ms(byName), layoutObjects: layoutCounts(mine) };
}

/** How many elements each style recalculation and layout touched (what a change invalidates). */
function layoutCounts(mine) {
  const styles = mine.filter((e) => e.name === "UpdateLayoutTree").map((e) => (e.args && e.args.elementCount) || (e.args && e.args.data && e.args.data.elementCount) || 0);
  const layouts = mine.filter((e) => e.name === "Layout").map((e) => (e.args && e.args.beginData && e.args.beginData.dirtyObjects) || 0);
  return { styleElements: styles, layoutDirty: layouts };
}

/** JS self time per function (CDP Profiler), the top n. */
function topFunctions(profile, n) {
  const self = new Map();
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const dt = profile.timeDeltas;
  const counts = new Map();
  profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (dt[i + 1] || 0)));
  for (const [id, us] of counts) {
    const f = byId.get(id).callFrame;
    const file = (f.url || "").split("/").pop();
    const key = `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) || 0) + us);
  }
  return Array.from(self).sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, us]) => `${(us / 1000).toFixed(1)} ms  ${k}`);
}

async function context(browser, rate, network) {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  if (network) await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 300, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  return { ctx, page, cdp };
}

const firstResult = (page) =>
  page.waitForFunction(() => performance.getEntriesByName("pinghu-first-result").length > 0, null, { timeout: 60000, polling: 50 });

async function keystrokes(browser, url) {
  const { ctx, page, cdp } = await context(browser, 4, false);
  try {
    await page.goto(url);
    await firstResult(page);
    await page.waitForFunction(() => document.querySelector("pinghu-subsidy-calculator").shadowRoot.querySelector(".year-explain"), null, { timeout: 30000 });
    await page.click(FIELD);
    await page.keyboard.type("12");
    await page.waitForTimeout(500);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
    const sums = [];
    let profileTop = null;
    for (let k = 0; k < KEYS; k++) {
      await page.waitForTimeout(300);
      await cdp.send("Profiler.start");
      let t0 = 0, t1 = 0;
      const events = await trace(cdp, async () => {
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
        await page.keyboard.type(String((k + 3) % 10));
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
      });
      const { profile } = await cdp.send("Profiler.stop");
      if (!profileTop) profileTop = profile;
      else mergeInto(profileTop, profile);
      const dispatch = events.filter((e) => e.name === "EventDispatch" && e.args && e.args.data && e.args.data.type === "keydown");
      t0 = dispatch.length ? dispatch[0].ts : Math.min(...events.filter((e) => e.ts).map((e) => e.ts));
      t1 = Math.max(...events.filter((e) => e.ph === "X").map((e) => e.ts + (e.dur || 0)));
      sums.push(summarise(events, t0 - 1000, t1));
    }
    return { sums, top: topFunctions(profileTop, 15) };
  } finally {
    await ctx.close();
  }
}

function mergeInto(a, b) {
  // Keep it simple: profiles are summed by appending b's nodes with fresh ids.
  const off = Math.max(...a.nodes.map((n) => n.id));
  b.nodes.forEach((n) => a.nodes.push(Object.assign({}, n, { id: n.id + off, children: (n.children || []).map((c) => c + off) })));
  a.samples.push(...b.samples.map((s) => s + off));
  a.timeDeltas.push(...b.timeDeltas);
}

async function load(browser, url) {
  const { ctx, page, cdp } = await context(browser, 4, true);
  const requests = new Map();
  let nav = 0;
  cdp.on("Network.requestWillBeSent", (e) => requests.set(e.requestId, { url: e.request.url.split("/").pop() || "/", start: e.timestamp, initiator: e.initiator.type }));
  cdp.on("Network.responseReceived", (e) => requests.has(e.requestId) && (requests.get(e.requestId).response = e.timestamp));
  cdp.on("Network.loadingFinished", (e) => requests.has(e.requestId) && Object.assign(requests.get(e.requestId), { end: e.timestamp, bytes: e.encodedDataLength }));
  try {
    let first = 0;
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
    const events = await trace(cdp, async () => {
      await page.goto(url, { waitUntil: "commit" });
      await firstResult(page);
      first = await page.evaluate(() => performance.getEntriesByName("pinghu-first-result")[0].startTime);
      await page.waitForTimeout(3000); // what follows the first result (visit, workspace)
    });
    const { profile } = await cdp.send("Profiler.stop");
    const navStart = events.find((e) => e.name === "navigationStart" || e.name === "TracingStartedInBrowser");
    const mark = events.find((e) => e.name === "pinghu-first-result");
    nav = mark ? mark.ts - first * 1000 : navStart.ts;
    const firstTs = mark ? mark.ts : nav + first * 1000;
    const list = Array.from(requests.values()).sort((a, b) => a.start - b.start);
    const t0 = list.length ? list[0].start : 0;
    return {
      first: Math.round(first),
      before: summarise(events, nav, firstTs),
      after: summarise(events, firstTs, firstTs + 3e6),
      longAfter: events
        .filter((e) => e.name === "RunTask" && e.ts > firstTs && e.dur > 50000)
        .map((e) => Math.round(e.dur / 1000)),
      chain: list.map((r) => `${String(Math.round((r.start - t0) * 1000)).padStart(5)} → ${String(Math.round(((r.end || r.start) - t0) * 1000)).padStart(5)} ms  ${String(r.bytes || 0).padStart(7)} B  ${r.url}  (${r.initiator})`),
      top: topFunctions(profile, 12),
    };
  } finally {
    await ctx.close();
  }
}

async function main() {
  // PROFILE_GZIP=1: the files gzip-compressed, as a web server sends them (bench/phone.mjs's budget figure).
  const server = await serveWww({ gzip: process.env.PROFILE_GZIP === "1" });
  const browser = await launch();
  const url = server.url + "index.html";
  try {
    const k = process.env.PROFILE_ONLY === "load" ? { sums: [], top: [] } : await keystrokes(browser, url);
    if (process.env.PROFILE_ONLY !== "load") console.log(`== one keystroke at 4× CPU (${KEYS} traced), main thread ms per kind:`);
    k.sums.forEach((s, i) => console.log(`  #${i + 1} tasks ${s.tasksMs} ms (longest ${s.longestTaskMs}) ${JSON.stringify(s.kinds)}\n      ${JSON.stringify(s.events)}\n      ${JSON.stringify(s.layoutObjects)}`));
    console.log("  JS self time over all traced keystrokes:");
    k.top.forEach((l) => console.log("    " + l));
    for (let i = 0; i < (process.env.PROFILE_ONLY === "keys" ? 0 : LOADS); i++) {
      const l = await load(browser, url);
      console.log(`\n== load at 4× CPU, 1.6 Mbps, 300 ms RTT: first result ${l.first} ms`);
      console.log(`  before the first result: tasks ${l.before.tasksMs} ms ${JSON.stringify(l.before.kinds)}\n    ${JSON.stringify(l.before.events)}`);
      console.log(`  3 s after it: tasks ${l.after.tasksMs} ms (longest ${l.after.longestTaskMs}; long: ${l.longAfter.join(", ") || "none"}) ${JSON.stringify(l.after.kinds)}\n    ${JSON.stringify(l.after.events)}`);
      console.log("  requests (from the first):");
      l.chain.forEach((c) => console.log("    " + c));
      console.log("  JS self time:");
      l.top.forEach((x) => console.log("    " + x));
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
