import { differentialSuite } from "./differential-suite.ts";

/** The differential suite (differential-suite.ts), second half of the corpus. */
differentialSuite(1, 2);
