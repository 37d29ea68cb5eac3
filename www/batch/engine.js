// The batch page's one import of its engine, the second package (the crate built with the batch
// feature): the page and its worker both import it from here, so that renaming the package's
// folder is a change of this one line.
import init, * as engine from "../pkg-office/pinghu_subsidy.js";

export { init, engine };
