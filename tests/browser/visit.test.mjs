// Browser tests of the enterprise's visit, finished, and the embedder's job (issue 10), against
// the real engine (www/pkg/), at 375 and 1280 px, in both languages: conditions at the field, the
// truthful sticky total, amounts as people type them, the year's label, next steps, the line kept
// out by a group, the sticky card never covering content, print, CSV, clearing; for embedders:
// <html lang>, the language switch, the sticky offset under a fixed header, WeChat's web-view.
// Axe stays clean and the strict CSP shows no violation.
//
//   node --test tests/browser/visit.test.mjs
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { REPO, serveWww, ISSUE_CSP, strictPages, recordViolations, baseUrl, launch, watchdog, waitReady, pageRunner, screenshotPath, EL, amount, condition, typeTypicalEnterprise, waitTotal, waitLang } from "./harness.mjs";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));

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
  "zh-CN": { rule: "须满 12 个月", note: /暂不计入。满足条件后可得 ¥120,000\.00/, left: /（1 处未计入） ?去修改/, year: "费用发生年度", explain: /实际发生的年份/ },
  en: { rule: "at least 12 months", note: /not counted yet\. Once the condition is met: ¥120,000\.00/, left: /\(1 not counted\) Fix/, year: "Year the costs were incurred", explain: /incurred, not the year you apply/ },
};

for (const width of WIDTHS) {
  for (const lang of LANGS) {
    test(`${width} px, ${lang}: a failed condition is said at its field, with what it would give; the total says what it leaves out`, async () => {
      await withPage({ viewport: { width, height: 800 } }, async (page) => {
        await open(page, lang);
        const w = WORDS[lang];
        // The year says what it means.
        assert.equal(await shown(page, ".year-row > label"), w.year);
        await waitShown(page, ".year-explain", w.explain);
        // The rule beside the field, and its unit.
        await waitShown(page, 'fieldset[data-category="overseas_showroom"] .rule', new RegExp("^" + w.rule + "$"));
        // Showroom 12万 for 10 months: nothing counted, said at the field and on the total.
        await page.fill(amount("overseas_showroom"), "12万");
        await page.fill(condition("overseas_showroom", "showroom_months"), "10个月");
        await waitShown(page, 'fieldset[data-category="overseas_showroom"] .field-note', w.note);
        await waitTotal(page, "¥0.00");
        const bar = width < 840 ? ".mini .left-out" : ".total .left-out";
        await waitShown(page, bar, w.left);
        // The note is linked to the field.
        const described = await page.getAttribute(condition("overseas_showroom", "showroom_months"), "aria-describedby");
        assert.match(described, /-note/);
        // The link goes to the first field that needs fixing.
        await page.locator(EL).locator(bar).click();
        assert.equal(await activeField(page), "showroom_months");
        // A year, typed as people type it, meets the condition: the note and the count go.
        await page.fill(condition("overseas_showroom", "showroom_months"), lang === "en" ? "1 year" : "一年");
        await waitTotal(page, "¥120,000.00");
        await waitHidden(page, 'fieldset[data-category="overseas_showroom"] .field-note');
        await waitHidden(page, bar);
        // An entry the engine refuses leaves the total too, and the link goes to it.
        await page.fill(amount("brand_promotion"), "3.5.万");
        await waitShown(page, bar, lang === "en" ? /\(1 not counted\)/ : /（1 处未计入）/);
        await page.locator(EL).locator(bar).click();
        assert.equal(await activeField(page), "amount");
        assert.deepEqual(await violations(page), []);
        await page.screenshot({ path: screenshotPath(`visit-conditions-${width}-${lang}.png`), fullPage: true });
      });
    });

    test(`${width} px, ${lang}: next steps under the estimate; the line kept out by its group says which was kept`, async () => {
      await withPage({ viewport: { width, height: 800 } }, async (page) => {
        await open(page, lang);
        await typeTypicalEnterprise(page);
        await waitTotal(page, "¥530,000.00");
        await waitShown(page, ".next-steps", lang === "en" ? /Next steps/ : /下一步/);
        const steps = await page.evaluate((sel) => {
          const r = document.querySelector(sel).shadowRoot;
          return {
            items: Array.from(r.querySelectorAll(".next-item")).map((li) => [li.getAttribute("data-category"), li.textContent]),
            rules: r.querySelector(".next-rules") ? r.querySelector(".next-rules").textContent : "",
          };
        }, EL);
        assert.deepEqual(steps.items.map((x) => x[0]), ["brand_promotion", "certification", "overseas_showroom", "overseas_legal"]);
        const showroom = steps.items[2][1];
        if (lang === "en") {
          assert.match(showroom, /Pinghu Bureau of Commerce/);
          assert.match(showroom, /exhibited there for a year or more/);
          assert.match(steps.rules, /detailed implementing rules/);
        } else {
          assert.match(showroom, /平湖市商务局、平湖市财政局、平湖市市场监督管理局/);
          assert.match(showroom, /须已入驻境外展销中心且展销一年以上/);
          assert.match(steps.rules, /申报时间、材料以实施细则为准/);
        }
        // No phone number or portal is made up.
        assert.doesNotMatch(steps.items.map((x) => x[1]).join(" ") + steps.rules, /电话|Phone|申报入口|Apply at|\d{7,}/);
        // The provincial park replaced by the national one says which was kept.
        await page.evaluate((sel) => {
          const r = document.querySelector(sel).shadowRoot;
          r.querySelectorAll("details.applicant").forEach((d) => (d.open = true));
        }, EL);
        await page.check(`${EL} fieldset[data-category="provincial_demo_park"] input[data-field="apply"]`);
        await page.check(`${EL} fieldset[data-category="national_demo_park"] input[data-field="apply"]`);
        await waitShown(page, 'li.line[data-category="provincial_demo_park"] .badge', lang === "en" ? /counted as/ : /就高不重复：已按“/);
        assert.equal(await page.locator(`${EL} li.line[data-category="provincial_demo_park"] .badge.ineligible`).count(), 0);
        assert.deepEqual(await violations(page), []);
      });
    });
  }
}

test("amounts and months as people type them are read as the engine reads them", async () => {
  await withPage({ viewport: { width: 375, height: 800 } }, async (page) => {
    await open(page);
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
      await page.fill(amount("brand_promotion"), typed);
      await page.locator(amount("brand_promotion")).blur();
      await page.waitForFunction(
        ([sel, want]) => {
          const r = document.querySelector(sel).shadowRoot.querySelector('fieldset[data-category="brand_promotion"] .reading');
          return r && r.textContent.indexOf(want) >= 0;
        },
        [EL, want]
      );
    }
    // Still refused, with an example in words a person uses.
    await page.fill(amount("brand_promotion"), "18万5");
    await waitShown(page, 'fieldset[data-category="brand_promotion"] .item .error', /18万5千/);
    await page.fill(amount("brand_promotion"), "");
    await page.fill(amount("overseas_showroom"), "12万");
    await page.fill(condition("overseas_showroom", "showroom_months"), "10.5个月");
    await waitShown(page, 'fieldset[data-category="overseas_showroom"] .conditions .error', /12个月 或 1年/);
  });
});

test("1280 px: the sticky card never covers the lines; under a fixed host header the offset property keeps it below", async () => {
  await withPage({ viewport: { width: 1280, height: 700 } }, async (page) => {
    await open(page);
    await typeTypicalEnterprise(page);
    await waitTotal(page, "¥530,000.00");
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
    await waitTotal(page, "¥530,000.00");
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
    await waitTotal(page, "¥100,000.00");
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
      await waitTotal(page, "¥530,000.00");
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

test("CSV in Chinese: headers, formatted values, a total row, the year, the version, the assumptions", async () => {
  await withPage({ acceptDownloads: true }, async (page) => {
    await open(page);
    await typeTypicalEnterprise(page);
    await waitTotal(page, "¥530,000.00");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click(`${EL} button[data-action="csv"]`)]);
    assert.match(download.suggestedFilename(), /^pinghu-2024-2027-estimate-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    assert.match(csv, /^\uFEFF跨境电商扶持资金估算\r\n/);
    assert.match(csv, /\r\n费用发生年度,\d{4}\r\n/);
    assert.match(csv, /\r\n政策版本,[^\r]+\r\n/);
    assert.match(csv, /\r\n条款,项目,费用,比例,上限,上限方式,预计支持,说明\r\n/);
    assert.match(csv, /\r\n第 3 条,自主品牌推广和境外推广,"¥300,000.00",最高 50%,"¥100,000.00",每家企业,"¥100,000.00",已达上限\r\n/);
    assert.match(csv, /\r\n,预计可获支持合计（按文中最高比例估算）,,,,,"¥530,000.00",\r\n/);
    assert.match(csv, /\r\n估算所依据的假设\r\n/);
    assert.doesNotMatch(csv, /per_enterprise|brand_promotion|,0\.5,/, "no raw values");
  });
});

test("清空 asks first: dismissed keeps every input", async () => {
  await withPage(null, async (page) => {
    await open(page);
    await page.fill(amount("brand_promotion"), "30万");
    await waitTotal(page, "¥100,000.00");
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
    await waitTotal(page, "¥100,000.00");
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
      await page.fill(condition("overseas_showroom", "showroom_months"), "10");
      await page.fill(amount("brand_promotion"), "abc");
      await waitShown(page, 'fieldset[data-category="overseas_showroom"] .field-note', /暂不计入/);
      await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
      for (const lang of LANGS) {
        await setLang(page, lang);
        const results = await new AxeBuilder({ page }).analyze();
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
      await waitTotal(page, "¥92,500.00");
      assert.deepEqual(await violations(page), []);
    });
  } finally {
    await dist.close();
  }
  for (const f of ["EMBED.md", "pinghu-subsidy-calculator.min.js", "pinghu-subsidy-calculator.min.css", "pinghu-subsidy-calculator.d.ts", "pkg/pinghu_subsidy.js", "pkg/pinghu_subsidy_bg.wasm"]) {
    assert.ok(existsSync(join(DIST, f)), f);
  }
});
