// Browser tests of the enterprise on a phone (issue 20): results that keep up with typing, with
// real IME composition (Chromium's CDP `Input.imeSetComposition`); the plan view's own actions
// (copy, share link, CSV, print, notices, next steps, sticky total, year tabs); a line updated in
// place while typing; the engine's one download started by page.js and taken by the element; a share link
// opened and pasted into an open tab; a keystroke's total drawn in its frame, the rest just after.
// Figures from the engine, never written here.
//
//   node --test tests/browser/phone.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { browserFile, recordClicks, clickThen, watchdog, waitReady, EL, amount, waitTotal, expected, expectedPlan, pageYear, yuan, strictPages, recordViolations, screenshotPath, WWW, openWorkspace } from "./harness.mjs";

watchdog();

const { server, withPage } = browserFile();

async function open(page, hash = "") {
  await strictPages(page);
  await recordViolations(page);
  await recordClicks(page);
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

/** A three-year plan of two plain categories (the plan's last three years), typed in the plan view. */
async function typeThreeYearPlan(page) {
  const policy = await page.evaluate((sel) => document.querySelector(sel).policy, EL);
  const [a, b] = await twoPlainCategories(page);
  const doc = policy.document;
  const years = [];
  for (let y = doc.first_year; y <= doc.last_year; y++) years.push(y);
  const filled = years.slice(-3); // the three years after the plan's first (no tick asked for a date)
  await page.click(`${EL} .mode-button[data-mode="plan"]`);
  await page.waitForSelector(`${EL} .plan-year-form`);
  const input = { years: years.map((year) => ({ year, expenses: [] })) };
  const typed = [
    [filled[0], a, "12万"],
    [filled[0], b, "50,000"],
    [filled[1], a, "80000"],
    [filled[2], b, "6万"],
  ];
  for (const [year, cat, value] of typed) {
    await page.click(`${EL} .year-tab[data-year="${year}"]`);
    await page.fill(`${EL} .plan-year-form[data-year="${year}"] fieldset[data-category="${cat}"] input[data-field="amount"] >> nth=0`, value);
    input.years.find((y) => y.year === year).expenses.push({ category: cat, amount: value });
  }
  const plan = await expectedPlan(input);
  await page.waitForFunction(([sel, want]) => {
    const t = document.querySelector(sel).shadowRoot.querySelector(".plan-results .total-value");
    return t && t.textContent.trim() === want;
  }, [EL, yuan(plan.total)]);
  return { policy, years, filled, plan, input };
}

test("the plan view: year tabs say which years have entries, a sticky total, notes and next steps; copy and CSV", async () => {
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, acceptDownloads: true }, async (page, ctx) => {
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"]);
    await open(page);
    const { policy, years, filled, plan } = await typeThreeYearPlan(page);
    const tabs = await page.$$eval(`${EL} >> .year-tab`, (bs) => bs.map((b) => [b.getAttribute("data-year"), b.hasAttribute("data-filled"), b.textContent]));
    for (const [year, marked, text] of tabs) {
      const y = plan.years.find((x) => String(x.year) === year);
      assert.equal(marked, filled.includes(Number(year)), `tab ${year} marked as having entries`);
      if (marked) assert.match(text, new RegExp(String(y.lines.length)), `tab ${year} says how many`);
    }
    assert.equal(tabs.length, years.length);

    // The sticky total is on screen at the bottom while the form is filled, with the plan's total.
    const mini = page.locator(`${EL} .plan .mini`);
    assert.equal((await mini.locator(".mini-value").textContent()).trim(), yuan(plan.total));
    const box = await mini.boundingBox();
    assert.ok(box && box.y + box.height <= 812 + 1 && box.y > 812 / 2, "the mini total stays at the bottom of the screen: " + JSON.stringify(box));

    // The document's footnotes, each once, and the next steps, one per category that gives.
    const foot = new Set();
    const codes = new Set(policy.document.notices.filter((n) => n.placement === "footnote").map((n) => n.code));
    [plan.notices].concat(plan.years.map((y) => y.notices)).forEach((ns) => (ns || []).forEach((n) => codes.has(n.code) && foot.add(n.zh)));
    const shownFoot = await page.$$eval(`${EL} >> .plan-results .footnotes li`, (ls) => ls.map((l) => l.textContent));
    assert.deepEqual(shownFoot.slice().sort(), Array.from(foot).sort());
    await page.waitForSelector(`${EL} .plan-results .next-steps:not([hidden])`);
    const cats = new Set(plan.years.flatMap((y) => y.lines.filter((l) => l.eligible !== false && !l.kept_instead).map((l) => l.category)));
    const items = await page.$$eval(`${EL} >> .plan-results .next-item`, (ls) => ls.map((l) => l.getAttribute("data-category")));
    assert.deepEqual(items.slice().sort(), Array.from(cats).sort());
    // Each names first, in full and marked 牵头 where the data marks that reading, its measure's
    // first department; and the evidence the text implies, where the data quotes one.
    const G = (await import(pathToFileURL(join(WWW, "element", "guide-data.js")).href)).default;
    const shownSteps = await page.$$eval(`${EL} >> .plan-results .next-item`, (ls) =>
      ls.map((l) => ({ id: l.getAttribute("data-category"), deps: l.querySelector(".next-deps").textContent, lead: l.querySelectorAll("[data-lead]").length, text: l.textContent }))
    );
    for (const st of shownSteps) {
      const measure = policy.measures.find((m) => m.id === policy.categories.find((c) => c.id === st.id).measure);
      const first = G.departments.find((d) => d.short_zh === measure.departments.zh[0]);
      assert.ok(st.deps.indexOf(first.name.zh) >= 0 && st.deps.indexOf(first.name.zh) < st.deps.length / 2, `${st.id}: ${first.name.zh} first in ${st.deps}`);
      assert.equal(st.lead, G.application.lead ? 1 : 0, `${st.id}: one lead office marked`);
      if (G.application.lead) assert.ok(st.deps.includes(first.name.zh + "（牵头）"), st.deps);
      const req = G.requirements.find((r) => r.category === st.id);
      if (req && req.evidence) assert.ok(st.text.includes(req.evidence.zh), `${st.id}: evidence in ${st.text}`);
    }
    if (G.application.lead) await page.waitForSelector(`${EL} .plan-results .next-lead-note`);

    // Copy summary: the plan total and each year with entries.
    await clickThen(page, `${EL} .plan-results button[data-action="copy"]`, () => page.waitForFunction((sel) => /\S/.test(document.querySelector(sel).shadowRoot.querySelector(".status").textContent), EL));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.ok(copied.includes(yuan(plan.total)), copied);
    for (const y of plan.years.filter((x) => x.lines.length)) assert.ok(copied.includes(yuan(y.total)), `year ${y.year} in the summary`);

    // CSV: money as plain numbers under a header that names the currency; the plan total.
    const [dl] = await Promise.all([page.waitForEvent("download"), page.click(`${EL} .plan-results button[data-action="csv"]`)]);
    const csv = (await (await import("node:fs/promises")).readFile(await dl.path(), "utf8")).replace(/^\uFEFF/, "");
    const rows = csv.trim().split("\r\n").map((r) => r.split(","));
    const header = rows.find((r) => r.some((c) => /CNY/.test(c)));
    assert.ok(header, "a header naming the currency");
    const col = header.length - 2; // the support, before the notes column
    for (const y of plan.years) {
      for (const l of y.lines) assert.ok(rows.some((r) => r[0] === String(y.year) && r[col] === l.support), `line ${y.year} ${l.category} with ${l.support}`);
    }
    assert.ok(rows.some((r) => r[col] === plan.total), "the plan total as a number");
    assert.ok(!/¥/.test(rows.filter((r) => r[0] && /^\d{4}$/.test(r[0])).map((r) => r.join(",")).join("\n")), "no ¥ in the figures");
  });
});

test("a plan's share link: opened, it fills the plan and says at the top what was shared and its total; pasted into an open tab too", async () => {
  let link;
  let plan;
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true }, async (page, ctx) => {
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"]);
    await open(page);
    plan = (await typeThreeYearPlan(page)).plan;
    await clickThen(page, `${EL} .plan-results button[data-action="share"]`, () => page.waitForSelector(`${EL} .plan-results .link-note:not([hidden])`));
    link = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(link, /#s=[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
  });
  const banner = (page) => page.waitForFunction((sel) => {
    const b = document.querySelector(sel).shadowRoot.querySelector(".shared-banner");
    return b && !b.hidden && b.textContent;
  }, EL);
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true }, async (page) => {
    await open(page, "#" + link.split("#")[1]);
    const text = await (await banner(page)).jsonValue();
    assert.ok(text.includes("来自分享链接") && text.includes(yuan(plan.total)), text);
    const top = await page.locator(`${EL} .shared-banner`).boundingBox();
    assert.ok(top.y < 812, "the banner is on the first screen: " + top.y);
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).mode, EL), "plan");
    assert.equal((await page.locator(`${EL} .plan-results .total-value`).textContent()).trim(), yuan(plan.total));
  });
  // Pasted into a tab where the calculator is already open: hashchange.
  await withPage(null, async (page) => {
    await open(page);
    await page.evaluate((h) => (location.hash = h), "#" + link.split("#")[1]);
    const text = await (await banner(page)).jsonValue();
    assert.ok(text.includes(yuan(plan.total)), text);
    assert.equal((await page.locator(`${EL} .plan-results .total-value`).textContent()).trim(), yuan(plan.total));
    // An altered link is refused aloud and fills nothing.
    await page.evaluate((h) => (location.hash = h), "#" + link.split("#")[1].replace(/\.(.)/, (m, c) => "." + (c === "0" ? "1" : "0")));
    await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector(".shared-banner.is-error"), EL);
  });
});

test("print: a typical three-year plan on one A4 page, in Chinese and in English, each notice once", async () => {
  for (const lang of ["zh-CN", "en"]) {
    await withPage(null, async (page) => {
      await open(page);
      if (lang === "en") await page.evaluate((sel) => document.querySelector(sel).setAttribute("lang", "en"), EL);
      const { plan } = await typeThreeYearPlan(page);
      await page.emulateMedia({ media: "print" });
      const shown = await page.evaluate((sel) => {
        const r = document.querySelector(sel).shadowRoot;
        const visible = (n) => n.getClientRects().length && getComputedStyle(n).display !== "none";
        return {
          notices: Array.from(r.querySelectorAll(".plan .notice, .plan .footnotes > li")).filter(visible).map((n) => n.textContent),
          total: r.querySelector(".plan-results .total-value").textContent.trim(),
          form: Array.from(r.querySelectorAll(".plan .form-col")).some(visible),
        };
      }, EL);
      assert.equal(shown.total, yuan(plan.total));
      assert.equal(shown.form, false, "the form is not printed");
      assert.equal(new Set(shown.notices).size, shown.notices.length, `a notice printed twice:\n${shown.notices.join("\n")}`);
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      const path = screenshotPath(`plan-print-${lang}.pdf`);
      (await import("node:fs")).writeFileSync(path, pdf);
      const pages = (await import("node:child_process")).execFileSync("pdfinfo", [path], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1];
      assert.equal(pages, "1", `${lang}: the plan on one A4 page`);
    });
  }
});

/** The contrast ratio of an element's text against the first opaque background behind it (WCAG). */
function contrastOf(page, css) {
  return page.evaluate(([sel, css]) => {
    const el = document.querySelector(sel).shadowRoot.querySelector(css);
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4));
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    let bg = null;
    for (let n = el; n && n.nodeType === 1; n = n.parentNode || n.host) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) {
        bg = c;
        break;
      }
      if (!n.parentNode && n.getRootNode().host) n = n.getRootNode();
    }
    const fg = lum(rgb(getComputedStyle(el).color));
    const b = lum(bg || [255, 255, 255]);
    return (Math.max(fg, b) + 0.05) / (Math.min(fg, b) + 0.05);
  }, [EL, css]);
}

test("375 px: the sticky \"（1 处未计入）去修改\" is readable on its bar; axe sees it, errors, the plan's extras and the workspace open", async () => {
  const AxeBuilder = (await import("@axe-core/playwright")).default;
  const axe = async (page, what) => {
    const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
    const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ` + v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + n.failureSummary).join("\n  "));
    assert.deepEqual(summary, [], `axe violations with ${what}`);
  };
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }, async (page, ctx) => {
    await ctx.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto(server.url + "index.html"); // axe injects its own scripts: the CSP is the other tests'
    await waitReady(page);
    const policy = await page.evaluate((sel) => document.querySelector(sel).policy, EL);
    const year = Number(await pageYear(page));
    const asked = (c) => c.conditions.filter((k) => k.only_year == null || k.only_year === year);
    const cat = policy.categories.find((c) => c.kind === "expense" && asked(c).length === 1 && asked(c)[0].type !== "bool");
    assert.ok(cat, "premise: a category with one condition typed as a number");
    const cond = asked(cat)[0];
    await page.fill(amount(cat.id), "12万");
    await page.fill(`${EL} fieldset[data-category="${cat.id}"] [data-condition="${cond.id}"]`, String(cond.min - 1));
    await page.waitForSelector(`${EL} .mini .left-out:not([hidden])`);
    const ratio = await contrastOf(page, ".mini .left-out");
    assert.ok(ratio >= 4.5, `the sticky 去修改 reads against its bar: contrast ${ratio.toFixed(2)}`);
    // Opening its disclosure loads the workspace: its panel is in before axe looks.
    await openWorkspace(page);
    await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
    await axe(page, "a condition not met said on the sticky bar, the workspace open");
    const [a] = await twoPlainCategories(page);
    await page.fill(amount(a), "abc");
    await page.waitForSelector(`${EL} fieldset[data-category="${a}"] input[data-field="amount"][aria-invalid="true"]`);
    await axe(page, "an amount refused at its field");
    await typeThreeYearPlan(page);
    await clickThen(page, `${EL} .plan-results button[data-action="share"]`, () => page.waitForSelector(`${EL} .plan-results .link-note:not([hidden])`));
    await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
    await axe(page, "the plan, its sticky total, next steps and the share note");
  });
});

test("every field is at least 16 px (no zoom on focus in iOS): the calculator, its plan and workspace, the batch page", async () => {
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true }, async (page) => {
    const small = () =>
      page.evaluate(() => {
        const out = [];
        const walk = (root) => {
          root.querySelectorAll("input, select, textarea").forEach((f) => {
            if (f.type === "checkbox" || f.type === "radio" || f.type === "file") return;
            const px = parseFloat(getComputedStyle(f).fontSize);
            if (px < 16) out.push((f.id || f.getAttribute("data-field") || f.getAttribute("data-ws") || f.name || f.tagName) + " " + px + "px");
          });
          root.querySelectorAll("*").forEach((n) => n.shadowRoot && walk(n.shadowRoot));
        };
        walk(document);
        return out;
      });
    await open(page);
    await openWorkspace(page);
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    await page.waitForSelector(`${EL} .plan-year-form`);
    assert.deepEqual(await small(), [], "the calculator's fields");
    await page.goto(server.url + "batch.html");
    await page.waitForSelector("#encoding");
    await page.evaluate(() => document.querySelectorAll("[hidden]").forEach((n) => (n.hidden = false)));
    const sizes = await small();
    assert.deepEqual(sizes, [], "the batch page's fields");
    assert.ok(await page.evaluate(() => parseFloat(getComputedStyle(document.getElementById("encoding")).fontSize) >= 16));
  });
});

test("the engine's .wasm is fetched once: no fetch preload (WebKit never uses one and fetched it twice)", async () => {
  await withPage(null, async (page) => {
    const wasm = [];
    page.on("request", (r) => /_bg\.wasm(\?|$)/.test(r.url()) && !/pkg-office/.test(r.url()) && wasm.push(r.url()));
    await open(page);
    assert.equal(wasm.length, 1, wasm.join("\n"));
    // page.js (async, small) started that one download and the element took it (engine.js).
    const early = await page.evaluate(() => window.pinghuSubsidyEngine && { url: window.pinghuSubsidyEngine.url, taken: window.pinghuSubsidyEngine.taken });
    assert.deepEqual(early, { url: wasm[0], taken: true });
    const preloads = await page.$$eval('link[rel="preload"]', (ls) => ls.map((l) => l.getAttribute("href") + " as " + l.getAttribute("as")));
    assert.deepEqual(preloads.filter((p) => /\.wasm /.test(p) || / as fetch$/.test(p)), [], "no preload WebKit would fetch a second time");
  });
});

test("typing updates the line in place: the same row, its working still open, the engine's figures at each keystroke", async () => {
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }, async (page) => {
    await open(page);
    const [cat] = await twoPlainCategories(page);
    const year = await pageYear(page);
    const line = `${EL} li.line[data-category="${cat}"]`;
    await page.fill(amount(cat), "1");
    await waitTotal(page, yuan((await expected(year, [{ category: cat, amount: "1" }])).total));
    const row = await page.$(line);
    await page.click(`${line} details.explain > summary`);
    for (const typed of ["12", "123"]) {
      // One more digit at the end of the field (the click on the row's summary took the focus).
      await page.focus(amount(cat));
      await page.keyboard.press("End");
      await page.keyboard.type(typed.slice(-1));
      const want = await expected(year, [{ category: cat, amount: typed }]);
      await waitTotal(page, yuan(want.total));
      const now = await row.evaluate((el) => ({
        same: el.isConnected && el === el.getRootNode().querySelector(`li.line[data-category="${el.getAttribute("data-category")}"]`),
        open: el.querySelector("details.explain").open,
        support: el.querySelector(".line-support").textContent.trim(),
        working: el.querySelector("details.explain .explanation").textContent,
      }));
      const wl = want.lines.find((l) => l.category === cat);
      assert.deepEqual(now, { same: true, open: true, support: yuan(wl.support), working: wl.explanation["zh"] }, typed);
    }
  });
});

test("a keystroke draws the total in its own frame and the rest of the result just after, the live region busy meanwhile", async () => {
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }, async (page) => {
    await open(page);
    const [cat] = await twoPlainCategories(page);
    const year = await pageYear(page);
    // What the page holds at the end of the keystroke's own task: a listener on window runs after
    // the element's (the input event bubbles out of its shadow root).
    await page.evaluate(
      ([sel, c]) => {
        window.__atInput = null;
        window.addEventListener("input", () => {
          const root = document.querySelector(sel).shadowRoot;
          window.__atInput = {
            total: root.querySelector(".total-value").textContent.trim(),
            busy: root.querySelector(".results .live").getAttribute("aria-busy"),
            line: !!root.querySelector(`li.line[data-category="${c}"]`),
          };
        });
      },
      [EL, cat]
    );
    await page.focus(amount(cat));
    await page.keyboard.type("5"); // input, not a policy figure
    const want = await expected(year, [{ category: cat, amount: "5" }]);
    await waitTotal(page, yuan(want.total));
    const atInput = await page.evaluate(() => window.__atInput);
    assert.deepEqual(atInput, { total: yuan(want.total), busy: "true", line: false }, "the keystroke's own task: the total, not yet its line");
    const after = await page.evaluate(
      ([sel, c]) => {
        const root = document.querySelector(sel).shadowRoot;
        const row = root.querySelector(`li.line[data-category="${c}"]`);
        return { busy: root.querySelector(".results .live").getAttribute("aria-busy"), support: row && row.querySelector(".line-support").textContent.trim() };
      },
      [EL, cat]
    );
    const wl = want.lines.find((l) => l.category === cat);
    assert.deepEqual(after, { busy: null, support: yuan(wl.support) }, "just after: the line, and the region no longer busy");
  });
});

test("the element asks the engine for its own language only; a language switch calculates again, in both views", async () => {
  await withPage(null, async (page) => {
    await page.addInitScript(() => {
      window.__changes = [];
      document.addEventListener("subsidy-change", (e) => window.__changes.push(e.detail));
    });
    await open(page);
    const [a] = await twoPlainCategories(page);
    await page.fill(amount(a), "12万");
    const want = await expected(await pageYear(page), [{ category: a, amount: "12万" }]);
    await waitTotal(page, yuan(want.total));
    const words = (sel) =>
      page.evaluate((sel) => {
        const el = document.querySelector("pinghu-subsidy-calculator");
        const r = sel === "plan" ? el.planResult : el.result;
        const all = [].concat(r.notices || [], ...(r.years || []).map((y) => y.notices), ...(r.lines || []).map((l) => [l.explanation]));
        return { zh: all.filter((n) => n.zh).length, en: all.filter((n) => n.en).length, n: all.length };
      }, sel);
    let w = await words("year");
    assert.ok(w.n > 0 && w.zh === w.n && w.en === 0, JSON.stringify(w));
    const before = await page.evaluate(() => window.__changes.length);
    await page.evaluate((sel) => document.querySelector(sel).setAttribute("lang", "en"), EL);
    await page.waitForFunction((n) => window.__changes.length > n, before);
    w = await words("year");
    assert.ok(w.en === w.n && w.zh === 0, JSON.stringify(w));
    const shown = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector(".footnotes li").textContent, EL);
    assert.ok(want.notices.some((n) => n.en === shown), "a footnote in English: " + shown);
    assert.equal((await page.evaluate((sel) => document.querySelector(sel).result.total, EL)), want.total);
    // The plan view, shown after the switch, asks in English too; back to Chinese calculates it again.
    await page.click(`${EL} .mode-button[data-mode="plan"]`);
    await page.waitForFunction((sel) => document.querySelector(sel).planResult, EL);
    w = await words("plan");
    assert.ok(w.en === w.n && w.zh === 0, JSON.stringify(w));
    await page.evaluate((sel) => document.querySelector(sel).setAttribute("lang", "zh-CN"), EL);
    await page.waitForFunction((sel) => {
      const r = document.querySelector(sel).planResult;
      return r.notices.length && r.notices.every((n) => n.zh && !n.en);
    }, EL);
  });
});

test("in WeChat's web-view the plan view offers copy and the share link, not the downloads and print that fail there", async () => {
  const ua = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47 NetType/WIFI";
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true, userAgent: ua }, async (page) => {
    await open(page);
    await typeThreeYearPlan(page);
    const shown = await page.$$eval(`${EL} >> .plan-results .actions button`, (bs) => bs.filter((b) => !b.hidden).map((b) => b.getAttribute("data-action")));
    assert.deepEqual(shown, ["copy", "share"]);
  });
});
