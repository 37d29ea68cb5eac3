// Standalone page: the language switch. No policy knowledge here.
// The language can be preset with ?lang=en (a shareable link); nothing is stored.
//
// A classic script in the head, parser-blocking: it runs as soon as it arrives, before the body
// is parsed and before the page's first layout. So the page is in its language before its first
// paint (nothing switches under the visitor), and the engine's one download starts at once,
// which the element takes (element/engine.js). Loaded `async` it waited for the page's first
// layout, about 80 ms at 4× CPU: docs/performance.md "The enterprise on a phone".
(function () {
  const here = document.currentScript && document.currentScript.src;
  const ENGINE_WASM = new URL("pkg/pinghu_subsidy_bg.wasm", here || document.baseURI).href;
  if (!window.pinghuSubsidyEngine && typeof window.fetch === "function") {
    window.pinghuSubsidyEngine = { url: ENGINE_WASM, response: window.fetch(ENGINE_WASM) };
  }

  const TITLES = {
    "zh-CN": "平湖市跨境电商扶持资金计算器",
    en: "Pinghu cross-border e-commerce support calculator",
  };

  /** The document's language and title: in the head, before anything is painted. */
  function setPageLang(value) {
    document.documentElement.lang = value;
    document.title = TITLES[value];
  }

  /** The language everywhere: the page, the element, the switch's buttons (once the body is there). */
  function setLang(lang) {
    const value = lang === "en" ? "en" : "zh-CN";
    setPageLang(value);
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
  const initial = initialLang();
  setPageLang(initial);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => setLang(initial));
  else setLang(initial);
})();
