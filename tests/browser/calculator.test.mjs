// Browser tests of <pinghu-subsidy-calculator> against the real engine (www/pkg/).
//
//   node --test tests/browser/
//
// Env: PINGHU_BASE_URL (default: serve www/ ourselves on a free 127.0.0.1 port),
//      PINGHU_SCREENSHOTS (default target/screenshots), PINGHU_CHROMIUM (default /usr/bin/chromium).
// See harness.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { browserFile, watchdog, waitReady, screenshotPath, EL, amount, condition, fillCondition, other, typeTypicalEnterprise, totalText, waitTotal, typical, expected, pageYear, yuan, wan, TYPICAL, waitShadowText } from "./harness.mjs";

watchdog();

const { server, withPage } = browserFile();

async function open(page, path = "index.html", selector = EL) {
  await page.goto(server.url + path);
  await waitReady(page, selector);
}

/** Lines as {category, support} in display order. */
async function lines(page) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot;
    return Array.from(root.querySelectorAll("li.line")).map((li) => ({
      category: li.getAttribute("data-category"),
      title: li.querySelector(".line-title").textContent.trim(),
      support: li.querySelector(".line-support").textContent.trim(),
      capped: !!li.querySelector(".badge.capped"),
    }));
  }, EL);
}

async function setLang(page, lang) {
  await page.click(`[data-set-lang="${lang}"]`);
  await page.waitForFunction(
    ([sel, l]) => document.querySelector(sel).shadowRoot.querySelector(".root").getAttribute("lang") === l,
    [EL, lang]
  );
}

async function policyOf(page) {
  return page.evaluate((sel) => JSON.parse(JSON.stringify(document.querySelector(sel).policy)), EL);
}

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

// ------------------------------------------------------------------ tests

test("a typical enterprise: the engine's total and four lines; English keeps the values and translates", async () => {
  await withPage(null, async (page, ctx, problems) => {
    await open(page);
    await typeTypicalEnterprise(page);
    const T = await typical(page);
    await waitTotal(page, yuan(T.total));
    assert.ok((await page.locator(`${EL} .total-wan`).textContent()).includes(wan(T.total) + " 万元"));

    const got = await lines(page);
    assert.deepEqual(
      got.map((l) => [l.category, l.support]),
      T.lines.map((l) => [l.category, yuan(l.support)])
    );
    assert.deepEqual(got.map((l) => l.capped), T.lines.map((l) => l.capped));
    // The engine's reading next to the field.
    assert.match(await page.locator(`${EL} fieldset[data-category="brand_promotion"] .reading >> nth=0`).textContent(), /¥300,000\.00/);

    const policy = await policyOf(page);
    const label = (id, L) => policy.categories.find((c) => c.id === id).label[L];
    assert.ok(got[0].title.startsWith(label("brand_promotion", "zh")));

    await setLang(page, "en");
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal(await totalText(page), yuan(T.total));
    assert.equal(await page.inputValue(amount("brand_promotion")), "30万");
    assert.equal(await page.inputValue(amount("certification")), "80,000");
    assert.equal(await page.inputValue(condition("overseas_showroom", "showroom_months")), String(TYPICAL[2].conditions.showroom_months));
    const en = await lines(page);
    assert.deepEqual(en.map((l) => l.support), got.map((l) => l.support));
    en.forEach((l) => assert.ok(l.title.startsWith(label(l.category, "en")), l.title));
    const uiText = await page.evaluate((sel) => {
      const r = document.querySelector(sel).shadowRoot;
      const pick = (q) => Array.from(r.querySelectorAll(q)).map((e) => e.textContent).join(" | ");
      return [pick(".section-title"), pick("button.action"), pick(".total-label"), pick(".badge"), pick("legend"), pick("label"), pick(".applicant-title"), pick("details.explain > summary"), pick(".notes-title"), pick("summary")].join(" || ");
    }, EL);
    assert.doesNotMatch(uiText, /[\u4e00-\u9fff]/, "no Chinese left in the English UI: " + uiText.slice(0, 400));
    assert.match(uiText, /Your estimate/);
    if (T.lines.some((l) => l.capped)) assert.match(uiText, /capped/);
    assert.deepEqual(problems, []);
  });
});

test("bad input shows the engine's error at the field, in the chosen language; the rest stays", async () => {
  await withPage(null, async (page, ctx, problems) => {
    await open(page);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));

    await page.fill(amount("brand_promotion"), "abc");
    await page.fill(amount("certification"), "-5");
    await page.fill(amount("overseas_legal"), "1.234");
    // Only the showroom line is still valid.
    const showroom = await typical(page, ["brand_promotion", "certification", "overseas_legal"]);
    await waitTotal(page, yuan(showroom.total));

    const fieldState = (sel) =>
      page.locator(sel).evaluate((input) => {
        const root = input.getRootNode();
        const ids = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
        const msgs = ids.map((id) => root.getElementById(id)).filter((e) => e && e.classList.contains("error"));
        return {
          invalid: input.getAttribute("aria-invalid"),
          message: msgs.map((m) => (m.hidden ? "" : m.textContent)).join(" "),
          value: input.value,
        };
      });

    for (const [cat, value] of [["brand_promotion", "abc"], ["certification", "-5"], ["overseas_legal", "1.234"]]) {
      const s = await fieldState(amount(cat));
      assert.equal(s.invalid, "true", cat);
      assert.equal(s.value, value, cat);
      assert.match(s.message, /[\u4e00-\u9fff]/, `${cat}: a Chinese message, got "${s.message}"`);
    }
    const ok = await fieldState(amount("overseas_showroom"));
    assert.equal(ok.invalid, null);
    assert.equal(ok.value, "150,000");
    assert.equal(await page.inputValue(condition("overseas_showroom", "showroom_months")), String(TYPICAL[2].conditions.showroom_months));
    assert.deepEqual((await lines(page)).map((l) => [l.category, l.support]), [["overseas_showroom", yuan(showroom.total)]]);
    assert.ok(await page.locator(`${EL} .pending`).isVisible());

    await setLang(page, "en");
    for (const cat of ["brand_promotion", "certification", "overseas_legal"]) {
      const s = await fieldState(amount(cat));
      assert.equal(s.invalid, "true");
      assert.match(s.message, /[a-z]{3}/, cat);
      assert.doesNotMatch(s.message, /[\u4e00-\u9fff]{2}/, `${cat}: an English message, got "${s.message}"`);
    }

    // A bad months value is shown at its own field.
    await page.fill(condition("overseas_showroom", "showroom_months"), "x");
    await page.waitForFunction((sel) => {
      const i = document.querySelector(sel).shadowRoot.querySelector('[data-condition="showroom_months"]');
      return i.getAttribute("aria-invalid") === "true";
    }, EL);

    // Correcting a field clears its error and brings its line back.
    await fillCondition(page, "overseas_showroom", "showroom_months", TYPICAL[2].conditions.showroom_months);
    await page.fill(amount("brand_promotion"), "300000");
    await page.fill(amount("certification"), "80000");
    await page.fill(amount("overseas_legal"), "400000");
    await waitTotal(page, yuan((await typical(page)).total));
    assert.equal((await fieldState(amount("brand_promotion"))).invalid, null);
    assert.equal(await page.locator(`${EL} .error:not([hidden])`).count(), 0);
    // Empty inputs are simply left out.
    await page.fill(amount("certification"), "");
    await waitTotal(page, yuan((await typical(page, ["certification"])).total));
    assert.equal(await page.locator(`${EL} .error:not([hidden])`).count(), 0);
    assert.deepEqual(problems, []);
  });
});

test("nothing leaves 127.0.0.1, and after the first result nothing is requested but the element's own code parts", async () => {
  await withPage(null, async (page) => {
    const requests = [];
    let afterFirst = null;
    page.on("request", (r) => {
      requests.push(r.url());
      if (afterFirst) afterFirst.push(r.url());
    });
    await open(page);
    await typical(page); // the engine in Node, before counting requests
    afterFirst = [];
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    await setLang(page, "en");
    await page.click(`${EL} fieldset[data-category="brand_promotion"] button.add`);
    await page.fill(amount("brand_promotion", 1), "1.5万");
    await page.selectOption(`${EL} select[data-field="year"]`, "2025");
    await page.click(`${EL} li.line >> nth=0 >> details.explain > summary`);
    await page.click(`${EL} details[data-applicant="operator"] > summary`);
    await page.check(`${EL} fieldset[data-category="service_center"] input[data-field="apply"]`);
    await setLang(page, "zh-CN");
    await page.waitForTimeout(800);

    const base = new URL(server.url);
    const foreign = requests.filter((u) => {
      const url = new URL(u);
      return url.protocol !== "data:" && url.protocol !== "blob:" && url.host !== base.host;
    });
    assert.deepEqual(foreign, [], "requests that left the origin");
    assert.ok(requests.every((u) => /^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(u)), requests.join("\n"));
    // The parts loaded on demand (the visit's additions after the first result, the plan view,
    // the CSV writer, the workspace, its stylesheet and engine) are the element's own static files: a GET
    // of a fixed path, no data in it.
    // (With the workspace on, its engine, pkg-office/, loads after the first result too: a fixed
    // path as well, however late its .wasm arrives.)
    const part = (u) => /^\/(pinghu-subsidy-calculator\.[a-z-]+\.min\.(js|css)|pkg-office\/pinghu_subsidy(\.js|_bg\.wasm))$/.test(new URL(u).pathname) && !new URL(u).search;
    assert.deepEqual(afterFirst.filter((u) => !part(u)), [], "requests after the first result");
    assert.ok(requests.some((u) => u.endsWith("/pkg/pinghu_subsidy_bg.wasm")));
  });
});

test("axe-core: no violations, in both languages, with everything open", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await typeTypicalEnterprise(page);
    await page.click(`${EL} fieldset[data-category="certification"] details.other > summary`);
    await page.fill(other("certification"), "abc"); // an error state too: that entry is left out
    await waitTotal(page, yuan((await typical(page, ["certification"])).total));
    const openAll = () =>
      page.evaluate((sel) => {
        document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true));
      }, EL);
    await page.waitForSelector(`${EL} [data-field="other_policy_support"][aria-invalid="true"]`);
    for (const lang of ["zh-CN", "en"]) {
      await setLang(page, lang);
      await openAll();
      const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
      const summary = results.violations.map(
        (v) => `${v.id} (${v.impact}): ${v.help}\n  ` + v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + n.failureSummary).join("\n  ")
      );
      assert.deepEqual(summary, [], `axe violations in ${lang}`);
    }
  });
});

test("keyboard only: reach, fill and add items; focus is visible; targets ≥ 44 px; reflows at 320 px", async () => {
  await withPage({ viewport: { width: 320, height: 640 } }, async (page) => {
    await open(page);
    // Tab from the top of the page into the first amount field of the calculator.
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press("Tab");
      found = await page.evaluate((sel) => {
        const a = document.querySelector(sel).shadowRoot.activeElement;
        return !!a && a.getAttribute("data-field") === "amount";
      }, EL);
    }
    assert.ok(found, "an amount field is reachable with Tab");
    const ring = await page.evaluate((sel) => {
      const a = document.querySelector(sel).shadowRoot.activeElement;
      const s = getComputedStyle(a);
      return s.outlineStyle + " " + s.outlineWidth;
    }, EL);
    assert.match(ring, /solid 3px/, "visible focus ring");
    await page.keyboard.type("2万");
    // Tab to the "add another item" button and press Enter.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      const isAdd = await page.evaluate((sel) => {
        const a = document.querySelector(sel).shadowRoot.activeElement;
        return !!a && a.classList.contains("add");
      }, EL);
      if (isAdd) break;
    }
    await page.keyboard.press("Enter");
    const active = await page.evaluate((sel) => {
      const a = document.querySelector(sel).shadowRoot.activeElement;
      return a && a.getAttribute("data-field");
    }, EL);
    assert.equal(active, "amount", "focus moves to the new item");
    await page.keyboard.type("5000");
    const typedIn = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.activeElement.closest("fieldset").getAttribute("data-category"), EL);
    const two = await expected(await pageYear(page), [{ category: typedIn, amount: "2万" }, { category: typedIn, amount: "5000" }]);
    await waitTotal(page, yuan(two.total));

    // Tabbing on through the form: the focused field is never hidden under the sticky total.
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press("Tab");
      const hidden = await page.evaluate((sel) => {
        const r = document.querySelector(sel).shadowRoot;
        const a = r.activeElement;
        const mini = r.querySelector(".mini");
        const m = mini.getBoundingClientRect();
        // The sticky total's own buttons (to the results, to the field to fix) are the bar itself.
        if (!a || !m.height || mini.contains(a)) return null;
        const b = a.getBoundingClientRect();
        return b.bottom > m.top + 1 && b.top < m.bottom - 1 ? a.outerHTML.slice(0, 120) : null;
      }, EL);
      assert.equal(hidden, null, "focused field under the sticky total");
    }

    // Touch targets and reflow.
    const small = await page.evaluate((sel) => {
      const r = document.querySelector(sel).shadowRoot;
      document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true));
      const out = [];
      r.querySelectorAll("button, select, input:not([type=checkbox]), summary, .check").forEach((e) => {
        const b = e.getBoundingClientRect();
        if (b.width && b.height < 44) out.push(e.tagName + "." + e.className + " " + Math.round(b.height));
      });
      return out;
    }, EL);
    assert.deepEqual(small, [], "targets under 44 px");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `horizontal overflow at 320 px: ${overflow}px`);
  });
});

test("subsidy-change carries the result; copy, download JSON/CSV and print give what they promise", async () => {
  await withPage({ acceptDownloads: true, permissions: ["clipboard-read", "clipboard-write"] }, async (page, ctx) => {
    await page.addInitScript(() => {
      window.__events = [];
      document.addEventListener("subsidy-change", (e) => window.__events.push(e.detail));
    });
    await open(page);
    await typeTypicalEnterprise(page);
    const T = await typical(page);
    const policy = await policyOf(page);
    await waitTotal(page, yuan(T.total));
    const last = await page.evaluate(() => JSON.parse(JSON.stringify(window.__events[window.__events.length - 1])));
    assert.equal(last.total, T.total);
    assert.equal(last.lines.length, 4);
    assert.equal(last.policy.id, policy.id);
    const fromProperty = await page.evaluate((sel) => document.querySelector(sel).result.total, EL);
    assert.equal(fromProperty, T.total);

    // Copy summary (async clipboard).
    await page.click(`${EL} button[data-action="copy"]`);
    await waitShadowText(page, ".status", /剪贴板/);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.includes(yuan(T.total)), copied);
    for (const l of T.lines) assert.ok(copied.includes(yuan(l.support)), `${l.category} in ${copied}`);
    if (T.lines.some((l) => l.capped)) assert.match(copied, /已达上限/);
    // The next steps come with it: departments' full names, what to show, how to apply.
    assert.match(copied, /下一步：\n- /);
    assert.match(copied, /负责部门：平湖市/);

    // Copy summary without the async clipboard: the textarea + execCommand fallback.
    await page.evaluate(() => navigator.clipboard.writeText("-"));
    await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
    await setLang(page, "en");
    await page.click(`${EL} button[data-action="copy"]`);
    await waitShadowText(page, ".status", /clipboard|copy/i);
    const status = await page.locator(`${EL} .status`).textContent();
    assert.match(status, /copied to the clipboard/i, status);

    // JSON.
    const [jsonDownload] = await Promise.all([page.waitForEvent("download"), page.click(`${EL} button[data-action="json"]`)]);
    assert.match(jsonDownload.suggestedFilename(), new RegExp("^" + policy.id + "-estimate-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.json$"), "date and time in the name");
    const json = JSON.parse(readFileSync(await jsonDownload.path(), "utf8"));
    assert.equal(json.policy.id, policy.id);
    assert.equal(typeof json.policy.version, "string");
    assert.match(json.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(json.result.total, T.total);
    assert.equal(json.input.expenses.length, 4);
    assert.deepEqual(json.input.expenses[0], TYPICAL[0]);
    assert.deepEqual(json.input.expenses[2].conditions, TYPICAL[2].conditions);

    // CSV.
    const [csvDownload] = await Promise.all([page.waitForEvent("download"), page.click(`${EL} button[data-action="csv"]`)]);
    assert.match(csvDownload.suggestedFilename(), new RegExp("^" + policy.id + "-estimate-\\d{4}-\\d{2}-\\d{2}-\\d{4}\\.csv$"));
    const csv = readFileSync(await csvDownload.path(), "utf8").replace(/^\uFEFF/, "");
    const rows = parseCsv(csv);
    // In the UI language (English here), money as plain numbers under a header naming the currency, and a total row.
    const head = rows.findIndex((r) => r[0] === "Measure");
    assert.ok(head > 0, csv);
    const support = rows[head].indexOf("Estimated support (CNY)");
    const labelOf = (id) => policy.categories.find((c) => c.id === id).label.en;
    assert.deepEqual(
      rows.slice(head + 1, head + 2 + T.lines.length).map((r) => [r[1], r[support]]),
      T.lines.map((l) => [labelOf(l.category), l.support]).concat([["Estimated support in total (at the highest rates the text allows)", T.total]])
    );
    assert.deepEqual(rows.find((r) => r[0] === "Year the costs were incurred"), ["Year the costs were incurred", String(json.result.year)]);
    assert.equal(rows.find((r) => r[0] === "Policy version")[1], json.policy.version);

    // Print: a clean one-page estimate with date, policy version and disclaimer.
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate((sel) => {
      const r = document.querySelector(sel).shadowRoot;
      const visible = (q) => {
        const e = r.querySelector(q);
        return !!e && e.getClientRects().length > 0 && getComputedStyle(e).display !== "none";
      };
      return {
        head: visible(".print-head") ? r.querySelector(".print-head").textContent : null,
        disclaimer: visible(".disclaimer") ? r.querySelector(".disclaimer").textContent : null,
        form: visible("form"),
        actions: visible(".actions"),
        total: visible(".total-value"),
        lines: r.querySelectorAll("li.line").length,
      };
    }, EL);
    assert.ok(printed.head && /\d{4}-\d{2}-\d{2}/.test(printed.head) && printed.head.includes(json.policy.version), printed.head);
    assert.ok(printed.disclaimer && printed.disclaimer.length > 10);
    assert.equal(printed.form, false);
    assert.equal(printed.actions, false);
    assert.equal(printed.total, true);
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.equal(pages, 1, "the estimate prints on one page");
    await page.emulateMedia({ media: "screen" });
  });
});

test("clear empties the form and the estimate", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await typeTypicalEnterprise(page);
    await page.click(`${EL} fieldset[data-category="brand_promotion"] button.add`);
    await page.fill(amount("brand_promotion", 1), "1000");
    await waitTotal(page, yuan((await expected(await pageYear(page), TYPICAL.concat([{ category: "brand_promotion", amount: "1000" }]))).total));
    // Clearing asks first (it cannot be undone): dismissed, nothing changes; accepted, all goes.
    page.once("dialog", (d) => d.dismiss());
    await page.click(`${EL} button[data-action="clear"]`);
    assert.equal(await page.inputValue(amount("brand_promotion")), "30万");
    page.once("dialog", (d) => d.accept());
    await page.click(`${EL} button[data-action="clear"]`);
    await waitTotal(page, "¥0.00");
    assert.equal(await page.locator(`${EL} li.line`).count(), 0);
    assert.equal(await page.locator(`${EL} fieldset[data-category="brand_promotion"] input[data-field="amount"]`).count(), 1);
    assert.equal(await page.inputValue(amount("brand_promotion")), "");
    assert.equal(await page.inputValue(condition("overseas_showroom", "showroom_months")), "");
  });
});

test("year outside the period is said prominently; awards are ceilings shown apart", async () => {
  await withPage(null, async (page) => {
    await open(page);
    const policy = await policyOf(page);
    const outside = policy.document.last_year + 3;
    await page.evaluate(([sel, y]) => document.querySelector(sel).setAttribute("year", String(y)), [EL, outside]);
    await page.fill(amount("brand_promotion"), "10000");
    await waitTotal(page, "¥0.00");
    assert.equal(await page.inputValue(`${EL} select[data-field="year"]`), String(outside));
    const top = page.locator(`${EL} .notices.notices > li[data-code="outside_period"]`).first();
    assert.ok(await top.isVisible());

    await page.selectOption(`${EL} select[data-field="year"]`, String(policy.document.first_year + 1));
    const promotion = await expected(policy.document.first_year + 1, [{ category: "brand_promotion", amount: "10000" }]);
    await waitTotal(page, yuan(promotion.total));
    await page.click(`${EL} details[data-applicant="operator"] > summary`);
    await page.check(`${EL} fieldset[data-category="provincial_demo_park"] input[data-field="apply"]`);
    await page.waitForSelector(`${EL} .awards:not([hidden])`);
    assert.equal(await totalText(page), yuan(promotion.total), "awards are never added to the total");
    assert.match(await page.locator(`${EL} .awards`).textContent(), /¥[\d,]+\.\d\d/);
    assert.match(await page.locator(`${EL} li.line[data-category="provincial_demo_park"] .line-support`).textContent(), /最高/);
  });
});

test("the embed example with hostile CSS renders the element the same", async () => {
  const measure = async (page) =>
    page.evaluate((sel) => {
      const r = document.querySelector(sel).shadowRoot;
      // Each part's computed style and its own height; the whole element's height is left out: it
      // depends on what has loaded after the first result (the visit's additions) and on what is
      // in view (content-visibility: auto), never on the host page's CSS.
      const cs = (q, props, height = true) => {
        const e = r.querySelector(q);
        const s = getComputedStyle(e);
        const b = e.getBoundingClientRect();
        return props.map((p) => s.getPropertyValue(p)).concat(height ? [Math.round(b.height)] : []).join(" ");
      };
      return {
        root: cs(".root", ["font-size", "color", "line-height", "font-family", "text-transform", "letter-spacing", "white-space"], false),
        total: cs(".total-value", ["font-size", "color", "font-weight"]),
        input: cs('input[data-field="amount"]', ["display", "font-size", "color", "text-align"]),
        select: cs("select", ["display", "font-size"]),
        summary: cs("summary", ["display", "font-size", "color"]),
        meter: cs("meter", ["display"]),
        button: cs("button.action", ["display", "font-size", "color"]),
        lines: Array.from(r.querySelectorAll("li.line")).map((li) => li.textContent),
        total_text: r.querySelector(".total-value").textContent,
      };
    }, EL);
  const results = {};
  for (const path of ["index.html", "embed-example.html"]) {
    await withPage({ viewport: { width: 1000, height: 900 } }, async (page) => {
      await open(page, path);
      // The calculator page adds the workspace below the calculator: compared without it. Both
      // hosts at one width, so that text wraps alike (the pages' own layouts differ by design).
      await page.evaluate((sel) => {
        const host = document.querySelector(sel);
        host.removeAttribute("workspace");
        host.style.setProperty("display", "block", "important");
        host.style.setProperty("width", "900px", "important");
      }, EL);
      await typeTypicalEnterprise(page);
      await waitTotal(page, yuan((await typical(page)).total));
      results[path] = await measure(page);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.locator(EL).screenshot({ path: screenshotPath(`element-${path.replace(".html", "")}.png`) });
    });
  }
  assert.deepEqual(results["embed-example.html"], results["index.html"]);
});

test("without WebAssembly the element says so in both languages instead of an empty box", async () => {
  await withPage(null, async (page) => {
    await page.addInitScript(() => {
      delete window.WebAssembly;
    });
    await page.goto(server.url + "index.html");
    const failure = page.locator(`${EL} .failure[role="alert"]`);
    await failure.waitFor({ state: "visible", timeout: 10000 });
    const text = await failure.textContent();
    assert.match(text, /[\u4e00-\u9fff]{6}/);
    assert.match(text, /could not load/i);
    // The page's fallback content (link to the policy text) shows through the slot.
    assert.ok(await page.locator('[slot="fallback"] a').isVisible());
  }, true);
});

test("works under a strict CSP: no inline styles or scripts, nothing but 'self' (and wasm)", async () => {
  const CSP = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
  ].join("; ");
  for (const path of ["index.html", "embed-example.html"]) {
    await withPage(null, async (page, ctx, problems) => {
      await page.route(/\.html(\?.*)?$/, async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, headers: Object.assign({}, response.headers(), { "content-security-policy": CSP }) });
      });
      await page.addInitScript(() => {
        window.__violations = [];
        document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
      });
      await open(page, path);
      await typeTypicalEnterprise(page);
      await waitTotal(page, yuan((await typical(page)).total));
      assert.deepEqual(await page.evaluate(() => window.__violations), [], path);
      // The stylesheet did apply inside the shadow root.
      const size = await page.locator(`${EL} .total-value`).evaluate((e) => getComputedStyle(e).fontSize);
      assert.equal(size, "36px", path);
      assert.deepEqual(problems, [], path);
      // The policy is really in force: an inline style is refused (and logged, hence `true` below).
      await page.evaluate(() => document.body.appendChild(document.createElement("div")).setAttribute("style", "color: red"));
      await page.waitForFunction(() => window.__violations.length > 0);
      assert.match((await page.evaluate(() => window.__violations))[0], /^style-src/);
    }, true);
  }
});

test("screenshots at 375×812 and 1280×800", async () => {
  for (const [w, h] of [[375, 812], [1280, 800]]) {
    for (const lang of ["zh-CN", "en"]) {
      await withPage({ viewport: { width: w, height: h } }, async (page) => {
        await open(page, lang === "en" ? "index.html?lang=en" : "index.html");
        await typeTypicalEnterprise(page);
        await waitTotal(page, yuan((await typical(page)).total));
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.screenshot({ path: screenshotPath(`calculator-${w}x${h}-${lang}.png`), fullPage: true });
      });
    }
  }
});

test("what the plan promises without an amount is listed from policy(), in both languages", async () => {
  await withPage(null, async (page) => {
    await open(page);
    const policy = await policyOf(page);
    const items = () => page.locator(`${EL} .promise-list > li`).allTextContents();
    const zh = await items();
    assert.equal(zh.length, policy.promises.length);
    policy.promises.forEach((x, i) => assert.ok(zh[i].includes(x.text.zh), zh[i]));
    await setLang(page, "en");
    await waitShadowText(page, ".promise-list > li", /Measure/);
    const en = await items();
    policy.promises.forEach((x, i) => assert.ok(en[i].includes(x.text.en), en[i]));
  });
});
