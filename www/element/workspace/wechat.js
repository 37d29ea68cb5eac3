// WeChat's web-view (its user agent says MicroMessenger): downloads and printing fail there, so
// the workspace offers, as the calculator does, copy (and the system's share where there is one)
// instead: the report as text, the backup as text. The report's text is pure (`reportText`).

import { h } from "../dom.js";
import { WS } from "./strings.js";
import { isWeChat } from "../guide.js";

/** The report as plain text: the head, each year's lines, the total, the ceilings, notices, disclaimer. */
export function reportText(rows, L) {
  const w = WS[L];
  const sep = L === "en" ? ": " : "：";
  const out = [w.reportHeading, ""];
  rows.head.forEach((kv) => out.push(kv[0] + sep + kv[1]));
  rows.sections.forEach((s) => {
    out.push("", s.title);
    s.lines.forEach((l) => out.push("· " + l.clause + " " + l.label + (l.expense ? sep + l.expense + " → " : sep) + l.support + (l.award ? (L === "en" ? " (not in the total)" : "（不计入合计）") : "")));
  });
  out.push("", w.reportTotal + " " + rows.total);
  if (rows.awards) out.push(w.reportAwards + " " + rows.awards);
  rows.notices.forEach((n) => out.push("· " + n));
  out.push("", rows.disclaimer);
  return out.join("\n");
}

/** Copies `text`; where the clipboard is refused, shows it selected in `area` to copy by hand. */
function copy(panel, text, area) {
  const shown = () => {
    area.hidden = false;
    area.value = text;
    area.focus();
    area.select();
    panel._say("copyByHand");
  };
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(() => panel._say("copied"), shown);
  else shown();
}

/** In WeChat: the report's and the backup's downloads and print hidden, copy and share offered. */
export function adaptForWeChat(panel, userAgent) {
  if (!isWeChat(userAgent)) return false;
  const q = (k) => panel.el.querySelector('[data-ws="' + k + '"]');
  ["print", "report-html", "report-csv", "export"].forEach((k) => q(k) && (q(k).hidden = true));
  panel.el.setAttribute("data-webview", "wechat");
  const area = h("textarea", { class: "ws-copy-area", readonly: true, hidden: true, rows: "6", "data-ws": "copy-area", "aria-label": WS[panel.texts.lang].copyArea });
  const report = () => {
    const got = panel._reportRows();
    return got ? reportText(got.rows, got.L) : null;
  };
  const copyReport = panel._button("copyReport", () => {
    const t = report();
    if (t) copy(panel, t, area);
  });
  copyReport.setAttribute("data-ws", "copy-report");
  q("report-csv").parentNode.insertBefore(copyReport, q("report-csv"));
  if (navigator.share) {
    const share = panel._button("shareReport", () => {
      const t = report();
      if (t) navigator.share({ title: WS[panel.texts.lang].reportHeading, text: t }).catch(() => {});
    });
    share.setAttribute("data-ws", "share-report");
    q("report-csv").parentNode.insertBefore(share, q("report-csv"));
  }
  q("report-csv").parentNode.insertBefore(area, q("report-csv"));
  const backup = panel._button("copyBackup", () => {
    const ws = panel._engine();
    const r = ws ? ws.exportFile(new Date().toISOString().slice(0, 10)) : null;
    if (r) copy(panel, JSON.stringify(JSON.parse(r), null, 2), area);
  });
  backup.setAttribute("data-ws", "copy-backup");
  q("export").parentNode.insertBefore(backup, q("export"));
  return true;
}
