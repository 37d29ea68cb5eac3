// The mapping step on the batch page (DOM): each column of the sheet with what it maps to and its
// unit, both changeable; the warnings at the top (an unused column holding numbers, a column that
// looks like 万元, mixed encodings); the fill-down offer for empty names; the mapping saved on
// this device. The logic is in mapping.js and sheet.js; this module only draws and listens.
// textContent and attributes only.
import { h, replaceChildren } from "../element/dom.js";
import { choices, takesMoney, columnsFor } from "./mapping.js";

const $ = (id) => document.getElementById(id);
const both = (zh, en) => zh + " / " + en;

/**
 * Draws the step. `view`: `{ policy, mapping, problems, runs, near, mixed, encoding, saved, preview }`
 * (runs: the fill-down runs of sheet.js; near: its near-duplicate notes; preview: the first rows); `on`: `{ change(mapping),
 * fillDown(), merge([a, b]), encoding(enc) }`.
 */
export function renderReview(view, on) {
  const { policy, mapping, problems } = view;
  const all = choices(policy);
  const cols = columnsFor(policy, mapping);
  const warnings = problems.filter((p) => p.level !== "info").map((p) => h("li", { class: p.level, "data-code": p.code, text: both(p.zh, p.en) }));
  if (view.mixed) {
    warnings.unshift(h("li", { class: "warning", "data-code": "mixed_encoding" },
      both("文件混有两种编码（" + view.mixed + " 行是 UTF-8，其余是 GBK）：部分企业名称会是乱码", "the file mixes two encodings (" + view.mixed + " lines are UTF-8, the rest GBK): some names come out garbled") + " ",
      h("button", { type: "button", id: "other-encoding", onclick: () => on.encoding(view.encoding === "utf-8" ? "gb18030" : "utf-8"),
        text: view.encoding === "utf-8" ? both("改用 GBK 读取", "read as GBK") : both("改用 UTF-8 读取", "read as UTF-8") })));
  }
  for (const r of view.runs || []) {
    warnings.push(h("li", { class: "warning", "data-code": "empty_names" },
      both("第" + r.from + (r.to > r.from ? "–" + r.to : "") + "行企业名称为空（" + r.count + " 行）：按上一行企业“" + r.name + "”计？",
        "rows " + r.from + (r.to > r.from ? "–" + r.to : "") + " have no enterprise name (" + r.count + " rows): count them as “" + r.name + "” above?")));
  }
  if ((view.runs || []).length) {
    warnings.push(h("li", { class: "action" }, h("button", { type: "button", id: "fill-down", onclick: on.fillDown,
      text: view.fillDown ? both("已按上一行企业计", "counted as the enterprise above") : both("全部按上一行企业计", "count them all as the enterprise above") })));
  }
  replaceChildren($("review-warnings"), warnings);
  $("review-warnings").hidden = warnings.length === 0;
  // Near-duplicate names: listed, not merged, each with a button that counts them as one.
  const near = (view.near || []).map((n) => h("li", null, both(n.zh, n.en) + " ",
    h("button", { type: "button", class: "merge", onclick: () => on.merge(n.names), text: both("按同一企业计", "count as one") })));
  replaceChildren($("near"), near);
  $("near-box").hidden = near.length === 0;

  const rows = mapping.map((f, i) => {
    const select = h("select", { "data-column": i, "aria-label": both("第" + (i + 1) + "列“" + f.header + "”对应", "column " + (i + 1) + " maps to"),
      onchange: (ev) => on.change(mapping.map((g, j) => (j === i ? { ...g, key: ev.target.value, unit: g.unit || "元" } : g))) },
      all.map((c) => h("option", { value: c.key, selected: c.key === f.key, text: c.key ? c.zh + " (" + c.key + ")" : both(c.zh, c.en) })));
    const unit = takesMoney(cols[i])
      ? h("select", { "data-unit": i, "aria-label": both("第" + (i + 1) + "列单位", "column " + (i + 1) + " unit"),
        onchange: (ev) => on.change(mapping.map((g, j) => (j === i ? { ...g, unit: ev.target.value } : g))) },
        ["元", "万元"].map((u) => h("option", { value: u, selected: (f.unit || "元") === u, text: u })))
      : h("span", { text: "—" });
    const sample = (view.preview || []).map((r) => (i < r.fields.length ? String(r.fields[i]).trim() : "")).filter((x) => x !== "").slice(0, 3).join("、");
    return h("tr", { class: f.key ? null : "unused" },
      h("td", { class: "num", text: String(i + 1) }),
      h("th", { scope: "row", text: f.header || both("（无列名）", "(no header)") }),
      h("td", null, select),
      h("td", null, unit),
      h("td", { class: "sample", text: sample }));
  });
  replaceChildren($("mapping"), [
    h("thead", null, h("tr", null, h("th", { class: "num", text: "#" }), h("th", { text: both("表头", "Header") }),
      h("th", { text: both("对应", "Maps to") }), h("th", { text: both("单位", "Unit") }), h("th", { text: both("示例", "Sample") }))),
    h("tbody", null, rows)]);
  const unused = mapping.filter((f) => !f.key).map((f) => f.header || "#" + (f.index + 1));
  $("unused").textContent = unused.length ? both("未使用的列：" + unused.join("、"), "columns not used: " + unused.join(", ")) : both("每一列都已使用", "every column is used");
  $("saved-note").textContent = view.saved ? both("已使用本机保存的对应关系", "the mapping saved on this device is used") : "";
  $("review-box").hidden = false;
}

/** Hides the step (a failed load). */
export function hideReview() {
  $("review-box").hidden = true;
  replaceChildren($("review-warnings"), []);
  replaceChildren($("mapping"), []);
  replaceChildren($("near"), []);
  $("near-box").hidden = true;
}

/** The empty-condition lines: `[{ category, rows, extra }]` → list items (extra: yuan text or null while asked). */
export function renderConditions(policy, list, money) {
  replaceChildren($("conditions"), list.map((c) => {
    const cat = policy.categories.find((x) => x.id === c.category);
    const label = cat ? cat.label.zh : c.category;
    const en = cat ? cat.label.en : c.category;
    return h("li", { "data-category": c.category, text: both(label + "：" + c.rows + " 行的条件为空（按未满足计，支持为零）" + (c.extra == null ? "" : "；若条件满足可再增加 " + money(c.extra)),
      en + ": " + c.rows + " rows with an empty condition (counted as not met, no support)" + (c.extra == null ? "" : "; if met they would add " + money(c.extra))) });
  }));
  $("conditions-box").hidden = false;
}
