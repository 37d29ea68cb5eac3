// The one harness of the cross-engine tests (make test-engines): the same test runs in WebKit,
// Firefox and Chromium through `Page`, which hides the drivers' differences (drivers.mjs):
//   open(url, {width, height})  a page; narrower than the engine allows (WebKitGTK: ~450 px) it
//                               runs inside an iframe of that size on a host page of our own
//   type(path, text)            real key input into a field (WebDriver / BiDi key actions)
//   click(path), text(path), value(path), eval(fn, ...args), waitFor(fn, args, what)
//   screenshot(name), requests() (what the server saw since open), problems()
// A path is CSS, " >>> " stepping into a shadow root, " @n" for the n-th match (the probe's
// __find, server.mjs). Waits poll a state, never a time.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { screenshotPath } from "../browser/harness.mjs";
import { launchEngine } from "./drivers.mjs";

export { missing } from "./drivers.mjs";
import { FRAME_PATH } from "./server.mjs";
export { serve } from "./server.mjs";

const POLL_MS = 50;
// A driver command that never answers (a wedged WebKitWebDriver, say) fails the test, naming the
// command, instead of hanging until the watchdog. PINGHU_ENGINES_DEBUG=1 logs every command.
const ANSWER_MS = 60000;
const DEBUG = process.env.PINGHU_ENGINES_DEBUG === "1";

export class NoAnswer extends Error {}

/** `promise`, or a NoAnswer after `ms`. */
export async function answer(engine, what, promise, ms = ANSWER_MS) {
  const t0 = Date.now();
  if (DEBUG) console.error(`[${engine}] ${what} …`);
  let timer;
  try {
    return await Promise.race([promise, new Promise((_, no) => (timer = setTimeout(() => no(new NoAnswer(`${engine}: ${what}: no answer from the driver in ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
    if (DEBUG) console.error(`[${engine}] ${what} done in ${Date.now() - t0} ms`);
  }
}

export class Page {
  constructor(engine, session, server) {
    this.engine = engine;
    this.session = session;
    this.server = server;
    this.frame = null; // puppeteer: the frame the tests run in (the page's main frame)
    this.logFrom = 0;
    this.notFoundFrom = 0;
  }

  answer(what, promise) {
    return answer(this.engine.name, what, promise);
  }

  /** Opens `url` (relative to the server) at `width` × `height` CSS px. */
  async open(url, { width = 1280, height = 800 } = {}) {
    const full = new URL(url, this.server.url).href;
    this.logFrom = this.server.log.length;
    this.notFoundFrom = this.server.notFound.length;
    const framed = width < this.engine.minWidth;
    const target = framed ? new URL(`${FRAME_PATH}?w=${width}&h=${height}&src=${encodeURIComponent(full)}`, this.server.url).href : full;
    if (this.session.kind === "webdriver") {
      const d = this.session.driver;
      await this.answer("switch to the top", d.switchTo().defaultContent());
      // The window's size: the viewport's, plus what the window's own bars take (measured once),
      // plus the host page's margins around a frame.
      const pad = framed ? 40 : 0;
      const size = (c) => ({ width: Math.max(width + pad, this.engine.minWidth) + c.w, height: height + pad + c.h });
      await this.answer("size the window", d.manage().window().setRect(size(this.engine.chrome || { w: 0, h: 0 })));
      await this.answer("open " + target, d.get(target));
      if (!this.engine.chrome) {
        this.engine.chrome = await this.eval(() => ({ w: outerWidth - innerWidth, h: outerHeight - innerHeight }));
        await this.answer("size the window", d.manage().window().setRect(size(this.engine.chrome)));
      }
      if (framed) {
        await this.waitFor(() => !!document.querySelector("iframe") && document.querySelector("iframe").contentDocument && document.querySelector("iframe").contentDocument.readyState === "complete", [], "the framed page loaded");
        await this.answer("switch to the frame", d.switchTo().frame(0));
      }
    } else {
      const p = this.session.page;
      await this.answer("set the viewport", p.setViewport({ width, height }));
      await this.answer("open " + target, p.goto(target, { waitUntil: "load" }));
      this.frame = p.mainFrame();
    }
    this.framed = framed;
  }

  /** Reloads the page the tests run in. */
  async reload() {
    this.logFrom = this.server.log.length;
    await this.eval(() => {
      window.__before_reload = true;
      location.reload();
    });
    await this.waitFor(() => !window.__before_reload && !!window.__problems && document.readyState === "complete", [], "the reloaded page");
  }

  /** fn(...args) in the page (a promise is awaited); its result, as JSON. */
  async eval(fn, ...args) {
    if (this.session.kind === "webdriver") return this.answer("a script", this.session.driver.executeScript(`return (${fn}).apply(null, arguments)`, ...args));
    return this.answer("a script", this.frame.evaluate(fn, ...args));
  }

  /** The element at `path`, for the driver, once there (fails, saying the path, when it never is). */
  async element(path, timeout = 20000) {
    await this.waitFor((p) => !!window.__find(p), [path], "an element at " + path, timeout);
    if (this.session.kind === "webdriver") return this.answer("find " + path, this.session.driver.executeScript("return window.__find(arguments[0])", path));
    const el = (await this.answer("find " + path, this.frame.evaluateHandle((p) => window.__find(p), path))).asElement();
    assert.ok(el, "nothing at " + path);
    return el;
  }

  /** Empties the field at `path`, then types `text` into it key by key, once it can take focus. */
  async type(path, text) {
    // WebKitGTK's driver refuses a field inside a <details> still opening, and now and then one
    // that is shown and enabled (the workspace panel's first tasks after it appears), with
    // "Element is not focusable": each attempt waits for a field that can take focus, empties it
    // and types; a refusal is tried again, as a user taps a second time; the third fails the test.
    for (let attempt = 1; ; attempt++) {
      const el = await this.element(path);
      await this.waitFor((p) => {
        const e = window.__find(p);
        return !!e && !e.disabled && e.getClientRects().length > 0;
      }, [path], "a field that can take focus at " + path);
      await this.eval((p) => {
        window.__find(p).value = "";
      }, path);
      try {
        if (this.session.kind === "webdriver") await this.answer("type into " + path, el.sendKeys(text));
        else {
          await this.answer("focus " + path, el.focus());
          await this.answer("type into " + path, el.type(text));
        }
        return;
      } catch (e) {
        if (attempt >= 3 || !e || e.name !== "ElementNotInteractableError") throw e;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  }

  async click(path) {
    const el = await this.element(path);
    await this.answer("click " + path, el.click());
  }

  async text(path) {
    return this.eval((p) => {
      const el = window.__find(p);
      return el ? el.textContent.trim() : null;
    }, path);
  }

  async value(path) {
    return this.eval((p) => window.__find(p).value, path);
  }

  /** Waits until fn(...args) in the page is truthy; its value. On a timeout, says `what` and the last value. */
  async waitFor(fn, args = [], what = "a state", timeout = 30000) {
    const until = Date.now() + timeout;
    let last;
    for (;;) {
      try {
        last = await this.eval(fn, ...args);
        if (last) return last;
      } catch (e) {
        if (e instanceof NoAnswer) throw e;
        last = "error: " + e.message;
      }
      if (Date.now() > until) throw new Error(`${this.engine.name}: waited ${timeout} ms for ${what}; last seen: ${JSON.stringify(last)}`);
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  /** Waits until the text at `path` is `want` (a string) or matches it (a RegExp). */
  async waitText(path, want, timeout) {
    const re = want instanceof RegExp ? [want.source, want.flags] : null;
    return this.waitFor(
      (p, w, r) => {
        const el = window.__find(p);
        if (!el) return false;
        const t = el.textContent.trim();
        return (r ? new RegExp(r[0], r[1]).test(t) : t === w) && t;
      },
      [path, re ? null : want, re],
      `${path} to read ${want}`,
      timeout
    ).catch(async (e) => {
      throw new Error(`${e.message}; shown: ${JSON.stringify(await this.text(path).catch(() => null))}`);
    });
  }

  /** A screenshot of the window (a framed page: the whole window, frame included) into target/screenshots/. */
  async screenshot(name) {
    const file = screenshotPath(`engines-${this.engine.name}-${name}.png`);
    if (this.session.kind === "webdriver") writeFileSync(file, Buffer.from(await this.answer("a screenshot", this.session.driver.takeScreenshot()), "base64"));
    else await this.answer("a screenshot", this.session.page.screenshot({ path: file }));
    return file;
  }

  /** The paths the server was asked for since the page was opened (or reloaded). */
  requests() {
    return this.server.log.slice(this.logFrom);
  }

  /** What the probe recorded in the page: errors, rejections, console.error; and CSP violations. */
  async problems() {
    return this.eval(() => ({ problems: window.__problems || ["no probe in the page"], violations: window.__violations || [] }));
  }

  /** Fails if the page recorded an error or a CSP violation, or asked for a file the server lacks. */
  async assertClean() {
    assert.deepEqual(this.server.notFound.slice(this.notFoundFrom), [], `${this.engine.name}: files asked for that are not there`);
    assert.deepEqual(await this.problems(), { problems: [], violations: [] }, `${this.engine.name}: errors or CSP violations in the page`);
  }
}

/**
 * One engine for a test file: `const E = engineRunner("webkit")`; `before(E.start)`,
 * `after(E.stop)`, and in a test `await E.withPage(server, async (page) => …)`: a fresh session
 * (WebKit) or browser context (puppeteer) per call, always closed; the page must end clean. A
 * driver that stopped answering fails its test and is started again for the next one.
 */
export function engineRunner(name) {
  let engine = null;
  const stop = async () => {
    if (engine) await answer(name, "close the browser", engine.close(), 20000).catch(() => {});
    engine = null;
  };
  return {
    name,
    start: async () => {
      engine = await answer(name, "launch", launchEngine(name));
    },
    stop,
    async withPage(server, fn, { clean = true } = {}) {
      if (!engine) engine = await answer(name, "launch again", launchEngine(name));
      let session = null;
      try {
        session = await answer(name, "a new session", engine.newSession(), 30000).catch(async (e) => {
          // A browser that did not start is the machine's, not the page's: once more, on a fresh driver.
          if (!(e instanceof NoAnswer)) throw e;
          await stop();
          engine = await answer(name, "launch again", launchEngine(name));
          return answer(name, "a new session, again", engine.newSession(), 30000);
        });
        const page = new Page(engine, session, server);
        await fn(page);
        if (clean) await page.assertClean();
      } catch (e) {
        if (e instanceof NoAnswer) {
          session = null;
          await stop();
        }
        throw e;
      } finally {
        if (session) await answer(name, "close the session", session.close(), 20000).catch(() => {});
      }
    },
  };
}
