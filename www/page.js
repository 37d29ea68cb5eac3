// Standalone page: language switch. No policy knowledge here.
// The language can be preset with ?lang=en (a shareable link); nothing is stored.

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

setLang(initialLang());
