// Standalone page: language switch, and the policy's sources as its data lists them. No policy
// knowledge here: titles, statuses, dates and text files come from the element's `policy()`.
// The language can be preset with ?lang=en (a shareable link); nothing is stored.
// Loaded `async`, it first starts the engine's one download, which the element takes
// (element/engine.js; docs/performance.md "The enterprise on a phone").
const ENGINE_WASM = new URL("pkg/pinghu_subsidy_bg.wasm", import.meta.url).href;
if (!window.pinghuSubsidyEngine && typeof window.fetch === "function") {
  window.pinghuSubsidyEngine = { url: ENGINE_WASM, response: window.fetch(ENGINE_WASM) };
}

const TITLES = {
  "zh-CN": "平湖市跨境电商扶持资金计算器",
  en: "Pinghu cross-border e-commerce support calculator",
};

function setLang(lang) {
  const value = lang === "en" ? "en" : "zh-CN";
  document.documentElement.lang = value;
  document.title = TITLES[value];
  const calc = document.querySelector("pinghu-subsidy-calculator");
  if (calc) calc.setAttribute("lang", value);
  Array.prototype.forEach.call(document.querySelectorAll("[data-set-lang]"), function (b) {
    b.setAttribute("aria-pressed", b.getAttribute("data-set-lang") === value ? "true" : "false");
  });
}

function initialLang() {
  const m = /[?&]lang=([^&#]*)/.exec(window.location.search);
  return m && /^en/i.test(decodeURIComponent(m[1])) ? "en" : "zh-CN";
}

document.addEventListener("click", function (e) {
  const b = e.target && e.target.closest ? e.target.closest("[data-set-lang]") : null;
  if (b) setLang(b.getAttribute("data-set-lang"));
});

/** One link per source of the policy (title, status, issue date, in both languages), its text beside the page. */
function showSources(doc) {
  const list = document.querySelector("[data-policy-sources]");
  if (!list || !doc || !doc.sources) return;
  doc.sources.forEach(function (s) {
    const a = document.createElement("a");
    a.href = s.file.split("/").pop();
    a.setAttribute("data-source", s.id);
    [["zh", "zh-CN", "（", "，", "）"], ["en", "en", " (", ", ", ")"]].forEach(function (l) {
      const t = a.appendChild(document.createElement("span"));
      t.className = "t-" + l[0];
      t.lang = l[1];
      t.textContent = s.title[l[0]] + l[2] + s.status_label[l[0]] + (s.issued ? l[3] + s.issued : "") + l[4];
    });
    list.appendChild(document.createElement("li")).appendChild(a);
  });
  list.hidden = false;
  document.querySelector("[data-policy-document]").hidden = true;
}

function start() {
  const calculator = document.querySelector("pinghu-subsidy-calculator");
  if (calculator && window.customElements) {
  window.customElements
    .whenDefined("pinghu-subsidy-calculator")
    .then(function () {
      return calculator.ready;
    })
    .then(function () {
      showSources(calculator.policy && calculator.policy.document);
    }, function () {});
  }
  setLang(initialLang());
}

// Loaded `async`: the document may still be parsing.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
