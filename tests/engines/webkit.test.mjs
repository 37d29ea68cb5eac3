// The cross-engine suite (suite.mjs) in webkit. `make test-engines` runs it.
import { engineSuite } from "./suite.mjs";

engineSuite("webkit");
