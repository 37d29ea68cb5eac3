#!/usr/bin/env node
// A consultant's big backup imported in the workspace (issue 19), in headless Chromium on
// index.html: the longest main-thread task (PerformanceObserver "longtask") from choosing the
// file to the end of the import, and how long it took. Two files from tests/browser/backup-file.mjs:
// 300 clients × 10 plans (about 15 MB, more than the device's storage holds: it ends refused or,
// before the size check, at the preview) and one of BENCH_WS_FITS clients × 10 plans (default
// 200) that fits: previewed, then imported. Each with the reading in the worker (the default)
// and on the main thread (`?worker=0`, the fallback).
//
// Prints the figures and one machine-readable line `BENCH_WS_IMPORT {json}` for bench/bench.mjs.
// Exit 0 whatever the numbers; 1 if the measurement failed.
//
//   node bench/workspace-import.mjs            (after make build-office)
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { serveWww, launch, waitReady, openWorkspace, REPO } from "../tests/browser/harness.mjs";
import { loadPackage } from "../tests/node/packages.mjs";
import { backupText } from "../tests/browser/backup-file.mjs";

const FITS = Math.max(1, parseInt(process.env.BENCH_WS_FITS || "200", 10) || 200);
const EL = "pinghu-subsidy-calculator";
const ws = (name) => `${EL} [data-ws="${name}"]`;
const watchdog = setTimeout(() => {
  console.error("bench/workspace-import: still running after 9 minutes, exiting");
  process.exit(2);
}, 9 * 60 * 1000);
watchdog.unref();

function observe() {
  window.__long = [];
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push([e.startTime, e.duration]))).observe({ type: "longtask", buffered: true });
  } catch (e) {
    window.__longUnsupported = true;
  }
}

/** What the panel shows at the end of an import step: the preview, done, or a message in error. */
const settled = (page, what) =>
  page.waitForFunction(
    ([sel, what]) => {
      const root = document.querySelector(sel).shadowRoot;
      const err = root.querySelector('[data-ws="status"].ws-error');
      if (err && err.textContent) return "refused";
      const box = root.querySelector(what === "preview" ? '[data-ws="preview-clients"]' : '[data-ws="import-done"]');
      return box && box.offsetParent !== null ? what : false;
    },
    [EL, what],
    { timeout: 240000, polling: 100 }
  ).then((h) => h.jsonValue());

// Chosen from a file on disk (CDP sets it): a buffer would be built into a File by script in the
// page, a long task of its own (seconds for 15 MB) that is not the workspace's.
async function run(browser, url, path) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await ctx.newPage();
    await page.addInitScript(observe);
    await page.goto(url);
    await waitReady(page);
    // The workspace loads when its disclosure is opened (workspace-hook.js), as a consultant opens it.
    await openWorkspace(page);
    await page.locator(ws("import")).waitFor({ state: "attached", timeout: 30000 });
    const t0 = await page.evaluate(() => performance.now());
    await page.setInputFiles(ws("import"), path);
    let end = await settled(page, "preview");
    if (end === "preview") {
      await page.click(ws("import-apply"));
      end = await settled(page, "done");
    }
    const r = await page.evaluate((t0) => ({ ms: performance.now() - t0, long: window.__long.filter(([t]) => t >= t0).map(([, d]) => d) }), t0);
    return { end, ms: Math.round(r.ms), longTasks: r.long.length, longest: Math.round(r.long.length ? Math.max(...r.long) : 0) };
  } finally {
    await ctx.close();
  }
}

async function main() {
  const glue = await loadPackage("pkg-office");
  const dir = join(REPO, "target", "bench-workspace");
  mkdirSync(dir, { recursive: true });
  const files = [
    ["300x10", backupText(glue, 300, 10)],
    [FITS + "x10", backupText(glue, FITS, 10)],
  ];
  for (const [key, text] of files) writeFileSync(join(dir, key + ".json"), text);
  const server = await serveWww();
  const browser = await launch();
  const report = {};
  try {
    for (const [key, text] of files) {
      for (const [mode, q] of [["worker", ""], ["mainThread", "?worker=0"]]) {
        const r = await run(browser, server.url + "index.html" + q, join(dir, key + ".json"));
        report[key + " " + mode] = Object.assign({ megabytes: Math.round(Buffer.byteLength(text) / 1e5) / 10 }, r);
        console.log(`  ${(key + " " + mode).padEnd(20)} ${r.end}: ${r.ms} ms, ${r.longTasks} long tasks, longest ${r.longest} ms`);
      }
    }
  } catch (e) {
    report.error = String((e && e.stack) || e);
    console.error("bench/workspace-import: measurement failed:", e);
    process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
  console.log("BENCH_WS_IMPORT " + JSON.stringify(report));
}

main();
