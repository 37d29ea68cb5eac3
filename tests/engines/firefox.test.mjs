// The cross-engine suite (suite.mjs) in firefox. `make test-engines` runs it.
import { engineSuite } from "./suite.mjs";

engineSuite("firefox");
