// Shared harness of the browser tests: a static server for www/ (unless
// PINGHU_BASE_URL names one), Chromium through playwright-core, a watchdog.
//
// Each file launches one browser for all its tests (`launch()` in its `before`, closed in its
// `after`), each test in a fresh context of it. `make test` runs two files at a time (`node --test
// --test-concurrency=2`: a process each), so nothing here may depend on another file's browser,
// server, port or screenshots; every wait waits for a state, never for a time.
//
// Env:
//   PINGHU_BASE_URL     base URL serving www/ as the web root, e.g. http://127.0.0.1:8080/
//                       (unset: the tests serve www/ themselves on a free 127.0.0.1 port)
//   PINGHU_CHROMIUM     Chromium executable (default: Debian's chromium-headless-shell if
//                       installed, else /usr/bin/chromium; see CHROMIUM below)
//   PINGHU_SCREENSHOTS  folder for screenshots (default target/screenshots)
//   PINGHU_TEST_TIMEOUT_MS  watchdog for the whole file (default 300000: two files share the cores)
//   PINGHU_WWW          the web root to serve (default www/; the rehearsal serves the fixture
//                       policy's build from target/rehearsal/www/)
import { createServer } from "node:http";
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, resolve, dirname, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import assert from "node:assert/strict";
import { before, after } from "node:test";
import { chromium } from "playwright-core";
import { formatYuan, formatWan, formatRate } from "../../www/element/money.js";

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const WWW = resolve(REPO, process.env.PINGHU_WWW || "www");
export const SCREENSHOTS = resolve(REPO, process.env.PINGHU_SCREENSHOTS || join("target", "screenshots"));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
};

/**
 * Serves www/ on 127.0.0.1 (a free port), like `make run` does.
 * `options.root`: another folder to serve instead (e.g. make dist's).
 * `options.pages`: { path: html } served before any file (null: an empty 204, e.g. a favicon).
 * `options.headers`: extra response headers on every response (e.g. a Content-Security-Policy).
 * `options.log`: an array that receives every requested path (with its query).
 * `options.gzip`: compress every response (gzip -9, Content-Encoding) for a client that accepts
 *   it, as a web server in front of the page would (bench/phone.mjs: the slow network's bytes).
 */
export function serveWww(options = {}) {
  const extra = options.headers || {};
  const root = options.root || WWW;
  const pages = options.pages || {};
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (options.log) options.log.push(url.pathname + url.search);
    let path = normalize(decodeURIComponent(url.pathname));
    if (Object.prototype.hasOwnProperty.call(pages, path)) {
      if (pages[path] === null) res.writeHead(204).end();
      else res.writeHead(200, Object.assign({ "content-type": TYPES[".html"], "cache-control": "no-store" }, extra)).end(pages[path]);
      return;
    }
    if (path.endsWith("/")) path += "index.html";
    const file = join(root, path);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    const head = Object.assign({
      "content-type": TYPES[extname(file)] || "application/octet-stream",
      "cache-control": "no-store",
    }, extra);
    if (options.gzip && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      const body = gzipSync(readFileSync(file), { level: 9 });
      res.writeHead(200, Object.assign(head, { "content-encoding": "gzip", "content-length": body.length, vary: "accept-encoding" }));
      res.end(body);
      return;
    }
    res.writeHead(200, head);
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      ok({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(done)) });
    });
  });
}

/** The strict Content-Security-Policy the issues quote, as an embedding site sends it. */
export const ISSUE_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'";

/** Makes `page`'s HTML responses carry ISSUE_CSP as a real header (whatever served them). */
export function strictPages(page) {
  return page.route(/\.html(\?.*)?$/, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: Object.assign({}, response.headers(), { "content-security-policy": ISSUE_CSP }) });
  });
}

/** Records every securitypolicyviolation from the page's start in `window.__violations`. */
export function recordViolations(page) {
  return page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective + " " + e.blockedURI), true);
  });
}

/**
 * Records where each click lands (the innermost element, through shadow roots, and the point) in
 * `window.__clicks`, for `clicksSeen`: a click that did nothing is then told from one that missed.
 */
export function recordClicks(page) {
  return page.addInitScript(() => {
    window.__clicks = [];
    const name = (n) => (n && n.tagName ? n.tagName.toLowerCase() + (n.className && typeof n.className === "string" ? "." + n.className.trim().split(/\s+/).join(".") : "") + (n.getAttribute && n.getAttribute("data-action") ? '[data-action="' + n.getAttribute("data-action") + '"]' : "") : String(n));
    const vv = () => (window.visualViewport ? " (visual viewport at " + Math.round(visualViewport.offsetLeft) + "," + Math.round(visualViewport.offsetTop) + " scale " + visualViewport.scale + ")" : "");
    document.addEventListener("click", (e) => window.__clicks.push(name(e.composedPath()[0]) + " at " + Math.round(e.clientX) + "," + Math.round(e.clientY) + vv()), true);
  });
}

/** What recordClicks saw, as one line (for a failure's message). */
export function clicksSeen(page) {
  return page.evaluate(() => (window.__clicks || []).slice(-5).join("; ")).catch((e) => "(could not read the page: " + e.message + ")");
}

/** Clicks `selector`, then `then()`; if that fails, its error says where the last clicks landed. */
export async function clickThen(page, selector, then) {
  await page.click(selector);
  try {
    return await then();
  } catch (e) {
    if (e && typeof e.message === "string") e.message += "\nthe last clicks landed on: " + (await clicksSeen(page));
    throw e;
  }
}

/** The base URL: PINGHU_BASE_URL, or a server of our own. */
export async function baseUrl() {
  if (process.env.PINGHU_BASE_URL) {
    const url = process.env.PINGHU_BASE_URL.replace(/\/?$/, "/");
    return { url, close: async () => {} };
  }
  if (!existsSync(join(WWW, "pkg", "pinghu_subsidy.js"))) {
    throw new Error(`${join(WWW, "pkg", "pinghu_subsidy.js")} is missing: run \`make build\` first (it copies pkg/ into www/pkg/)`);
  }
  return serveWww();
}

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * The Chromium the tests drive. Debian's `chromium-headless-shell` (setup installs it beside
 * `chromium`, the same version: the same Blink and V8, without the full browser's UI layers) takes
 * about half the CPU of `/usr/bin/chromium --headless` for the same tests (calculator.test.mjs:
 * 22.5 s against 43.7 s, docs/build.md), and the two cores are what make test waits on. The full
 * browser is what `make bench` measures the phone in, and what PINGHU_CHROMIUM=/usr/bin/chromium
 * runs these tests in.
 */
const HEADLESS_SHELL = "/usr/lib/chromium/chromium-headless-shell";
export const CHROMIUM = process.env.PINGHU_CHROMIUM || (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : "/usr/bin/chromium");

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    timeout: 60000,
  });
}

/** Kills this process if the tests hang (a browser left open would keep node alive). */
export function watchdog(ms = Number(process.env.PINGHU_TEST_TIMEOUT_MS || 300000)) {
  const t = setTimeout(() => {
    console.error(`watchdog: browser tests still running after ${ms} ms, exiting`);
    process.exit(2);
  }, ms);
  t.unref();
  return t;
}

export function screenshotPath(name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return join(SCREENSHOTS, name);
}

/** The calculator's shadow root, once its form is built. On a timeout, says how far it got. */
export async function waitReady(page, selector = "pinghu-subsidy-calculator") {
  try {
    await page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        return el && el.shadowRoot && el.shadowRoot.querySelector("form") && el.result;
      },
      selector,
      { timeout: 20000 }
    );
  } catch (e) {
    const seen = await page
      .evaluate((sel) => {
        const el = document.querySelector(sel);
        if (!el) return "no element";
        if (!el.shadowRoot) return "not upgraded (no shadow root)";
        const form = el.shadowRoot.querySelector("form");
        return (form ? "a form" : "no form") + ", result " + (el.result ? "set" : "null") + "; shown: " + el.shadowRoot.textContent.trim().slice(0, 300);
      }, selector)
      .catch((x) => "(could not read the page: " + x.message + ")");
    throw new Error(`the calculator was not ready: ${seen}\n${e.message}`);
  }
}

/**
 * Opens the workspace as a consultant does (a click on its closed disclosure, "顾问工作区"), or
 * finds it opened by itself (a device holding its data), and waits for its panel.
 */
export async function openWorkspace(page, timeout = 30000, selector = "pinghu-subsidy-calculator") {
  const box = `${selector} [data-ws="disclosure"]`;
  await page.locator(box).waitFor({ state: "attached", timeout: timeout });
  if (!(await page.locator(box).evaluate((d) => d.open))) await page.click(`${box} > summary`);
  await page.locator(`${selector} [data-ws="client"]`).waitFor({ state: "attached", timeout: timeout });
}

/** A locator inside the element's shadow root (Playwright CSS pierces open shadow roots). */
export function calc(page, selector = "pinghu-subsidy-calculator") {
  return page.locator(selector);
}

// ------------------------------------------------------------------ shared test helpers

export const EL = "pinghu-subsidy-calculator";

/** Selectors of the element's fields (Playwright CSS pierces open shadow roots). */
export const amount = (cat, n = 0) => `${EL} fieldset[data-category="${cat}"] input[data-field="amount"] >> nth=${n}`;
export const condition = (cat, id) => `${EL} fieldset[data-category="${cat}"] [data-condition="${id}"]`;
/** The support-from-elsewhere field of item n of a category (an award's: n = 0). */
export const other = (cat, n = 0) => `${EL} fieldset[data-category="${cat}"] input[data-field="other_policy_support"] >> nth=${n}`;
/** The disclosure (its summary) that holds item n's support from elsewhere. */
export const otherSummary = (cat, n = 0) => `${EL} fieldset[data-category="${cat}"] details.other >> nth=${n} >> summary`;
/** The "add another item" button of a category. */
export const addItem = (cat) => `${EL} fieldset[data-category="${cat}"] button.add`;

/**
 * Clicks `button` (an "add item" button) until more than `n` elements match `rows`, waiting up to
 * 5 s for the row after each click, three clicks at most. On a starved machine a click can land
 * just as the results redraw and move the button: the test waits for the row it asked for.
 */
export async function addRow(page, button, rows, n) {
  for (let tries = 0; tries < 3; tries++) {
    if ((await page.locator(rows).count()) > n) return;
    await page.click(button);
    for (let waited = 0; waited < 5000 && (await page.locator(rows).count()) <= n; waited += 100) await new Promise((ok) => setTimeout(ok, 100));
  }
  assert.ok((await page.locator(rows).count()) > n, `row ${n + 1} of ${rows} after three clicks on ${button}`);
}

// ------------------------------------------------------------------ expected figures

/**
 * The engine the pages load (the web root's pkg/), in Node. The figures a browser test expects
 * the element to show are the engine's for the same request, never written in the test: the
 * element renders what the engine returns, and the engine's figures are the scenario tables'
 * (tests/scenarios/). So a policy update changes no browser test.
 */
let engineLoading = null;
export function engine() {
  if (!engineLoading) {
    engineLoading = (async () => {
      const m = await import(pathToFileURL(join(WWW, "pkg", "pinghu_subsidy.js")).href);
      await m.default({ module_or_path: readFileSync(join(WWW, "pkg", "pinghu_subsidy_bg.wasm")) });
      return m;
    })();
  }
  return engineLoading;
}

/** The engine of another served folder (make dist's): `{ calculate, … }`. */
export async function engineIn(root) {
  const m = await import(pathToFileURL(join(root, "pkg", "pinghu_subsidy.js")).href + "?in=" + encodeURIComponent(root));
  await m.default({ module_or_path: readFileSync(join(root, "pkg", "pinghu_subsidy_bg.wasm")) });
  return m;
}

/** The engine's estimate of `expenses` in `year`. */
export async function expected(year, expenses) {
  return (await engine()).calculate({ year: Number(year), expenses });
}

/** The engine's estimate of a plan (`calculate_plan` input). */
export async function expectedPlan(input) {
  return (await engine()).calculate_plan(input);
}

/** The year the element's form is set to. */
export function pageYear(page) {
  return page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector('select[data-field="year"]').value, EL);
}

/**
 * What typeTypicalEnterprise types, as expenses: four items, each with the values that meet every
 * condition its category asks, from the engine's policy() (a bool its `expect`, months or a count
 * its `min`), so that a moved threshold or a new condition changes no test.
 */
export const TYPICAL = await typicalFromData([
  ["brand_promotion", "30万"],
  ["certification", "80,000"],
  ["overseas_showroom", "150,000"],
  ["overseas_legal", "400,000"],
]);

/** Condition values that meet every condition `category` asks in any year but the plan's first (asked there only). */
export function meeting(policy, category) {
  const c = policy.categories.find((x) => x.id === category);
  const out = {};
  for (const k of c ? c.conditions : []) {
    if (!k.required || k.only_year != null) continue;
    out[k.id] = k.type === "bool" ? k.expect : k.min;
  }
  return out;
}

async function typicalFromData(items) {
  const policy = (await engine()).policy();
  return items.map(([category, amount]) => {
    const conditions = meeting(policy, category);
    return Object.keys(conditions).length ? { category, amount, conditions } : { category, amount };
  });
}

/** Fills a condition's field: a checkbox for a bool, the number as typed otherwise. */
export async function fillCondition(page, category, id, value) {
  if (typeof value === "boolean") await page.setChecked(condition(category, id), value);
  else await page.fill(condition(category, id), String(value));
}

/** The engine's estimate of the typical enterprise in the page's year, without the categories in `without`. */
export async function typical(page, without = []) {
  return expected(await pageYear(page), TYPICAL.filter((e) => without.indexOf(e.category) < 0));
}

/** Money as the element shows it: `¥1,234.50`, and in 万元. */
export const yuan = formatYuan;
export const wan = formatWan;
export const percent = formatRate;

/** A condition's field as the page holds it: a bool's checked state, the text typed otherwise (`like`: a value of its type). */
export async function readCondition(page, category, id, like) {
  return typeof like === "boolean" ? page.isChecked(condition(category, id)) : page.inputValue(condition(category, id));
}

/** Types one expense `{ category, amount, conditions }` into the form: its amount, then its conditions. */
export async function typeItem(page, e) {
  await page.fill(amount(e.category), e.amount);
  for (const [id, v] of Object.entries(e.conditions || {})) await fillCondition(page, e.category, id, v);
}

/** The README's typical enterprise (its figures: `typical()`). */
export async function typeTypicalEnterprise(page) {
  for (const e of TYPICAL) await typeItem(page, e);
}

export async function totalText(page) {
  return (await page.locator(`${EL} .total-value`).textContent()).trim();
}

/**
 * Waits until the text of `css` in the element's shadow root holds `want` (a string) or matches it
 * (a RegExp); on a timeout, fails with the text it saw.
 */
export async function waitShadowText(page, css, want, timeout = 10000) {
  const re = want instanceof RegExp ? [want.source, want.flags] : null;
  try {
    await page.waitForFunction(
      ([sel, css, text, re]) => {
        const n = document.querySelector(sel).shadowRoot.querySelector(css);
        return !!n && (re ? new RegExp(re[0], re[1]).test(n.textContent) : n.textContent.indexOf(text) >= 0);
      },
      [EL, css, re ? null : want, re],
      { timeout }
    );
  } catch (e) {
    const seen = await page
      .evaluate(([sel, css]) => {
        const n = document.querySelector(sel).shadowRoot.querySelector(css);
        return n ? JSON.stringify(n.textContent.trim()) : "nothing at " + css;
      }, [EL, css])
      .catch((x) => "(could not read the page: " + x.message + ")");
    throw new Error(`expected ${css} to show ${want}, saw ${seen} after ${timeout} ms\n${e.message}`);
  }
}

/** Waits until the element's shadow root shows the language `lang` ("en", "zh-CN"); on a timeout, fails with the one it saw. */
export async function waitLang(page, lang, timeout = 10000) {
  try {
    await page.waitForFunction(([sel, l]) => document.querySelector(sel).shadowRoot.querySelector(".root").getAttribute("lang") === l, [EL, lang], { timeout });
  } catch (e) {
    const seen = await page.evaluate((sel) => document.querySelector(sel).shadowRoot.querySelector(".root").getAttribute("lang"), EL).catch((x) => "(could not read the page: " + x.message + ")");
    throw new Error(`expected the element in ${lang}, saw ${seen} after ${timeout} ms\n${e.message}`);
  }
}

/**
 * Waits for the total to read `text` and the rest of the result to be drawn (after a keystroke
 * the element draws the total in its frame and the lines just after, the live region
 * `aria-busy` meanwhile); on a timeout, fails with the total it saw.
 */
export async function waitTotal(page, text, timeout = 10000) {
  try {
    await page.waitForFunction(
      ([sel, want]) => {
        const root = document.querySelector(sel).shadowRoot;
        const t = root.querySelector(".total-value");
        const live = root.querySelector(".results .live");
        return t && t.textContent.trim() === want && !(live && live.hasAttribute("aria-busy"));
      },
      [EL, text],
      { timeout }
    );
  } catch (e) {
    const seen = await page
      .evaluate((sel) => {
        const root = document.querySelector(sel) && document.querySelector(sel).shadowRoot;
        const t = root && root.querySelector(".total-value");
        const errors = root ? Array.prototype.map.call(root.querySelectorAll(".error:not([hidden])"), (x) => x.textContent.trim()) : [];
        return (t ? JSON.stringify(t.textContent.trim()) : "no total on screen") + (errors.length ? "; errors shown: " + errors.join(" | ") : "");
      }, EL)
      .catch((x) => "(could not read the page: " + x.message + ")");
    throw new Error(`expected the total ${JSON.stringify(text)}, saw ${seen} after ${timeout} ms\n${e.message}`);
  }
}

/**
 * A test file's server and browser: registers the file's `before` (the server started by `serve`,
 * default `baseUrl`; then the browser launched) and `after` (both closed, the browser first).
 * `server` is filled in place once started (`server.url`); `withPage` as pageRunner's.
 */
export function browserFile(serve = baseUrl) {
  const server = {};
  let browser = null;
  before(async () => {
    Object.assign(server, await serve());
    browser = await launch();
  });
  after(async () => {
    try {
      if (browser) await browser.close();
    } finally {
      if (server.close) await server.close();
    }
  });
  return { server, withPage: pageRunner(() => browser) };
}

/**
 * `withPage(options, fn, expectErrors)` for a browser: a fresh context and page, `fn(page, ctx,
 * problems)` runs, and the context is always closed. Any uncaught page error or console.error
 * fails the test unless `expectErrors`.
 */
export function pageRunner(getBrowser) {
  return async function withPage(options, fn, expectErrors = false) {
    const ctx = await getBrowser().newContext(Object.assign({ viewport: { width: 1280, height: 800 } }, options || {}));
    const page = await ctx.newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
    const warnings = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push("console.error: " + m.text());
      else if (m.type() === "warning") warnings.push("console.warn: " + m.text());
    });
    try {
      await fn(page, ctx, problems);
    } catch (e) {
      // A test that fails (a wait that timed out) says what the page reported meanwhile.
      const said = problems.concat(warnings);
      if (said.length && e && typeof e.message === "string") e.message += "\nthe page reported: " + said.join(" | ");
      throw e;
    } finally {
      await ctx.close();
    }
    if (!expectErrors) assert.deepEqual(problems, [], "errors in the page");
  };
}
