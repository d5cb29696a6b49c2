/**
 * The settings the test suite and the measuring scripts take from the environment. The server never
 * reads these: its settings are `server/env.ts`. These two files are the only ones that read
 * `process.env` (biome's `noProcessEnv`, switched off for just these two in biome.json).
 */
const SETTINGS = [
  /** A PostgreSQL server to run the integration and end-to-end suites against as well as SQLite. */
  "TEST_DATABASE_URL",
  /** The system Chromium that playwright-core drives (default /usr/bin/chromium). */
  "CHROMIUM_PATH",
  /** The differential suite: replay an order, run more cases, draw other answer sets. */
  "DIFFERENTIAL_SEED",
  "DIFFERENTIAL_CASES",
  "DIFFERENTIAL_SETS",
  "DIFFERENTIAL_CORPUS_SEED",
  /** Folders some end-to-end tests write screenshots to, when asked. */
  "ALONGSIDE_SCREENSHOTS",
  "RELEASES_SCREENSHOTS",
  "SCREENSHOT_DIR",
  "XLSFORM_SHOTS",
] as const;

export type TestSetting = (typeof SETTINGS)[number];

/** The setting's value, or undefined when it is unset or empty. */
export function testSetting(name: TestSetting): string | undefined {
  return process.env[name] || undefined;
}

/** A numeric setting, or undefined when it is unset or empty. */
export function testNumber(name: TestSetting): number | undefined {
  const value = testSetting(name);
  return value === undefined ? undefined : Number(value);
}

/** The PostgreSQL server the `*-pg` projects run on; without it they do not run. */
export function testDatabaseUrl(): string | undefined {
  return testSetting("TEST_DATABASE_URL");
}

/** The Chromium the end-to-end tests and the browser benchmarks drive. */
export function chromiumPath(): string {
  return testSetting("CHROMIUM_PATH") ?? "/usr/bin/chromium";
}
