// Browser tests of <pinghu-subsidy-calculator> under hostile conditions: the exact
// Content-Security-Policy of the issue sent as an HTTP header, hostile text in every field,
// and an engine that traps (WebAssembly.RuntimeError) and must be restarted.
//
//   node --test tests/browser/
//
// These tests always serve www/ themselves (they need their own response headers and a log of
// requests), also when PINGHU_BASE_URL is set. See harness.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serveWww, launch, watchdog, waitReady, pageRunner, WWW, EL, amount, condition, typeItem, TYPICAL, typeTypicalEnterprise, totalText, waitTotal, typical as typicalEstimate, expected as estimateOf, pageYear, yuan, ISSUE_CSP, waitShadowText, waitLang } from "./harness.mjs";
import { existsSync } from "node:fs";
import { join } from "node:path";

watchdog();


let plain; // www/ as is
let strict; // www/ with ISSUE_CSP on every response
let browser;

before(async () => {
  if (!existsSync(join(WWW, "pkg", "pinghu_subsidy.js"))) {
    throw new Error("www/pkg/pinghu_subsidy.js is missing: run `make build` first");
  }
  plain = await serveWww();
  strict = await serveWww({ headers: { "content-security-policy": ISSUE_CSP } });
  browser = await launch();
});

after(async () => {
  try {
    if (browser) await browser.close();
  } finally {
    if (plain) await plain.close();
    if (strict) await strict.close();
  }
});

const withPage = pageRunner(() => browser);

/**
 * Records `securitypolicyviolation` from before any page script runs: on window and document
 * (violations in the light DOM, and composed ones from shadow roots), and on every shadow root as
 * it is attached (attachShadow is wrapped before the element's module can run).
 */
function recordViolations() {
  window.__violations = [];
  const record = (where) => (e) =>
    window.__violations.push(where + ": " + e.violatedDirective + " " + (e.blockedURI || "") + " " + (e.sourceFile || "") + ":" + (e.lineNumber || 0));
  window.addEventListener("securitypolicyviolation", record("window"), true);
  document.addEventListener("securitypolicyviolation", record("document"), true);
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    root.addEventListener("securitypolicyviolation", record("shadow-root"), true);
    return root;
  };
}

test("the issue's CSP, sent as an HTTP header: the typical enterprise works and no securitypolicyviolation fires", async () => {
  await withPage(null, async (page, ctx, problems) => {
    await page.addInitScript(recordViolations);
    const response = await page.goto(strict.url + "index.html");
    assert.equal(response.headers()["content-security-policy"], ISSUE_CSP, "the policy is a real response header");
    await waitReady(page);
    // The shadow root got its listener before the element used it.
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).shadowRoot.ownerDocument === document, EL), true);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typicalEstimate(page)).total));
    await page.click('[data-set-lang="en"]');
    await page.click(`${EL} li.line >> nth=0 >> details.explain > summary`);
    await page.waitForTimeout(100);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], "securitypolicyviolation events");
    assert.deepEqual(problems, [], "console errors or page errors");
    // The element's stylesheet applied inside the shadow root.
    assert.equal(await page.locator(`${EL} .total-value`).evaluate((e) => getComputedStyle(e).fontSize), "36px");
    assert.equal(await totalText(page), yuan((await typicalEstimate(page)).total));

    // The listeners do hear violations, in the page and in the shadow root: the policy is in force.
    await page.evaluate((sel) => {
      document.body.appendChild(document.createElement("div")).setAttribute("style", "color: red");
      document.querySelector(sel).shadowRoot.appendChild(document.createElement("div")).setAttribute("style", "color: red");
    }, EL);
    await page.waitForFunction(() => window.__violations.some((v) => v.startsWith("shadow-root: style-src")));
    const seen = await page.evaluate(() => window.__violations);
    assert.ok(seen.some((v) => v.startsWith("document: style-src")), seen.join("\n"));
  }, true);
});

// ------------------------------------------------------------------ hostile text

const LONG = 10000;
const HOSTILE = [
  "<img src=x onerror=window.__xss=1>",
  "<img src=x onerror=alert(1)>",
  "\"'><svg onload=window.__xss=2><img src=x onerror=window.__xss=3>",
  "</script><script>window.__xss=4</script>",
  "\u202E0001\u202C 30万 \u202Egnp.exe",
  "💰30万👍🏽🇨🇳👨‍👩‍👧‍👦",
  "9".repeat(LONG),
  ("<img src=x onerror=window.__xss=5>\u202E💰" + "W".repeat(50)).repeat(LONG).slice(0, LONG),
];

/** Ids of the element's text inputs, in document order. */
function textInputs(page) {
  return page.evaluate((sel) => {
    const r = document.querySelector(sel).shadowRoot;
    // The calculator's fields (the workspace's own, on the calculator page, are tested apart).
    return Array.from(r.querySelectorAll('input[type="text"]:not([data-ws])')).map((i) => ({
      id: i.id,
      field: i.getAttribute("data-field") || "condition",
      category: i.closest("fieldset").getAttribute("data-category"),
    }));
  }, EL);
}

const byId = (id) => `${EL} [id="${id}"]`;

/** Every text input's value, by id. */
function values(page) {
  return page.evaluate((sel) => {
    const out = {};
    document.querySelector(sel).shadowRoot.querySelectorAll('input[type="text"]').forEach((i) => (out[i.id] = i.value));
    return out;
  }, EL);
}

/** Waits for a calculation that includes every value typed so far. */
async function settle(page, lastId) {
  await page.evaluate(([sel, id]) => {
    const el = document.querySelector(sel);
    window.__before = el.input;
    // Restart the input delay now, so the next calculation certainly comes after this point.
    el.shadowRoot.getElementById(id).dispatchEvent(new Event("input", { bubbles: true }));
  }, [EL, lastId]);
  await page.waitForFunction((sel) => document.querySelector(sel).input !== window.__before, EL, { timeout: 10000 });
}

/** Script ran? Dialogs? Markup parsed from input? Layout wider than the viewport? */
async function assertHarmless(page, dialogs, label) {
  const state = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const root = el.shadowRoot;
    const se = document.scrollingElement;
    const box = el.getBoundingClientRect();
    const wide = Array.from(root.querySelectorAll("input, .error, .reading, .total-value, li.line"))
      .filter((e) => e.getClientRects().length)
      .map((e) => [e.id || e.className, Math.round(e.getBoundingClientRect().right)])
      .filter((x) => x[1] > window.innerWidth);
    return {
      xss: window.__xss,
      parsed: root.querySelectorAll("img, script, svg, iframe, object").length + document.querySelectorAll("img, svg, iframe, object").length,
      overflow: se.scrollWidth - se.clientWidth,
      elementWidth: Math.round(box.width),
      right: Math.round(box.right),
      viewport: window.innerWidth,
      wide: wide,
    };
  }, EL);
  assert.equal(state.xss, 0, `${label}: script ran`);
  assert.deepEqual(dialogs, [], `${label}: a dialog opened`);
  assert.equal(state.parsed, 0, `${label}: markup from the input was parsed`);
  assert.ok(state.overflow <= 0, `${label}: horizontal overflow of the page ${state.overflow}px`);
  assert.ok(state.right <= state.viewport && state.elementWidth <= state.viewport, `${label}: element ${state.elementWidth}px wide, right edge ${state.right}px`);
  assert.deepEqual(state.wide, [], `${label}: parts wider than the viewport`);
}

test("hostile text in every field: no script, no dialog, no overflow at 375 px, no field lost; the engine refuses it at the field", async () => {
  await withPage({ viewport: { width: 375, height: 812 } }, async (page, ctx, problems) => {
    const dialogs = [];
    const strayRequests = [];
    page.on("dialog", (d) => {
      dialogs.push(d.type() + ": " + d.message());
      d.dismiss().catch(() => {});
    });
    // The page's own files, the element's included (its parts loaded on demand too): anything
    // else would be a request the typed markup caused.
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (!/^\/(index\.html|page(\.min)?\.(css|js)|favicon\.svg|pinghu-subsidy-calculator(\.[a-z-]+)?(\.min)?\.(js|css)|pkg(-office)?\/pinghu_subsidy(_bg\.wasm|\.js))$/.test(u.pathname)) strayRequests.push(r.url());
    });
    await page.addInitScript(() => {
      window.__xss = 0;
    });
    await page.goto(plain.url + "index.html");
    await waitReady(page);
    // Every group and disclosure open, so every field can be typed into; an award applied for,
    // so that its count conditions reach the engine too.
    await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
    await page.check(`${EL} fieldset[data-category="service_center"] input[data-field="apply"]`);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typicalEstimate(page)).total));

    const inputs = await textInputs(page);
    assert.ok(inputs.length >= 20, `text inputs: ${inputs.length}`);
    assert.ok(inputs.some((i) => i.field === "amount") && inputs.some((i) => i.field === "other_policy_support") && inputs.some((i) => i.field === "condition"));
    const typical = await page.evaluate((sel) => {
      const r = document.querySelector(sel).shadowRoot;
      return ["brand_promotion", "certification", "overseas_showroom", "overseas_legal"]
        .map((c) => r.querySelector(`fieldset[data-category="${c}"] input[data-field="amount"]`).id)
        .concat([r.querySelector('[data-condition="showroom_months"]').id]);
    }, EL);
    const typicalCats = ["brand_promotion", "certification", "overseas_showroom", "overseas_legal"];
    // Fields that may take hostile text while the typical enterprise's total stands: everything
    // outside its four categories. Theirs get hostile text in the second step.
    const outside = inputs.filter((i) => typicalCats.indexOf(i.category) < 0);
    const inside = inputs.filter((i) => typicalCats.indexOf(i.category) >= 0);
    const typicalValues = await values(page);

    for (const [n, s] of HOSTILE.entries()) {
      const label = `string ${n} (${s.length} chars)`;
      // 1. Everything outside the typical categories: the estimate stays the typical one.
      for (const [k, input] of outside.entries()) {
        if (k === 0 && s.length < 100) {
          // Real key events into one field (click to the end first: the field may hold text).
          await page.fill(byId(input.id), "");
          await page.locator(byId(input.id)).pressSequentially(s);
        } else {
          await page.fill(byId(input.id), s);
        }
      }
      await settle(page, outside[outside.length - 1].id);
      const expected = Object.assign({}, typicalValues);
      outside.forEach((i) => (expected[i.id] = s));
      assert.deepEqual(await values(page), expected, `${label}: every field holds what was typed`);
      assert.equal(await totalText(page), yuan((await typicalEstimate(page)).total), `${label}: the estimate of the other fields stays`);
      const invalid = await page.evaluate(
        ([sel, ids]) => ids.map((id) => document.querySelector(sel).shadowRoot.getElementById(id).getAttribute("aria-invalid")),
        [EL, outside.filter((i) => i.field === "amount").map((i) => i.id)]
      );
      assert.ok(invalid.every((v) => v === "true"), `${label}: every amount field refused at the field: ${invalid}`);
      assert.ok(await page.locator(`${EL} .pending`).isVisible(), `${label}: "entries left out" is said`);
      await assertHarmless(page, dialogs, label);

      // 2. The typical enterprise's own fields: each refused at its field, the total falls to
      //    what is left (nothing), and correcting them brings everything back.
      for (const input of inside) await page.fill(byId(input.id), s);
      await settle(page, inside[inside.length - 1].id);
      inside.forEach((i) => (expected[i.id] = s));
      assert.deepEqual(await values(page), expected, `${label}: every field holds what was typed (typical fields)`);
      assert.equal(await totalText(page), "¥0.00", label);
      const typicalInvalid = await page.evaluate(
        ([sel, ids]) => ids.map((id) => document.querySelector(sel).shadowRoot.getElementById(id).getAttribute("aria-invalid")),
        [EL, typical]
      );
      assert.deepEqual(typicalInvalid, typical.map(() => "true"), `${label}: typical fields marked invalid`);
      await assertHarmless(page, dialogs, label + ", typical fields");
      for (const input of inside) await page.fill(byId(input.id), typicalValues[input.id]);
      await settle(page, inside[inside.length - 1].id);
      assert.equal(await totalText(page), yuan((await typicalEstimate(page)).total), `${label}: corrected, the estimate is back`);
    }

    // The language switch keeps every hostile value and stays harmless.
    await page.click('[data-set-lang="en"]');
    await waitLang(page, "en");
    const last = HOSTILE[HOSTILE.length - 1];
    const finalValues = await values(page);
    outside.forEach((i) => assert.equal(finalValues[i.id], last, i.id));
    await assertHarmless(page, dialogs, "after switching to English");
    assert.deepEqual(strayRequests, [], "requests caused by the typed markup");
    assert.deepEqual(problems, []);
  });
});

// ------------------------------------------------------------------ trap recovery

/**
 * Intercepts the engine's glue (pkg/pinghu_subsidy.js) so that `calculate` throws
 * `WebAssembly.RuntimeError("unreachable")`, as a trapped instance does, once the page sets
 * `window.__pinghuTrap`. The page gets a small wrapper module instead of the glue: it re-exports
 * a real copy of the glue (`?real&…`, one per wrapped URL, so each keeps its own instance) and
 * wraps `calculate`. Independent of how the glue is written (it is minified).
 * `copies`: "first" wraps only the first copy (a fresh instance works), "all" wraps every copy
 * (a trap that always recurs). Returns the page's requests for pkg/, as path + query.
 */
async function poisonGlue(page, copies) {
  const requests = [];
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/pkg/")) requests.push(u.pathname + u.search);
  });
  await page.route(/\/pkg\/pinghu_subsidy\.js(\?.*)?$/, async (route) => {
    const search = new URL(route.request().url()).search;
    if (/^\?real/.test(search) || (copies === "first" && search !== "")) {
      await route.fallback();
      return;
    }
    const real = "./pinghu_subsidy.js?real" + (search ? "&" + search.slice(1) : "");
    const body = [
      `import * as real from ${JSON.stringify(real)};`,
      `export * from ${JSON.stringify(real)};`,
      "export default real.default;",
      "export function calculate(input) {",
      "  if (self.__pinghuTrap) {",
      "    self.__pinghuTrapped = (self.__pinghuTrapped || 0) + 1;",
      '    throw new WebAssembly.RuntimeError("unreachable");',
      "  }",
      "  return real.calculate(input);",
      "}",
    ].join("\n");
    await route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", headers: { "cache-control": "no-store" }, body });
  });
  return requests;
}

/** The copies of the glue the element imported (not the real copies behind the test's wrappers). */
const glueCopies = (requests) => requests.filter((p) => /^\/pkg\/pinghu_subsidy\.js(\?instance=\d+)?$/.test(p));
const wasmFetches = (requests) => requests.filter((p) => /_bg\.wasm/.test(p));

test("a trapping engine is restarted from the compiled module: the result appears, the notice shows, typing goes on", async () => {
  await withPage(null, async (page, ctx, problems) => {
    const warnings = [];
    page.on("console", (m) => {
      if (m.type() === "warning") warnings.push(m.text());
    });
    const requests = await poisonGlue(page, "first");
    await page.addInitScript(recordViolations);
    await page.goto(strict.url + "index.html"); // under the issue's CSP: the restart needs nothing more
    await waitReady(page);
    await typeItem(page, TYPICAL[0]);
    await waitTotal(page, yuan((await estimateOf(await pageYear(page), [TYPICAL[0]])).total));
    const notice = page.locator(`${EL} .engine-notice`);
    assert.equal(await notice.isVisible(), false, "no notice before a restart");

    // From now on the first instance traps at every call.
    await page.evaluate(() => (window.__pinghuTrap = true));
    for (const e of TYPICAL.slice(1)) await typeItem(page, e);
    await waitTotal(page, yuan((await typicalEstimate(page)).total));
    assert.equal(await page.evaluate(() => window.__pinghuTrapped), 1, "the broken instance was called once, then left alone");
    await notice.waitFor({ state: "visible" });
    assert.equal((await notice.textContent()).trim(), "计算引擎已重新启动。");
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).result.total, EL), (await typicalEstimate(page)).total);
    assert.equal(await page.locator(`${EL} .error:not([hidden])`).count(), 0);
    assert.equal(await page.locator(`${EL} .pending`).isVisible(), false);
    // The engine's reading next to a field comes from the new instance too.
    assert.match(await page.locator(`${EL} fieldset[data-category="overseas_legal"] .reading >> nth=0`).textContent(), /¥400,000\.00/);

    // A second copy of the glue was imported; the .wasm was fetched once (the compiled module was reused).
    assert.deepEqual(glueCopies(requests), ["/pkg/pinghu_subsidy.js", "/pkg/pinghu_subsidy.js?instance=1"]);
    assert.deepEqual(wasmFetches(requests), ["/pkg/pinghu_subsidy_bg.wasm"]);

    // Typing goes on with the new instance; the notice follows the language.
    await page.fill(amount("certification"), "");
    await waitTotal(page, yuan((await typicalEstimate(page, ["certification"])).total));
    await page.fill(amount("certification"), "80000");
    await waitTotal(page, yuan((await typicalEstimate(page)).total));
    await page.click('[data-set-lang="en"]');
    await waitShadowText(page, ".engine-notice", /engine was restarted/);
    assert.equal(await page.evaluate(() => window.__pinghuTrapped), 1);
    assert.equal(glueCopies(requests).length + wasmFetches(requests).length, 3, "no further engine requests");
    assert.ok(warnings.some((w) => /engine failed/.test(w)), "the trap is reported on the console (as a warning)");
    assert.deepEqual(await page.evaluate(() => window.__violations), []);
    assert.deepEqual(problems, []);
  });
});

test("a trap that always recurs: one restart per calculation, three at most, then it says so; fields and estimate stay", async () => {
  await withPage(null, async (page, ctx, problems) => {
    const requests = await poisonGlue(page, "all");
    await page.goto(strict.url + "index.html");
    await waitReady(page);
    await page.fill(amount("brand_promotion"), "30万");
    await waitTotal(page, yuan((await estimateOf(await pageYear(page), [{ category: "brand_promotion", amount: "30万" }])).total));
    await page.evaluate(() => (window.__pinghuTrap = true));

    const generalError = () =>
      page.evaluate((sel) => {
        const r = document.querySelector(sel).shadowRoot;
        const e = Array.from(r.querySelectorAll(".results .error")).filter((x) => !x.hidden);
        return e.map((x) => x.textContent).join(" | ");
      }, EL);
    const trapped = (n) => page.waitForFunction((want) => window.__pinghuTrapped === want, n, { timeout: 10000 });

    // Calculation 1: the trap, a restart, the same trap again: no second restart for it.
    await page.fill(amount("certification"), "80,000");
    await trapped(2);
    await waitShadowText(page, ".results", /unreachable/);
    assert.match(await generalError(), /计算出错/);
    assert.ok(await page.locator(`${EL} .pending`).isVisible(), "the previous estimate is marked as such");
    assert.equal(await totalText(page), yuan((await estimateOf(await pageYear(page), [{ category: "brand_promotion", amount: "30万" }])).total), "the previous estimate stays");

    // Calculations 2 and 3: one restart each (the broken instance is not called again).
    await page.fill(amount("certification"), "80,001");
    await trapped(3);
    await page.fill(amount("certification"), "80,002");
    await trapped(4);
    await page.waitForTimeout(200);
    // Calculation 4: the restarts are used up; the element stops and says so.
    await page.fill(amount("certification"), "80,003");
    await waitShadowText(page, ".results", /多次出错/);
    await page.fill(amount("overseas_legal"), "400,000");
    await page.waitForTimeout(500);
    assert.equal(await page.evaluate(() => window.__pinghuTrapped), 4, "no call into the engine after giving up");
    assert.deepEqual(glueCopies(requests), [
      "/pkg/pinghu_subsidy.js",
      "/pkg/pinghu_subsidy.js?instance=1",
      "/pkg/pinghu_subsidy.js?instance=2",
      "/pkg/pinghu_subsidy.js?instance=3",
    ]);
    assert.deepEqual(wasmFetches(requests), ["/pkg/pinghu_subsidy_bg.wasm"]);
    assert.equal(await totalText(page), yuan((await estimateOf(await pageYear(page), [{ category: "brand_promotion", amount: "30万" }])).total));
    assert.equal(await page.inputValue(amount("certification")), "80,003");
    assert.equal(await page.inputValue(amount("overseas_legal")), "400,000");
    assert.equal(await page.inputValue(amount("brand_promotion")), "30万");
    // Not frozen: the language still switches, and the message follows.
    await page.click('[data-set-lang="en"]');
    await waitShadowText(page, ".results", /failed repeatedly/);
    assert.deepEqual(problems, []);
  });
});
