// The element and the page follow the policy's data, with every expectation derived from the
// `policy()` the page loaded: the same file passes on the plan (www/) and on the rehearsal's
// fixture final text (PINGHU_WWW=target/rehearsal/www, `make test-rehearsal`) with no change.
// The banner shows the document's title and status and the notices its data places there; a
// form field for every category and condition; 1,000 yuan in every expense category, with its
// conditions met, gives the sum of the rates the data states; a category's 细则 citations are
// shown beside its measure's clause and quoted; the page links every source's text.
//
//   node --test tests/browser/follows-data.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserFile, watchdog, waitReady, EL, amount, condition, waitTotal } from "./harness.mjs";

watchdog();

const { server, withPage } = browserFile();

/** "1234.50" → 123450n. */
const fen = (s) => {
  const [i, f = ""] = String(s).split(".");
  return BigInt(i + (f + "00").slice(0, 2));
};

/** 1,000 yuan × rate ("0.4") in fen, rounded half away from zero. */
function thousandTimes(rate) {
  const [i, f = ""] = rate.split(".");
  const den = 10n ** BigInt(f.length);
  return (100000n * BigInt(i + f) + den / 2n) / den;
}

/** ¥1,234.50 from fen, as the element shows a total. */
function yuan(f) {
  const s = f.toString().padStart(3, "0");
  return "¥" + s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ",") + "." + s.slice(-2);
}

async function open(page) {
  await page.goto(server.url + "index.html");
  await waitReady(page);
  await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelectorAll("details").forEach((d) => (d.open = true)), EL);
  return page.evaluate((sel) => document.querySelector(sel).policy, EL);
}

test("the banner shows the document's title and status and the notices its data places there", async () => {
  await withPage(null, async (page) => {
    const policy = await open(page);
    const doc = policy.document;
    const banner = (await page.locator(`${EL} .banner`).textContent()).trim();
    assert.ok(banner.includes(doc.title.zh) && banner.includes(doc.status_label.zh), `banner: ${banner}`);
    for (const n of doc.notices) {
      assert.equal(banner.includes(n.zh), n.placement === "banner", `${n.code} (${n.placement}) in the banner: ${banner}`);
    }
  });
});

test("1,000 yuan in every expense category, its conditions met, gives the sum of the rates the data states", async () => {
  await withPage(null, async (page) => {
    const policy = await open(page);
    // The conditions asked in the page's year (one asked only in the plan's first year is not).
    const year = await page.evaluate((sel) => String(document.querySelector(sel).year), EL);
    let want = 0n;
    for (const cat of policy.categories) {
      if (cat.kind !== "expense") continue;
      await page.fill(amount(cat.id), "1000");
      for (const k of cat.conditions.filter((c) => c.only_year == null || String(c.only_year) === year)) {
        const field = page.locator(condition(cat.id, k.id));
        if (k.type === "bool") await field.setChecked(k.expect);
        else await field.fill(String(k.min));
      }
      want += thousandTimes(cat.rate);
    }
    await waitTotal(page, yuan(want));
  });
});

test("a category's 细则 citations are shown beside its measure's clause and quoted in its working", async () => {
  await withPage(null, async (page) => {
    const policy = await open(page);
    const cited = policy.categories.filter((c) => c.kind === "expense" && c.citations.length > 0);
    const year = await page.evaluate((sel) => String(document.querySelector(sel).year), EL);
    for (const cat of cited) {
      await page.fill(amount(cat.id), "1000");
      for (const k of cat.conditions.filter((c) => c.only_year == null || String(c.only_year) === year)) {
        const field = page.locator(condition(cat.id, k.id));
        if (k.type === "bool") await field.setChecked(k.expect);
        else await field.fill(String(k.min));
      }
    }
    for (const cat of cited) {
      const line = page.locator(`${EL} li.line[data-category="${cat.id}"]`);
      await line.waitFor();
      const clause = (await line.locator(".clause").textContent()).trim();
      for (const c of cat.citations) {
        assert.ok(clause.includes(c.clause), `${cat.id}: ${c.clause} beside the measure in ${JSON.stringify(clause)}`);
        const quote = line.locator(`figure.citation[data-source="${c.source}"] blockquote`);
        assert.equal((await quote.textContent()).trim(), c.text);
      }
    }
  });
});

test("the page links the text of every source the data lists", async () => {
  await withPage(null, async (page) => {
    const policy = await open(page);
    await page.locator("[data-policy-sources]:not([hidden])").waitFor();
    for (const s of policy.document.sources) {
      const a = page.locator(`[data-policy-sources] a[data-source="${s.id}"]`);
      const text = (await a.textContent()).trim();
      assert.ok(text.includes(s.title.zh) || text.includes(s.title.en), `${s.id}: ${text}`);
      const href = await a.getAttribute("href");
      assert.equal(href, s.file.split("/").pop());
      const res = await page.request.get(server.url + href);
      assert.equal(res.status(), 200, `${href}`);
    }
    // The stable link to the document's own text, for the fallback without WebAssembly.
    assert.equal((await page.request.get(server.url + "policy-text.txt")).status(), 200);
  });
});

test("a 细则's application window and materials, when the data has them, show under 下一步", async (t) => {
  await withPage(null, async (page) => {
    const policy = await open(page);
    // The next-steps data the page serves (generated from the policy file by the build).
    const guide = await page.evaluate(async () => (await import(new URL("element/guide-data.js", document.baseURI).href)).default);
    const material = (guide.materials || [])[0];
    const window_ = guide.application && guide.application.window;
    if (!material && !window_) {
      t.skip("this policy's data gives no application window and no materials yet");
      return;
    }
    const cat = material ? policy.categories.find((c) => c.id === material.category) : policy.categories.find((c) => c.kind === "expense");
    await page.fill(amount(cat.id), "1000");
    const steps = page.locator(`${EL} .next-steps`);
    await steps.waitFor({ state: "visible", timeout: 10000 });
    if (window_) assert.ok((await steps.locator(".next-window").textContent()).includes(window_.zh));
    if (material) {
      const item = steps.locator(`.next-item[data-category="${cat.id}"] .next-materials`);
      assert.ok((await item.textContent()).includes(material.text.zh), "the material under its line");
    }
  });
});
