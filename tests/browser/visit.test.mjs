// Browser tests of the enterprise's visit, finished, and the embedder's job (issue 10), against
// the real engine (www/pkg/), at 375 and 1280 px, in both languages: conditions at the field, the
// truthful sticky total, amounts as people type them, the year's label, next steps, the line kept
// out by a group, the sticky card never covering content, print, CSV, clearing; for embedders:
// <html lang>, the language switch, the sticky offset under a fixed header, WeChat's web-view.
// Axe stays clean and the strict CSP shows no violation.
//
//   node --test tests/browser/visit.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { pathToFileURL } from "node:url";
import { browserFile, REPO, WWW, serveWww, ISSUE_CSP, strictPages, recordViolations, watchdog, waitReady, screenshotPath, EL, amount, condition, typeTypicalEnterprise, waitTotal, waitLang, typical, expected, engineIn, pageYear, yuan, percent } from "./harness.mjs";
import { conditionRule } from "../../www/element/guide.js";
import { csvText } from "../../www/element/csv.js";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));

const { server, withPage } = browserFile();


const WIDTHS = [375, 1280];
const LANGS = ["zh-CN", "en"];

/** Serves `body` at `path` under the strict CSP (a host page of our own, same origin). */
async function hostPage(page, path, body, csp = true) {
  await page.route(server.url + path, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", headers: csp ? { "content-security-policy": ISSUE_CSP } : {}, body })
  );
}

/** index.html under the strict CSP, violations recorded, in `lang`. */
async function open(page, lang = "zh-CN") {
  await strictPages(page);
  await recordViolations(page);
  await page.goto(server.url + "index.html");
  await waitReady(page);
  if (lang !== "zh-CN") await setLang(page, lang);
}

async function setLang(page, lang) {
  await page.evaluate(([sel, l]) => document.querySelector(sel).setAttribute("lang", l), [EL, lang]);
  await waitLang(page, lang);
}

const violations = (page) => page.evaluate(() => window.__violations);

/** Text of the first match inside the element ("" when none or hidden). */
function shown(page, q) {
  return page.evaluate(
    ([sel, q]) => {
      const e = document.querySelector(sel).shadowRoot.querySelector(q);
      return e && !e.hidden && e.getClientRects().length ? e.textContent.trim() : "";
    },
    [EL, q]
  );
}

async function waitShown(page, q, re) {
  await page.waitForFunction(
    ([sel, q, src]) => {
      const e = document.querySelector(sel).shadowRoot.querySelector(q);
      return e && !e.hidden && e.getClientRects().length && new RegExp(src).test(e.textContent);
    },
    [EL, q, re.source],
    { timeout: 10000 }
  );
}

async function waitHidden(page, q) {
  await page.waitForFunction(
    ([sel, q]) => {
      const e = document.querySelector(sel).shadowRoot.querySelector(q);
      return !e || e.hidden || !e.getClientRects().length;
    },
    [EL, q],
    { timeout: 10000 }
  );
}

const activeField = (page) =>
  page.evaluate((sel) => {
    const a = document.querySelector(sel).shadowRoot.activeElement;
    return a ? a.getAttribute("data-condition") || a.getAttribute("data-field") || a.className : null;
  }, EL);

const WORDS = {
  "zh-CN": { note: "暂不计入。满足条件后可得 ", left: /（1 处未计入） ?去修改/, year: "费用发生年度", explain: /实际发生的年份/, aYear: "一年" },
  en: { note: "not counted yet. Once the condition is met: ", left: /\(1 not counted\) Fix/, year: "Year the costs were incurred", explain: /incurred, not the year you apply/, aYear: "1 year" },
};

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const pagePolicy = (page) => page.evaluate((sel) => document.querySelector(sel).policy, EL);

/**
 * The page's policy and year, an expense category whose one condition asked in that year is a
 * number of months (`cat`, `cond`; null when the policy has none) and another expense category
 * (`other`).
 */
async function monthsCategory(page) {
  const policy = await pagePolicy(page);
  const year = Number(await pageYear(page));
  const asked = (c) => c.conditions.filter((k) => k.only_year == null || k.only_year === year);
  const cat = policy.categories.find((c) => c.kind === "expense" && asked(c).length === 1 && asked(c)[0].type === "months") || null;
  const other = policy.categories.find((c) => c.kind === "expense" && c !== cat);
  return { policy, year, cat, cond: cat && asked(cat)[0], other };
}

/** The next steps' data the page loads (guide-data.js, written from the policy file). */
const guide = async () => (await import(pathToFileURL(join(WWW, "element", "guide-data.js")).href)).default;

for (const width of WIDTHS) {
  for (const lang of LANGS) {
    test(`${width} px, ${lang}: a failed condition is said at its field, with what it would give; the total says what it leaves out`, async (t) => {
      await withPage({ viewport: { width, height: 800 } }, async (page) => {
        await open(page, lang);
        const w = WORDS[lang];
        const L = lang === "en" ? "en" : "zh";
        // The year says what it means.
        assert.equal(await shown(page, ".year-row > label"), w.year);
        await waitShown(page, ".year-explain", w.explain);
        const { year, cat, cond, other } = await monthsCategory(page);
        if (!cat) return t.skip("no expense category of this policy asks only a number of months");
        const field = `fieldset[data-category="${cat.id}"]`;
        // The rule beside the field, and its unit: the policy's threshold.
        await waitShown(page, `${field} .rule`, new RegExp("^" + escapeRe(conditionRule(cond, L)) + "$"));
        // 12万 for a month short of the threshold: nothing counted, said at the field and on the total.
        const short = { category: cat.id, amount: "12万", conditions: { [cond.id]: cond.min - 1 } };
        const wouldGive = (await expected(year, [short])).lines[0].if_eligible;
        await page.fill(amount(cat.id), "12万");
        await page.fill(condition(cat.id, cond.id), cond.min - 1 + "个月");
        await waitShown(page, `${field} .field-note`, new RegExp(escapeRe(w.note + yuan(wouldGive))));
        await waitTotal(page, "¥0.00");
        const bar = width < 840 ? ".mini .left-out" : ".total .left-out";
        await waitShown(page, bar, w.left);
        // The note is linked to the field.
        const described = await page.getAttribute(condition(cat.id, cond.id), "aria-describedby");
        assert.match(described, /-note/);
        // The link goes to the first field that needs fixing.
        await page.locator(EL).locator(bar).click();
        assert.equal(await activeField(page), cond.id);
        // A year, typed as people type it (when a year meets the threshold; else the threshold in
        // digits), meets the condition: the note and the count go.
        const typed = cond.min <= 12 ? w.aYear : String(cond.min);
        await page.fill(condition(cat.id, cond.id), typed);
        await waitTotal(page, yuan(wouldGive));
        await waitHidden(page, `${field} .field-note`);
        await waitHidden(page, bar);
        // An entry the engine refuses leaves the total too, and the link goes to it.
        await page.fill(amount(other.id), "3.5.万");
        await waitShown(page, bar, lang === "en" ? /\(1 not counted\)/ : /（1 处未计入）/);
        await page.locator(EL).locator(bar).click();
        assert.equal(await activeField(page), "amount");
        assert.deepEqual(await violations(page), []);
        await page.screenshot({ path: screenshotPath(`visit-conditions-${width}-${lang}.png`), fullPage: true });
      });
    });

    test(`${width} px, ${lang}: next steps under the estimate; the line kept out by its group says which was kept`, async (t) => {
      await withPage({ viewport: { width, height: 800 } }, async (page) => {
        await open(page, lang);
        await typeTypicalEnterprise(page);
        const want = await typical(page);
        await waitTotal(page, yuan(want.total));
        await waitShown(page, ".next-steps", lang === "en" ? /Next steps/ : /下一步/);
        const steps = await page.evaluate((sel) => {
          const r = document.querySelector(sel).shadowRoot;
          return {
            items: Array.from(r.querySelectorAll(".next-item")).map((li) => [li.getAttribute("data-category"), li.textContent]),
            rules: r.querySelector(".next-rules") ? r.querySelector(".next-rules").textContent : "",
          };
        }, EL);
        // A step per line that gives support, in the result's order; each names its measure's
        // departments in full and what the text says to hold or show; how to apply below them.
        const giving = want.lines.filter((l) => l.support !== "0.00").map((l) => l.category);
        assert.deepEqual(steps.items.map((x) => x[0]), giving);
        const policy = await pagePolicy(page);
        const G = await guide();
        const L = lang === "en" ? "en" : "zh";
        for (const [id, text] of steps.items) {
          const measure = policy.measures.find((m) => m.id === policy.categories.find((c) => c.id === id).measure);
          for (const d of measure.departments.zh) {
            const full = G.departments.find((x) => x.short_zh === d);
            assert.ok(text.includes(full ? full.name[L] : d), `${id}: ${full ? full.name[L] : d} in ${text}`);
          }
          const need = G.requirements.find((r) => r.category === id);
          if (need) assert.ok(text.includes(need.text[L]), `${id}: ${need.text[L]} in ${text}`);
        }
        assert.ok(steps.rules.includes(G.application.text[L]), steps.rules);
        // No phone number or portal is made up.
        assert.doesNotMatch(steps.items.map((x) => x[1]).join(" ") + steps.rules, /电话|Phone|申报入口|Apply at|\d{7,}/);
        // Of two awards that are one matter (a group), the one with the lower ceiling says which was kept.
        const group = policy.categories.filter((c) => c.kind === "award" && c.exclusive_group && c.conditions.length === 0);
        const pair = group.map((a) => [a, group.find((b) => b !== a && b.exclusive_group === a.exclusive_group && Number(b.cap) > Number(a.cap))]).find((x) => x[1]);
        if (!pair) return t.skip("no two awards of this policy are one matter");
        const [lower, higher] = pair;
        await page.evaluate((sel) => {
          const r = document.querySelector(sel).shadowRoot;
          r.querySelectorAll("details.applicant").forEach((d) => (d.open = true));
        }, EL);
        await page.check(`${EL} fieldset[data-category="${lower.id}"] input[data-field="apply"]`);
        await page.check(`${EL} fieldset[data-category="${higher.id}"] input[data-field="apply"]`);
        await waitShown(page, `li.line[data-category="${lower.id}"] .badge`, lang === "en" ? /counted as/ : /就高不重复：已按“/);
        assert.equal(await page.locator(`${EL} li.line[data-category="${lower.id}"] .badge.ineligible`).count(), 0);
        assert.deepEqual(await violations(page), []);
      });
    });
  }
}

test("amounts and months as people type them are read as the engine reads them", async (t) => {
  await withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
    await open(page);
    const { cat, cond, other } = await monthsCategory(page);
    const typedIn = other.id;
    const rows = [
      ["18 万", "¥180,000.00"],
      ["180 000", "¥180,000.00"],
      ["180000.", "¥180,000.00"],
      ["18万元整", "¥180,000.00"],
      ["18万5千", "¥185,000.00"],
      ["RMB 180000", "¥180,000.00"],
      ["1亿2000万", "¥120,000,000.00"],
    ];
    for (const [typed, want] of rows) {
      await page.fill(amount(typedIn), typed);
      await page.locator(amount(typedIn)).blur();
      await page.waitForFunction(
        ([sel, id, want]) => {
          const r = document.querySelector(sel).shadowRoot.querySelector(`fieldset[data-category="${id}"] .reading`);
          return r && r.textContent.indexOf(want) >= 0;
        },
        [EL, typedIn, want]
      );
    }
    // Still refused, with an example in words a person uses.
    await page.fill(amount(typedIn), "18万5");
    await waitShown(page, `fieldset[data-category="${typedIn}"] .item .error`, /18万5千/);
    await page.fill(amount(typedIn), "");
    if (!cat) return t.skip("no expense category of this policy asks only a number of months");
    await page.fill(amount(cat.id), "12万");
    await page.fill(condition(cat.id, cond.id), "10.5个月");
    // (The parser's example of months as typed, not the policy's threshold.)
    await waitShown(page, `fieldset[data-category="${cat.id}"] .conditions .error`, /12个月 或 1年/);
  });
});

test("1280 px: the sticky card never covers the lines; under a fixed host header the offset property keeps it below", async () => {
  await withPage({ viewport: { width: 1280, height: 700 } }, async (page) => {
    await open(page);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    const covered = async () =>
      page.evaluate((sel) => {
        const r = document.querySelector(sel).shadowRoot;
        const t = r.querySelector(".total").getBoundingClientRect();
        return Array.from(r.querySelectorAll(".line-title")).filter((e) => {
          const b = e.getBoundingClientRect();
          return b.bottom > t.top + 1 && b.top < t.bottom - 1;
        }).length;
      }, EL);
    for (const y of [0, 300, 600, 900, 1400]) {
      await page.evaluate((y) => window.scrollTo(0, y), y);
      await page.evaluate((sel) => {
        const res = document.querySelector(sel).shadowRoot.querySelector(".results");
        res.scrollTop = res.scrollHeight;
      }, EL);
      assert.equal(await covered(), 0, `scrolled to ${y}: a line title under the total`);
    }
  });
  // A host page with a fixed header of 64 px sets --pinghu-sticky-top.
  await withPage({ viewport: { width: 1280, height: 700 } }, async (page) => {
    await recordViolations(page);
    await hostPage(
      page,
      "host-fixed-header.html",
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="embed-example.css">' +
        '<script type="module" src="pinghu-subsidy-calculator.min.js"></script></head><body>' +
        '<header class="fixed-test-header">Host</header><main class="fixed-test-main"><pinghu-subsidy-calculator class="under-fixed-header"></pinghu-subsidy-calculator></main></body></html>'
    );
    await page.route(server.url + "embed-example.css", (route) =>
      route.fulfill({
        status: 200,
        contentType: "text/css",
        body: ".fixed-test-header{position:fixed;top:0;left:0;right:0;height:64px;background:#333;color:#fff;z-index:9}.fixed-test-main{padding-top:64px}.under-fixed-header{--pinghu-sticky-top:64px}",
      })
    );
    await page.goto(server.url + "host-fixed-header.html");
    await waitReady(page);
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    await page.evaluate(() => window.scrollTo(0, 900));
    const top = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector(".results").getBoundingClientRect().top, EL);
    assert.ok(top >= 64, `the results column sits below the host's header (top ${top})`);
    // Fixing a field scrolls it below the header too.
    await page.fill(amount("brand_promotion"), "abc");
    await waitShown(page, ".total .left-out", /not counted/);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.locator(EL).locator(".total .left-out").click();
    const fieldTop = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.activeElement.getBoundingClientRect().top, EL);
    assert.ok(fieldTop >= 64, `the field to fix is below the host's header (top ${fieldTop})`);
    assert.deepEqual(await violations(page), []);
  });
});

test("375 px: tapping the sticky total jumps to the results", async () => {
  await withPage({ viewport: { width: 375, height: 700 } }, async (page) => {
    await open(page);
    await page.fill(amount("brand_promotion"), "30万");
    await waitTotal(page, yuan((await expected(await pageYear(page), [{ category: "brand_promotion", amount: "30万" }])).total));
    await page.locator(EL).locator(".mini-jump").click();
    const focused = await page.evaluate((sel) => {
      const a = document.querySelector(sel).shadowRoot.activeElement;
      return a ? a.textContent : null;
    }, EL);
    assert.equal(focused, "估算结果");
    const top = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector(".results").getBoundingClientRect().top, EL);
    assert.ok(top >= -1 && top < 100, `results at the top (${top})`);
  });
});

test("print: each notice once, a typical enterprise on one A4 page, in both languages", async () => {
  for (const lang of LANGS) {
    await withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
      await open(page, lang);
      await typeTypicalEnterprise(page);
      await waitTotal(page, yuan((await typical(page)).total));
      await page.emulateMedia({ media: "print" });
      const texts = await page.evaluate((sel) => {
        const r = document.querySelector(sel).shadowRoot;
        return Array.from(r.querySelectorAll(".notice, .footnotes > li"))
          .filter((n) => n.getClientRects().length && getComputedStyle(n).display !== "none")
          .map((n) => n.textContent);
      }, EL);
      assert.ok(texts.length > 3, texts.join("\n"));
      assert.equal(new Set(texts).size, texts.length, `a notice printed twice:\n${texts.join("\n")}`);
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
      assert.equal(pages, 1, `${lang}: one A4 page`);
    });
  }
});

test("CSV in Chinese: headers naming the currency, money as numbers, a total row, the year, the version, the assumptions", async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    await open(page);
    await typeTypicalEnterprise(page);
    const want = await typical(page);
    await waitTotal(page, yuan(want.total));
    const policy = await pagePolicy(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`${EL} button[data-action="csv"]`)]);
    assert.match(download.suggestedFilename(), /^pinghu-2024-2027-estimate-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    assert.match(csv, /^\uFEFF跨境电商扶持资金估算\r\n/);
    assert.match(csv, /\r\n费用发生年度,\d{4}\r\n/);
    assert.match(csv, /\r\n政策版本,[^\r]+\r\n/);
    assert.match(csv, /\r\n条款,项目,费用（元，CNY）,比例,上限（元，CNY）,上限方式,其他政策已给予（元，CNY）,预计支持（元，CNY）,说明\r\n/);
    // A row per line: the clause, the item's label, money as the engine's plain numbers (a
    // spreadsheet sums them), the rate (最高 x% when the text words it so), the cap and its
    // period in words; and the total row.
    for (const l of want.lines) {
      const cat = policy.categories.find((c) => c.id === l.category);
      const rate = (l.rate_up_to ? "最高 " : "") + percent(l.rate);
      const row = `\r\n第 ${l.clause} 条,${cat.label.zh},${l.expense},${rate},${l.cap},${cat.cap_period_label.zh},,${l.support},${l.capped ? "已达上限" : ""}`;
      assert.ok(csv.includes(row), `${l.category}: ${JSON.stringify(row)} in\n${csv}`);
    }
    assert.ok(csv.includes(`\r\n,预计可获支持合计（按文中最高比例估算）,,,,,,${want.total},\r\n`), csv);
    // The whole table is the element's CSV of the engine's result (the date aside).
    const rows = (text) => text.split("\r\n").filter((r) => r.startsWith("第 ") || r.startsWith(",预计"));
    assert.deepEqual(rows(csv), rows(csvText(want, policy, "zh", "")));
    assert.match(csv, /\r\n估算所依据的假设\r\n/);
    for (const l of want.lines) {
      for (const raw of [l.category, l.cap_period, l.rate].filter((x) => !/^\d+$/.test(x))) assert.ok(!csv.includes("," + raw + ","), `no raw value ${raw}`);
    }
  });
});

test("清空 asks first: dismissed keeps every input", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await page.fill(amount("brand_promotion"), "30万");
    await waitTotal(page, yuan((await expected(await pageYear(page), [{ category: "brand_promotion", amount: "30万" }])).total));
    let asked = "";
    page.once("dialog", (d) => {
      asked = d.message();
      d.dismiss();
    });
    await page.click(`${EL} button[data-action="clear"]`);
    assert.equal(asked, "清空所有输入？");
    assert.equal(await page.inputValue(amount("brand_promotion")), "30万");
  });
});

test("embedding: without its own lang the element follows <html lang>; the language switch; WeChat keeps copy", async () => {
  const host = (attrs) =>
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="pinghu-subsidy-calculator.min.js"></script></head>' +
    "<body><pinghu-subsidy-calculator " + attrs + "></pinghu-subsidy-calculator></body></html>";
  await withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
    await recordViolations(page);
    await hostPage(page, "host-en.html", host("language-switch"));
    await page.goto(server.url + "host-en.html");
    await waitReady(page);
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector(".root").getAttribute("lang"), EL), "en");
    assert.equal(await shown(page, ".year-row > label"), "Year the costs were incurred");
    // The switch inside the widget: 中文 sets lang="zh-CN".
    assert.equal(await page.getAttribute(`${EL} .lang-button[data-lang="en"]`, "aria-pressed"), "true");
    await page.click(`${EL} .lang-button[data-lang="zh"]`);
    await page.waitForFunction((sel) => document.querySelector(sel).getAttribute("lang") === "zh-CN", EL);
    assert.equal(await shown(page, ".year-row > label"), "费用发生年度");
    assert.equal(await page.getAttribute(`${EL} .lang-button[data-lang="zh"]`, "aria-pressed"), "true");
    assert.deepEqual(await violations(page), []);
  });
  // Without the attribute, no switch.
  await withPage(null, async (page) => {
    await hostPage(page, "host-plain.html", host(""));
    await page.goto(server.url + "host-plain.html");
    await waitReady(page);
    assert.equal(await page.locator(`${EL} .lang-switch`).isVisible(), false);
  });
  // WeChat's web-view: downloads and print are not offered; copying leads.
  const ua = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.62 Mobile Safari/537.36 MicroMessenger/8.0.40";
  await withPage({ viewport: { width: 375, height: 800 }, userAgent: ua }, async (page) => {
    await open(page);
    await page.fill(amount("brand_promotion"), "30万");
    await waitTotal(page, yuan((await expected(await pageYear(page), [{ category: "brand_promotion", amount: "30万" }])).total));
    await page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('.actions[data-webview="wechat"]'), EL);
    const visible = await page.evaluate((sel) =>
      Array.from(document.querySelector(sel).shadowRoot.querySelectorAll(".actions button"))
        .filter((b) => b.getClientRects().length)
        .map((b) => b.getAttribute("data-action")),
      EL
    );
    assert.deepEqual(visible, ["copy", "clear"]);
  });
});

test("axe stays clean with notes at fields, the left-out link and next steps, in both languages, at 375 and 1280 px", async () => {
  for (const width of WIDTHS) {
    await withPage({ viewport: { width, height: 800 } }, async (page) => {
      await recordViolations(page);
      await hostPage(page, "host-axe.html",
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>axe</title><script type="module" src="pinghu-subsidy-calculator.min.js"></script></head>' +
          '<body><main><h1>axe</h1><pinghu-subsidy-calculator language-switch></pinghu-subsidy-calculator></main></body></html>',
        false // axe injects its own scripts and styles: the CSP is checked by the other tests
      );
      await page.goto(server.url + "host-axe.html");
      await waitReady(page);
      await typeTypicalEnterprise(page);
      // A condition not met (a month short of a months threshold), when the policy has one.
      const { cat, cond } = await monthsCategory(page);
      if (cat) {
        await page.fill(amount(cat.id), "12万");
        await page.fill(condition(cat.id, cond.id), String(cond.min - 1));
      }
      await page.fill(amount("brand_promotion"), "abc");
      if (cat) await waitShown(page, `fieldset[data-category="${cat.id}"] .field-note`, /暂不计入/);
      await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
      for (const lang of LANGS) {
        await setLang(page, lang);
        const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
        const summary = results.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.help}\n  ` + v.nodes.slice(0, 3).map((n) => n.target.join(" ") + " " + n.failureSummary).join("\n  ")
        );
        assert.deepEqual(summary, [], `axe violations at ${width} px in ${lang}`);
      }
    });
  }
});

// ------------------------------------------------------------------ make dist

const DIST = join(REPO, "dist");

test("make dist: the folder alone, in an English host page with a fixed header, works under the strict CSP", { skip: existsSync(join(DIST, "EMBED.md")) ? false : "dist/ is missing: run `make dist` (make test does)" }, async () => {
  const html =
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><script type="module" src="pinghu-subsidy-calculator.min.js"></script></head>' +
    "<body><pinghu-subsidy-calculator></pinghu-subsidy-calculator></body></html>";
  // make dist's folder alone, with the strict CSP, and the host page at "/".
  const dist = await serveWww({ root: DIST, pages: { "/": html, "/favicon.ico": null }, headers: { "content-security-policy": ISSUE_CSP } });
  try {
    await withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
      await recordViolations(page);
      await page.goto(dist.url);
      await waitReady(page);
      assert.equal(await shown(page, ".year-row > label"), "Year the costs were incurred");
      await page.fill(amount("brand_promotion"), "18万5千");
      // The figures of dist/'s own engine (the folder served, whatever PINGHU_WWW names).
      const own = await engineIn(DIST);
      await waitTotal(page, yuan(own.calculate({ year: Number(await pageYear(page)), expenses: [{ category: "brand_promotion", amount: "18万5千" }] }).total));
      assert.deepEqual(await violations(page), []);
    });
  } finally {
    await dist.close();
  }
  for (const f of ["EMBED.md", "pinghu-subsidy-calculator.min.js", "pinghu-subsidy-calculator.min.css", "pinghu-subsidy-calculator.d.ts", "pkg/pinghu_subsidy.js", "pkg/pinghu_subsidy_bg.wasm"]) {
    assert.ok(existsSync(join(DIST, f)), f);
  }
});
