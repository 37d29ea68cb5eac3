// Types of <pinghu-subsidy-calculator>: of the bundle pinghu-subsidy-calculator.min.js and of
// its entry module element/define.js, which export the same (both point here with @ts-self-types).
// The result and policy shapes are the engine's own, from the types of pkg/ beside this file
// (pkg/pinghu_subsidy.d.ts, written from src/boundary/api.d.ts); tests/typescript.rs checks that
// this file takes them from there.

import type {
  CalculateInput,
  CapUse,
  Estimate,
  Line,
  Message,
  Notice,
  PlanEstimate,
  PlanInput,
  Policy,
} from "./pkg/pinghu_subsidy.js";

export type { CalculateInput, CapUse, Estimate, Line, Message, Notice, PlanEstimate, PlanInput, Policy };

/** A text in Chinese and English (the engine's `Message`). */
export type Bilingual = Message;

/** A notice of a result (the engine's `Notice`). */
export type SubsidyNotice = Notice;

/** One line of a result (the engine's `Line`). */
export type SubsidyLine = Line;

/** What `calculate()` returned (the engine's `Estimate`); money is a decimal string with two decimals. */
export type SubsidyResult = Estimate;

/**
 * The request the element sent to `calculate()` for the shown result: a `CalculateInput` with
 * amounts as typed, except that a condition typed as text is sent as text (which the engine
 * refuses at that field).
 */
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
  /** Support from this plan received in other years (a single year; a plan has its own). */
  already_received?: { category: string; amount: string }[];
}

/** One cap's use across the plan (the engine's `CapUse`). */
export type SubsidyPlanCap = CapUse;

/** What `calculate_plan()` returned (the plan view; the engine's `PlanEstimate`). */
export type SubsidyPlanResult = PlanEstimate;

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
  readonly policy: Policy | null;
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
