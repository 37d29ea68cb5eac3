// Browser tests of support already received under another policy (issue 17 §5): each item has
// its own field, sent with that item only, so no figure depends on the order items are typed
// in; errors at the item's field; the line's result beside the items; values kept across a
// language switch; a share link written by the older one-field form still fills the form (its
// support on the first item). Under the strict CSP, against the real engine.
//
// Every figure checked is the engine's for the same input (harness.mjs `expected`); the category
// is picked by its properties in policy(), and the amounts are derived from its cap, so a policy
// update changes nothing here.
//
//   node --test tests/browser/other-support.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserFile, watchdog, waitReady, EL, amount, other, otherSummary, addItem, addRow, waitTotal, expected, expectedPlan, engine, yuan, strictPages, recordViolations, waitLang, waitShadowText } from "./harness.mjs";
import { encodeShare } from "../../www/element/workspace/share.js";

watchdog();

const { server, withPage } = browserFile();

// ------------------------------------------------------------------ money in whole fen (BigInt)

const fen = (s) => {
  const [y, f = ""] = String(s).split(".");
  return BigInt(y) * 100n + BigInt((f + "00").slice(0, 2));
};
const money = (n) => (n / 100n).toString() + "." + (n % 100n).toString().padStart(2, "0");

/** A rate strictly between 0 and 1, read from its decimal string (no float). */
const belowOne = (rate) => typeof rate === "string" && /^0\.\d*[1-9]/.test(rate);

/**
 * The category and the two items of the test, from policy(): an expense category with a rate
 * below 1 and a cap, without conditions or a group (its line is its items' alone), in the year
 * after the plan's first (whose start condition it does not ask). Item "a": the cap as its amount, the cap as its support from elsewhere
 * (more than this plan would give it); item "b": twice the cap, a tenth of the cap from
 * elsewhere. Which item carries which support changes the total (checked below with the engine).
 */
async function setting() {
  const policy = (await engine()).policy();
  // No condition asked every year; the year after the plan's first, where no start condition is asked.
  const cat = policy.categories.find((c) => c.kind === "expense" && belowOne(c.rate) && c.cap && fen(c.cap) > 0n && (c.conditions || []).every((k) => k.only_year != null) && !c.exclusive_group);
  assert.ok(cat, "premise: an expense category with a rate below 1, a cap, no condition");
  const cap = fen(cat.cap);
  const a = { amount: money(cap), other: money(cap) };
  const b = { amount: money(2n * cap), other: money(cap / 10n) };
  return { policy, cat, year: policy.document.first_year + 1, a, b };
}

const entry = (cat, item) => ({ category: cat.id, amount: item.amount, other_policy_support: item.other });

/** Opens the calculator page under the strict CSP, on `year`. */
async function open(page, year, hash = "") {
  await strictPages(page);
  await recordViolations(page);
  await page.goto(server.url + "index.html" + hash);
  await waitReady(page);
  if (year !== undefined) await page.selectOption(`${EL} select[data-field="year"]`, String(year));
}

/** Types `item` (amount, then its support from elsewhere) into item n of `cat`, adding the row if needed. */
async function typeItem(page, cat, n, item) {
  await addRow(page, addItem(cat.id), `${EL} fieldset[data-category="${cat.id}"] input[data-field="amount"]`, n);
  await page.fill(amount(cat.id, n), item.amount);
  await openOther(page, cat, n);
  await page.fill(other(cat.id, n), item.other);
}

async function openOther(page, cat, n) {
  const items = await page.locator(`${EL} fieldset[data-category="${cat.id}"] .field.item`).count();
  const fields = await page.locator(`${EL} fieldset[data-category="${cat.id}"] .field.item input[data-field="other_policy_support"]`).count();
  assert.equal(fields, items, "each item has its own field for support from another policy, inside its row");
  const details = page.locator(`${EL} fieldset[data-category="${cat.id}"] details.other >> nth=${n}`);
  assert.equal(await details.evaluate((d) => d.open), false, "closed by default");
  await page.click(otherSummary(cat.id, n));
  assert.equal(await details.evaluate((d) => d.open), true, "opened by its summary");
}

/** The request behind the element's result. */
const shownInput = (page) => page.evaluate((sel) => document.querySelector(sel).input, EL);

/**
 * Waits until the element's input has `expenses`; on a timeout, fails with the difference. (The
 * last value typed is sent 300 ms after typing stops, and at a cap the total can already read
 * the final figure before it: waiting for the total alone would look at the input too soon.)
 */
async function waitSent(page, expenses, label, timeout = 10000) {
  const until = Date.now() + timeout;
  for (;;) {
    const sent = (await shownInput(page)).expenses;
    try {
      assert.deepEqual(sent, expenses, label);
      return;
    } catch (e) {
      if (Date.now() > until) throw e;
    }
    await page.waitForTimeout(100);
  }
}

const violations = (page) => page.evaluate(() => window.__violations);

test("the same items with their support from elsewhere, typed in every order, give one total: the engine's", async () => {
  const { cat, year, a, b } = await setting();
  const want = await expected(year, [entry(cat, a), entry(cat, b)]);
  const swapped = await expected(year, [entry(cat, { amount: a.amount, other: b.other }), entry(cat, { amount: b.amount, other: a.other })]);
  const oldForm = await expected(year, [entry(cat, a), { category: cat.id, amount: b.amount }]);
  // Premise: which item carries which support matters, so a form that sent it with the wrong item
  // (or the category's one value with the first item typed, as the older form did) shows another total.
  assert.notEqual(want.total, swapped.total, "premise: swapping the items' support changes the total");
  assert.notEqual(want.total, oldForm.total, "premise: one value on the first item changes the total");
  const line = want.lines.find((l) => l.category === cat.id);

  // Each order: [item typed into row 1, row 2], and when the support is typed (with its amount,
  // or after both amounts, last row first).
  const orders = [
    { name: "a then b", rows: [a, b], othersLast: false },
    { name: "b then a", rows: [b, a], othersLast: false },
    { name: "b then a, support typed afterwards, row 2 first", rows: [b, a], othersLast: true },
    { name: "a then b, support typed afterwards, row 2 first", rows: [a, b], othersLast: true },
  ];
  const totals = [];
  for (const order of orders) {
    await withPage(null, async (page) => {
      await open(page, year);
      if (order.othersLast) {
        await page.fill(amount(cat.id, 0), order.rows[0].amount);
        await addRow(page, addItem(cat.id), `${EL} fieldset[data-category="${cat.id}"] input[data-field="amount"]`, 1);
        await page.fill(amount(cat.id, 1), order.rows[1].amount);
        for (const n of [1, 0]) {
          await openOther(page, cat, n);
          await page.fill(other(cat.id, n), order.rows[n].other);
        }
      } else {
        for (const n of [0, 1]) await typeItem(page, cat, n, order.rows[n]);
      }
      // Each item's support went with that item only.
      await waitSent(page, order.rows.map((item) => entry(cat, item)), order.name);
      await waitTotal(page, yuan(want.total));
      totals.push((await page.locator(`${EL} .total-value`).textContent()).trim());
      // The line's result beside the items: the engine's.
      await waitShadowText(page, `.form-line[data-category="${cat.id}"] .form-line-support`, yuan(line.support));
      assert.deepEqual(await violations(page), [], order.name + ": CSP violations");
    });
  }
  assert.deepEqual(totals, orders.map(() => yuan(want.total)), "one total whatever the order");
});

test("an error in one item's support from elsewhere is shown at that item's field; the other item counts; values survive a language switch", async () => {
  const { cat, year, a, b } = await setting();
  await withPage(null, async (page) => {
    await open(page, year);
    await typeItem(page, cat, 0, Object.assign({}, a, { other: "abc" }));
    await typeItem(page, cat, 1, b);
    await page.waitForSelector(`${EL} fieldset[data-category="${cat.id}"] input[data-field="other_policy_support"][aria-invalid="true"]`);
    // The entry with the error is left out; the rest of the estimate stays current.
    const rest = await expected(year, [entry(cat, b)]);
    assert.notEqual(rest.total, "0.00", "premise: the item without an error gives something");
    await waitTotal(page, yuan(rest.total));
    const state = await page.evaluate(([sel, id]) => {
      const fs = document.querySelector(sel).shadowRoot.querySelector(`fieldset[data-category="${id}"]`);
      return Array.from(fs.querySelectorAll(".field.item")).map((row) => {
        const input = row.querySelector('input[data-field="other_policy_support"]');
        const err = row.querySelector("details.other .error");
        return {
          invalid: input.getAttribute("aria-invalid"),
          describedByError: (input.getAttribute("aria-describedby") || "").split(" ").indexOf(err.id) >= 0,
          error: err.hidden ? "" : err.textContent,
          open: row.querySelector("details.other").open,
        };
      });
    }, [EL, cat.id]);
    assert.equal(state[1].invalid, null);
    assert.equal(state[1].error, "");
    assert.equal(state[0].invalid, "true");
    assert.ok(state[0].describedByError && state[0].error.length > 0 && state[0].open, JSON.stringify(state[0]));
    // The engine's own error for that item, at its path: expenses[0].other_policy_support.
    let thrown = null;
    try {
      (await engine()).calculate({ year, expenses: [entry(cat, Object.assign({}, a, { other: "abc" })), entry(cat, b)] });
    } catch (e) {
      thrown = e.errors.find((x) => x.path === "expenses[0].other_policy_support");
    }
    assert.ok(thrown, "premise: the engine refuses it at expenses[0].other_policy_support");
    assert.equal(state[0].error, thrown.zh);

    // Corrected, then the language switched: every value kept, the readings in English.
    await page.fill(other(cat.id, 0), a.other);
    const want = await expected(year, [entry(cat, a), entry(cat, b)]);
    await waitTotal(page, yuan(want.total));
    await page.evaluate((sel) => document.querySelector(sel).setAttribute("lang", "en"), EL);
    await waitLang(page, "en");
    assert.deepEqual(
      [await page.inputValue(amount(cat.id, 0)), await page.inputValue(other(cat.id, 0)), await page.inputValue(amount(cat.id, 1)), await page.inputValue(other(cat.id, 1))],
      [a.amount, a.other, b.amount, b.other]
    );
    const readOf = async (n) => {
      const id = await page.locator(other(cat.id, n)).getAttribute("id");
      return (await page.locator(`${EL} [id="${id}-read"]`).textContent()).trim();
    };
    const E = await engine();
    assert.equal(await readOf(0), "read as " + yuan(E.read_amount(a.other)));
    assert.equal(await readOf(1), "read as " + yuan(E.read_amount(b.other)));
    const label = await page.locator(`${EL} label[for="${await page.locator(other(cat.id, 1)).getAttribute("id")}"]`).textContent();
    assert.match(label, /^Item 2: /);
    await waitTotal(page, yuan(want.total));
    assert.deepEqual(await violations(page), []);
  });
});

test("a share link written by the older one-field form fills the form: its support on the first item; a per-item one goes back item by item", async () => {
  const { policy, cat, year, a, b } = await setting();
  // The older form sent the category's one value with its first entry.
  const old = { year, expenses: [entry(cat, a), { category: cat.id, amount: b.amount }] };
  const perItem = { year, expenses: [entry(cat, b), entry(cat, a)] };
  for (const input of [old, perItem]) {
    await withPage(null, async (page) => {
      await open(page, undefined, encodeShare("year", input, policy.fingerprint));
      await waitTotal(page, yuan((await expected(year, input.expenses)).total));
      const rows = await page.evaluate(([sel, id]) => {
        const fs = document.querySelector(sel).shadowRoot.querySelector(`fieldset[data-category="${id}"]`);
        return Array.from(fs.querySelectorAll(".field.item")).map((row) => ({
          amount: row.querySelector('input[data-field="amount"]').value,
          other: row.querySelector('input[data-field="other_policy_support"]').value,
          open: row.querySelector("details.other").open,
        }));
      }, [EL, cat.id]);
      assert.deepEqual(
        rows,
        input.expenses.map((e) => ({ amount: e.amount, other: e.other_policy_support || "", open: !!e.other_policy_support }))
      );
      // The same request again: nothing was lost or moved.
      assert.deepEqual((await shownInput(page)).expenses, input.expenses);
      assert.deepEqual(await violations(page), []);
    });
  }
});

test("the plan view: each year's items carry their own support from elsewhere, in either order; the line's result beside them", async () => {
  const { cat, year, a, b } = await setting();
  const plan = (rows) => ({ years: [{ year, expenses: rows.map((item) => entry(cat, item)) }] });
  const inYear = (sel) => `${EL} .plan-year-form[data-year="${year}"] fieldset[data-category="${cat.id}"] ${sel}`;
  const totals = [];
  for (const rows of [[a, b], [b, a]]) {
    await withPage(null, async (page) => {
      await open(page);
      await page.click(`${EL} .mode-button[data-mode="plan"]`);
      await page.click(`${EL} .year-tab[data-year="${year}"]`);
      for (const n of [0, 1]) {
        if (n) await addRow(page, inYear("button.add"), inYear(`input[data-field="amount"]`), n);
        await page.fill(inYear(`input[data-field="amount"] >> nth=${n}`), rows[n].amount);
        await page.click(inYear(`details.other >> nth=${n} >> summary`));
        await page.fill(inYear(`input[data-field="other_policy_support"] >> nth=${n}`), rows[n].other);
      }
      // Every year of the plan is sent; the figures are the engine's for that request.
      const sent = await page.waitForFunction(
        ([sel, y, count]) => {
          const input = document.querySelector(sel).planInput;
          const yr = input && input.years.find((e) => e.year === y);
          return yr && yr.expenses.length === count && yr.expenses.every((e) => e.other_policy_support) ? input : null;
        },
        [EL, year, 2]
      );
      const input = await sent.jsonValue();
      assert.deepEqual(input.years.find((e) => e.year === year).expenses, plan(rows).years[0].expenses);
      const want = await expectedPlan(input);
      await waitShadowText(page, ".plan-results .total-value", yuan(want.total));
      totals.push(want.total);
      const line = want.years.find((y) => y.year === year).lines.find((l) => l.category === cat.id);
      await waitShadowText(page, `.plan-year-form[data-year="${year}"] .form-line[data-category="${cat.id}"] .form-line-support`, yuan(line.support));
      assert.deepEqual(await violations(page), []);
    });
  }
  assert.equal(totals[0], totals[1], "one plan total whatever the order");
});
