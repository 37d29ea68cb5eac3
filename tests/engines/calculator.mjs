// The calculator in each engine: the typical enterprise (amounts → lines and total, English keeps
// them), amounts as people type them on a phone (万, full-width digits and commas), the plan view,
// and the engine's .wasm fetched once.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EL, TYPICAL, engine, expected, expectedPlan, yuan } from "../browser/harness.mjs";

const field = (cat, name = "amount") => `${EL} >>> fieldset[data-category="${cat}"] input[data-field="${name}"]`;
const cond = (cat, id) => `${EL} >>> fieldset[data-category="${cat}"] [data-condition="${id}"]`;
export const TOTAL = `${EL} >>> .total-value`;

/**
 * Waits for the total to read `text` and the rest of the result to be drawn: after a keystroke the
 * element draws the total in its frame and the lines just after, its live region `aria-busy`
 * meanwhile (element.js).
 */
export async function waitTotal(page, text) {
  await page.waitText(TOTAL, text);
  await page.waitFor((sel) => !document.querySelector(sel).shadowRoot.querySelector(".results .live").hasAttribute("aria-busy"), [EL], "the result drawn whole");
}

/** Waits for the element's form and first result. */
export function ready(page) {
  return page.waitFor(() => {
    const el = document.querySelector("pinghu-subsidy-calculator");
    return !!(el && el.shadowRoot && el.shadowRoot.querySelector("form") && el.result);
  }, [], "the calculator's form and first result");
}

/** The year the element's form is set to. */
export async function pageYear(page) {
  return Number(await page.eval((sel) => document.querySelector(sel).shadowRoot.querySelector('select[data-field="year"]').value, EL));
}

/** Types TYPICAL (its amounts and the conditions' values, from the policy) into the element's fields, key by key. */
export async function typeTypical(page, entries = TYPICAL) {
  for (const e of entries) {
    await page.type(field(e.category), e.amount);
    for (const [k, v] of Object.entries(e.conditions || {})) {
      // A yes/no condition is a checkbox: clicked when it is not as wanted; the others are typed.
      if (typeof v !== "boolean") await page.type(cond(e.category, k), String(v));
      else if ((await page.eval((p) => window.__find(p).checked, cond(e.category, k))) !== v) await page.click(cond(e.category, k));
    }
  }
}

/** The result's lines as [category, support shown]. */
function lines(page, scope = "") {
  return page.eval(
    (sel, scope) => Array.from(document.querySelector(sel).shadowRoot.querySelectorAll(scope + "li.line")).map((li) => [li.getAttribute("data-category"), li.querySelector(".line-support").textContent.trim()]),
    EL,
    scope
  );
}

function waitLang(page, lang) {
  return page.waitFor((sel, l) => document.querySelector(sel).shadowRoot.querySelector(".root").getAttribute("lang") === l, [EL, lang], "the element in " + lang);
}

export function calculatorTests(ctx) {
  const { E, skip } = ctx;
  test(`${E.name}: the typical enterprise: the engine's lines and total; English keeps the figures and the amounts as typed`, { skip }, async () => {
    await E.withPage(ctx.server, async (page) => {
      await page.open("index.html");
      await ready(page);
      await typeTypical(page);
      const T = await expected(await pageYear(page), TYPICAL);
      await waitTotal(page, yuan(T.total));
      assert.deepEqual(await lines(page), T.lines.map((l) => [l.category, yuan(l.support)]));
      await page.click('[data-set-lang="en"]');
      await waitLang(page, "en");
      assert.equal(await page.text(TOTAL), yuan(T.total));
      assert.deepEqual(await lines(page), T.lines.map((l) => [l.category, yuan(l.support)]));
      for (const e of TYPICAL) assert.equal(await page.value(field(e.category)), e.amount);
      await page.screenshot("typical-en");
    });
  });

  test(`${E.name}: amounts as typed on a 375 px phone (万, full-width digits and commas) read as the engine reads them, refused aloud when not amounts`, { skip }, async () => {
    const P = (await engine()).policy();
    await E.withPage(ctx.server, async (page) => {
      await page.open("index.html", { width: 375, height: 812 });
      await ready(page);
      const year = await pageYear(page);
      // An expense category that asks no condition in the page's year.
      const cat = P.categories.find((c) => c.kind === "expense" && c.conditions.every((k) => k.only_year != null && k.only_year !== year));
      assert.ok(cat, "premise: an expense category without conditions in " + year);
      for (const typed of ["18万5千", "３０万", "８０，０００", "１２０,０００.５０", "1.5万"]) {
        const want = await expected(year, [{ category: cat.id, amount: typed }]);
        await page.type(field(cat.id), typed);
        await waitTotal(page, yuan(want.total));
        assert.equal(await page.value(field(cat.id)), typed, "the field keeps what was typed");
      }
      // Not an amount: refused at its field (aria-invalid, a message), the total without it.
      await page.type(field(cat.id), "三十块");
      await page.waitFor((p) => window.__find(p).getAttribute("aria-invalid") === "true", [field(cat.id)], "the field marked invalid");
      await waitTotal(page, yuan((await expected(year, [])).total));
      const overflow = await page.eval(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `horizontal overflow at 375 px: ${overflow} px`);
      await page.screenshot("typed-375");
    });
  });

  test(`${E.name}: the plan view: two years, each year's total and the plan's`, { skip }, async () => {
    const P = (await engine()).policy();
    const first = P.document.first_year;
    const years = [];
    for (let y = first; y <= P.document.last_year; y++) years.push(y);
    const [y1, y2] = [first + 1 <= P.document.last_year ? first + 1 : first, first + 2 <= P.document.last_year ? first + 2 : first];
    const plain = (y) => (c) => c.kind === "expense" && c.conditions.every((k) => k.only_year != null && k.only_year !== y);
    const cat = P.categories.find((c) => plain(y1)(c) && plain(y2)(c));
    assert.ok(cat, "premise: an expense category without conditions in two years of the plan");
    const typed = { [y1]: "6万", [y2]: "８０,０００" };
    const plan = await expectedPlan({ years: years.map((year) => ({ year, expenses: typed[year] ? [{ category: cat.id, amount: typed[year] }] : [] })) });
    await E.withPage(ctx.server, async (page) => {
      await page.open("index.html");
      await ready(page);
      await page.click(`${EL} >>> .mode-button[data-mode="plan"]`);
      for (const y of [y1, y2]) {
        await page.click(`${EL} >>> .year-tab[data-year="${y}"]`);
        await page.type(`${EL} >>> .plan-year-form[data-year="${y}"] fieldset[data-category="${cat.id}"] input[data-field="amount"]`, typed[y]);
      }
      await page.waitText(`${EL} >>> .plan-results .total-value`, yuan(plan.total));
      const shown = await page.eval(
        (sel) => Array.from(document.querySelector(sel).shadowRoot.querySelectorAll(".plan-year")).map((y) => [y.getAttribute("data-year"), y.querySelector(".year-total").textContent.trim()]),
        EL
      );
      assert.deepEqual(shown, plan.years.map((y) => [String(y.year), yuan(y.total)]));
      await page.screenshot("plan");
    });
  });

  // (WebKit fetched it twice while index.html preloaded it: it never hands a preload to fetch().)
  test(`${E.name}: the page fetches the engine's .wasm once`, { skip }, async () => {
    await E.withPage(ctx.server, async (page) => {
      await page.open("index.html");
      await ready(page);
      const wasm = page.requests().filter((p) => p.split("?")[0] === "/pkg/pinghu_subsidy_bg.wasm");
      assert.equal(wasm.length, 1, "requests of the engine: " + JSON.stringify(wasm));
    });
  });
}
