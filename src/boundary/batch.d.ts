// ---------------------------------------------------------------------------------------------
// The batch API (`new Batch(options)`, `add`, `totals`): many enterprises at once, figures only,
// with an optional what-if overlay. See docs/batch.md. Money is a decimal string, never a number.
// ---------------------------------------------------------------------------------------------

/**
 * What-if parameters, each checked against the policy: `"<category>.rate"` (a fraction `0.4` or
 * `"40%"`, 0 to 100%, expense categories only), `"<category>.cap"` (an `Amount`, not negative),
 * `"<category>.cap_period"` (an id of `policy().cap_periods`).
 */
export type Overlay = Record<string, number | string>;

/** What `new Batch()` takes. */
export interface BatchOptions {
  overlay?: Overlay | null;
}

/** One enterprise of a part: its rows (one per year) are one plan. */
export interface BatchEnterpriseInput {
  enterprise: string | number;
  /** Each a `CalculateInput`; years in any order, each once, at most 12. */
  rows: CalculateInput[];
  /** Support from this plan received in years not in `rows`: it uses up caps over the plan, as in `calculate_plan()`. */
  already_received?: ReceivedInput[];
}

/** One enterprise's figures under one policy. */
export interface BatchFigures {
  total: Money;
  awards_up_to: Money;
  /** Support per category, in the order of `BatchTotals.baseline.categories`. */
  support: Money[];
  /** Categories whose cap (what was left of it) it reaches in some year. */
  reached: string[];
}

export interface BatchEnterprise {
  /** Its place in the part given to `add`. */
  index: number;
  enterprise: string;
  /** Its computed rows in year order; `row` is the place in its `rows`. */
  rows: { row: number; year: number; total: Money; awards_up_to: Money }[];
  baseline: BatchFigures;
  /** Under the overlay; null without one. */
  changed: BatchFigures | null;
}

/** A refused row (`row` null: the whole enterprise), with a problem as `calculate()` reports it. */
export interface BatchProblem {
  enterprise: number;
  row: number | null;
  /** In the row: `year`, `expenses[2].amount`… */
  path: string;
  code: string;
  zh: string;
  en: string;
}

/** What `add` returns. */
export interface BatchPart {
  enterprises: BatchEnterprise[];
  errors: BatchProblem[];
}

export interface BatchSums {
  /** Expense support. */
  total: Money;
  /** Award ceilings, apart. */
  awards_up_to: Money;
  measures: { measure: string; total: Money; awards_up_to: Money }[];
  categories: {
    category: string;
    measure: string;
    kind: "expense" | "award";
    support: Money;
    enterprises: number;
    reached_cap: number;
  }[];
  /** Each of the plan's years, `first_year` to `last_year`: its sums and its measures. */
  years: {
    year: number;
    total: Money;
    awards_up_to: Money;
    measures: { measure: string; total: Money; awards_up_to: Money }[];
  }[];
}

/** The baseline under the product's other readings that matter (what-if stays for the rest). */
export interface BatchRange {
  /** Reading codes of caps with no period in the text that claimed categories rely on (empty: the yearly reading changes nothing). */
  readings: string[];
  /** Caps with no period in the text read as one cap each year. */
  yearly_reading: BatchSums;
  /** Conditions left empty (not given, no default) counted as met. */
  conditions_met: BatchSums;
  /** Per category with rows whose condition is empty: how many (an enterprise's year each) and what they add when met. */
  empty_conditions: { category: string; rows: number; adds: Money }[];
}

/** What `totals()` returns: everything added so far. */
export interface BatchTotals {
  rows_read: number;
  rows_computed: number;
  rows_refused: number;
  enterprises: number;
  changed_enterprises: number;
  baseline: BatchSums;
  changed: BatchSums | null;
  overlay: { parameter: string; value: string }[];
  range: BatchRange;
  /** What every estimate of these figures carries (draft, ceilings, assumed rates, readings), once each. */
  notices: Notice[];
}
