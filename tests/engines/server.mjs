// The static server of the cross-engine tests: a web root on a free 127.0.0.1 port, every request
// logged (to count what an engine fetches), optional headers on every response (a strict CSP), host
// pages of the tests' own, and the probe: an early classic script put into every HTML page served,
// which records what WebDriver cannot report in every engine (WebKitWebDriver has no log API):
// errors, unhandled rejections, console.error, CSP violations; and it stubs window.print().
import { createServer } from "node:http";
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";

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
  ".md": "text/plain; charset=utf-8",
};

export const PROBE_PATH = "/__engines/probe.js";
export const FRAME_PATH = "/__engines/frame.html";

/** The host page of a framed (narrow) page: ?w=&h=&src=, an iframe of that size and nothing else. */
function framePage(search) {
  const q = new URLSearchParams(search);
  const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  return `<!doctype html><html><head><meta charset="utf-8"></head><body><iframe width="${Number(q.get("w"))}" height="${Number(q.get("h"))}" src="${esc(q.get("src"))}"></iframe></body></html>`;
}

// Runs before any other script of the page (a classic script at the top of <head>).
const PROBE = `(function () {
  var p = (window.__problems = []);
  window.__violations = [];
  window.__printed = 0;
  window.print = function () { window.__printed++; };
  window.addEventListener("error", function (e) { p.push("error: " + (e.message || (e.target && e.target.src) || e)); }, true);
  window.addEventListener("unhandledrejection", function (e) { p.push("unhandled rejection: " + (e.reason && e.reason.message || e.reason)); });
  document.addEventListener("securitypolicyviolation", function (e) { window.__violations.push(e.violatedDirective + " " + e.blockedURI); }, true);
  // "a >>> b": b in a's shadow root; "b @2": the third match of b.
  window.__find = function (path) {
    var root = document, el = null, parts = path.split(" >>> ");
    for (var i = 0; i < parts.length; i++) {
      var m = /^(.*) @(\\d+)$/.exec(parts[i]);
      el = m ? root.querySelectorAll(m[1])[Number(m[2])] : root.querySelector(parts[i]);
      if (!el) return null;
      if (i < parts.length - 1 && !(root = el.shadowRoot)) return null;
    }
    return el;
  };
  var ce = console.error;
  console.error = function () { p.push("console.error: " + Array.prototype.join.call(arguments, " ")); return ce.apply(console, arguments); };
})();
`;

/** `html` with the probe as the first script of its head. */
export function withProbe(html) {
  const tag = `<script src="${PROBE_PATH}"></script>`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (h) => h + tag) : tag + html;
}

/**
 * Serves `root` on 127.0.0.1 (a free port). `options.pages`: { path: html } of the tests' own (the
 * probe added; null: an empty 204); `options.headers`: on every response. `log`: every path asked
 * for (with its query), in order; `notFound`: those answered 404.
 */
export function serve(root, options = {}) {
  const extra = options.headers || {};
  const pages = options.pages || {};
  const log = [];
  const notFound = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    log.push(url.pathname + url.search);
    let path = normalize(decodeURIComponent(url.pathname));
    const head = (type) => Object.assign({ "content-type": type, "cache-control": "no-store" }, extra);
    if (path === PROBE_PATH) return res.writeHead(200, head(TYPES[".js"])).end(PROBE);
    // Our own host pages name no icon: an engine then asks for /favicon.ico.
    if (path === "/favicon.ico" && !existsSync(join(root, "favicon.ico"))) return res.writeHead(204).end();
    if (path === FRAME_PATH) return res.writeHead(200, head(TYPES[".html"])).end(withProbe(framePage(url.search)));
    if (Object.prototype.hasOwnProperty.call(pages, path)) {
      if (pages[path] === null) return res.writeHead(204).end();
      return res.writeHead(200, head(TYPES[".html"])).end(withProbe(pages[path]));
    }
    if (path.endsWith("/")) path += "index.html";
    const file = join(root, path);
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      notFound.push(url.pathname + url.search);
      return res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
    const type = TYPES[extname(file)] || "application/octet-stream";
    res.writeHead(200, head(type));
    if (extname(file) === ".html") return res.end(withProbe(readFileSync(file, "utf8")));
    createReadStream(file).pipe(res);
  });
  return new Promise((ok, fail) => {
    server.on("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      ok({
        url: `http://127.0.0.1:${port}/`,
        log,
        notFound,
        close: () => new Promise((done) => {
          if (server.closeAllConnections) server.closeAllConnections();
          server.close(done);
        }),
      });
    });
  });
}
