// The built engines in Node, for the tests: `pkg/` (the calculator's; PINGHU_PKG names another
// build of it, the rehearsal's fixture policy in `make test-rehearsal`) and `pkg-office/` (the
// second package: the batch and the workspace; the one beside PINGHU_PKG's when it is set). One place finds, reads and initialises them.
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { resolve } from "node:path";

const ROOT = new URL("../../", import.meta.url);

/**
 * The folder of a package, as a URL: "pkg" (or the build PINGHU_PKG names, unless `own`: the
 * repository's own, for tests whose data is the repository's) or "pkg-office".
 */
export function packageDir(name, own) {
  // PINGHU_PKG names another build of the calculator's package; the second package of the same
  // build stands beside it (the rehearsal's www/pkg and www/pkg-office).
  if (process.env.PINGHU_PKG && !own) return pathToFileURL(resolve(process.env.PINGHU_PKG, "..", name) + "/");
  return new URL(name + "/", ROOT);
}

/** Imports and initialises a package; its glue's exports. Throws when it is not built. */
export async function loadPackage(name, own) {
  const dir = packageDir(name, own);
  const glue = await import(new URL("pinghu_subsidy.js", dir));
  await glue.default({ module_or_path: readFileSync(fileURLToPath(new URL("pinghu_subsidy_bg.wasm", dir))) });
  return glue;
}

/** For tests that can skip: `{ glue, skip }`, glue null and skip the reason when it is not built. */
export async function optionalPackage(name, own) {
  if (!existsSync(fileURLToPath(new URL("pinghu_subsidy_bg.wasm", packageDir(name, own))))) return { glue: null, skip: name + "/ is missing: run `make build` first" };
  return { glue: await loadPackage(name, own), skip: false };
}

/**
 * An expense category of `policy` (the engine's policy()) with a rate and no condition it must
 * meet in `year`: where a test needs "an item that counts as typed", picked by property, so a new
 * condition on some category changes no test.
 */
export function plainExpense(policy, year) {
  const c = policy.categories.find(
    (c) => c.kind === "expense" && c.rate != null && c.conditions.every((k) => !k.required || (k.only_year != null && k.only_year !== year))
  );
  if (!c) throw new Error("the policy has no expense category with a rate and nothing to meet in " + year);
  return c;
}
