// The batch page (www/batch.html, issue 12) in Chromium under the strict CSP (as a header on every
// response, the worker's too): drop a file, see progress, totals and refused rows by row and
// column, download the results CSV; what-if with a changed cap and a bad one; the main-thread
// path (?worker=0) gives the same totals; a GBK file with Chinese headers through the picker.
// Waits for states (data-batch on <body>), never for a time.
//
//   node --test tests/browser/batch.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { serveWww, launch, watchdog, pageRunner, screenshotPath, ISSUE_CSP, recordViolations } from "./harness.mjs";

watchdog();


let server;
let browser;
before(async () => {
  server = await serveWww({ headers: { "content-security-policy": ISSUE_CSP } });
  browser = await launch();
});
after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    if (server) await server.close();
  }
});
const withPage = pageRunner(() => browser);

/** A file: four known enterprises (one refused row) and `filler` more rows of small amounts. */
function file(filler = 0) {
  const lines = [
    "enterprise,year,brand_promotion,certification,overseas_legal,overseas_showroom,overseas_showroom.showroom_months",
    "甲公司,2025,30万,,,,",
    "乙公司,2025,,\"80,000\",,,",
    "丙公司,2025,100.123,,,,",
    "丁公司,2025,,,400000,,",
    "戊公司,2025,,,,150000,x",
  ];
  for (let i = 0; i < filler; i++) lines.push("填充" + i + ",2026,,,2.00,,");
  return lines.join("\r\n") + "\r\n";
}

async function open(page, query = "") {
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  await recordViolations(page);
  await page.addInitScript(() => {
    window.__statuses = [];
    new MutationObserver(() => {
      const s = document.getElementById("status");
      if (s) window.__statuses.push(s.textContent);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(server.url + "batch.html" + query);
  await page.waitForSelector("body[data-batch=ready]");
  return requests;
}

async function drop(page, text, name = "list.csv") {
  const dt = await page.evaluateHandle(([t, n]) => {
    const d = new DataTransfer();
    d.items.add(new File([t], n, { type: "text/csv" }));
    return d;
  }, [text, name]);
  await page.dispatchEvent("#drop", "drop", { dataTransfer: dt });
}

const expectedTotal = (filler) => {
  // 甲 100,000 (capped) + 乙 80,000 + 丁 200,000 (50%); 戊 refused; each filler 2.00 × 50% = 1.00.
  const yuan = 380000 + filler;
  return "¥" + yuan.toLocaleString("en-US") + ".00";
};

test("drop a file: progress, totals, refused cells by row and column, the results CSV", async () => {
  await withPage(null, async (page) => {
    const requests = await open(page);
    const filler = 2000;
    await drop(page, file(filler));
    await page.waitForSelector("body[data-batch=done]", { timeout: 60000 });
    const statuses = await page.evaluate(() => window.__statuses);
    assert.ok(statuses.some((s) => /正在计算 \d+ \/ 2005 行/.test(s) && !s.startsWith("正在计算 2005")), "progress was shown part way: " + statuses.slice(0, 5).join(" | "));
    assert.equal(await page.$eval("#progress", (p) => [p.value, p.max].join("/")), "2005/2005");
    const counts = await page.textContent("#counts");
    assert.match(counts, /读取 2005 行，计算 2003 行，拒绝 2 行；企业 2003 家/);
    assert.match(counts, /2005 rows read, 2003 computed, 2 refused/);
    assert.equal(await page.textContent("#total-support"), expectedTotal(filler));
    const errors = await page.$$eval("#errors li", (li) => li.map((x) => x.textContent));
    assert.equal(errors.length, 2);
    assert.match(errors[0], /^第4行 自主品牌推广和境外推广: 金额最多保留两位小数.* \/ row 4 .+: /);
    assert.match(errors[1], /^第6行 境外展销中心展销费用\.[^:]+: /);
    // caps: 甲 reaches the brand promotion cap
    const capRow = await page.$$eval("#caps tbody tr", (tr) => tr.map((r) => Array.from(r.cells, (c) => c.textContent)));
    const brand = capRow.find((r) => r[0] === "自主品牌推广和境外推广");
    assert.deepEqual([brand[3], brand[4]], ["1", "1"]);
    assert.ok((await page.$$("#histogram svg rect.bar")).length >= 3, "bars of the histogram");
    assert.match(await page.textContent("#histogram svg title"), /2005|2003/);
    assert.equal(await page.$$eval("#table tbody tr", (r) => r.length), 300);
    // sort by enterprise name, ascending
    await page.click("#table thead th:first-child button");
    await page.click("#table thead th:first-child button");
    assert.equal(await page.getAttribute("#table thead th:first-child", "aria-sort"), "ascending");

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.ok(csv.startsWith("\uFEFF"), "UTF-8 with a BOM");
    assert.match(csv, /\r\n甲公司,2025,100000\.00,0\.00,/);
    assert.equal(csv.trim().split("\r\n").filter((l) => /公司|填充/.test(l)).length, 2003);

    await page.screenshot({ path: screenshotPath("batch-1280.png"), fullPage: false });
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.ok(requests.every((u) => u.startsWith(server.url)), "nothing leaves the device");
  });
});

test("what-if: a changed cap gives changed totals beside the baseline; a negative cap is refused at its field", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await drop(page, file(0));
    await page.waitForSelector("body[data-batch=done]");
    await page.fill('#whatif input[name="brand_promotion.cap"]', "-1");
    await page.click('#whatif button[type=submit]');
    await page.waitForSelector('#whatif input[name="brand_promotion.cap"][aria-invalid=true]');
    assert.match(await page.textContent("#whatif-errors"), /brand_promotion\.cap: 不能为负数|brand_promotion\.cap: .*负/);
    await page.fill('#whatif input[name="brand_promotion.cap"]', "12万");
    await page.click('#whatif button[type=submit]');
    await page.waitForSelector("body[data-batch=whatif]");
    assert.equal(await page.textContent("#total-support"), "¥380,000.00");
    assert.equal(await page.textContent("#changed-support"), "¥400,000.00");
    assert.match(await page.textContent("#changed-count"), /变化的企业 1 家/);
    assert.match(await page.textContent("#changed-list"), /甲公司: ¥100,000\.00 → ¥120,000\.00/);
    assert.match(await page.textContent("#fingerprint"), /brand_promotion\.cap = 120000\.00 .* SHA-256 [0-9a-f]{64}/);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#download")]);
    const csv = readFileSync(await download.path(), "utf8");
    assert.match(csv, /brand_promotion\.cap=120000\.00/);
    assert.match(csv, /overlay fingerprint \(SHA-256\),[0-9a-f]{64}/);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });
});

test("without a worker (?worker=0) the main thread computes in parts and gives the same totals", async () => {
  await withPage(null, async (page) => {
    await open(page, "?worker=0");
    await drop(page, file(1000));
    await page.waitForSelector("body[data-batch=done]", { timeout: 60000 });
    assert.equal(await page.textContent("#total-support"), expectedTotal(1000));
    const statuses = await page.evaluate(() => window.__statuses);
    assert.ok(statuses.some((s) => /正在计算 \d+ \/ 1005 行/.test(s) && !s.startsWith("正在计算 1005")));
  });
});

test("a GBK file with Chinese headers, picked, is detected and read", async () => {
  await withPage(null, async (page) => {
    await open(page);
    // 企业,年份,自主品牌推广和境外推广 / 平湖公司,2025,30万 in GBK, CRLF
    const hex = "c6f3d2b52cc4eab7dd2cd7d4d6f7c6b7c5c6cdc6b9e3bacdbeb3cde2cdc6b9e30d0a" + "c6bdbafeb9abcbbe2c323032352c3330cdf20d0a";
    await page.setInputFiles("#file", { name: "gbk.csv", mimeType: "text/csv", buffer: Buffer.from(hex, "hex") });
    await page.waitForSelector("body[data-batch=done]");
    assert.match(await page.textContent("#status"), /gb18030/);
    assert.equal(await page.textContent("#total-support"), "¥100,000.00");
    assert.equal(await page.textContent("#table tbody td"), "平湖公司");
  });
});

test("the calculator page links to the batch page, and loads none of its code", async () => {
  await withPage(null, async (page) => {
    const requests = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(server.url + "index.html");
    await page.waitForSelector('a[href="batch.html"]');
    await page.waitForFunction(() => performance.getEntriesByName("pinghu-first-result").length > 0 || document.readyState === "complete");
    // The batch page's own code (batch.html, batch/) is never fetched. (Its engine, the second
    // package pkg-office/, is also the workspace's, which this page turns on: fetched after the
    // first result.)
    assert.ok(!requests.some((p) => p === "/batch.html" || p.startsWith("/batch/")), requests.join(" "));
  });
});

test("a worker that cannot start hands the work to the main thread", async () => {
  await withPage(null, async (page) => {
    await page.route(/\/batch\/worker\.js$/, (route) => route.fulfill({ status: 404, body: "" }));
    await open(page);
    await drop(page, file(0));
    await page.waitForSelector("body[data-batch=done]");
    assert.equal(await page.textContent("#total-support"), "¥380,000.00");
  }, true);
});

test("accessible (axe, WCAG 2.1 AA) and without horizontal scrolling at 375 px, results shown", async () => {
  await withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
    await open(page);
    await drop(page, file(20));
    await page.waitForSelector("body[data-batch=done]");
    const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    assert.deepEqual(axe.violations.map((v) => v.id + ": " + v.nodes.length), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, "the page scrolls sideways by " + overflow + " px");
    await page.screenshot({ path: screenshotPath("batch-375.png"), fullPage: false });
  });
});
