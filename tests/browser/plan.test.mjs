// Browser tests of the plan view of <pinghu-subsidy-calculator> (issue 8 §7) against the real
// engine (www/pkg/): the switch, expenses in two years, each year's result, the plan total, the
// caps' use across the years; 375 px, axe, CSP. The single-year view's "up to" rate and
// headroom too.
//
//   node --test tests/browser/plan.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { baseUrl, launch, watchdog, waitReady, pageRunner, screenshotPath, EL, amount, waitTotal } from "./harness.mjs";

watchdog();

let server;
let browser;

before(async () => {
  server = await baseUrl();
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

const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

/** A field of the plan form of `year`. */
const planAmount = (year, cat, n = 0) => `${EL} .plan-year-form[data-year="${year}"] fieldset[data-category="${cat}"] input[data-field="amount"] >> nth=${n}`;

async function open(page, csp = true) {
  if (csp) await page.route(/\.html(\?.*)?$/, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: Object.assign({}, response.headers(), { "content-security-policy": CSP }) });
    });
  await page.addInitScript(() => {
    window.__violations = [];
    window.__plans = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
    document.addEventListener("subsidy-plan-change", (e) => window.__plans.push(e.detail));
  });
  await page.goto(server.url + "index.html");
  await waitReady(page);
}

async function waitPlanTotal(page, text, timeout = 10000) {
  await page.waitForFunction(
    ([sel, want]) => {
      const t = document.querySelector(sel).shadowRoot.querySelector(".plan-results .total-value");
      return t && t.textContent.trim() === want;
    },
    [EL, text],
    { timeout }
  );
}

/** What the plan view shows: the total, each year's total and lines, each cap's row. */
function planShown(page) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    const text = (e) => (e ? e.textContent.trim() : null);
    return {
      total: text(root.querySelector(".plan-results .total-value")),
      years: Array.from(root.querySelectorAll(".plan-year")).map((y) => ({
        year: y.getAttribute("data-year"),
        total: text(y.querySelector(".year-total")),
        lines: Array.from(y.querySelectorAll("li.line")).map((li) => ({
          category: li.getAttribute("data-category"),
          support: text(li.querySelector(".line-support")),
          capped: !!li.querySelector(".badge.capped"),
          explanation: text(li.querySelector(".explanation")),
        })),
      })),
      caps: Array.from(root.querySelectorAll(".caps > li")).map((li) => ({
        category: li.getAttribute("data-category"),
        used: text(li.querySelector(".cap-used dd")),
        remaining: text(li.querySelector(".cap-remaining dd")),
        years: text(li.querySelector(".cap-years")),
        bar: li.querySelector("meter") ? [li.querySelector("meter").getAttribute("value"), li.querySelector("meter").getAttribute("max")] : null,
      })),
    };
  }, EL);
}

test("the plan view: two years of certification share the cap over the plan; 375 px and CSP clean", async () => {
  await withPage({ viewport: { width: 375, height: 812 } }, async (page) => {
    await open(page);
    // The single-year view is the default.
    assert.equal(await page.locator(`${EL} .mode-button[data-mode="year"]`).getAttribute("aria-pressed"), "true");
    assert.equal(await page.locator(`${EL} .plan-box`).isHidden(), true);

    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    assert.equal(await page.locator(EL).getAttribute("mode"), "plan");
    assert.equal(await page.locator(`${EL} .mode-button[data-mode="plan"]`).getAttribute("aria-pressed"), "true");
    await waitPlanTotal(page, "¥0.00");
    // One switch per year of the policy, the first shown.
    const tabs = await page.locator(`${EL} .year-tab`).evaluateAll((bs) => bs.map((b) => [b.getAttribute("data-year"), b.getAttribute("aria-pressed")]));
    assert.deepEqual(tabs, [["2024", "true"], ["2025", "false"], ["2026", "false"], ["2027", "false"]]);

    await page.click(`${EL} .year-tab[data-year="2025"]`);
    await page.fill(planAmount(2025, "certification"), "60,000");
    await waitPlanTotal(page, "¥60,000.00");
    await page.click(`${EL} .year-tab[data-year="2026"]`);
    assert.equal(await page.locator(planAmount(2025, "certification")).isHidden(), true);
    await page.fill(planAmount(2026, "certification"), "80000");
    await waitPlanTotal(page, "¥100,000.00");

    const shown = await planShown(page);
    assert.equal(shown.total, "¥100,000.00");
    assert.deepEqual(shown.years.map((y) => [y.year, y.total]), [["2024", "¥0.00"], ["2025", "¥60,000.00"], ["2026", "¥40,000.00"], ["2027", "¥0.00"]]);
    const y2025 = shown.years[1].lines[0];
    const y2026 = shown.years[2].lines[0];
    assert.deepEqual([y2025.category, y2025.support, y2025.capped], ["certification", "¥60,000.00", false]);
    assert.deepEqual([y2026.category, y2026.support, y2026.capped], ["certification", "¥40,000.00", true]);
    // The working of 2026 says what 2025 used.
    assert.match(y2026.explanation, /¥60,000\.00/);
    const cert = shown.caps.filter((c) => c.category === "certification");
    assert.equal(cert.length, 1);
    assert.equal(cert[0].used, "¥100,000.00");
    assert.equal(cert[0].remaining, "¥0.00");
    assert.match(cert[0].years, /2025 年 ¥60,000\.00/);
    assert.match(cert[0].years, /2026 年 ¥40,000\.00/);
    assert.deepEqual(cert[0].bar, ["100000.00", "100000.00"]);

    // The event and the properties.
    const last = await page.evaluate(() => JSON.parse(JSON.stringify(window.__plans[window.__plans.length - 1])));
    assert.equal(last.total, "100000.00");
    const input = await page.evaluate((sel) => JSON.parse(JSON.stringify(document.querySelector(sel).planInput)), EL);
    assert.deepEqual(input.years.map((y) => [y.year, y.expenses.length]), [[2024, 0], [2025, 1], [2026, 1], [2027, 0]]);

    // English: the same figures, every text switched.
    await page.click(`[data-set-lang="en"]`);
    await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector(".root").getAttribute("lang") === "en", EL);
    const en = await planShown(page);
    assert.equal(en.total, "¥100,000.00");
    assert.match(en.caps.filter((c) => c.category === "certification")[0].years, /2025 ¥60,000\.00/);

    // 375 px: no horizontal overflow, with every section open.
    await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow at 375 px: ${overflow}px`);
    await page.screenshot({ path: screenshotPath("plan-375.png"), fullPage: true });

    // CSP: nothing refused (checked before axe, which injects its own styles).
    assert.deepEqual(await page.evaluate(() => window.__violations), []);

    // Back to the single year: its view is there as it was.
    await page.click(`${EL} .mode-button[data-mode="year"]`);
    assert.equal(await page.locator(EL).getAttribute("mode"), "year");
    assert.equal(await page.locator(`${EL} .plan-box`).isHidden(), true);
    assert.equal(await page.locator(`${EL} .layout >> nth=0`).isVisible(), true);
  });
});

test("the plan view passes axe in both languages, every section open", async () => {
  await withPage({ viewport: { width: 375, height: 812 } }, async (page) => {
    await open(page, false);
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    await page.click(`${EL} .year-tab[data-year="2025"]`);
    await page.fill(planAmount(2025, "certification"), "60,000");
    await page.click(`${EL} .year-tab[data-year="2026"]`);
    await page.fill(planAmount(2026, "certification"), "80000");
    await waitPlanTotal(page, "¥100,000.00");
    await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
    // axe, in both languages.
    for (const lang of ["en", "zh-CN"]) {
      await page.click(`[data-set-lang="${lang}"]`);
      await page.waitForFunction(([sel, l]) => document.querySelector(sel).shadowRoot.querySelector(".root").getAttribute("lang") === l, [EL, lang]);
      const results = await new AxeBuilder({ page }).analyze();
      const summary = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n  ` + v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + n.failureSummary).join("\n  ")
      );
      assert.deepEqual(summary, [], `axe violations in ${lang}`);
    }

  });
});

test("support already received uses up the cap over the plan; an error stays at its field and year", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await page.evaluate((sel) => document.querySelector(sel).setAttribute("mode", "plan"), EL);
    await waitPlanTotal(page, "¥0.00");
    await page.click(`${EL} .year-tab[data-year="2025"]`);
    await page.fill(planAmount(2025, "certification"), "60000");
    await waitPlanTotal(page, "¥60,000.00");
    await page.click(`${EL} details.received > summary`);
    await page.fill(`${EL} input[data-received="certification"]`, "50000");
    await waitPlanTotal(page, "¥50,000.00");
    const shown = await planShown(page);
    const cert = shown.caps.filter((c) => c.category === "certification")[0];
    assert.equal(cert.used, "¥100,000.00");

    // A bad amount in 2025: shown at its field; the rest of the plan stays current.
    await page.click(`${EL} .plan-year-form[data-year="2025"] fieldset[data-category="certification"] .add`);
    await page.fill(planAmount(2025, "certification", 1), "abc");
    await page.waitForSelector(`${EL} .plan-year-form[data-year="2025"] input[data-field="amount"][aria-invalid="true"]`);
    await waitPlanTotal(page, "¥50,000.00");
  });
});

test("the single-year view: an up-to rate and the headroom under the bar", async () => {
  await withPage(null, async (page) => {
    await page.goto(server.url + "index.html");
    await waitReady(page);
    await page.fill(amount("brand_promotion"), "100000");
    await waitTotal(page, "¥50,000.00");
    const line = await page.evaluate((sel) => {
      const li = document.querySelector(sel).shadowRoot.querySelector('li.line[data-category="brand_promotion"]');
      return { facts: li.querySelector(".facts").textContent, headroom: li.querySelector(".headroom") && li.querySelector(".headroom").textContent };
    }, EL);
    assert.match(line.facts, /最高 50%/);
    assert.match(line.headroom, /^再投入 ¥\d[\d,]*\.\d\d 可达上限，可多获 ¥\d[\d,]*\.\d\d$/);
    const note = await page.locator(`${EL} fieldset[data-category="brand_promotion"] .rate-note`).textContent();
    assert.match(note, /最高 50%/);
  });
});

test("an element made with mode=\"plan\" opens on the plan view; switching to the year calculates it", async () => {
  await withPage(null, async (page) => {
    await page.goto(server.url + "index.html");
    await waitReady(page);
    const sel = "#plan-first";
    await page.evaluate((tag) => {
      const e = document.createElement(tag);
      e.id = "plan-first";
      e.setAttribute("mode", "plan");
      document.body.appendChild(e);
      return e.ready.then(() => true);
    }, EL);
    await page.waitForFunction((s) => {
      const e = document.querySelector(s);
      const t = e.shadowRoot.querySelector(".plan-results .total-value");
      return e.planResult && t && t.textContent.trim() === "¥0.00";
    }, sel);
    assert.equal(await page.evaluate((s) => document.querySelector(s).result, sel), null);
    assert.equal(await page.locator(`${sel} .mode-button[data-mode="plan"]`).getAttribute("aria-pressed"), "true");
    await page.click(`${sel} .mode-button[data-mode="year"]`);
    await page.waitForFunction((s) => !!document.querySelector(s).result, sel);
    assert.equal(await page.evaluate((s) => document.querySelector(s).mode, sel), "year");
    assert.equal((await page.locator(`${sel} .layout >> nth=0 >> .total-value`).textContent()).trim(), "¥0.00");
  });
});

test("a trap in calculate_plan restarts the engine: the plan result appears and the notice shows in the plan view", async () => {
  await withPage(null, async (page) => {
    // The first copy of the glue traps in calculate_plan once the page says so (as robustness.test.mjs does for calculate).
    await page.route(/\/pkg\/pinghu_subsidy\.js(\?.*)?$/, async (route) => {
      const search = new URL(route.request().url()).search;
      if (search !== "") {
        await route.fallback();
        return;
      }
      const body = [
        'import * as real from "./pinghu_subsidy.js?real";',
        'export * from "./pinghu_subsidy.js?real";',
        "export default real.default;",
        "export function calculate_plan(input) {",
        '  if (self.__pinghuTrap) throw new WebAssembly.RuntimeError("unreachable");',
        "  return real.calculate_plan(input);",
        "}",
      ].join("\n");
      await route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", headers: { "cache-control": "no-store" }, body });
    });
    await page.goto(server.url + "index.html");
    await waitReady(page);
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    await waitPlanTotal(page, "¥0.00");
    assert.equal(await page.locator(`${EL} .plan-results .engine-notice`).isVisible(), false);
    await page.evaluate(() => (window.__pinghuTrap = true));
    await page.click(`${EL} .year-tab[data-year="2025"]`);
    await page.fill(planAmount(2025, "certification"), "60000");
    await waitPlanTotal(page, "¥60,000.00");
    assert.equal(await page.locator(`${EL} .plan-results .engine-notice`).isVisible(), true);
  });
});
