// What a consultant does in the workspace panel, as the workspace browser tests do it: its
// controls by their data-ws name, a client created, a scenario saved, each waited for until the
// panel's status says so. No side effects at import.
import { EL, waitShadowText } from "./harness.mjs";

/** The selector of the workspace control named `name` (its data-ws attribute). */
export const ws = (name) => `${EL} [data-ws="${name}"]`;

/** The key prefix of a stored client in localStorage. */
export const PREFIX = "pinghu-subsidy/client/";

/** Waits until the panel's status line holds `part`. */
export const waitStatus = (page, part) => waitShadowText(page, '[data-ws="status"]', part);

/** Creates a client named `name` from the "new client" section, and waits until it is said. */
export async function createClient(page, name) {
  await page.locator(`${ws("new")} summary`).click();
  await page.fill(ws("name"), name);
  await page.click(ws("create"));
  await waitStatus(page, name);
}

/** Saves what is on screen as a scenario named `name`, and waits until it is said. */
export async function saveScenario(page, name) {
  await page.fill(ws("scenario-name"), name);
  await page.click(ws("save"));
  await waitStatus(page, name);
}
