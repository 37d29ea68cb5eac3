// The workspace loads when the consultant opens it (issue 20, the phone budgets): on the
// calculator page (which sets the `workspace` attribute) a fresh device shows a closed
// disclosure and never requests the workspace's part, stylesheet or engine (pkg-office/);
// opening it by keyboard loads and shows the panel; a device holding a client opens it by itself
// after a reload; a failed load is said in the disclosure and loads again on request; axe at
// 375 px with it closed and open.
//
//   node --test tests/browser/workspace-open.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { browserFile, recordClicks, clickThen, watchdog, waitReady, EL, strictPages, recordViolations, waitShadowText, typeTypicalEnterprise, waitTotal, typical, yuan, openWorkspace } from "./harness.mjs";
import { ws } from "./workspace-steps.mjs";
import { WORKSPACE_UI as UI } from "../../www/element/strings-parts.js";

watchdog(Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000));

const { server, withPage } = browserFile();
const SUMMARY = `${ws("disclosure")} > summary`;

// What the workspace alone loads: its part and stylesheet, its engine's glue and .wasm.
const isWorkspace = (path) => /workspace(\.min)?\.(js|css)$|^\/pkg-office\//.test(path) && !/workspace-worker/.test(path);

/** The calculator page under the CSP, every request's path recorded in `paths`. */
async function open(page, paths, csp = true) {
  if (csp) await strictPages(page);
  await recordViolations(page);
  await recordClicks(page);
  page.on("request", (r) => paths.push(new URL(r.url()).pathname));
  await page.goto(server.url + "index.html");
  await waitReady(page);
}

const isOpen = (page) => page.locator(ws("disclosure")).evaluate((d) => d.open);

test("a fresh device: the workspace is a closed disclosure, and its part, stylesheet and engine are never requested", async () => {
  await withPage(null, async (page) => {
    const paths = [];
    await open(page, paths);
    assert.equal(await isOpen(page), false, "closed on a fresh device");
    assert.equal((await page.locator(SUMMARY).textContent()).trim(), UI.zh.workspaceOpen);
    assert.ok(await page.locator(SUMMARY).isVisible(), "the disclosure is shown");
    // Everything after the first result has come: the visit's part, a calculation typed.
    await typeTypicalEnterprise(page);
    await waitTotal(page, yuan((await typical(page)).total));
    await page.waitForLoadState("networkidle");
    assert.ok(paths.some((p) => /\.visit\.min\.js$|\/visit\.js$/.test(p)), "premise: the parts after the first result were loaded: " + paths.join(" "));
    assert.deepEqual(paths.filter(isWorkspace), [], "the workspace's files requested on a fresh device");
    assert.equal(await page.locator(ws("client")).count(), 0, "no panel built");
    // Nothing stored by looking.
    assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.indexOf("pinghu-subsidy/") === 0)), []);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], "CSP violations");
  });
});

test("opened by keyboard, the disclosure loads the workspace (its part, stylesheet and engine) and shows its panel; closed again, it hides it", async () => {
  await withPage(null, async (page) => {
    const paths = [];
    await open(page, paths);
    await page.focus(SUMMARY);
    await page.keyboard.press("Enter");
    await page.locator(ws("client")).waitFor({ state: "visible", timeout: 30000 });
    assert.equal(await isOpen(page), true);
    const got = paths.filter(isWorkspace);
    assert.ok(got.some((p) => /\.js$/.test(p) && !/pkg-office/.test(p)), "its part: " + got.join(" "));
    assert.ok(got.some((p) => /\.css$/.test(p)), "its stylesheet: " + got.join(" "));
    assert.ok(got.some((p) => /^\/pkg-office\/.*\.wasm$/.test(p)), "its engine: " + got.join(" "));
    assert.equal(await page.locator(ws("loading")).isVisible(), false, "no longer says it is loading");
    // The panel's own stylesheet applies (a rule of workspace.css).
    assert.equal(await page.locator(`${EL} .workspace`).evaluate((e) => getComputedStyle(e).borderTopStyle), "solid");
    await page.focus(SUMMARY);
    await page.keyboard.press("Enter");
    await page.locator(ws("client")).waitFor({ state: "hidden" });
    assert.equal(await isOpen(page), false);
    // Its language follows the element's.
    await page.click('[data-set-lang="en"]');
    await waitShadowText(page, '[data-ws="disclosure"] > summary', UI.en.workspaceOpen);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], "CSP violations");
  });
});

test("a device holding a client opens the workspace by itself after a reload, with the client listed", async () => {
  await withPage(null, async (page) => {
    const paths = [];
    await open(page, paths);
    await openWorkspace(page);
    await page.locator(`${ws("new")} summary`).click();
    await page.fill(ws("name"), "嘉兴市某某箱包有限公司");
    await page.click(ws("create"));
    await waitShadowText(page, '[data-ws="status"]', "嘉兴市某某箱包有限公司");
    await page.reload();
    await waitReady(page);
    assert.equal(await isOpen(page), true, "open by itself");
    await page.locator(`${ws("client")} option`, { hasText: "嘉兴市某某箱包有限公司" }).waitFor({ state: "attached", timeout: 30000 });
    assert.ok(await page.locator(ws("client")).isVisible());
  });
});

test("a failed load is said in the disclosure, in the element's language, and the workspace loads when asked again", async () => {
  await withPage(
    null,
    async (page) => {
      const paths = [];
      // The office engine's .wasm cannot be fetched, once.
      let refused = 0;
      await page.route(/\/pkg-office\/[^/]*\.wasm$/, (route) => {
        if (refused++ === 0) return route.abort("failed");
        return route.continue();
      });
      await open(page, paths);
      await page.click(SUMMARY);
      const failed = page.locator(ws("failed"));
      await failed.waitFor({ state: "visible", timeout: 30000 });
      assert.equal(await failed.getAttribute("role"), "alert");
      assert.ok((await failed.textContent()).includes(UI.zh.workspaceFailed), await failed.textContent());
      assert.equal(await page.locator(ws("loading")).isVisible(), false);
      assert.equal(await page.locator(ws("client")).count(), 0);
      await page.click('[data-set-lang="en"]');
      await waitShadowText(page, '[data-ws="failed"]', UI.en.workspaceFailed);
      // Asked again, by keyboard: it loads.
      await page.focus(ws("retry"));
      await page.keyboard.press("Enter");
      await page.locator(ws("client")).waitFor({ state: "visible", timeout: 30000 });
      assert.equal(await failed.isVisible(), false, "the failure no longer said");
      assert.equal(refused, 2, "fetched again");
    },
    true // the failure is also written to the console
  );
});

test("a failed load of the workspace's own code is said too, and loads when asked again", async () => {
  await withPage(
    null,
    async (page) => {
      const paths = [];
      let refused = 0;
      await page.route(/\/pinghu-subsidy-calculator\.workspace\.min\.js$|\/element\/workspace\.js$/, (route) => {
        if (refused++ === 0) return route.abort("failed");
        return route.continue();
      });
      await open(page, paths);
      await page.click(SUMMARY);
      await page.locator(ws("failed")).waitFor({ state: "visible", timeout: 30000 });
      await page.click(ws("retry"));
      await page.locator(ws("client")).waitFor({ state: "visible", timeout: 30000 });
      assert.ok(refused >= 2, "fetched again");
    },
    true
  );
});

test("axe at 375 px: the workspace's disclosure closed, then open with its panel", async () => {
  await withPage({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true }, async (page) => {
    const paths = [];
    // axe injects inline styles: served without the CSP (the other tests check it).
    await open(page, paths, false);
    const check = async (what) => {
      const results = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
      assert.deepEqual(
        results.violations.map((v) => what + " " + v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", ")),
        []
      );
    };
    await check("closed");
    // At least 44 px to touch.
    assert.ok((await page.locator(SUMMARY).boundingBox()).height >= 44);
    await clickThen(page, SUMMARY, () => page.waitForFunction((sel) => document.querySelector(sel).shadowRoot.querySelector('[data-ws="disclosure"]').open, EL));
    await page.locator(ws("client")).waitFor({ state: "visible", timeout: 30000 });
    await check("open");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 375, "no sideways scrolling at 375 px: " + width);
  });
});
