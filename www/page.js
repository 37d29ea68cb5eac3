// Standalone page: language switch, and the policy's sources as its data lists them. No policy
// knowledge here: titles, statuses, dates and text files come from the element's `policy()`.
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

/** A text node in each language, shown by the page's language switch (page.css). */
function both(zh, en) {
  const out = document.createDocumentFragment();
  [["t-zh", "zh-CN", zh], ["t-en", "en", en]].forEach(function (x) {
    const s = document.createElement("span");
    s.className = x[0];
    s.setAttribute("lang", x[1]);
    s.textContent = x[2];
    out.appendChild(s);
  });
  return out;
}

/** The file name of a source's text, which the build puts beside this page. */
function fileName(path) {
  return String(path).split("/").pop();
}

/** One link per source: its title, status and issue date, in both languages. */
function showSources(policy) {
  const list = document.querySelector("[data-policy-sources]");
  const doc = policy && policy.document;
  if (!list || !doc || !doc.sources) return;
  list.textContent = "";
  doc.sources.forEach(function (s) {
    const date = s.issued ? "，" + s.issued : "";
    const dateEn = s.issued ? ", issued " + s.issued : "";
    const a = document.createElement("a");
    a.href = fileName(s.file);
    a.type = "text/plain";
    a.hreflang = "zh-CN";
    a.setAttribute("data-source", s.id);
    a.appendChild(both(s.title.zh + "（" + s.status_label.zh + date + "，纯文本）", s.title.en + " (" + s.status_label.en + dateEn + ", Chinese, plain text)"));
    const li = document.createElement("li");
    li.appendChild(a);
    list.appendChild(li);
  });
  list.hidden = false;
  const own = document.querySelector("[data-policy-document]");
  if (own) own.hidden = true;
}

const calculator = document.querySelector("pinghu-subsidy-calculator");
if (calculator && window.customElements) {
  window.customElements
    .whenDefined("pinghu-subsidy-calculator")
    .then(function () {
      return calculator.ready;
    })
    .then(function () {
      showSources(calculator.policy);
    }, function () {});
}

setLang(initialLang());
