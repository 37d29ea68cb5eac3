// A TypeScript consumer of the engine's pkg/ and of the element, type-checked by
// tests/node/types.test.mjs when a TypeScript compiler is at hand (TSC=/path/to/tsc): it must
// compile, and each line marked @ts-expect-error must be an error (a renamed or retyped field).
import init, { calculate, policy, read_amount } from "./pkg/pinghu_subsidy.js";
import type { CalculateError, CalculateInput, Estimate, NoticeCode, Policy, Problem } from "./pkg/pinghu_subsidy.js";
import PinghuSubsidyCalculatorElement, { type SubsidyInput, type SubsidyResult } from "./pinghu-subsidy-calculator.js";

export async function main(): Promise<void> {
  await init();
  const input: CalculateInput = {
    year: 2025,
    expenses: [
      { category: "brand_promotion", amount: "30万" },
      { category: "overseas_showroom", amount: 150000, conditions: { showroom_months: 14 } },
      { category: "certification", amount: "80,000", other_policy_support: "20000" },
      { category: "national_demo_park" },
    ],
  };
  const r: Estimate = calculate(input);
  const total: string = r.total;
  const capped: boolean = r.lines[0].capped;
  const expense: string | null = r.lines[0].expense;
  const zh: string = r.lines[0].explanation.zh;
  const codes: NoticeCode[] = r.notices.map((n) => n.code);
  const p: Policy = policy();
  const min: number | null = p.categories[0].conditions[0].min;
  const funded: string[] = p.measures[0].categories;
  const reading: string = read_amount("30万");
  try {
    calculate({ year: 2025, expenses: [] });
  } catch (e) {
    const problems: Problem[] = (e as CalculateError).errors;
    console.log(problems[0].path, problems[0].code, (e as CalculateError).message);
  }

  const el = document.createElement("pinghu-subsidy-calculator");
  const result: SubsidyResult | null = el.result;
  const same: Estimate | null = el.result;
  const shown: Policy | null = el.policy;
  const sent: SubsidyInput | null = el.input;
  el.addEventListener("subsidy-change", (ev) => console.log(ev.detail.awards_up_to));
  console.log(total, capped, expense, zh, codes, min, funded, reading, result, same, shown, sent);
  console.log(PinghuSubsidyCalculatorElement.define());

  // @ts-expect-error: an unknown key of an expense
  calculate({ year: 2025, expenses: [{ category: "brand_promotion", amount: 1, colour: "red" }] });
  // @ts-expect-error: money is a string
  const n: number = r.total;
  // @ts-expect-error: no such field
  console.log(r.awards_upto, n);
  // @ts-expect-error: not a notice code
  const code: NoticeCode = "drafted";
  // @ts-expect-error: the element's policy is the engine's
  const cats: number = el.policy!.categories;
  console.log(code, cats);
}
