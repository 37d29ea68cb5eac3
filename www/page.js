// Standalone page: the language switch. No policy knowledge here.
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

// The policy's sources are listed in index.html itself (the build writes them there from
// policy(): scripts/sources.mjs), so nothing above the element moves after its first result.
function start() {
  setLang(initialLang());
}

// Loaded `async`: the document may still be parsing.
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
