// An Excel file read in a module worker (excel.js starts it): the read part parses the workbook
// here, so a large sheet never holds the page. Messages: in `{ id, bytes, sheet }`, out
// `{ id, result }` (readWorkbook's `{ grid }` or `{ problem }`).
import { readWorkbook } from "./excel.js";

self.onmessage = async (ev) => {
  const { id, bytes, sheet } = ev.data;
  self.postMessage({ id, result: await readWorkbook(bytes, sheet) });
};
