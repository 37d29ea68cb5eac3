// Browser tests of the plan view of <pinghu-subsidy-calculator> (issue 8 §7) against the real
// engine (www/pkg/): the switch, expenses in two years, each year's result, the plan total, the
// caps' use across the years; 375 px, axe, CSP. The single-year view's "up to" rate and
// headroom too.
//
//   node --test tests/browser/plan.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { browserFile, watchdog, waitReady, screenshotPath, EL, amount, waitTotal, expected, expectedPlan, pageYear, yuan, percent, strictPages, recordViolations, waitLang, waitShadowText } from "./harness.mjs";

watchdog();

const { server, withPage } = browserFile();


/** A field of the plan form of `year`. */
const planAmount = (year, cat, n = 0) => `${EL} .plan-year-form[data-year="${year}"] fieldset[data-category="${cat}"] input[data-field="amount"] >> nth=${n}`;

async function open(page, csp = true) {
  if (csp) await strictPages(page);
  await recordViolations(page);
  await page.addInitScript(() => {
    window.__plans = [];
    document.addEventListener("subsidy-plan-change", (e) => window.__plans.push(e.detail));
  });
  await page.goto(server.url + "index.html");
  await waitReady(page);
}

async function waitPlanTotal(page, text, timeout = 10000) {
  try {
    await page.waitForFunction(
      ([sel, want]) => {
        const t = document.querySelector(sel).shadowRoot.querySelector(".plan-results .total-value");
        return t && t.textContent.trim() === want;
      },
      [EL, text],
      { timeout }
    );
  } catch (e) {
    const seen = await page
      .evaluate((sel) => {
        const t = document.querySelector(sel).shadowRoot.querySelector(".plan-results .total-value");
        return t ? JSON.stringify(t.textContent.trim()) : "no plan total on screen";
      }, EL)
      .catch((x) => "(could not read the page: " + x.message + ")");
    throw new Error(`expected the plan total ${JSON.stringify(text)}, saw ${seen} after ${timeout} ms\n${e.message}`);
  }
}

/** The policy the page loaded. */
function policyOf(page) {
  return page.evaluate((sel) => document.querySelector(sel).policy, EL);
}

/**
 * The plan of the first tests: an expense category whose cap runs over the whole plan, with no
 * condition asked every year (certification, in the plan), typed in the policy's second and third
 * years (what reaches its cap at its rate, times 0.6 then 0.8: `a1`, `a2`, grouped as people type
 * them), and its estimate by the engine: the figures the plan view must show. `received`: half
 * its cap, as support already received.
 */
async function certificationPlan(page, received) {
  const policy = await policyOf(page);
  const first = policy.document.first_year;
  const years = [];
  for (let y = first; y <= policy.document.last_year; y++) years.push(y);
  const [y1, y2] = [first + 1, first + 2];
  const scope = (c) => policy.cap_periods.find((p) => p.id === c.cap_period).scope;
  const found = policy.categories.find((c) => c.kind === "expense" && scope(c) === "plan" && !c.exclusive_group && c.conditions.every((k) => k.only_year != null));
  assert.ok(found, "premise: an expense category whose cap runs over the whole plan, without conditions");
  const cat = found.id;
  const fen = (s) => BigInt(s.replace(".", ""));
  const [int, frac = ""] = found.rate.split(".");
  const [num, den] = [BigInt(int + frac), 10n ** BigInt(frac.length)];
  const reach = (fen(found.cap) * den + num - 1n) / num; // the expense that reaches the cap, in fen
  const typed = (f) => yuan(`${f / 100n}.${String(f % 100n).padStart(2, "0")}`).slice(1);
  const [a1, a2] = [typed((reach * 6n) / 10n), typed((reach * 8n) / 10n)];
  const half = typed(fen(found.cap) / 2n);
  const input = {
    years: years.map((year) => ({
      year,
      expenses: year === y1 ? [{ category: cat, amount: a1 }] : year === y2 ? [{ category: cat, amount: a2 }] : [],
    })),
  };
  if (received) input.already_received = received;
  const plan = await expectedPlan(input);
  return { policy, years, y1, y2, plan, cat, a1, a2, half, i1: years.indexOf(y1), i2: years.indexOf(y2), cap: plan.caps.find((c) => c.category === cat) };
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

test("the plan view: two years of a category share its cap over the plan; 375 px and CSP clean", async () => {
  await withPage({ viewport: { width: 375, height: 812 } }, async (page) => {
    await open(page);
    const { years, y1, y2, plan, i1, i2, cap, cat, a1, a2 } = await certificationPlan(page);
    const firstOnly = await expectedPlan({ years: years.map((year) => ({ year, expenses: year === y1 ? [{ category: cat, amount: a1 }] : [] })) });
    const line1 = plan.years[i1].lines[0];
    const line2 = plan.years[i2].lines[0];
    assert.ok(line2.capped, "premise: the two years together exceed the cap");
    // The single-year view is the default.
    assert.equal(await page.locator(`${EL} .mode-button[data-mode="year"]`).getAttribute("aria-pressed"), "true");
    assert.equal(await page.locator(`${EL} .plan-box`).isHidden(), true);

    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    assert.equal(await page.locator(EL).getAttribute("mode"), "plan");
    assert.equal(await page.locator(`${EL} .mode-button[data-mode="plan"]`).getAttribute("aria-pressed"), "true");
    await waitPlanTotal(page, "¥0.00");
    // One switch per year of the policy, the first shown.
    const tabs = await page.locator(`${EL} .year-tab`).evaluateAll((bs) => bs.map((b) => [b.getAttribute("data-year"), b.getAttribute("aria-pressed")]));
    assert.deepEqual(tabs, years.map((y, i) => [String(y), i === 0 ? "true" : "false"]));

    await page.click(`${EL} .year-tab[data-year="${y1}"]`);
    await page.fill(planAmount(y1, cat), a1);
    await waitPlanTotal(page, yuan(firstOnly.total));
    await page.click(`${EL} .year-tab[data-year="${y2}"]`);
    assert.equal(await page.locator(planAmount(y1, cat)).isHidden(), true);
    await page.fill(planAmount(y2, cat), a2);
    await waitPlanTotal(page, yuan(plan.total));

    const shown = await planShown(page);
    assert.equal(shown.total, yuan(plan.total));
    assert.deepEqual(shown.years.map((y) => [y.year, y.total]), plan.years.map((y) => [String(y.year), yuan(y.total)]));
    const shown1 = shown.years[i1].lines[0];
    const shown2 = shown.years[i2].lines[0];
    assert.deepEqual([shown1.category, shown1.support, shown1.capped], [cat, yuan(line1.support), line1.capped]);
    assert.deepEqual([shown2.category, shown2.support, shown2.capped], [cat, yuan(line2.support), true]);
    // The working of the second year says what the first used.
    assert.ok(shown2.explanation.includes(yuan(line1.support)), shown2.explanation);
    const cert = shown.caps.filter((c) => c.category === cat);
    assert.equal(cert.length, 1);
    assert.equal(cert[0].used, yuan(cap.used));
    assert.equal(cert[0].remaining, yuan(cap.remaining));
    for (const u of cap.by_year) assert.ok(cert[0].years.includes(`${u.year} 年 ${yuan(u.used)}`), cert[0].years);
    assert.deepEqual(cert[0].bar, [cap.used, cap.cap]);

    // The event and the properties.
    const last = await page.evaluate(() => JSON.parse(JSON.stringify(window.__plans[window.__plans.length - 1])));
    assert.equal(last.total, plan.total);
    const input = await page.evaluate((sel) => JSON.parse(JSON.stringify(document.querySelector(sel).planInput)), EL);
    assert.deepEqual(input.years.map((y) => [y.year, y.expenses.length]), years.map((y) => [y, y === y1 || y === y2 ? 1 : 0]));

    // English: the same figures, every text switched.
    await page.click(`[data-set-lang="en"]`);
    await waitLang(page, "en");
    const en = await planShown(page);
    assert.equal(en.total, yuan(plan.total));
    assert.ok(en.caps.filter((c) => c.category === cat)[0].years.includes(`${y1} ${yuan(line1.support)}`));

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
    const { y1, y2, plan, cat, a1, a2 } = await certificationPlan(page);
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    await page.click(`${EL} .year-tab[data-year="${y1}"]`);
    await page.fill(planAmount(y1, cat), a1);
    await page.click(`${EL} .year-tab[data-year="${y2}"]`);
    await page.fill(planAmount(y2, cat), a2);
    await waitPlanTotal(page, yuan(plan.total));
    await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
    // axe, in both languages.
    for (const lang of ["en", "zh-CN"]) {
      await page.click(`[data-set-lang="${lang}"]`);
      await waitLang(page, lang);
      const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
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
    const { years, y1, cat, a1, half } = await certificationPlan(page);
    const only = (received) => {
      const input = { years: years.map((year) => ({ year, expenses: year === y1 ? [{ category: cat, amount: a1 }] : [] })) };
      if (received) input.already_received = [{ category: cat, amount: half }];
      return expectedPlan(input);
    };
    const [before, after] = [await only(false), await only(true)];
    assert.ok(after.total !== before.total, "premise: what was received uses up the cap over the plan");
    await page.evaluate((sel) => document.querySelector(sel).setAttribute("mode", "plan"), EL);
    await waitPlanTotal(page, "¥0.00");
    await page.click(`${EL} .year-tab[data-year="${y1}"]`);
    await page.fill(planAmount(y1, cat), a1);
    await waitPlanTotal(page, yuan(before.total));
    await page.click(`${EL} details.received > summary`);
    await page.fill(`${EL} input[data-received="${cat}"]`, half);
    await waitPlanTotal(page, yuan(after.total));
    const shown = await planShown(page);
    const cert = shown.caps.filter((c) => c.category === cat)[0];
    assert.equal(cert.used, yuan(after.caps.find((c) => c.category === cat).used));

    // A bad amount in 2025: shown at its field; the rest of the plan stays current.
    await page.click(`${EL} .plan-year-form[data-year="${y1}"] fieldset[data-category="${cat}"] .add`);
    await page.fill(planAmount(y1, cat, 1), "abc");
    await page.waitForSelector(`${EL} .plan-year-form[data-year="${y1}"] input[data-field="amount"][aria-invalid="true"]`);
    await waitPlanTotal(page, yuan(after.total));
  });
});

test("the single-year view: an up-to rate and the headroom under the bar", async (t) => {
  await withPage(null, async (page) => {
    await page.goto(server.url + "index.html");
    await waitReady(page);
    // A category whose rate the text words as a ceiling, asked no condition in the page's year.
    const year = String(await pageYear(page));
    const cat = (await policyOf(page)).categories.find(
      (c) => c.kind === "expense" && c.rate_up_to && c.conditions.every((k) => k.only_year != null && String(k.only_year) !== year)
    );
    if (!cat) {
      t.skip("no expense category of this policy without conditions words its rate as a ceiling");
      return;
    }
    await page.fill(amount(cat.id), "1000");
    const want = await expected(await pageYear(page), [{ category: cat.id, amount: "1000" }]);
    await waitTotal(page, yuan(want.total));
    const line = await page.evaluate(([sel, id]) => {
      const li = document.querySelector(sel).shadowRoot.querySelector(`li.line[data-category="${id}"]`);
      return { facts: li.querySelector(".facts").textContent, headroom: li.querySelector(".headroom") && li.querySelector(".headroom").textContent };
    }, [EL, cat.id]);
    assert.ok(line.facts.includes("最高 " + percent(cat.rate)), line.facts);
    // What the text would still allow, in the engine's figures (not advice to spend more).
    const hr = want.lines.find((l) => l.category === cat.id).headroom;
    assert.ok(hr, "premise: the line is under its cap");
    assert.equal(line.headroom, "距上限尚余 " + yuan(hr.support_left) + "（费用再多 " + yuan(hr.expense_to_cap) + " 即达上限）");
    const note = await page.locator(`${EL} fieldset[data-category="${cat.id}"] .rate-note`).textContent();
    assert.ok(note.includes("最高 " + percent(cat.rate)), note);
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
    const { years, y1, cat, a1 } = await certificationPlan(page);
    const plan = await expectedPlan({ years: years.map((year) => ({ year, expenses: year === y1 ? [{ category: cat, amount: a1 }] : [] })) });
    await page.evaluate(() => (window.__pinghuTrap = true));
    await page.click(`${EL} .year-tab[data-year="${y1}"]`);
    await page.fill(planAmount(y1, cat), a1);
    await waitPlanTotal(page, yuan(plan.total));
    assert.equal(await page.locator(`${EL} .plan-results .engine-notice`).isVisible(), true);
  });
});

test("the plan's years say each condition's rule at its field, and a condition not met in a year is said there", async () => {
  await withPage(null, async (page) => {
    await open(page);
    const policy = await policyOf(page);
    // A category of the policy with a months condition and a minimum (the data decides which).
    const cat = policy.categories.find((c) => c.kind === "expense" && c.conditions.some((d) => d.type === "months" && d.min));
    assert.ok(cat, "premise: a category with a months condition");
    const cond = cat.conditions.find((d) => d.type === "months" && d.min);
    const y = policy.document.first_year + 1;
    const field = `${EL} .plan-year-form[data-year="${y}"] fieldset[data-category="${cat.id}"]`;
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    await waitPlanTotal(page, "¥0.00");
    await page.click(`${EL} .year-tab[data-year="${y}"]`);
    // The rule beside the field, as in the single year.
    await waitShadowText(page, `.plan-year-form[data-year="${y}"] fieldset[data-category="${cat.id}"] .rule`, String(cond.min));
    const input = `${field} [data-condition="${cond.id}"]`;
    await page.fill(planAmount(y, cat.id), "10000");
    await page.fill(input, String(cond.min - 1));
    await waitShadowText(page, `.plan-year-form[data-year="${y}"] fieldset[data-category="${cat.id}"] .field-note`, "暂不计入");
    assert.match(await page.getAttribute(input, "aria-describedby"), /-note/);
    assert.equal(await page.getAttribute(input, "data-unmet"), "");
    // Met: the note goes.
    await page.fill(input, String(cond.min));
    await page.waitForFunction(
      ([sel, q]) => document.querySelector(sel).shadowRoot.querySelector(q).hidden,
      [EL, `.plan-year-form[data-year="${y}"] fieldset[data-category="${cat.id}"] .field-note`],
      { timeout: 10000 }
    );
    assert.equal(await page.getAttribute(input, "data-unmet"), null);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });
});
