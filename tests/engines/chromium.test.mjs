// The cross-engine suite (suite.mjs) in chromium. `make test-engines` runs it.
import { engineSuite } from "./suite.mjs";

engineSuite("chromium");
