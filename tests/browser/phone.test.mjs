// Browser tests of the enterprise on a phone (issue 20): results that keep up with typing, with
// real IME composition (Chromium's CDP `Input.imeSetComposition`); the plan view's own actions
// (copy, share link, CSV, print, notices, next steps, sticky total, year tabs); a share link
// opened and pasted into an open tab. Figures from the engine, never written here.
//
//   node --test tests/browser/phone.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { baseUrl, launch, watchdog, waitReady, pageRunner, EL, amount, waitTotal, expected, pageYear, yuan, strictPages, recordViolations } from "./harness.mjs";

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

async function open(page, hash = "") {
  await strictPages(page);
  await recordViolations(page);
  await page.goto(server.url + "index.html" + hash);
  await waitReady(page);
}

/** Two expense categories whose conditions are all ticks (no text field asked), by property. */
async function twoPlainCategories(page) {
  const policy = await page.evaluate((sel) => document.querySelector(sel).policy, EL);
  const plain = policy.categories.filter((c) => c.kind !== "award" && (c.conditions || []).every((k) => k.type === "bool"));
  assert.ok(plain.length >= 2, "two expense categories with no text condition");
  return plain.slice(0, 2).map((c) => c.id);
}

const shown = (page) =>
  page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    return {
      total: root.querySelector(".results .total-value").textContent.trim(),
      invalid: root.querySelectorAll('[aria-invalid="true"]').length,
      errors: Array.prototype.filter.call(root.querySelectorAll(".error"), (e) => !e.hidden).length,
    };
  }, EL);

test("typing: nothing is calculated while an IME composes; the committed amount is calculated at once", async () => {
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }, async (page, ctx) => {
    await open(page);
    const [a, b] = await twoPlainCategories(page);
    const year = await pageYear(page);
    await page.fill(amount(a), "80000");
    const first = await expected(year, [{ category: a, amount: "80000" }]);
    await waitTotal(page, yuan(first.total));

    // Pinyin "30wan" while 万 is still being picked: no error at the field, the total stays.
    const cdp = await ctx.newCDPSession(page);
    await page.focus(amount(b));
    for (const text of ["3", "30", "30w", "30wa", "30wan"]) {
      await cdp.send("Input.imeSetComposition", { text, selectionStart: text.length, selectionEnd: text.length });
    }
    assert.equal(await page.inputValue(amount(b)), "30wan");
    const composing = await shown(page);
    assert.deepEqual(composing, { total: yuan(first.total), invalid: 0, errors: 0 }, "nothing refused while composing");
    assert.equal(await page.evaluate((sel) => document.querySelector(sel)._form.pending, EL), true, "the composition is not calculated");

    // Picking 万 commits the composition: the total follows on the same event, with no wait.
    await cdp.send("Input.insertText", { text: "30万" });
    const both = await expected(year, [
      { category: a, amount: "80000" },
      { category: b, amount: "30万" },
    ]);
    assert.equal((await shown(page)).total, yuan(both.total), "calculated on compositionend, not after a delay");

    // A keystroke that reads is calculated on its own input event (no 300 ms wait).
    await page.type(amount(a), "0");
    const next = await expected(year, [
      { category: a, amount: "800000" },
      { category: b, amount: "30万" },
    ]);
    assert.equal((await shown(page)).total, yuan(next.total));

    // An amount that does not read is refused aloud at its field once typing pauses.
    await page.fill(amount(a), "80x");
    await page.waitForSelector(`${EL} fieldset[data-category="${a}"] input[data-field="amount"][aria-invalid="true"]`);
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
  });
});
