// The element's own UI text, in Chinese and English (buttons, headings, messages). Every text
// about the policy itself (labels, hints, notices, explanations) comes from the engine. No DOM.
//
// UI[lang] with lang "zh" or "en"; a function entry takes what it names. The texts only the parts
// loaded on demand show are in strings-parts.js, added here (addStrings) when a part loads.

/* global PINGHU_BUNDLE */
import { UI_EN } from "./strings-en.js";

export const UI = {
  zh: {
    loading: "正在加载计算器…",
    year: "费用发生年度",
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
    otherAmountN: (n) => "第 " + n + " 项 · 其他政策已给予的支持（元）",
    otherHint: "这一项费用已在其他政策下获得支持的，填写其金额；每项单独比较。",
    applying: "我们申报此项",
    awardNote: "奖励类项目无需填写金额，请勾选并填写条件。",
    conditions: "条件",
    filled: (n) => "已填 " + n + " 项",
    resultsHeading: "估算结果",
    total: "预计可获支持合计（按文中最高比例估算）",
    miniTotal: "预计合计（按最高比例）",
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
    citedClause: (clause) => "细则" + clause,
    citation: (title, clause) => title + " · " + clause,
    summaryEn: "",
    departments: "咨询部门",
    emptyResult: "填写金额后，这里会显示估算。",
    pending: (n) => n + " 处输入需要修改，修改前不计入估算。",
    stale: "输入有误，下面仍是上一次的估算。",
    staleEngine: "下面仍是上一次的估算。",
    notes: "请注意",
    otherMeasures: "其他可咨询的支持",
    otherMeasuresIntro: "以下措施没有可计算的资金额度，可向相关部门咨询。",
    promises: "方案承诺、但未写金额的支持",
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
    date: "日期",
    calcFailed: "计算出错：",
    restarted: "计算引擎已重新启动。",
    engineFailed: "计算引擎多次出错，已停止计算。请刷新页面后重试。",
    yuan: "元",
    rateUpTo: (r) => "最高 " + r,
    headroom: (e, s) => "距上限尚余 " + s + "（费用再多 " + e + " 即达上限）",
    modeLabel: "计算方式",
    modeSingle: "单一年度",
    modePlan: (a, b) => a + "–" + b + " 年规划",
    planYears: "规划年度",
    planLoading: "正在加载多年度规划…",
    planLoadFailed: "多年度规划无法加载，请检查网络后刷新页面。",
    received: "此前已从本政策获得的支持？",
    receivedAmount: "此前年度已从本政策获得的支持（元）",
    // The visit finished (issue 10): conditions at the field, the sticky total, next steps, CSV.
    ruleYes: "须为“是”",
    ruleNo: "须为“否”",
    ruleMonths: (n) => "须满 " + n + " 个月",
    ruleCount: (n) => "须不少于 " + n,
    monthsUnit: "个月",
    onceEligible: (s) => "满足条件后可得 " + s,
    onceEligibleUpTo: (s) => "满足条件后最高可得 " + s,
    keptInstead: (label) => "就高不重复：已按“" + label + "”计",
    leftOut: (n) => "（" + n + " 处未计入）",
    nextSteps: "下一步",
    responsible: "负责部门",
    toShow: "需具备",
    materials: "申报材料",
    window: "申报时间",
    contact: "联系",
    phone: "电话",
    portal: "申报入口",
    support: "预计支持",
    status: "说明",
    policy: "政策",
    reading: "对原文的理解",
    clearConfirm: "清空所有输入？",
    language: "语言",
    // The plan view's own actions and the share link (issue 20).
    share: "复制分享链接",
    expense: "费用",
    lead: "牵头",
    evidence: "需留存",
  },
  // English: the words the element may need before its English words are in (loading; the
  // errors it keeps in both languages); the rest in strings-en.js. In the element's own bundle
  // (PINGHU_BUNDLE) they are a part loaded when English is first shown (lang-loader.js), so a page
  // read in Chinese does not download them before its first result (issue 20); unbundled, and in
  // the parts' bundles, they are here.
  en: Object.assign(
    {
      loading: "Loading the calculator…",
      calcFailed: "The calculation failed: ",
      engineFailed: "The calculation engine failed repeatedly and has stopped. Please reload the page.",
    },
    typeof PINGHU_BUNDLE !== "undefined" && PINGHU_BUNDLE === true ? {} : UI_EN
  ),
};

/** Adds more entries ({ zh: {…}, en: {…} }, e.g. strings-parts.js's PART_UI) to UI. */
export function addStrings(more) {
  Object.keys(more).forEach((L) => Object.assign(UI[L], more[L]));
}

export const LOAD_FAILED = {
  zh: "计算器无法在此浏览器中加载（需要支持 WebAssembly 的较新浏览器）。请更换或更新浏览器，或直接阅读政策原文。",
  en: "The calculator could not load in this browser (it needs a recent browser with WebAssembly). Please try another or updated browser, or read the policy text directly.",
};

/** "en", "en-GB" → "en"; anything else (zh-CN, empty, unknown) → "zh". */
export function langKey(value) {
  return /^en\b/i.test(value || "") ? "en" : "zh";
}

/** The value of a `lang` attribute for a language key. */
export function langTag(L) {
  return L === "en" ? "en" : "zh-CN";
}

/** Brackets in the reading language: （…） in Chinese, (…) in English. */
export function paren(L, s) {
  return L === "en" ? " (" + s + ")" : "（" + s + "）";
}
