// The browsers of the cross-engine tests, from Debian, none downloaded (docs/engines.md):
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (selenium-webdriver), under Xvfb
//   firefox   Firefox ESR through puppeteer-core over WebDriver BiDi, headless
//   chromium  Chromium through puppeteer-core over CDP, headless
// `launchEngine(name)` gives { name, minWidth, newSession(), close() }; a session is
// { kind, driver|page, close() }, used by harness.mjs's Page. Every process started here (Xvfb,
// the driver) is ended by its PID.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { existsSync } from "node:fs";

export const BINARIES = {
  webkit: process.env.PINGHU_MINIBROWSER || "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser",
  webkitDriver: process.env.PINGHU_WEBKITDRIVER || "/usr/bin/WebKitWebDriver",
  firefox: process.env.PINGHU_FIREFOX || "/usr/bin/firefox-esr",
  chromium: process.env.PINGHU_CHROMIUM || "/usr/bin/chromium",
};

/** Why `name` cannot run here (a missing binary: run make setup), or false. */
export function missing(name) {
  const need = name === "webkit" ? [BINARIES.webkit, BINARIES.webkitDriver, "/usr/bin/Xvfb"] : [BINARIES[name]];
  const gone = need.filter((f) => !existsSync(f));
  return gone.length ? `${gone.join(", ")} missing: run make setup` : false;
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.on("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

// Every process started here, ended by its PID when this process exits (a watchdog's exit too).
const started = new Set();
process.on("exit", () => started.forEach(end));

/** Kills a child by PID, quietly if it is gone. */
function end(child) {
  if (child && child.exitCode === null && child.signalCode === null) {
    try {
      process.kill(child.pid, "SIGTERM");
    } catch (e) {
      /* already gone */
    }
  }
}

/** Xvfb on a display it picks itself (-displayfd): { display: ":N", child }. */
function startXvfb() {
  return new Promise((ok, fail) => {
    const child = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1400x1000x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "pipe", "pipe"] });
    started.add(child);
    let out = "";
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("error", fail);
    child.on("exit", (code) => fail(new Error(`Xvfb exited (${code}) before giving a display: ${err.slice(-500)}`)));
    child.stdio[3].on("data", (d) => {
      out += d;
      if (out.includes("\n")) ok({ display: ":" + out.trim(), child });
    });
  });
}

async function waitHttp(url, child, what, timeout = 20000) {
  const until = Date.now() + timeout;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} exited (${child.exitCode})`);
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch (e) {
      /* not listening yet */
    }
    if (Date.now() > until) throw new Error(`${what} did not answer ${url} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function launchWebKit() {
  const { Builder } = await import("selenium-webdriver");
  const xvfb = await startXvfb();
  const port = await freePort();
  const driver = spawn(BINARIES.webkitDriver, ["--port=" + port], { stdio: "ignore", env: Object.assign({}, process.env, { DISPLAY: xvfb.display }) });
  started.add(driver);
  try {
    await waitHttp(`http://127.0.0.1:${port}/status`, driver, "WebKitWebDriver");
  } catch (e) {
    end(driver);
    end(xvfb.child);
    throw e;
  }
  return {
    name: "webkit",
    // A WebKitGTK window cannot be narrower than this (about): narrower runs inside an iframe.
    minWidth: 450,
    async newSession() {
      // usingServer: selenium-manager never runs (it would try a download).
      const wd = await new Builder()
        .disableEnvironmentOverrides()
        .usingServer(`http://127.0.0.1:${port}`)
        .withCapabilities({ browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: BINARIES.webkit, args: ["--automation"] } })
        .build();
      await wd.manage().setTimeouts({ script: 30000, pageLoad: 30000 });
      return { kind: "webdriver", driver: wd, close: () => wd.quit() };
    },
    async close() {
      end(driver);
      end(xvfb.child);
    },
  };
}

async function launchPuppeteer(name) {
  const puppeteer = (await import("puppeteer-core")).default;
  const options =
    name === "firefox"
      ? { browser: "firefox", executablePath: BINARIES.firefox, headless: true, protocolTimeout: 60000 }
      : { executablePath: BINARIES.chromium, headless: true, protocolTimeout: 60000, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] };
  const browser = await puppeteer.launch(Object.assign({ timeout: 60000 }, options));
  const child = browser.process();
  if (child) started.add(child);
  return {
    name,
    minWidth: 0,
    async newSession() {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      return { kind: "puppeteer", page, close: () => context.close() };
    },
    async close() {
      try {
        await browser.close();
      } finally {
        end(child);
      }
    },
  };
}

/** The engine `name` ("webkit", "firefox", "chromium"), launched. */
export function launchEngine(name) {
  if (name === "webkit") return launchWebKit();
  if (name === "firefox" || name === "chromium") return launchPuppeteer(name);
  throw new Error("unknown engine " + name);
}
