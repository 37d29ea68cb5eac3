// ---------------------------------------------------------------------------------------------
// The shapes of the JS API (`calculate`, `policy`, `read_amount`): the one place they are
// written in TypeScript. src/wasm.rs puts this file into the generated pkg/pinghu_subsidy.d.ts
// (a typescript_custom_section) and types the exported functions with these names.
// tests/typescript.rs checks it against the Rust types: every key serde writes is declared here
// with a matching type, every declared key is written, the input's keys are serde's, and each
// literal union is what the engine writes. A renamed field fails `cargo test`.
// Money is always a decimal string with exactly two decimals ("530000.00"), never a number.
// ---------------------------------------------------------------------------------------------

/**
 * A text in Chinese and English. In a result of `calculate(input, lang)` or
 * `calculate_plan(input, lang)` with a `lang`, the other language's text is `""`.
 */
export interface Message {
  zh: string;
  en: string;
}

/**
 * The optional second argument of `calculate` and `calculate_plan`: the one language whose words
 * (explanations, notices) the result carries. Without it, both. Anything else throws an `Error`.
 */
export type Lang = "zh-CN" | "en";

/**
 * An amount in yuan: a JS number (read by its shortest decimal form: `100.05` is 100.05, never
 * computed with) or a string: `"300000"`, `"300,000.50"`, `"¥300000"`, `"300000元"`, `"30万"`,
 * `"30万元"`, `"1.5亿"`, full-width `"３０万"`. At most two decimals once in yuan;
 * 0 to 1,000,000,000,000.
 */
export type Amount = number | string;

/** Money as the engine writes it: a decimal string with exactly two decimals, `"300000.00"`. */
export type Money = string;

/** What `calculate()` takes. Unknown keys, categories and conditions are errors, not ignored. */
export interface CalculateInput {
  /**
   * The year the costs were incurred (a whole number). Outside the plan's years every line is 0
   * and a notice `outside_period` says so; in the first year a notice `partial_year` says the
   * plan applies from its first month (and a condition with `only_year` is asked of each expense).
   */
  year: number;
  /** The expense items (may be empty, at most 500). */
  expenses: ExpenseInput[];
  /**
   * Support from this plan already received in other years: it uses up caps over the plan, and a
   * one-time support received has been paid (the line gives 0, notice `once_paid`).
   */
  already_received?: ReceivedInput[];
}

/** One expense item of a `CalculateInput`. */
export interface ExpenseInput {
  /** A category id of `policy().categories`. */
  category: string;
  /** Required for categories of kind `"expense"`; optional and ignored for awards. */
  amount?: Amount;
  /**
   * Only the condition ids the category declares: `true`/`false` for `bool` conditions, a
   * whole number ≥ 0 for `months` and `count`, or that number as people type it (`"10个月"`,
   * `"1年"`, `"一年"` for months; `"200家次"` for counts; otherwise `count_format`).
   */
  conditions?: Record<string, boolean | number | string>;
  /**
   * Support for this item already granted under another policy (就高不重复, item by item): the
   * item goes to the policy that pays more for it; for a category this plan pays
   * `max(0, capped support of the items it takes − their other support)`. At most 12 items of
   * one category with other support (`too_many_other_support`).
   */
  other_policy_support?: Amount;
}

/** What `calculate()` returns. */
export interface Estimate {
  /** The sum of the expense lines' support. */
  total: Money;
  /** The sum of the award lines' ceilings: decided by evaluation, never part of `total`. */
  awards_up_to: Money;
  year: number;
  /** Whether the plan is in force in `year`, in part or whole. */
  in_force: boolean;
  /** One line per category used, in the plan's order; items of one category share its cap. */
  lines: Line[];
  notices: Notice[];
  /** The policy data the estimate came from. */
  policy: PolicyRef;
}

/** The support of one category. */
export interface Line {
  /** The category id. */
  category: string;
  /** The measure (clause) that funds it: `"3"`. */
  clause: string;
  kind: CategoryKind;
  /** The sum of the items' amounts; null for awards. */
  expense: Money | null;
  /** The rate applied, as a decimal (`"0.5"` is 50%); null for awards. */
  rate: string | null;
  /** The text states no rate: this one is assumed (a notice `assumed_rate` says what). */
  rate_assumed: boolean;
  /** The text words the rate as a ceiling ("最高 50%"): estimated at it, evaluation sets the rate. */
  rate_up_to: boolean;
  /** The ceiling (every amount in the plan is a ceiling, 最高…). */
  cap: Money;
  /** What the cap applies to: a `policy().cap_periods` id (`"per_enterprise"`…). */
  cap_period: string;
  /**
   * What the cap had left before this line: the cap itself in one year, less what earlier years
   * used in a plan; null for a cap per project.
   */
  cap_left: Money | null;
  /** What this plan gives; for an award its ceiling, or 0 if a condition fails. */
  support: Money;
  /** The cap cut the support down. */
  capped: boolean;
  /** True for awards: `support` is a ceiling decided by evaluation, not an expected amount. */
  upper_bound: boolean;
  /**
   * False when a condition failed or is missing, the year is outside the plan, or a higher
   * category of the same matter was kept instead.
   */
  eligible: boolean;
  /** The `other_policy_support` given for its items, summed ("0.00" when none). */
  other_policy_support: Money;
  items: Item[];
  /** Room under the cap; null when the line is capped, ineligible, an award, or several projects. */
  headroom: Headroom | null;
  /**
   * What the line would give were every item's conditions met, when a condition failed or is
   * missing (in the plan's period); null otherwise.
   */
  if_eligible: Money | null;
  /** The ids of the conditions some item did not meet or did not give, in the category's order. */
  unmet: string[];
  /** For a line of one matter that was not kept (就高): the category kept instead; else null. */
  kept_instead: string | null;
  /** The working, step by step, in words. */
  explanation: Message;
}

/** Room left under a line's cap. */
export interface Headroom {
  /** More expense that reaches the cap (rounded up to the fen). */
  expense_to_cap: Money;
  /** The support that expense adds. */
  support_left: Money;
}

/** One expense item of a line. */
export interface Item {
  /** Its index in the input's `expenses`. */
  index: number;
  /** Its amount; null for an award given without one. */
  amount: Money | null;
}

/**
 * Something the reader of an estimate must see.
 * - always, from the policy document: `draft` (a draft for comment), `ceiling` (every amount is
 *   a ceiling), `non_cumulative` (the same item is not supported twice), `provincial`
 *   (provincial clauses follow provincial documents), `detailed_rules` (to be issued);
 * - `assumed_rate`: per category whose rate the text does not state;
 * - `outside_period`: the year is outside the plan, every line is 0;
 * - `partial_year`: the plan's first year, in force from its first month only;
 * - `other_policy_higher` / `this_plan_higher`: per category with `other_policy_support`;
 * - `exclusive`: categories that are the same matter; only the higher counts;
 * - `condition_not_met`, `condition_missing`: per category, a condition failed or was not given;
 * - `award`: awards are decided by evaluation; their figures are ceilings;
 * - `overlap`: the request uses categories one expense could fall under: claimed once.
 */
export type NoticeCode = EngineNoticeCode | PolicyNoticeCode;

/**
 * A notice code the policy's data defines, not the engine: its document notices
 * (`policy().document.notices[].code`: `"draft"`, `"ceiling"`, `"detailed_rules"`… for the plan's
 * draft) and its readings (`"reading_one_matter"`…). They change with the data: a final text has
 * no `"draft"`. Where a page shows them is `DocumentNotice.placement`.
 */
export type PolicyNoticeCode = string;

/** The notices the engine itself writes, whatever the policy. */
export type EngineNoticeCode =
  | "assumed_rate"
  | "outside_period"
  | "partial_year"
  | "other_policy_higher"
  | "this_plan_higher"
  | "exclusive"
  | "condition_not_met"
  | "condition_missing"
  | "award"
  | "overlap"
  | "rate_up_to"
  | "cap_used"
  | "once_paid";

/** A notice of an estimate: its code and its words. */
export interface Notice extends Message {
  code: NoticeCode;
  /** The category it is about, or null. */
  category: string | null;
}

/** Which policy, and which version of its data. */
export interface PolicyRef {
  id: string;
  version: string;
  /** The hex SHA-256 of the policy data (`sha256sum` of the policy file), the same as `policy().fingerprint`. */
  fingerprint: string;
}

/**
 * What is wrong with one field. `amount_*` codes are about an amount (`read_amount` gives
 * only those); `type` names what was expected and what was found; `more_problems` stands last,
 * at path `input`, when more than 100 problems were found.
 */
export type ProblemCode =
  | "required"
  | "type"
  | "unknown_key"
  | "unknown_category"
  | "unknown_condition"
  | "duplicate"
  | "too_many"
  | "too_large"
  | "year_range"
  | "negative"
  | "amount_empty"
  | "amount_negative"
  | "amount_format"
  | "amount_precision"
  | "amount_range"
  | "count_format"
  | "more_problems"
  | "year_twice"
  | "year_order"
  | "too_many_other_support";

/** One problem with one field of the input. */
export interface Problem extends Message {
  /**
   * Where: `input`, `year`, `expenses`, `expenses[2].amount`, `expenses[1].category`,
   * `expenses[0].conditions.showroom_months`, `expenses[0].other_policy_support`,
   * `expenses[3].colour` (an unknown key); `amount` for `read_amount`.
   */
  path: string;
  code: ProblemCode;
}

/**
 * What `calculate()` and `read_amount()` throw for bad input: `message` lists every problem
 * (`"expenses[2].amount: 无法识别的金额 / not an amount we understand; …"`), `errors` holds them.
 * No input, however malformed, panics or traps the instance.
 */
export interface CalculateError extends Error {
  errors: Problem[];
}

// ------------------------------------------------------------------------------------ calculate_plan()

/** What `calculate_plan()` takes: the plan's years, in order, each once (at most 12). */
export interface PlanInput {
  /** Each year as `calculate()` takes it. */
  years: CalculateInput[];
  /** Support from this plan already received in years not entered: it uses up caps over the plan. */
  already_received?: ReceivedInput[];
}

/** Support from this plan already received for a category. */
export interface ReceivedInput {
  category: string;
  amount: Amount;
}

/** What `calculate_plan()` returns. */
export interface PlanEstimate {
  /** The sum of the years' totals. */
  total: Money;
  /** The sum of the years' award ceilings, never part of `total`. */
  awards_up_to: Money;
  /** Each year as `calculate()` gives it, against what its caps have left. */
  years: Estimate[];
  /** Each category's cap across the plan, in the policy's order. */
  caps: CapUse[];
  /** The document's notices, and `reading_cap_over_plan` when a cap with no period was used. */
  notices: Notice[];
  policy: PolicyRef;
}

/** One category's cap across a plan. */
export interface CapUse {
  category: string;
  cap: Money;
  cap_period: string;
  /** Support counted against it: `already_received` and each year's. */
  used: Money;
  /** What is left for later years; null for caps that start afresh each year or apply per project. */
  remaining: Money | null;
  by_year: YearUse[];
  /** A one-time support (scope `"once"`): the year it is counted in, its best; null otherwise. */
  claimed_in: number | null;
}

/** What one year of a plan used of a cap. */
export interface YearUse {
  year: number;
  used: Money;
}

// ------------------------------------------------------------------------------------ policy()

/** What `policy()` returns: the whole plan as data, for building a form. */
export interface Policy {
  /** The hex SHA-256 of the policy data (the policy file's bytes): who has it can reproduce an estimate. */
  fingerprint: string;
  id: string;
  /** Changes whenever the data changes. */
  version: string;
  document: PolicyDocument;
  /** Who applies, in the order a form should show them. */
  applicants: Applicant[];
  /** Every measure of the plan, with or without money, in its order. */
  measures: Measure[];
  /** Every support category, in the plan's order. */
  categories: Category[];
  /** What caps apply to, in the policy file's order. */
  cap_periods: CapPeriod[];
  /** Groups of categories that are one matter, each with the reading that groups them. */
  exclusive_groups: ExclusiveGroup[];
  /** What the measures promise without an amount the calculator can compute: shown, never summed. */
  promises: PolicyPromise[];
  /** Categories one expense could fall under: it can be claimed under one of them only. */
  overlaps: Overlap[];
}

/** A promise of a measure with no computable amount (an incentive, channel support, talent measures…). */
export interface PolicyPromise {
  id: string;
  /** The measure that makes it. */
  measure: string;
  text: Message;
  /** The words of the text it comes from. */
  source: string;
}

/** Categories one expense could fall under; an estimate using all of them carries the notice `overlap`. */
export interface Overlap {
  id: string;
  categories: string[];
  text: Message;
}

/** Zh and En lists (departments, who writes the detailed rules). */
export interface MessageList {
  zh: string[];
  en: string[];
}

/** The document's facts. */
export interface PolicyDocument {
  title: Message;
  /** One of a fixed set: `"draft"` for a 征求意见稿, `"final"` once issued. */
  status: string;
  status_label: Message;
  /** `YYYY-MM-DD`: when it was issued; null for a draft not yet dated (a final document has it). */
  issued: string | null;
  /** The `sources` id of the document itself. */
  cites: string;
  /** The documents the data quotes: the plan, later its 实施细则 or an amendment. */
  sources: Source[];
  /** `YYYY-MM`: the month the plan takes effect. */
  valid_from: string;
  /** `YYYY-MM-DD`: the last day it is in force. */
  valid_until: string;
  first_year: number;
  last_year: number;
  /** The words the validity comes from (quoted). */
  valid_source: string;
  /** Who issues the detailed rules (实施细则). */
  detailed_rules: MessageList;
  detailed_rules_source: string;
  /** The words of 就高不重复 (quoted). */
  non_cumulative_source: string;
  /** How 就高不重复 is read: item by item (a reading, shown as a notice). */
  non_cumulative_reading: Reading;
  /** The facts every estimate shows (the first notices of each `calculate()` result). */
  notices: DocumentNotice[];
  /**
   * When the plan starts within its first year: that year's notice (`partial_year`). Its condition
   * stands on each expense category with `only_year` set.
   */
  start_notice: Message | null;
}

export interface DocumentNotice extends Message {
  code: PolicyNoticeCode;
  /** The words it comes from (quoted). */
  source: string;
  /** Where a page shows it: the banner at the top, or a result's footnotes. */
  placement: "banner" | "footnote";
  /** The document status it states (`"draft"`), or null. */
  status: string | null;
}

/** A document the data quotes, with its text. */
export interface Source {
  id: string;
  title: Message;
  /** `"draft"` or `"final"`. */
  status: string;
  status_label: Message;
  /** `YYYY-MM-DD`, when known. */
  issued: string | null;
  /** Its text, from the repository's root (`policy/…`); a page serves it by its file name. */
  file: string;
}

/** A clause of another source (the 实施细则) a category cites beside its measure. */
export interface Citation {
  /** A `document.sources` id. */
  source: string;
  /** The clause as the source numbers it ("第五条"). */
  clause: string;
  /** The clause, quoted (Chinese). */
  text: string;
  summary_en: string;
}

export interface Applicant {
  /** `"enterprise"`, `"livestream"`, `"operator"`… */
  id: string;
  label: Message;
}

/** One measure (clause) of the plan. */
export interface Measure {
  /** `"1"` … `"16"`. */
  id: string;
  section: Message;
  title: Message;
  /** The clause, quoted (Chinese). */
  text: string;
  summary_en: string;
  /** 责任单位: the departments responsible. */
  departments: MessageList;
  /** The ids of the categories it funds, in order; empty for a measure without money. */
  categories: string[];
  /** The `document.sources` id its text comes from. */
  cites: string;
}

/** `"expense"`: support = min(expense × rate, cap). `"award"`: a ceiling decided by evaluation. */
export type CategoryKind = "expense" | "award";

/** A support category: what a form asks for. */
export interface Category {
  /** What `ExpenseInput.category` names: `"brand_promotion"`… */
  id: string;
  /** The measure that funds it. */
  measure: string;
  kind: CategoryKind;
  /** An `applicants` id. */
  applicant: string;
  label: Message;
  hint: Message;
  /** Fraction of the expense in its shortest form (`"0.5"` is 50%); null for awards. */
  rate: string | null;
  /** The words stating the rate; null when the text states none. */
  rate_source: string | null;
  /** The text states no rate and this one is assumed. */
  rate_assumed: boolean;
  /** The text words the rate as a ceiling ("最高 50%"). */
  rate_up_to: boolean;
  /** What was assumed and why, when `rate_assumed`. */
  assumption: Message | null;
  /** The ceiling. */
  cap: Money;
  /** The words the cap comes from (quoted). */
  cap_source: string;
  /** A `cap_periods` id. */
  cap_period: string;
  cap_period_label: Message;
  /** Categories sharing a group are one matter: only the highest counts. */
  exclusive_group: string | null;
  conditions: Condition[];
  /** The `document.sources` id `rate_source` and `cap_source` quote. */
  cites: string;
  /** Clauses of other sources (the 实施细则) it cites beside its measure's. */
  citations: Citation[];
  /** A reading of its own clause (whom a one-time payment is for…), shown as a notice with its line. */
  reading: Reading | null;
  /** Codes of `document.notices` that govern it, shown with its line (a provincial clause). */
  notices: PolicyNoticeCode[];
}

/** `bool`: yes or no; `months`, `count`: a whole number ≥ 0. */
export type ConditionType = "bool" | "months" | "count";

/** A condition of a category: what `ExpenseInput.conditions` may give. */
export interface Condition {
  id: string;
  type: ConditionType;
  /** Missing counts as not met when required; otherwise missing means `default`. */
  required: boolean;
  /** A `bool` condition qualifies with this answer; null for the other types. */
  expect: boolean | null;
  /** A `months` or `count` condition qualifies from this value up; null for `bool`. */
  min: number | null;
  default: boolean | null;
  label: Message;
  /** The words it comes from (quoted). */
  source: string;
  /** The `document.sources` id those words are from. */
  cites: string;
  /** Asked only of costs of this year (the year the plan starts within); null: every year. */
  only_year: number | null;
}

/** A cap period: what a cap applies to. */
export interface CapPeriod {
  /** `"one_time"`, `"per_enterprise"`, `"per_enterprise_year"`, `"per_year"`, `"per_project"`… */
  id: string;
  label: Message;
  /**
   * Over how much of a plan one cap runs: the whole plan, each year, each item (project), or once
   * (一次性: one payment over the plan, counted in the enterprise's best year).
   */
  scope: "plan" | "year" | "item" | "once";
  /** When the scope is a reading of the text (a cap with no period), that reading. */
  reading: Reading | null;
}

/** Categories that are one matter: only the one with the highest ceiling counts. */
export interface ExclusiveGroup {
  id: string;
  reading: Reading;
}

/** A reading of the text: what is assumed (zh, en), why, and the words it reads. */
export interface Reading extends Message {
  /** The notice code a result shows it under. */
  code: NoticeCode;
  reason: Message;
  /** The words of the text it reads (quoted). */
  source: string;
}

/** A client enterprise on this device, with its scenarios (docs/workspace.md). */
export interface WorkspaceClient {
  /** 1 to 64 of `a-z 0-9 -`; the storage key is `pinghu-subsidy/client/` and this. */
  id: string;
  name: string;
  /** Optional: "" when none. */
  contact: string;
  notes: string;
  /** 统一社会信用代码 (18 characters, its check character right), or "". */
  credit_code: string;
  /** 所属镇街道, or "". */
  town: string;
  /** Each write adds one (the engine sets it; 0 for a client never stored). */
  revision: number;
  scenarios: WorkspaceScenario[];
  /** The stored scenarios that do not read, kept verbatim on every save, deleted by hand only. */
  kept: WorkspaceKept[];
}

/** A stored scenario that does not read ("无法读取（保留原样）"). */
export interface WorkspaceKept {
  /** Its id and name when they read, to show it. */
  id: string | null;
  name: string | null;
  /** The scenario exactly as stored. */
  value: unknown;
  /** Why it does not read. */
  problem: WorkspaceSkipped;
}

/** A named input: `kind` "year" holds a `CalculateInput`, "plan" a `PlanInput`. */
export interface WorkspaceScenario {
  id: string;
  name: string;
  /** `YYYY-MM-DD`. */
  saved: string;
  kind: "year" | "plan";
  input: CalculateInput | PlanInput;
  /** What it gave when saved, under which policy data (`workspace_stamp()`); absent for a scenario saved before format version 3. */
  stamp?: WorkspaceStamp;
  /** The consultant's notes on it (format version 4); absent when none. */
  notes?: string;
}

/** `workspace_stamp(scenario)`: the policy data a scenario is saved under and what it gave then. */
export interface WorkspaceStamp {
  policy: StampPolicy;
  /** The expected support (a plan's over its years). */
  total: Money;
  /** The award ceilings, never part of `total`. */
  awards_up_to: Money;
  /** Each category the result has a line of, its support (a plan's summed over its years), in the policy's order. */
  categories: StampCategory[];
}

/** `policy().version` and `policy().fingerprint` of the data a figure is under. */
export interface StampPolicy {
  version: string;
  fingerprint: string;
}

export interface StampCategory {
  /** A category id of the policy data the stamp is under (another may not know it). */
  category: string;
  support: Money;
}

/**
 * `workspace_drift(scenario)`: a stamped scenario's figures when saved against those of the
 * policy data in use, for the same input (null from the function when it has no stamp). Every
 * `difference` is `now − saved`, computed by the engine.
 */
export interface WorkspaceDrift {
  /** The policy data it was saved under. */
  saved: StampPolicy;
  /** The policy data in use. */
  now: StampPolicy;
  /** The same fingerprint: the same figures, nothing more to show. */
  same_policy: boolean;
  total: FigureChange;
  /** Null when the award ceilings are the same. */
  awards_up_to: FigureChange | null;
  /** Each category whose support differs: the policy in use's in its order, then those only the stamp has. */
  categories: CategoryChange[];
}

export interface FigureChange {
  saved: Money;
  now: Money;
  difference: Money;
}

/** A category's support then and now; null where that result has no line of it (and then no difference). */
export interface CategoryChange {
  category: string;
  saved: Money | null;
  now: Money | null;
  difference: Money | null;
}

/**
 * What was not loaded, saved or compared, and why: `json` (not JSON), `format` (not this format),
 * `version` (a version this engine does not read), `field` (a field missing or wrong, at
 * `path`), `input` (a scenario's input does not read: `errors`), `duplicate`, `too_many`,
 * `count` (a comparison takes 2 to 4 scenarios), `conflict` (changed elsewhere since it was read:
 * not overwritten), `encoding` (a file read from another encoding: its words carry U+FFFD),
 * `kept` (a scenario kept verbatim that could not be written back as it was).
 */
export interface WorkspaceSkipped {
  /** The storage key, `clients[2]` in a file, `client` for what the element saves, `compare`. */
  entry: string;
  /** The scenario's name when only a scenario was skipped. */
  scenario: string | null;
  code: "json" | "format" | "version" | "field" | "input" | "duplicate" | "too_many" | "count" | "conflict" | "encoding" | "kept";
  path: string;
  errors: Problem[] | null;
}

/** `workspace_load()`: the clients that read, and what was skipped. */
export interface WorkspaceLoaded {
  clients: WorkspaceClient[];
  skipped: WorkspaceSkipped[];
}

/**
 * `workspace_compare(scenarios)`: 2 to 4 scenarios side by side (src/compare.rs). A year is
 * compared as that year's support, a plan as the sum of its years. Every difference is the
 * scenario's figure less the first scenario's (the baseline), so the first is always "0.00".
 */
export interface WorkspaceComparison {
  /** The scenarios, in the order given; the first is the baseline. */
  scenarios: ComparedScenario[];
  /** One row per category some scenario uses, in the plan's order. */
  categories: ComparedCategory[];
  /** Each scenario's expected support (`total`). */
  total: ComparedFigures;
  /** Each scenario's award ceilings, never part of `total`. */
  awards_up_to: ComparedFigures;
  /** Each year some scenario covers: that year's `total`, null where a scenario does not cover it. */
  years: ComparedYear[];
  policy: PolicyRef;
}

export interface ComparedScenario {
  id: string;
  name: string;
  kind: "year" | "plan";
  /** The years it covers. */
  years: number[];
}

/** One figure per scenario, and its difference from the first. */
export interface ComparedFigures {
  values: Money[];
  differences: Money[];
}

/** A category's support in each scenario. */
export interface ComparedCategory extends ComparedFigures {
  category: string;
  /** An award: its figures are ceilings decided by evaluation. */
  upper_bound: boolean;
}

/** A year's total in each scenario (null: the scenario does not cover the year). */
export interface ComparedYear {
  year: number;
  values: (Money | null)[];
  /** Null where the scenario or the first one does not cover the year. */
  differences: (Money | null)[];
}
