/* @ts-self-types="./pinghu-subsidy-calculator.d.ts" */
// <pinghu-subsidy-calculator> — the browser widget of the Pinghu cross-border
// e-commerce support calculator.
//
// This file holds no policy knowledge: the form is built from the engine's
// `policy()` and every figure comes from its `calculate()` / `read_amount()`.
// Money stays a decimal string from the engine; it is formatted by string
// manipulation only. The UI text below (buttons, headings) is the widget's own.
//
// Syntax: ES2019 plus `import.meta` and dynamic `import()` (old WeChat
// web-views). No class fields, no `?.`, no `??`, no top-level await.
//
// Embedding:
//   <script type="module" src="pinghu-subsidy-calculator.js"></script>
//   <pinghu-subsidy-calculator lang="zh-CN"></pinghu-subsidy-calculator>

const ENGINE_URL = new URL("./pkg/pinghu_subsidy.js", import.meta.url).href;
const WASM_URL = new URL("./pkg/pinghu_subsidy_bg.wasm", import.meta.url).href;
// The stylesheet beside this file, with the same name: the built
// pinghu-subsidy-calculator.min.js loads pinghu-subsidy-calculator.min.css.
const STYLE_URL = new URL(import.meta.url.split(/[?#]/)[0].replace(/\.js$/, ".css")).href;
const INPUT_DELAY_MS = 300;
// Restarts of the engine after a trap: at most one per calculation, this many per element.
const MAX_RESTARTS = 3;

// ---------------------------------------------------------------- engine
//
// One engine instance is shared by every element on the page. If a call into it throws
// something that is not an input error (a WebAssembly trap: `RuntimeError: unreachable`,
// out of memory…), that instance is discarded and a new one is made from the module
// compiled at the first load. The wasm-bindgen glue keeps its instance in module state,
// so a fresh copy of the glue is imported (a query string makes it a new module); its
// `.wasm` is not fetched again.

let enginePromise = null; // the current (or loading) engine
let currentEngine = null; // the current engine once loaded
let compiledModule = null; // the WebAssembly.Module of the first load
let glueCopies = 0;

/** Fetches and compiles the engine's .wasm once (streaming where the browser can). */
function compileEngine() {
  return fetch(WASM_URL).then(function (response) {
    if (!response.ok) throw new Error("could not load the engine (" + response.status + " " + WASM_URL + ")");
    if (typeof WebAssembly.compileStreaming === "function") {
      // A server that sends the wrong MIME type makes streaming fail: compile the bytes instead.
      return WebAssembly.compileStreaming(response.clone()).catch(function () {
        return response.arrayBuffer().then(function (bytes) {
          return WebAssembly.compile(bytes);
        });
      });
    }
    return response.arrayBuffer().then(function (bytes) {
      return WebAssembly.compile(bytes);
    });
  });
}

/** Instantiates the compiled module through one copy of the glue. */
function instantiate(glue, policy) {
  return glue.default({ module_or_path: compiledModule }).then(function () {
    const engine = {
      policy: policy || glue.policy(),
      calculate: glue.calculate,
      readAmount: glue.read_amount,
    };
    currentEngine = engine;
    return engine;
  });
}

function loadEngine() {
  if (!enginePromise) {
    // Once a module is compiled, an instance has been made through the first copy of the glue
    // (and may be the broken one): later loads use a fresh copy.
    enginePromise = compiledModule ? freshInstance(null) : firstLoad();
    // A failed load may be retried (e.g. after the network came back).
    enginePromise.catch(function () {
      enginePromise = null;
    });
  }
  return enginePromise;
}

async function firstLoad() {
  if (typeof WebAssembly !== "object" || WebAssembly === null) {
    throw new Error("WebAssembly is not available in this browser");
  }
  // The glue and the .wasm load in parallel.
  const loaded = await Promise.all([import(ENGINE_URL), compileEngine()]);
  compiledModule = loaded[1];
  return instantiate(loaded[0], null);
}

function freshInstance(policy) {
  return import(ENGINE_URL + "?instance=" + ++glueCopies).then(function (glue) {
    return instantiate(glue, policy);
  });
}

/**
 * Replaces a broken engine by a new instance (from the same compiled module) and resolves
 * to it. Elements sharing the broken one get the same replacement: only the first restarts.
 */
function restartEngine(broken) {
  if (enginePromise && currentEngine !== broken) return enginePromise;
  currentEngine = null;
  enginePromise = freshInstance(broken.policy);
  enginePromise.catch(function () {
    enginePromise = null;
  });
  return enginePromise;
}

/** An engine input error carries `errors`; anything else thrown by the engine is a fault (trap). */
function isEngineFault(err) {
  return !(err && Array.isArray(err.errors));
}

// ---------------------------------------------------------------- UI text

const UI = {
  zh: {
    loading: "正在加载计算器…",
    year: "申报年度",
    yearOption: (y) => y + " 年",
    formHeading: "填写您的情况",
    formIntro: "只填写与您有关的项目；留空的项目不计入。结果随输入自动更新。",
    amountFormat: "金额可写“万”“亿”、千位逗号或全角数字。",
    amount: "实际费用（元）",
    amountN: (n) => "实际费用 · 第 " + n + " 项（元）",
    readAs: (s) => "按 " + s + " 计",
    addItem: "再添加一项费用",
    removeItem: (n) => "删除第 " + n + " 项",
    other: "已从其他政策获得支持？",
    otherAmount: "其他政策已给予的支持（元）",
    otherHint: "同一事项已在其他政策下获得支持的，填写其金额以便比较。",
    applying: "我们申报此项",
    awardNote: "奖励类项目无需填写金额，请勾选并填写条件。",
    conditions: "条件",
    filled: (n) => "已填 " + n + " 项",
    resultsHeading: "估算结果",
    total: "预计可获支持合计",
    miniTotal: "预计合计",
    wan: (s) => "合 " + s + " 万元",
    wanInline: (s) => "合 " + s + " 万元",
    yearLabel: (y) => y + " 年度",
    awardsUpTo: "另有奖励类项目，最高",
    awardsNote: "由评审决定，不计入合计",
    upTo: "最高",
    capped: "已达上限",
    notEligible: "暂不符合条件",
    assumed: "比例为估算",
    spent: "费用",
    rate: "比例",
    cap: "上限",
    otherPolicy: "其他政策已给予",
    barLabel: (label) => label + "：支持额占上限",
    details: "计算说明与政策原文",
    clause: (n) => "第 " + n + " 条",
    quote: (n) => "政策原文（第 " + n + " 条）",
    summaryEn: "",
    departments: "咨询部门",
    emptyResult: "填写金额后，这里会显示估算。",
    pending: (n) => n + " 处输入需要修改，修改前不计入估算。",
    stale: "输入有误，下面仍是上一次的估算。",
    staleEngine: "下面仍是上一次的估算。",
    notes: "请注意",
    otherMeasures: "其他可咨询的支持",
    otherMeasuresIntro: "以下措施没有可计算的资金额度，可向相关部门咨询。",
    actions: "保存与分享",
    copy: "复制摘要",
    json: "下载 JSON",
    csv: "下载 CSV",
    print: "打印",
    clear: "清空",
    copied: "摘要已复制到剪贴板。",
    copyFailed: "无法自动复制，请手动选择文字复制。",
    downloaded: (name) => "已生成文件 " + name + "。",
    cleared: "已清空所有输入。",
    printTitle: "跨境电商扶持资金估算",
    printMeta: (date, version) => "生成日期 " + date + " · 政策版本 " + version,
    disclaimer: "本结果仅为估算，不构成承诺；实际支持以主管部门审核结果为准。",
    policyVersion: "政策版本",
    date: "日期",
    calcFailed: "计算出错：",
    restarted: "计算引擎已重新启动。",
    engineFailed: "计算引擎多次出错，已停止计算。请刷新页面后重试。",
    yuan: "元",
  },
  en: {
    loading: "Loading the calculator…",
    year: "Year of application",
    yearOption: (y) => String(y),
    formHeading: "Your plans and costs",
    formIntro: "Fill in only what applies to you; empty fields are left out. The estimate updates as you type.",
    amountFormat: "Amounts may use 万 or 亿, thousands separators, or full-width digits.",
    amount: "Amount spent (¥)",
    amountN: (n) => "Amount spent, item " + n + " (¥)",
    readAs: (s) => "read as " + s,
    addItem: "Add another item",
    removeItem: (n) => "Remove item " + n,
    other: "Support already received under another policy?",
    otherAmount: "Support received under another policy (¥)",
    otherHint: "If this item already received support under another policy, enter it here so the two can be compared.",
    applying: "We are applying for this",
    awardNote: "Awards need no amount: tick the box and answer the conditions.",
    conditions: "Conditions",
    filled: (n) => n + " filled in",
    resultsHeading: "Your estimate",
    total: "Estimated support in total",
    miniTotal: "Estimated total",
    wan: (s) => "= " + s + " 万元 (wan yuan)",
    wanInline: (s) => s + " 万元",
    yearLabel: (y) => "Year " + y,
    awardsUpTo: "Plus awards of up to",
    awardsNote: "decided by evaluation, not included in the total",
    upTo: "up to",
    capped: "capped",
    notEligible: "not eligible yet",
    assumed: "assumed rate",
    spent: "Spent",
    rate: "Rate",
    cap: "Cap",
    otherPolicy: "Received elsewhere",
    barLabel: (label) => label + ": support against the cap",
    details: "How this is worked out",
    clause: (n) => "Measure " + n,
    quote: (n) => "Original text (Chinese), measure " + n,
    summaryEn: "Summary",
    departments: "Departments to contact",
    emptyResult: "Enter an amount to see an estimate.",
    pending: (n) => n + (n === 1 ? " entry needs" : " entries need") + " correcting and " + (n === 1 ? "is" : "are") + " left out until then.",
    stale: "Some input needs correcting; the estimate below is the previous one.",
    staleEngine: "The estimate below is the previous one.",
    notes: "Please note",
    otherMeasures: "Other support you may ask for",
    otherMeasuresIntro: "These measures carry no amount to calculate; ask the departments named.",
    actions: "Keep and share",
    copy: "Copy summary",
    json: "Download JSON",
    csv: "Download CSV",
    print: "Print",
    clear: "Clear",
    copied: "Summary copied to the clipboard.",
    copyFailed: "Could not copy automatically; please select the text and copy it.",
    downloaded: (name) => "Created the file " + name + ".",
    cleared: "All inputs cleared.",
    printTitle: "Estimate of cross-border e-commerce support",
    printMeta: (date, version) => "Created " + date + " · policy version " + version,
    disclaimer: "This is an estimate only, not a commitment; actual support is decided by the responsible departments.",
    policyVersion: "Policy version",
    date: "Date",
    calcFailed: "The calculation failed: ",
    restarted: "The calculation engine was restarted.",
    engineFailed: "The calculation engine failed repeatedly and has stopped. Please reload the page.",
    yuan: "yuan",
  },
};

const LOAD_FAILED = {
  zh: "计算器无法在此浏览器中加载（需要支持 WebAssembly 的较新浏览器）。请更换或更新浏览器，或直接阅读政策原文。",
  en: "The calculator could not load in this browser (it needs a recent browser with WebAssembly). Please try another or updated browser, or read the policy text directly.",
};

// Notice codes from the engine's API contract: where each kind is shown.
const BANNER_CODES = ["draft"];
const FOOTNOTE_CODES = ["ceiling", "non_cumulative", "provincial", "detailed_rules"];
const WARNING_CODES = ["outside_period", "condition_not_met", "condition_missing"];

function langKey(value) {
  return /^en\b/i.test(value || "") ? "en" : "zh";
}

// ---------------------------------------------------------------- money as strings

const ZERO_RE = /^0*(\.0*)?$/;

function splitDecimal(s) {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(s).trim());
  if (!m) return null;
  return { sign: m[1], int: m[2].replace(/^0+(?=\d)/, ""), frac: m[3] || "" };
}

function groupThousands(digits) {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ",";
    out += digits[i];
  }
  return out;
}

/** "1234.50" → "¥1,234.50" */
function formatYuan(s) {
  const d = splitDecimal(s);
  if (!d) return String(s);
  let frac = d.frac;
  while (frac.length < 2) frac += "0";
  return d.sign + "¥" + groupThousands(d.int) + "." + frac;
}

/** Yuan to 万元 by moving the decimal point four places: "1234.50" → "0.12345". */
function formatWan(s) {
  const d = splitDecimal(s);
  if (!d) return String(s);
  let int = d.int;
  while (int.length < 5) int = "0" + int;
  const head = int.slice(0, int.length - 4).replace(/^0+(?=\d)/, "");
  const tail = (int.slice(int.length - 4) + d.frac).replace(/0+$/, "");
  return d.sign + groupThousands(head) + (tail ? "." + tail : "");
}

/** A rate as a percentage, by moving the decimal point two places ("0.125" gives 12.5 per cent). */
function formatRate(s) {
  const d = splitDecimal(s);
  if (!d) return String(s);
  let frac = d.frac;
  while (frac.length < 2) frac += "0";
  const int = (d.int + frac.slice(0, 2)).replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2).replace(/0+$/, "");
  return d.sign + int + (rest ? "." + rest : "") + "%";
}

function isZero(s) {
  const d = splitDecimal(s);
  return !d || ZERO_RE.test(d.int + "." + d.frac);
}

// ---------------------------------------------------------------- small DOM helpers

function h(tag, props) {
  const el = document.createElement(tag);
  if (props) {
    Object.keys(props).forEach(function (k) {
      const v = props[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") el.textContent = v;
      else if (k === "class") el.className = v;
      else if (k.slice(0, 2) === "on") el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? "" : String(v));
    });
  }
  for (let i = 2; i < arguments.length; i++) append(el, arguments[i]);
  return el;
}

/** append(el, ...children): strings become text nodes, arrays are flattened, null is skipped. */
function append(el) {
  for (let i = 1; i < arguments.length; i++) {
    const child = arguments[i];
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
    else if (typeof child === "string") el.appendChild(document.createTextNode(child));
    else el.appendChild(child);
  }
}

function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

function addToken(el, attr, token) {
  const list = (el.getAttribute(attr) || "").split(/\s+/).filter(Boolean);
  if (list.indexOf(token) < 0) list.push(token);
  el.setAttribute(attr, list.join(" "));
}

function removeToken(el, attr, token) {
  const list = (el.getAttribute(attr) || "").split(/\s+/).filter(function (t) { return t && t !== token; });
  if (list.length) el.setAttribute(attr, list.join(" "));
  else el.removeAttribute(attr);
}

function toHalfWidthDigits(s) {
  return s.replace(/[\uFF10-\uFF19]/g, function (c) {
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
  });
}

function todayIso() {
  const d = new Date();
  const p = (n) => (n < 10 ? "0" : "") + n;
  return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
}

function csvCell(v) {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

let instanceCount = 0;

// ---------------------------------------------------------------- the element

class PinghuSubsidyCalculatorElement extends HTMLElement {
  static get observedAttributes() {
    return ["lang", "year"];
  }

  static define(tag = "pinghu-subsidy-calculator", registry = window.customElements) {
    if (!registry.get(tag)) {
      try {
        registry.define(tag, this);
      } catch (e) {
        // Same class already registered under another name, or a race: keep the first.
      }
    }
    return this;
  }

  constructor() {
    super();
    this._uid = "p" + ++instanceCount;
    this._engine = null;
    this._result = null;
    this._request = null;
    this._bindings = [];
    this._cats = [];
    this._timer = 0;
    this._lang = langKey(this.getAttribute("lang"));
    this._lineRows = new Map();
    this._connectedOnce = false;
    // Trap recovery: restarts so far, the calculation they belong to, and whether one is under way.
    this._restarts = 0;
    this._calcSerial = 0;
    this._restartSerial = -1;
    this._restarting = false;
    this._engineDead = false;
    this._engineBroken = false;
    this._firstResultShown = false;
    this._readyResolve = null;
    this._ready = new Promise((resolve) => {
      this._readyResolve = resolve;
    });
    this._root = this.attachShadow({ mode: "open" });
  }

  // ---------- public API

  /** Resolves when the engine has loaded and the form is built. */
  get ready() {
    return this._ready;
  }

  /** The latest result of `calculate()` (null before the first). */
  get result() {
    return this._result;
  }

  /** The engine's `policy()` (null before it has loaded). */
  get policy() {
    return this._engine ? this._engine.policy : null;
  }

  /** The request last sent to `calculate()` for the shown result. */
  get input() {
    return this._request;
  }

  get year() {
    const v = parseInt(this.getAttribute("year") || "", 10);
    return isFinite(v) ? v : new Date().getFullYear();
  }

  set year(value) {
    this.setAttribute("year", String(value));
  }

  connectedCallback() {
    // A `year` property set before the element was defined would shadow the accessor.
    if (Object.prototype.hasOwnProperty.call(this, "year")) {
      const value = this.year;
      delete this.year;
      this.year = value;
    }
    if (this._connectedOnce) return;
    this._connectedOnce = true;
    this._renderShell();
    loadEngine()
      .then((engine) => {
        this._engine = engine;
        this._buildForm();
        this._recalc();
        this._readyResolve(this);
      })
      .catch((err) => {
        this._engine = null;
        this._renderFailure(err);
      });
  }

  disconnectedCallback() {
    // A pending keystroke is calculated now rather than lost.
    if (this._timer) this._recalc();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === "lang") {
      this._lang = langKey(newValue);
      if (this._shell) this._applyLang();
    } else if (name === "year") {
      if (this._yearSelect) {
        this._syncYearOptions();
        this._recalc();
      }
    }
  }

  // ---------- language bindings

  /** Registers fn(lang, ui) and runs it now and at every language change. */
  _bind(node, fn) {
    this._bindings.push({ node: node, fn: fn });
    fn(this._lang, UI[this._lang]);
    return node;
  }

  /** Sets (or replaces) the language-dependent content of el: fn(lang, ui), re-run at language changes. */
  _dyn(el, fn) {
    el.__pinghuFn = fn;
    if (!el.__pinghuBound) {
      el.__pinghuBound = true;
      this._bind(el, (L, ui) => {
        if (el.__pinghuFn) el.__pinghuFn(L, ui);
      });
    } else if (fn) {
      fn(this._lang, UI[this._lang]);
    }
  }

  /** A node whose text is fn(lang, ui). */
  _text(tag, props, fn) {
    const el = h(tag, props);
    return this._bind(el, (L, ui) => setText(el, fn(L, ui)));
  }

  _applyLang() {
    const L = this._lang;
    this._shell.setAttribute("lang", L === "en" ? "en" : "zh-CN");
    this._bindings = this._bindings.filter((b) => this._root.contains(b.node));
    this._bindings.forEach((b) => b.fn(L, UI[L]));
    if (this._result) this._renderResult();
  }

  // ---------- shell, loading and failure

  _renderShell() {
    const link = h("link", { rel: "stylesheet", href: STYLE_URL });
    this._shell = h("div", { class: "root", part: "root", hidden: true });
    // Show once the stylesheet is in (no flash of unstyled content), or anyway.
    const reveal = () => {
      if (this._shell && this._shell.hidden) {
        this._shell.hidden = false;
        this._noteFirstResult();
      }
    };
    link.addEventListener("load", reveal);
    link.addEventListener("error", reveal);
    setTimeout(reveal, 3000);
    this._status = h("p", { class: "status", part: "status", role: "status" });
    this._loading = this._text("p", { class: "loading", part: "loading" }, (L, ui) => ui.loading);
    this._shell.appendChild(this._loading);
    this._root.appendChild(link);
    this._root.appendChild(this._shell);
    this._shell.setAttribute("lang", this._lang === "en" ? "en" : "zh-CN");
  }

  _renderFailure(err) {
    if (typeof console !== "undefined") console.error("pinghu-subsidy-calculator:", err);
    const box = h(
      "div",
      { class: "failure", part: "failure", role: "alert" },
      h("p", { lang: "zh-CN" }, LOAD_FAILED.zh),
      h("p", { lang: "en" }, LOAD_FAILED.en),
      h("slot", { name: "fallback" }),
      h("p", { class: "failure-detail" }, String((err && err.message) || err))
    );
    this._shell.textContent = "";
    this._shell.appendChild(box);
    this._shell.hidden = false;
    this.dispatchEvent(
      new CustomEvent("subsidy-error", { bubbles: true, composed: true, detail: { error: err } })
    );
  }

  // ---------- the form

  _buildForm() {
    const policy = this._engine.policy;
    this._categories = new Map(policy.categories.map((c) => [c.id, c]));
    this._measures = new Map(policy.measures.map((m) => [m.id, m]));
    const doc = policy.document;
    const id = (s) => this._uid + "-" + s;

    this._shell.textContent = "";

    // Banner: the document's status (e.g. draft) and its notice.
    const banner = h("div", { class: "banner", part: "banner", role: "note" });
    this._bind(banner, (L) => {
      banner.textContent = "";
      const status = doc.status_label ? doc.status_label[L] : "";
      append(banner, h("strong", { class: "banner-title" }, doc.title[L] + (status ? paren(L, status) : "")));
      (doc.notices || [])
        .filter((n) => BANNER_CODES.indexOf(n.code) >= 0)
        .forEach((n) => append(banner, h("p", null, n[L])));
    });

    // Year selector.
    this._yearSelect = h("select", { id: id("year"), part: "year", class: "year", "data-field": "year" });
    this._yearSelect.addEventListener("change", () => {
      this.year = this._yearSelect.value;
    });
    this._yearError = h("p", { class: "error", id: id("year-err"), part: "error", hidden: true });
    this._syncYearOptions();
    const yearRow = h(
      "div",
      { class: "year-row" },
      this._text("label", { for: id("year") }, (L, ui) => ui.year),
      this._yearSelect,
      this._yearError
    );

    // Form: applicants in policy order, the first open.
    const form = h("form", { class: "form", part: "form", novalidate: true, "aria-labelledby": id("form-h") });
    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("input", (e) => this._onInput(e));
    form.addEventListener("change", (e) => this._onChange(e));
    form.addEventListener("focusin", (e) => this._keepInView(e.target));
    append(
      form,
      this._text("h2", { id: id("form-h"), class: "section-title" }, (L, ui) => ui.formHeading),
      this._text("p", { class: "lead" }, (L, ui) => ui.formIntro),
      yearRow,
      this._text("p", { class: "lead small", id: id("fmt") }, (L, ui) => ui.amountFormat)
    );
    this._groups = [];
    policy.applicants.forEach((applicant, i) => {
      const cats = policy.categories.filter((c) => c.applicant === applicant.id);
      if (!cats.length) return;
      const count = h("span", { class: "filled", part: "filled" });
      const group = h(
        "details",
        { class: "applicant", part: "applicant", open: i === 0, "data-applicant": applicant.id },
        h(
          "summary",
          { class: "applicant-summary" },
          this._text("span", { class: "applicant-title" }, (L) => applicant.label[L]),
          count
        )
      );
      const body = h("div", { class: "applicant-body" });
      cats.forEach((cat) => body.appendChild(this._buildCategory(cat)));
      group.appendChild(body);
      this._groups.push({ applicant: applicant, el: group, count: count, cats: cats.map((c) => c.id) });
      form.appendChild(group);
    });

    // Results.
    this._buildResults();

    // Other support without money.
    const others = policy.measures.filter((m) => !m.categories || m.categories.length === 0);
    let otherSection = null;
    if (others.length) {
      otherSection = h(
        "section",
        { class: "other-measures", part: "other-measures", "aria-labelledby": id("om-h") },
        this._text("h2", { id: id("om-h"), class: "section-title" }, (L, ui) => ui.otherMeasures),
        this._text("p", { class: "lead" }, (L, ui) => ui.otherMeasuresIntro),
        h(
          "ul",
          { class: "measure-list" },
          others.map((m) => {
            const body = h("div", { class: "measure-body" });
            this._bind(body, (L, ui) => {
              body.textContent = "";
              append(body, h("p", { lang: L === "en" ? "en" : "zh-CN" }, L === "en" ? m.summary_en : m.text));
              const deps = m.departments && m.departments[L];
              if (deps && deps.length) {
                append(body, h("p", { class: "departments" }, h("strong", null, ui.departments + "："), deps.join(L === "en" ? ", " : "、")));
              }
            });
            return h(
              "li",
              null,
              h(
                "details",
                { class: "measure", part: "measure" },
                this._text("summary", null, (L, ui) => ui.clause(m.id) + " · " + m.title[L]),
                body
              )
            );
          })
        )
      );
    }

    const layout = h("div", { class: "layout" }, h("div", { class: "form-col" }, form, this._mini), this._results);
    append(this._shell, this._printHead, banner, layout, otherSection, this._status);
  }

  _syncYearOptions() {
    const sel = this._yearSelect;
    const policy = this._engine.policy;
    const years = [];
    for (let y = policy.document.first_year; y <= policy.document.last_year; y++) years.push(y);
    [new Date().getFullYear(), this.year].forEach((y) => {
      if (years.indexOf(y) < 0) years.push(y);
    });
    years.sort((a, b) => a - b);
    const current = String(this.year);
    const have = Array.prototype.map.call(sel.options, (o) => o.value).join(",");
    if (have !== years.join(",")) {
      sel.textContent = "";
      years.forEach((y) => {
        sel.appendChild(this._text("option", { value: String(y) }, (L, ui) => ui.yearOption(y)));
      });
    }
    sel.value = current;
  }

  _buildCategory(cat) {
    const uid = this._uid + "-" + cat.id;
    const measure = this._measures.get(cat.measure);
    const state = { cat: cat, items: [], conds: [], fieldset: null, itemBox: null, nextItem: 0 };
    const hintId = uid + "-hint";
    const fieldset = h("fieldset", { class: "category", part: "category", "aria-describedby": hintId, "data-category": cat.id });
    state.fieldset = fieldset;
    const legend = h("legend", { class: "category-title" });
    this._bind(legend, (L, ui) => {
      legend.textContent = "";
      append(legend, cat.label[L], " ", h("span", { class: "clause" }, ui.clause(measure ? measure.id : cat.measure)));
    });
    append(
      fieldset,
      legend,
      this._text("p", { class: "hint", id: hintId }, (L) => (cat.hint ? cat.hint[L] : ""))
    );

    if (cat.kind === "award") {
      const applyId = uid + "-apply";
      state.applying = h("input", { type: "checkbox", id: applyId, part: "checkbox", "data-field": "apply" });
      append(
        fieldset,
        h("div", { class: "check" }, state.applying, this._text("label", { for: applyId }, (L, ui) => ui.applying)),
        this._text("p", { class: "hint small" }, (L, ui) => ui.awardNote)
      );
    } else {
      state.itemBox = h("div", { class: "items" });
      fieldset.appendChild(state.itemBox);
      this._addItem(state, false);
      state.addButton = h("button", { type: "button", class: "link-button add", part: "add-item" });
      this._bind(state.addButton, (L, ui) => {
        setText(state.addButton, "+ " + ui.addItem);
        // The accessible name starts with the visible text and names the category.
        state.addButton.setAttribute("aria-label", ui.addItem + " · " + cat.label[L]);
      });
      state.addButton.addEventListener("click", () => this._addItem(state, true));
      fieldset.appendChild(state.addButton);
    }

    if (cat.conditions && cat.conditions.length) {
      const box = h("div", { class: "conditions", role: "group", "aria-labelledby": uid + "-cond-h" });
      box.appendChild(this._text("p", { class: "conditions-title", id: uid + "-cond-h" }, (L, ui) => ui.conditions));
      cat.conditions.forEach((cond) => {
        const cid = uid + "-c-" + cond.id;
        const err = h("p", { class: "error", id: cid + "-err", part: "error", hidden: true });
        let input;
        if (cond.type === "bool") {
          input = h("input", { type: "checkbox", id: cid, part: "checkbox", checked: cond.default === true, "data-condition": cond.id });
          input.defaultChecked = cond.default === true;
          box.appendChild(h("div", { class: "check" }, input, this._text("label", { for: cid }, (L) => cond.label[L]), err));
        } else {
          input = h("input", {
            type: "text",
            id: cid,
            part: "input count",
            class: "count",
            inputmode: "numeric",
            autocomplete: "off",
            spellcheck: "false",
            "data-condition": cond.id,
          });
          box.appendChild(
            h("div", { class: "field" }, this._text("label", { for: cid }, (L) => cond.label[L]), input, err)
          );
        }
        state.conds.push({ cond: cond, input: input, error: err });
      });
      fieldset.appendChild(box);
    }

    // Support already received under another policy: out of the way.
    const oid = uid + "-other";
    state.other = {
      input: h("input", {
        type: "text",
        id: oid,
        part: "input amount",
        class: "amount",
        inputmode: "decimal",
        autocomplete: "off",
        spellcheck: "false",
        "aria-describedby": oid + "-read " + oid + "-hint " + this._uid + "-fmt",
        "data-field": "other_policy_support",
      }),
      reading: h("p", { class: "reading", id: oid + "-read", part: "reading" }),
      error: h("p", { class: "error", id: oid + "-err", part: "error", hidden: true }),
    };
    state.other.details = h(
      "details",
      { class: "other", part: "other-support" },
      this._text("summary", null, (L, ui) => ui.other),
      h(
        "div",
        { class: "field" },
        this._text("label", { for: oid }, (L, ui) => ui.otherAmount),
        this._text("p", { class: "hint small", id: oid + "-hint" }, (L, ui) => ui.otherHint),
        state.other.input,
        state.other.error,
        state.other.reading
      )
    );
    fieldset.appendChild(state.other.details);
    state.catError = h("p", { class: "error", id: uid + "-err", part: "error", hidden: true });
    fieldset.appendChild(state.catError);
    this._cats.push(state);
    return fieldset;
  }

  _addItem(state, focus) {
    const n = state.nextItem++;
    const iid = this._uid + "-" + state.cat.id + "-i" + n;
    const item = {
      input: h("input", {
        type: "text",
        id: iid,
        part: "input amount",
        class: "amount",
        inputmode: "decimal",
        autocomplete: "off",
        spellcheck: "false",
        "aria-describedby": iid + "-read " + this._uid + "-fmt",
        "data-field": "amount",
      }),
      reading: h("p", { class: "reading", id: iid + "-read", part: "reading" }),
      error: h("p", { class: "error", id: iid + "-err", part: "error", hidden: true }),
      label: h("label", { for: iid }),
      remove: null,
      row: null,
    };
    item.row = h("div", { class: "field item" }, item.label, h("div", { class: "input-row" }, item.input), item.error, item.reading);
    if (state.items.length > 0) {
      item.remove = h("button", { type: "button", class: "remove", part: "remove-item" });
      item.remove.addEventListener("click", () => this._removeItem(state, item));
      item.row.querySelector(".input-row").appendChild(item.remove);
    }
    state.items.push(item);
    state.itemBox.appendChild(item.row);
    this._bind(item.label, () => this._labelItems(state));
    if (item.remove) this._bind(item.remove, () => this._labelItems(state));
    this._labelItems(state);
    if (focus) item.input.focus();
  }

  _removeItem(state, item) {
    const i = state.items.indexOf(item);
    if (i < 0) return;
    state.items.splice(i, 1);
    item.row.remove();
    this._labelItems(state);
    const next = state.items[Math.min(i, state.items.length - 1)];
    if (next) next.input.focus();
    this._recalc();
  }

  _labelItems(state) {
    const ui = UI[this._lang];
    const many = state.items.length > 1;
    state.items.forEach((item, i) => {
      setText(item.label, many ? ui.amountN(i + 1) : ui.amount);
      if (item.remove) {
        setText(item.remove, "×");
        item.remove.setAttribute("aria-label", ui.removeItem(i + 1) + " · " + state.cat.label[this._lang]);
      }
    });
  }

  // ---------- input handling

  _onInput(e) {
    const t = e.target;
    const field = t && t.getAttribute("data-field");
    if (field === "amount" || field === "other_policy_support") this._showReading(t);
    clearTimeout(this._timer);
    this._timer = setTimeout(() => this._recalc(), INPUT_DELAY_MS);
  }

  _onChange(e) {
    const t = e.target;
    if (t && t.type === "checkbox") {
      clearTimeout(this._timer);
      this._recalc();
    }
  }

  /** A focused field is never hidden under the small sticky total (narrow screens). */
  _keepInView(target) {
    const mini = this._mini;
    if (!mini || !target || !target.getBoundingClientRect) return;
    const m = mini.getBoundingClientRect();
    if (!m.height) return;
    const r = target.getBoundingClientRect();
    if (r.bottom > m.top && r.top < m.bottom && target.scrollIntoView) {
      target.scrollIntoView({ block: "center" });
    }
  }

  _showReading(input) {
    const reading = this._root.getElementById(input.id + "-read");
    if (!reading) return;
    const raw = input.value.trim();
    let text = "";
    if (raw && this._engineUsable()) {
      try {
        text = formatYuan(this._engine.readAmount(raw));
      } catch (e) {
        text = "";
        // A fault (trap) rather than an input error: the next calculation restarts the engine.
        if (isEngineFault(e)) this._engineBroken = true;
      }
    }
    reading.setAttribute("data-value", text);
    this._dyn(reading, (L, ui) => setText(reading, text ? ui.readAs(text) : ""));
  }

  /** Reads a months/count condition: whole numbers as numbers, anything else as typed (the engine names the error). */
  _readCount(input) {
    const raw = toHalfWidthDigits(input.value.trim());
    if (raw === "") return undefined;
    if (/^-?\d+$/.test(raw) && raw.length <= 9) return parseInt(raw, 10);
    return raw;
  }

  _buildRequest() {
    const expenses = [];
    const map = [];
    this._cats.forEach((state) => {
      let conditions = null;
      state.conds.forEach((c) => {
        const v = c.cond.type === "bool" ? c.input.checked : this._readCount(c.input);
        if (v === undefined) return;
        if (!conditions) conditions = {};
        conditions[c.cond.id] = v;
      });
      const other = state.other.input.value.trim();
      let first = true;
      const push = (item) => {
        const entry = { category: state.cat.id };
        if (item) entry.amount = item.input.value.trim();
        if (conditions) entry.conditions = Object.assign({}, conditions);
        if (other && first) entry.other_policy_support = other;
        first = false;
        expenses.push(entry);
        map.push({ state: state, item: item });
      };
      if (state.cat.kind === "award") {
        if (state.applying.checked) push(null);
      } else {
        state.items.forEach((item) => {
          if (item.input.value.trim() !== "") push(item);
        });
      }
    });
    return { request: { year: this.year, expenses: expenses }, map: map };
  }

  // ---------- calculation

  /**
   * Calculates from the form and shows the result. `afterRestart`: the same calculation again,
   * with a new engine instance after a fault (not a new request, so no second restart for it).
   */
  _recalc(afterRestart) {
    clearTimeout(this._timer);
    this._timer = 0;
    if (!this._engine || this._restarting || this._engineDead) return;
    if (afterRestart !== true) this._calcSerial++;
    // Another element on the page may have replaced the shared engine after a fault: use the new one.
    if (currentEngine && currentEngine !== this._engine) {
      this._engine = currentEngine;
      this._engineBroken = false;
    }
    if (this._engineBroken) {
      this._engineFault(null);
      return;
    }
    const built = this._buildRequest();
    this._clearErrors();
    let result = null;
    let request = built.request;
    let errors = null;
    try {
      result = this._engine.calculate(request);
    } catch (err) {
      if (isEngineFault(err)) {
        this._engineFault(err);
        return;
      }
      errors = normaliseErrors(err);
    }
    let excluded = 0;
    let stale = false;
    if (errors) {
      const placed = this._showErrors(errors, built.map);
      // Leave out the entries that have errors and keep the rest of the estimate current.
      if (placed.general === 0 && placed.bad.size > 0) {
        request = { year: request.year, expenses: request.expenses.filter((_, i) => !placed.bad.has(i)) };
        try {
          result = this._engine.calculate(request);
          excluded = placed.bad.size;
        } catch (err2) {
          if (isEngineFault(err2)) {
            this._engineFault(err2);
            return;
          }
          result = null;
        }
      }
      stale = !result;
    }
    this._updateFilledCounts(built.map);
    if (result) {
      const sig = JSON.stringify(result);
      const changed = sig !== this._resultSig;
      this._resultSig = sig;
      this._result = result;
      this._request = request;
      this._renderResult();
      if (changed) {
        this.dispatchEvent(new CustomEvent("subsidy-change", { bubbles: true, composed: true, detail: result }));
      }
    }
    this._renderPending(excluded, stale, errors);
  }

  _engineUsable() {
    return !!this._engine && !this._restarting && !this._engineDead && !this._engineBroken;
  }

  /**
   * The engine threw something that is not an input error (a trap): its instance is discarded
   * and a new one made, then the same calculation runs again. At most one restart per
   * calculation and MAX_RESTARTS per element, so a trap that always recurs cannot loop.
   */
  _engineFault(err) {
    if (this._restarting || this._engineDead) return;
    this._engineBroken = true;
    if (err && typeof console !== "undefined") console.warn("pinghu-subsidy-calculator: the engine failed", err);
    this._clearErrors();
    if (this._restarts >= MAX_RESTARTS) {
      this._engineDead = true;
      this._showEngineError({ zh: UI.zh.engineFailed, en: UI.en.engineFailed });
      return;
    }
    if (this._restartSerial === this._calcSerial) {
      // The new instance failed on the same request: wait for the next change.
      this._showEngineError(normaliseErrors(err || new Error("engine restarted"))[0]);
      return;
    }
    this._restarts++;
    this._restartSerial = this._calcSerial;
    this._restarting = true;
    restartEngine(this._engine).then(
      (engine) => {
        this._restarting = false;
        this._engineBroken = false;
        this._engine = engine;
        this._engineNotice.hidden = false;
        this._dyn(this._engineNotice, (L, ui) => setText(this._engineNotice, ui.restarted));
        this._cats.forEach((state) => {
          (state.items || []).forEach((item) => this._showReading(item.input));
          this._showReading(state.other.input);
        });
        this._recalc(true);
      },
      (e) => {
        this._restarting = false;
        this._engineDead = true;
        if (typeof console !== "undefined") console.warn("pinghu-subsidy-calculator: the engine could not be restarted", e);
        this._showEngineError({ zh: UI.zh.engineFailed, en: UI.en.engineFailed });
      }
    );
  }

  /** The previous estimate stays, marked as not current, with the engine's failure said above it. */
  _showEngineError(err) {
    this._markError(null, this._generalError, { zh: err.zh, en: err.en });
    this._renderPending(0, "engine", null);
  }

  /** Marks the moment the first result is on screen (`performance.mark`, read by bench/browser.mjs). */
  _noteFirstResult() {
    if (this._firstResultShown || !this._result || !this._shell || this._shell.hidden) return;
    this._firstResultShown = true;
    if (typeof performance !== "undefined" && typeof performance.mark === "function") {
      try {
        performance.mark("pinghu-first-result");
      } catch (e) {
        // Marks are a measurement aid only.
      }
    }
  }

  _updateFilledCounts(map) {
    this._groups.forEach((g) => {
      const n = map.filter((m) => m.state.cat.applicant === g.applicant.id).length;
      this._dyn(g.count, (L, ui) => setText(g.count, n ? ui.filled(n) : ""));
    });
  }

  _clearErrors() {
    this._errorFields = this._errorFields || [];
    this._errorFields.forEach((f) => {
      if (f.input) {
        f.input.removeAttribute("aria-invalid");
        removeToken(f.input, "aria-describedby", f.error.id);
      }
      f.error.hidden = true;
      this._dyn(f.error, null);
      f.error.textContent = "";
    });
    this._errorFields = [];
  }

  _markError(input, errorEl, err) {
    let field = this._errorFields.filter((f) => f.error === errorEl)[0];
    if (!field) {
      field = { input: input, error: errorEl, errs: [] };
      this._errorFields.push(field);
    }
    if (field.errs.some((e) => e.zh === err.zh && e.en === err.en)) return;
    field.errs.push(err);
    if (input) {
      input.setAttribute("aria-invalid", "true");
      addToken(input, "aria-describedby", errorEl.id);
    }
    // An error is never hidden in a folded section.
    for (let n = errorEl.parentNode; n && n !== this._root; n = n.parentNode) {
      if (n.tagName === "DETAILS") n.open = true;
    }
    errorEl.hidden = false;
    this._dyn(errorEl, (L) => setText(errorEl, field.errs.map((e) => e[L] || e.zh || e.en).join(" ")));
  }

  /** Puts each engine error at the input that produced it. */
  _showErrors(errors, map) {
    const bad = new Set();
    let general = 0;
    errors.forEach((err) => {
      const path = String(err.path || "");
      const m = /^expenses\[(\d+)\](?:\.([A-Za-z0-9_]+)(?:\.([A-Za-z0-9_]+))?)?/.exec(path);
      if (m && map[+m[1]]) {
        const idx = +m[1];
        const entry = map[idx];
        const state = entry.state;
        bad.add(idx);
        if (m[2] === "amount" && entry.item) {
          this._markError(entry.item.input, entry.item.error, err);
        } else if (m[2] === "other_policy_support") {
          this._markError(state.other.input, state.other.error, err);
        } else if (m[2] === "conditions" && m[3]) {
          const c = state.conds.filter((x) => x.cond.id === m[3])[0];
          if (c) this._markError(c.input, c.error, err);
          else this._markError(null, state.catError, err);
        } else {
          this._markError(entry.item ? entry.item.input : null, state.catError, err);
        }
      } else if (/^year/.test(path)) {
        general++;
        this._markError(this._yearSelect, this._yearError, err);
      } else {
        general++;
        this._markError(null, this._generalError, err);
      }
    });
    return { bad: bad, general: general };
  }

  _renderPending(excluded, stale, errors) {
    const el = this._pending;
    this._dyn(el, (L, ui) => {
      let text = "";
      if (stale === "engine") text = ui.staleEngine;
      else if (stale) text = ui.stale;
      else if (excluded) text = ui.pending(excluded);
      setText(el, text);
      el.hidden = !text;
    });
  }

  // ---------- results

  _buildResults() {
    const id = (s) => this._uid + "-" + s;
    this._totalValue = h("p", { class: "total-value", part: "total-value" });
    this._totalWan = h("p", { class: "total-wan", part: "total-wan" });
    this._totalYear = h("p", { class: "total-year" });
    this._awards = h("p", { class: "awards", part: "awards", hidden: true });
    this._pending = h("p", { class: "pending", part: "pending", hidden: true });
    this._engineNotice = h("p", { class: "engine-notice", part: "engine-notice", hidden: true });
    this._generalError = h("p", { class: "error", id: id("general-err"), part: "error", hidden: true });
    this._topNotices = h("ul", { class: "notices", part: "notices" });
    this._lines = h("ol", { class: "lines", part: "lines" });
    this._empty = this._text("p", { class: "empty" }, (L, ui) => ui.emptyResult);
    this._footnotes = h("ul", { class: "footnotes" });
    this._printHead = h("div", { class: "print-only print-head" });
    this._printFoot = h("p", { class: "print-only disclaimer" });

    const total = h(
      "div",
      { class: "total", part: "total" },
      this._text("p", { class: "total-label", id: id("total-l") }, (L, ui) => ui.total),
      this._totalValue,
      this._totalWan,
      this._totalYear,
      this._awards
    );

    const actions = h(
      "div",
      { class: "actions", part: "actions", role: "group", "aria-label": "" },
      this._actionButton("copy", () => this._copySummary()),
      this._actionButton("json", () => this._downloadJson()),
      this._actionButton("csv", () => this._downloadCsv()),
      this._actionButton("print", () => window.print()),
      this._actionButton("clear", () => this._clearAll())
    );
    this._bind(actions, (L, ui) => actions.setAttribute("aria-label", ui.actions));

    this._mini = h("div", { class: "mini", part: "mini-total", "aria-hidden": "true" },
      this._text("span", { class: "mini-label" }, (L, ui) => ui.miniTotal),
      h("span", { class: "mini-value" }));

    this._results = h(
      "section",
      { class: "results", part: "results", "aria-labelledby": id("res-h") },
      this._text("h2", { id: id("res-h"), class: "section-title" }, (L, ui) => ui.resultsHeading),
      h(
        "div",
        { class: "live", "aria-live": "polite" },
        total,
        this._engineNotice,
        this._pending,
        this._generalError,
        this._topNotices,
        this._empty,
        this._lines
      ),
      actions,
      h(
        "div",
        { class: "notes" },
        this._text("h3", { class: "notes-title" }, (L, ui) => ui.notes),
        this._footnotes
      ),
      this._printFoot
    );
  }

  _actionButton(key, onClick) {
    const b = this._text("button", { type: "button", class: "action", part: "action " + key, "data-action": key }, (L, ui) => ui[key]);
    b.addEventListener("click", onClick);
    return b;
  }

  _renderResult() {
    const r = this._result;
    const L = this._lang;
    const ui = UI[L];
    const policy = this._engine.policy;

    setText(this._totalValue, formatYuan(r.total));
    setText(this._totalWan, ui.wan(formatWan(r.total)));
    setText(this._totalYear, ui.yearLabel(r.year));
    setText(this._mini.querySelector(".mini-value"), formatYuan(r.total));
    this._noteFirstResult();
    this._totalValue.parentNode.classList.toggle("out", r.in_force === false);

    const hasAwards = !isZero(r.awards_up_to);
    this._awards.hidden = !hasAwards;
    patch(this._awards, [L, hasAwards && r.awards_up_to], () =>
      hasAwards
        ? [ui.awardsUpTo + " ", h("strong", { class: "num" }, formatYuan(r.awards_up_to)), h("span", { class: "awards-note" }, paren(L, ui.awardsNote))]
        : []
    );

    // Notices: banner codes are already at the top; footnotes at the end;
    // per-category ones at their line; the rest prominently above the lines.
    const notices = r.notices || [];
    const byCategory = new Map();
    const top = [];
    const foot = [];
    notices.forEach((n) => {
      if (BANNER_CODES.indexOf(n.code) >= 0) return;
      if (n.category && r.lines.some((l) => l.category === n.category)) {
        if (!byCategory.has(n.category)) byCategory.set(n.category, []);
        byCategory.get(n.category).push(n);
      } else if (FOOTNOTE_CODES.indexOf(n.code) >= 0) foot.push(n);
      else top.push(n);
    });
    // Rebuilt only when changed, so that the live region does not repeat them at every keystroke.
    patch(this._topNotices, [L, top], () => top.map((n) => this._notice(n, L, true)));
    patch(this._footnotes, [L, foot], () => foot.map((n) => h("li", { "data-code": n.code }, n[L])));

    // Lines, keyed by category: unchanged rows stay (quiet live region, open details kept).
    const rows = r.lines.map((line) => {
      const lineNotices = byCategory.get(line.category) || [];
      const sig = JSON.stringify([L, line, lineNotices]);
      const old = this._lineRows.get(line.category);
      if (old && old.sig === sig) return old.el;
      const el = this._lineRow(line, lineNotices, L, ui);
      if (old) {
        const wasOpen = old.el.querySelector("details.explain");
        if (wasOpen && wasOpen.open) el.querySelector("details.explain").open = true;
      }
      this._lineRows.set(line.category, { sig: sig, el: el });
      return el;
    });
    const keep = new Set(r.lines.map((l) => l.category));
    Array.from(this._lineRows.keys()).forEach((k) => {
      if (!keep.has(k)) this._lineRows.delete(k);
    });
    const same = rows.length === this._lines.children.length && rows.every((el, i) => this._lines.children[i] === el);
    if (!same) replaceChildren(this._lines, rows);
    this._empty.hidden = r.lines.length > 0;

    // Print header and footer.
    this._printHead.textContent = "";
    append(
      this._printHead,
      h("p", { class: "print-title" }, ui.printTitle),
      h("p", null, ui.printMeta(todayIso(), r.policy ? r.policy.version : policy.version) + " · " + ui.yearLabel(r.year))
    );
    setText(this._printFoot, ui.disclaimer);
  }

  _notice(n, L, prominent) {
    const warn = WARNING_CODES.indexOf(n.code) >= 0;
    return h(
      "li",
      { class: "notice" + (warn ? " warn" : "") + (prominent ? " prominent" : ""), part: "notice", "data-code": n.code },
      n[L]
    );
  }

  _lineRow(line, notices, L, ui) {
    const cat = this._categories.get(line.category) || { label: { zh: line.category, en: line.category }, measure: line.clause };
    const measure = this._measures.get(line.clause) || this._measures.get(cat.measure);
    const label = cat.label[L];
    const badges = h("span", { class: "badges" });
    if (line.capped) badges.appendChild(h("span", { class: "badge capped", part: "badge capped" }, ui.capped));
    if (line.eligible === false) badges.appendChild(h("span", { class: "badge ineligible", part: "badge ineligible" }, ui.notEligible));
    if (line.rate_assumed) badges.appendChild(h("span", { class: "badge assumed", part: "badge assumed" }, ui.assumed));

    const facts = h("dl", { class: "facts" });
    const fact = (k, v) => append(facts, h("div", null, h("dt", null, k), h("dd", { class: "num" }, v)));
    if (line.expense !== null && line.expense !== undefined) fact(ui.spent, formatYuan(line.expense));
    if (line.rate !== null && line.rate !== undefined) fact(ui.rate, formatRate(line.rate));
    fact(ui.cap, formatYuan(line.cap) + (cat.cap_period_label ? " · " + cat.cap_period_label[L] : ""));
    if (line.other_policy_support && !isZero(line.other_policy_support)) fact(ui.otherPolicy, formatYuan(line.other_policy_support));

    let bar = null;
    if (!line.upper_bound) {
      bar = h("meter", { class: "bar", part: "bar", min: "0", max: line.cap, value: line.support, "aria-label": ui.barLabel(label) });
    }

    const explain = h("details", { class: "explain", part: "details" }, h("summary", null, ui.details));
    const ex = line.explanation ? line.explanation[L] : "";
    if (ex) explain.appendChild(h("p", { class: "explanation" }, ex));
    if (measure) {
      if (L === "en" && measure.summary_en) explain.appendChild(h("p", { class: "summary-en" }, measure.summary_en));
      explain.appendChild(
        h(
          "figure",
          { class: "quote" },
          h("figcaption", null, ui.quote(measure.id)),
          h("blockquote", { lang: "zh-CN" }, measure.text)
        )
      );
      const deps = measure.departments && measure.departments[L];
      if (deps && deps.length) {
        explain.appendChild(h("p", { class: "departments" }, h("strong", null, ui.departments + (L === "en" ? ": " : "：")), deps.join(L === "en" ? ", " : "、")));
      }
    }

    return h(
      "li",
      { class: "line" + (line.eligible === false ? " is-ineligible" : ""), part: "line", "data-category": line.category },
      h(
        "div",
        { class: "line-head" },
        h("p", { class: "line-title" }, label, " ", h("span", { class: "clause" }, ui.clause(line.clause))),
        h(
          "p",
          { class: "line-support num", part: "line-support" },
          line.upper_bound ? h("span", { class: "upto" }, ui.upTo + " ") : null,
          formatYuan(line.support)
        )
      ),
      badges.childNodes.length ? badges : null,
      bar,
      facts,
      notices.length ? h("ul", { class: "notices line-notices" }, notices.map((n) => this._notice(n, L, false))) : null,
      ex ? h("p", { class: "print-only explanation" }, ex) : null,
      explain
    );
  }

  // ---------- keeping and sharing

  _summaryText() {
    const r = this._result;
    const L = this._lang;
    const ui = UI[L];
    const doc = this._engine.policy.document;
    const sep = L === "en" ? ": " : "：";
    const lines = [];
    lines.push(ui.printTitle);
    lines.push(doc.title[L] + (doc.status_label ? paren(L, doc.status_label[L]) : ""));
    lines.push(ui.printMeta(todayIso(), r.policy ? r.policy.version : "") + " · " + ui.yearLabel(r.year));
    lines.push("");
    lines.push(ui.total + sep + formatYuan(r.total) + paren(L, ui.wanInline(formatWan(r.total))));
    if (!isZero(r.awards_up_to)) lines.push(ui.awardsUpTo + " " + formatYuan(r.awards_up_to) + paren(L, ui.awardsNote));
    r.lines.forEach((line) => {
      const cat = this._categories.get(line.category);
      const label = cat ? cat.label[L] : line.category;
      let s = "- " + label + paren(L, ui.clause(line.clause)) + sep;
      if (line.expense) s += ui.spent + " " + formatYuan(line.expense) + " → ";
      s += (line.upper_bound ? ui.upTo + " " : "") + formatYuan(line.support);
      const flags = [];
      if (line.capped) flags.push(ui.capped);
      if (line.eligible === false) flags.push(ui.notEligible);
      if (line.rate_assumed) flags.push(ui.assumed);
      if (flags.length) s += paren(L, flags.join(L === "en" ? ", " : "，"));
      lines.push(s);
    });
    const notices = (r.notices || []).filter((n) => n.code !== "draft");
    if (notices.length) {
      lines.push("");
      lines.push(ui.notes + sep.trim());
      notices.forEach((n) => lines.push("- " + n[L]));
    }
    lines.push("");
    lines.push(ui.disclaimer);
    return lines.join("\n");
  }

  _say(text) {
    setText(this._status, "");
    // A fresh text node so that repeated messages are announced again.
    setTimeout(() => setText(this._status, text), 50);
  }

  _copySummary() {
    if (!this._result) return;
    const text = this._summaryText();
    const ui = UI[this._lang];
    const fallback = () => {
      const ta = h("textarea", { class: "offscreen", readonly: true, "aria-hidden": "true", tabindex: "-1" });
      ta.value = text;
      this._root.appendChild(ta);
      ta.select();
      let ok = false;
      try {
        ok = document.execCommand("copy");
      } catch (e) {
        ok = false;
      }
      ta.remove();
      this._say(ok ? ui.copied : ui.copyFailed);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(() => this._say(ui.copied), fallback);
    } else {
      fallback();
    }
  }

  _download(name, type, content) {
    const blob = new Blob([content], { type: type });
    const url = URL.createObjectURL(blob);
    const a = h("a", { href: url, download: name, class: "offscreen", tabindex: "-1", "aria-hidden": "true" });
    this._root.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    this._say(UI[this._lang].downloaded(name));
  }

  _fileBase() {
    const p = this._engine.policy;
    return (p.id || "estimate") + "-estimate-" + todayIso();
  }

  _downloadJson() {
    if (!this._result) return;
    const p = this._engine.policy;
    const data = {
      policy: { id: p.id, version: p.version },
      date: todayIso(),
      lang: this._lang === "en" ? "en" : "zh-CN",
      input: this._request,
      result: this._result,
    };
    this._download(this._fileBase() + ".json", "application/json", JSON.stringify(data, null, 2) + "\n");
  }

  _downloadCsv() {
    if (!this._result) return;
    const L = this._lang;
    const header = ["clause", "category", "label", "kind", "expense", "rate", "rate_assumed", "cap", "cap_period", "support", "capped", "upper_bound", "eligible", "other_policy_support"];
    const rows = [header];
    this._result.lines.forEach((line) => {
      const cat = this._categories.get(line.category);
      rows.push([
        line.clause,
        line.category,
        cat ? cat.label[L] : "",
        line.kind,
        line.expense,
        line.rate,
        line.rate_assumed,
        line.cap,
        line.cap_period,
        line.support,
        line.capped,
        line.upper_bound,
        line.eligible,
        line.other_policy_support,
      ]);
    });
    const csv = "\uFEFF" + rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
    this._download(this._fileBase() + ".csv", "text/csv;charset=utf-8", csv);
  }

  _clearAll() {
    this._cats.forEach((state) => {
      if (state.items) {
        state.items.slice(1).forEach((item) => item.row.remove());
        state.items.length = Math.min(state.items.length, 1);
        state.items.forEach((item) => {
          item.input.value = "";
          this._showReading(item.input);
        });
        this._labelItems(state);
      }
      if (state.applying) state.applying.checked = false;
      state.conds.forEach((c) => {
        if (c.input.type === "checkbox") c.input.checked = c.input.defaultChecked;
        else c.input.value = "";
      });
      state.other.input.value = "";
      this._showReading(state.other.input);
      state.other.details.open = false;
    });
    this._recalc();
    this._say(UI[this._lang].cleared);
  }
}

/** Brackets in the reading language: （…） in Chinese, (…) in English. */
function paren(L, s) {
  return L === "en" ? " (" + s + ")" : "（" + s + "）";
}

/** Replaces el's children by build() unless `key` is the same as last time. */
function patch(el, key, build) {
  const sig = JSON.stringify(key);
  if (el.__pinghuSig === sig) return;
  el.__pinghuSig = sig;
  replaceChildren(el, build());
}

function replaceChildren(el, children) {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, children);
}

function normaliseErrors(err) {
  if (err && Array.isArray(err.errors) && err.errors.length) return err.errors;
  const msg = String((err && err.message) || err);
  return [{ path: "", code: "error", zh: UI.zh.calcFailed + msg, en: UI.en.calcFailed + msg }];
}

PinghuSubsidyCalculatorElement.formatYuan = formatYuan;
PinghuSubsidyCalculatorElement.formatWan = formatWan;

if (typeof window !== "undefined" && window.customElements) {
  PinghuSubsidyCalculatorElement.define();
  if (!window.PinghuSubsidyCalculatorElement) window.PinghuSubsidyCalculatorElement = PinghuSubsidyCalculatorElement;
}

export { PinghuSubsidyCalculatorElement, formatYuan, formatWan, formatRate };
export default PinghuSubsidyCalculatorElement;
