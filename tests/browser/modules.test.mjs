// The element's modules loaded both ways, and the element's reading of what it is given:
//   - unbundled (a page loads www/element/define.js) and bundled (the pages load
//     pinghu-subsidy-calculator.min.js): each finds pkg/ and its stylesheet, under a strict CSP;
//   - the `year` attribute is read strictly; a months value of ten or more digits is a number.
//
//   node --test tests/browser/
//
// These tests serve www/ themselves (they log requests), also when PINGHU_BASE_URL is set.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { browserFile, serveWww, watchdog, waitReady, WWW, EL, condition, typeTypicalEnterprise, waitTotal, typical, yuan, ISSUE_CSP, recordViolations } from "./harness.mjs";

watchdog();

const log = [];
const { server, withPage } = browserFile(() => {
  if (!existsSync(join(WWW, "pkg", "pinghu_subsidy.js")) || !existsSync(join(WWW, "pinghu-subsidy-calculator.min.js"))) {
    throw new Error("www/pkg/ or the bundle is missing: run `make build` first");
  }
  return serveWww({ headers: { "content-security-policy": ISSUE_CSP }, log });
});

/** A page of our own at /unbundled.html (not in www/) that loads the readable modules. */
async function routeUnbundledPage(page) {
  await page.route(/\/unbundled\.html$/, (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/html; charset=utf-8", "content-security-policy": ISSUE_CSP },
      body:
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>unbundled</title>' +
        '<script type="module" src="element/define.js"></script>' +
        '<pinghu-subsidy-calculator lang="en"></pinghu-subsidy-calculator></html>',
    })
  );
}

/** Records CSP violations and failed responses; returns the live arrays. */
function watch(page) {
  const failed = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(r.status() + " " + r.url());
  });
  page.on("requestfailed", (r) => failed.push("failed " + r.url()));
  return failed;
}

/** What the shadow root's stylesheet link points at, and whether its rules apply. */
function styleState(page) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const link = root.querySelector('link[rel="stylesheet"]');
    return {
      href: link.href,
      applied: getComputedStyle(root.querySelector(".total-value")).fontSize,
      hidden: root.querySelector(".root").hidden,
    };
  }, EL);
}

test("unbundled: element/define.js finds pkg/ and the readable stylesheet one folder up", async () => {
  await withPage(null, async (page, ctx, problems) => {
    const failed = watch(page);
    await recordViolations(page);
    await routeUnbundledPage(page);
    log.length = 0;
    await page.goto(server.url + "unbundled.html");
    await waitReady(page);
    const style = await styleState(page);
    assert.equal(style.href, server.url + "pinghu-subsidy-calculator.css");
    assert.equal(style.applied, "36px", "the stylesheet applies in the shadow root");
    assert.equal(style.hidden, false);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    const paths = log.map((p) => p.split("?")[0]);
    for (const p of ["/element/define.js", "/element/element.js", "/element/model.js", "/element/assets.js",
      "/pkg/pinghu_subsidy.js", "/pkg/pinghu_subsidy_bg.wasm", "/pinghu-subsidy-calculator.css",
      // The parts' own stylesheet is element/NAME.css unbundled (assets.js: partStyleUrl), loaded
      // with the visit's additions after the first result (part-style.js).
      "/element/parts.css"]) {
      assert.ok(paths.includes(p), `${p} requested: ${paths.join(", ")}`);
    }
    assert.ok(!paths.some((p) => /\.min\.(js|css)$/.test(p)), "the bundle is not loaded");
    assert.ok(!paths.some((p) => /^\/element\/(pkg\/|(?!parts\.css$).*\.css$)/.test(p)), "nothing but the parts' stylesheet looked for inside element/");
    assert.equal(await page.evaluate(() => typeof window.PinghuSubsidyCalculatorElement.define), "function");
    assert.deepEqual(failed, [], "failed requests");
    assert.deepEqual(await page.evaluate(() => window.__violations), [], "CSP violations");
    assert.deepEqual(problems, []);
  });
});

test("bundled: the page's one script finds pkg/ and the minified stylesheet beside it", async () => {
  await withPage(null, async (page, ctx, problems) => {
    const failed = watch(page);
    await recordViolations(page);
    log.length = 0;
    await page.goto(server.url + "index.html");
    await waitReady(page);
    const style = await styleState(page);
    assert.equal(style.href, server.url + "pinghu-subsidy-calculator.min.css");
    assert.equal(style.applied, "36px");
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    const paths = log.map((p) => p.split("?")[0]);
    for (const p of ["/pinghu-subsidy-calculator.min.js", "/pkg/pinghu_subsidy.js", "/pkg/pinghu_subsidy_bg.wasm", "/pinghu-subsidy-calculator.min.css"]) {
      assert.ok(paths.includes(p), `${p} requested: ${paths.join(", ")}`);
    }
    assert.ok(!paths.some((p) => p.startsWith("/element/")), "no readable module is loaded: " + paths.join(", "));
    // The bundle exports the element's API like define.js does.
    const exported = await page.evaluate(async (url) => {
      const m = await import(url);
      return [typeof m.default, m.default === m.PinghuSubsidyCalculatorElement, m.formatYuan("1234.5"), m.formatWan("300000.00"), m.formatRate("0.5")];
    }, server.url + "pinghu-subsidy-calculator.min.js");
    assert.deepEqual(exported, ["function", true, "¥1,234.50", "30", "50%"]);
    assert.deepEqual(failed, [], "failed requests");
    assert.deepEqual(await page.evaluate(() => window.__violations), [], "CSP violations");
    assert.deepEqual(problems, []);
  });
});

test("the year attribute is read strictly: 1e9 and 2025abc fall back to this year", async () => {
  await withPage(null, async (page, ctx, problems) => {
    await page.goto(server.url + "index.html");
    await waitReady(page);
    const thisYear = await page.evaluate(() => new Date().getFullYear());
    const policy = await page.evaluate((sel) => document.querySelector(sel).policy.document, EL);
    /** Sets the attribute and waits for the calculation with the year the element reads. */
    const yearFor = (value) =>
      page.evaluate(async ([sel, v]) => {
        const el = document.querySelector(sel);
        el.setAttribute("year", v);
        await new Promise((ok) => setTimeout(ok, 50));
        return { property: el.year, sent: el.input.year, shown: el.result.year, select: el.shadowRoot.querySelector('select[data-field="year"]').value };
      }, [EL, value]);
    const expect = (y) => ({ property: y, sent: y, shown: y, select: String(y) });
    const inPeriod = policy.first_year + 1;
    assert.deepEqual(await yearFor(String(inPeriod)), expect(inPeriod));
    for (const bad of ["1e9", "2025abc", "20.5", "", "-1", "0", "12345", "abc"]) {
      assert.deepEqual(await yearFor(bad), expect(thisYear), JSON.stringify(bad));
    }
    assert.deepEqual(await yearFor(" " + inPeriod + " "), expect(inPeriod));
    assert.deepEqual(problems, []);
  });
});

test("a months value of ten or more digits is sent as a number, and its error never says text", async () => {
  await withPage(null, async (page, ctx, problems) => {
    await page.goto(server.url + "index.html");
    await waitReady(page);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    const months = condition("overseas_showroom", "showroom_months");
    const state = () =>
      page.evaluate((sel) => {
        const el = document.querySelector(sel);
        const input = el.shadowRoot.querySelector('[data-condition="showroom_months"]');
        const err = el.shadowRoot.getElementById(input.id + "-err");
        const sent = el.input.expenses.filter((e) => e.category === "overseas_showroom")[0];
        return { invalid: input.getAttribute("aria-invalid"), error: err.hidden ? "" : err.textContent, sent: sent ? sent.conditions.showroom_months : null };
      }, EL);
    const settle = async (value) => {
      await page.evaluate((sel) => (window.__before = document.querySelector(sel).input), EL);
      await page.fill(months, value);
      await page.waitForFunction((sel) => document.querySelector(sel).input !== window.__before, EL, { timeout: 10000 });
    };
    await settle("1234567890");
    assert.deepEqual(await state(), { invalid: null, error: "", sent: 1234567890 });
    await waitTotal(page, yuan((await typical(page)).total));
    await settle("１２３４５６７８９０１２");
    assert.deepEqual(await state(), { invalid: null, error: "", sent: 123456789012 });
    await settle("9".repeat(400));
    const huge = await state();
    if (huge.invalid === "true") {
      assert.doesNotMatch(huge.error, /文本|text|string/i, huge.error);
    }
    // Other text is still refused at its field, now with an example of what to write (issue 10).
    await settle("x");
    await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-condition="showroom_months"]').getAttribute("aria-invalid") === "true", EL);
    assert.match((await state()).error, /12个月 或 1年/);
    assert.deepEqual(problems, []);
  });
});

const PLAN_BUNDLE = "/pinghu-subsidy-calculator.plan-view.min.js";

test("bundled: the plan view's code is fetched only when the plan is first opened", async () => {
  await withPage(null, async (page, ctx, problems) => {
    const failed = watch(page);
    await recordViolations(page);
    log.length = 0;
    await page.goto(server.url + "index.html");
    await waitReady(page);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    const paths = () => log.map((p) => p.split("?")[0]);
    assert.ok(!paths().includes(PLAN_BUNDLE), "not fetched for one year: " + paths().join(", "));
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    await page.waitForSelector(`${EL} .plan-results .total-value`);
    assert.ok(paths().includes(PLAN_BUNDLE), "fetched when the plan is opened: " + paths().join(", "));
    assert.equal(await page.locator(`${EL} .plan-loading`).count(), 0, "the loading note is gone");
    // Back and forth: fetched once.
    await page.click(`${EL} .mode-button[data-mode="year"]`);
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    assert.equal(paths().filter((p) => p === PLAN_BUNDLE).length, 1);
    assert.deepEqual(failed, [], "failed requests");
    assert.deepEqual(await page.evaluate(() => window.__violations), [], "CSP violations");
    assert.deepEqual(problems, []);
  });
});

test("bundled: when the plan view cannot be fetched, the plan box says so and the year still calculates", async () => {
  await withPage(null, async (page, ctx, problems) => {
    let blocked = true;
    await page.route((url) => url.pathname === PLAN_BUNDLE, (route) => (blocked ? route.abort() : route.continue()));
    await page.goto(server.url + "index.html");
    await waitReady(page);
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    const note = page.locator(`${EL} .plan-loading[role="alert"]`);
    await note.waitFor();
    assert.match(await note.textContent(), /无法加载/);
    await page.click(`${EL} .mode-button[data-mode="year"]`);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    // Opening the plan again tries again, and now it loads.
    blocked = false;
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    await page.waitForSelector(`${EL} .plan-results .total-value`);
    assert.equal(await page.locator(`${EL} .plan-loading`).count(), 0);
    // The failed fetch of the blocked file is expected here, and nothing else.
    assert.deepEqual(problems.filter((p) => !/net::ERR_FAILED/.test(p)), []);
  }, true);
});
