// The report's tables (tables.js) drawn in the page and in the printout: one generic table
// (money through formatYuan, counts as digits, text as text: textContent only), the page's
// sections from the list, and the one-page A4 printout (title, date, policy version and
// fingerprint, totals per measure and year, the range, the histogram, the assumptions).
import { h, replaceChildren } from "../element/dom.js";
import { formatYuan } from "../element/money.js";

const both = (zh, en) => zh + " / " + en;

function cellText(column, value) {
  if (value == null || value === "") return column.kind === "text" ? "" : "—";
  return column.kind === "money" ? formatYuan(value) : String(value);
}

/**
 * A `<table>` of one report table. `ids`: `{ "<role>.<key>": id }` puts an id on a cell of the
 * row with that role (the overall row's sums, which the tests and the status read).
 */
export function tableElement(t, ids) {
  const num = (c) => (c.kind === "text" ? null : "num");
  const head = h("tr", null, t.columns.map((c) => h("th", { scope: "col", class: num(c), text: c.label })));
  const body = t.rows.map((r) => {
    const overall = r.role === "overall";
    return h("tr", { class: overall ? "overall" : null }, t.columns.map((c, i) => {
      const id = ids && r.role ? ids[r.role + "." + c.key] : null;
      return h(overall || i === 0 ? "th" : "td", { class: num(c), scope: i === 0 ? "row" : null, id: id || null, text: cellText(c, r[c.key]) });
    }));
  });
  return h("table", { "data-table": t.name }, h("thead", null, head), h("tbody", null, body));
}

/** A titled, scrollable block of one table. */
function block(t) {
  return h("div", { class: "report-table", "data-name": t.name },
    h("h3", { text: t.title }),
    h("div", { class: "scroll", tabindex: "0", role: "region", "aria-label": t.title }, tableElement(t)));
}

const TOTAL_IDS = { "overall.total": "total-support", "overall.awards_up_to": "total-awards", "overall.changed_total": "changed-support", "overall.changed_awards": "changed-awards" };
/** Drawn in their own places; the rest in #report-tables (enterprises and changed: their own sections). */
const OWN = ["about", "totals", "caps", "enterprises", "changed"];

/** The page's results from the tables: #totals, #caps, then years, range, empty conditions, subtotals, notices. */
export function renderTables(tables, el) {
  const by = (n) => tables.find((t) => t.name === n);
  replaceChildren(el.totals, Array.from(tableElement(by("totals"), TOTAL_IDS).childNodes));
  replaceChildren(el.caps, Array.from(tableElement(by("caps")).childNodes));
  el.totals.setAttribute("data-table", "totals");
  el.caps.setAttribute("data-table", "caps");
  replaceChildren(el.more, tables.filter((t) => OWN.indexOf(t.name) < 0).map(block));
}

/**
 * The printout (#print, shown by print CSS only): title, date, policy and fingerprint, the
 * overlay if any, totals per measure and year, the range, the histogram (a copy of the page's
 * svg), the assumptions.
 */
export function renderPrint(tables, el, histogramSvg) {
  const by = (n) => tables.find((t) => t.name === n);
  const about = by("about");
  const facts = about.rows.map((r) => h("li", { text: r.item + "：" + r.value }));
  const notices = by("notices").rows.map((r) => h("li", { text: r.zh }));
  replaceChildren(el, [
    h("h1", { text: both("平湖市跨境电商扶持资金需求测算", "Pinghu cross-border e-commerce support: what it costs") }),
    h("ul", { class: "facts" }, facts),
    h("h2", { text: by("years").title }),
    tableElement(by("years")),
    h("h2", { text: by("range").title }),
    tableElement(by("range")),
    histogramSvg ? [h("h2", { text: both("每家企业支持金额分布", "Support per enterprise") }), histogramSvg.cloneNode(true)] : null,
    h("h2", { text: by("notices").title }),
    h("ol", { class: "assumptions" }, notices),
  ]);
}
