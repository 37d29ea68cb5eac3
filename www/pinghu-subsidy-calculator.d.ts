// Types of <pinghu-subsidy-calculator>: of the bundle pinghu-subsidy-calculator.min.js and of
// its entry module element/define.js, which export the same (both point here with @ts-self-types).
// The result and policy shapes are the engine's: see docs/js-api.md.

export interface Bilingual {
  zh: string;
  en: string;
}

export interface SubsidyNotice extends Bilingual {
  code: string;
  category: string | null;
}

export interface SubsidyLine {
  category: string;
  clause: string;
  kind: "expense" | "award";
  expense: string | null;
  rate: string | null;
  rate_assumed: boolean;
  /** The text states the rate as a ceiling ("最高 50%"); shown as "最高 50%" / "up to 50%". */
  rate_up_to: boolean;
  cap: string;
  cap_period: string;
  /** What the cap had left before this line (less what earlier years used, in a plan); null per project. */
  cap_left: string | null;
  support: string;
  capped: boolean;
  upper_bound: boolean;
  eligible: boolean;
  other_policy_support: string;
  items: { index: number; amount: string }[];
  /** More expense that reaches the cap and the support it adds (shown under the bar); null when
   *  the line is capped, ineligible, an award, or several projects. */
  headroom: { expense_to_cap: string; support_left: string } | null;
  explanation: Bilingual;
}

/** What `calculate()` returned; money is a decimal string with two decimals. */
export interface SubsidyResult {
  total: string;
  awards_up_to: string;
  year: number;
  in_force: boolean;
  lines: SubsidyLine[];
  notices: SubsidyNotice[];
  policy: { id: string; version: string };
}

/** The request the element sent to `calculate()` for the shown result. */
export interface SubsidyInput {
  year: number;
  expenses: {
    category: string;
    amount?: string;
    /** bool conditions as booleans; months/count as numbers when typed as whole numbers (any
     *  length), otherwise the text typed, which the engine refuses at that field. */
    conditions?: Record<string, boolean | number | string>;
    other_policy_support?: string;
  }[];
}

/** One cap's use across the plan. `remaining` is null for caps that start afresh each year or apply per project. */
export interface SubsidyPlanCap {
  category: string;
  cap: string;
  cap_period: string;
  used: string;
  remaining: string | null;
  by_year: { year: number; used: string }[];
}

/** What `calculate_plan()` returned (the plan view): totals over the years, each year's result, the caps. */
export interface SubsidyPlanResult {
  total: string;
  awards_up_to: string;
  years: SubsidyResult[];
  caps: SubsidyPlanCap[];
  notices: SubsidyNotice[];
  policy: { id: string; version: string };
}

/** The request the plan view sent to `calculate_plan()`: every year of the policy, in order. */
export interface SubsidyPlanInput {
  years: SubsidyInput[];
  already_received?: { category: string; amount: string }[];
}

export class PinghuSubsidyCalculatorElement extends HTMLElement {
  /** Registers the element (idempotent; called on import with the default tag). */
  static define(tag?: string, registry?: CustomElementRegistry): typeof PinghuSubsidyCalculatorElement;
  static readonly observedAttributes: string[];
  /** The same as the module's `formatYuan` export. */
  static formatYuan: (amount: string) => string;
  /** The same as the module's `formatWan` export. */
  static formatWan: (amount: string) => string;
  /** Resolves once the engine has loaded and the form is built. */
  readonly ready: Promise<PinghuSubsidyCalculatorElement>;
  /** The latest result, or null before the first calculation. */
  readonly result: SubsidyResult | null;
  /** The engine's `policy()`, or null before it has loaded. */
  readonly policy: Record<string, unknown> | null;
  /** The request behind `result`. */
  readonly input: SubsidyInput | null;
  /**
   * Reflects the `year` attribute, read strictly: one to four digits (surrounding whitespace
   * allowed), at least 1. Anything else ("1e9", "2025abc", "20.5", absent) gives the current
   * calendar year. Setting it sets the attribute.
   */
  year: number;
  /**
   * Reflects the `mode` attribute: "plan" shows the plan view (the policy's years, one form per
   * year, `calculate_plan()`); anything else, or no attribute, the single year ("year", the
   * default). The widget's own switch sets it too.
   */
  mode: "year" | "plan";
  /** The plan view's latest result, or null before it has been shown. */
  readonly planResult: SubsidyPlanResult | null;
  /** The request behind `planResult`. */
  readonly planInput: SubsidyPlanInput | null;
}

/** "1234.5" → "¥1,234.50" (string manipulation only). */
export function formatYuan(amount: string): string;
/** Yuan to 万元 by moving the decimal point: "1234.50" → "0.12345". */
export function formatWan(amount: string): string;
/** A rate as a percentage: "0.125" → "12.5%". */
export function formatRate(rate: string): string;

export default PinghuSubsidyCalculatorElement;

declare global {
  interface HTMLElementTagNameMap {
    "pinghu-subsidy-calculator": PinghuSubsidyCalculatorElement;
  }
  interface HTMLElementEventMap {
    "subsidy-change": CustomEvent<SubsidyResult>;
    "subsidy-plan-change": CustomEvent<SubsidyPlanResult>;
    "subsidy-error": CustomEvent<{ error: unknown }>;
  }
  interface Window {
    PinghuSubsidyCalculatorElement: typeof PinghuSubsidyCalculatorElement;
  }
}
