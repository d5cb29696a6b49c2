import { defineConfig } from "vitest/config";
import { HeavyFirstSequencer } from "./test/helpers/heavy-first-sequencer.ts";
import { testDatabaseUrl } from "./test/helpers/test-env.ts";

// One runner for every layer. Unit tests are pure; integration tests build the Hono app over a fresh
// migrated database per test; end-to-end tests drive the system Chromium against the built client.
//
// One suite, every dialect: the integration and end-to-end projects run on SQLite always, and run
// again on PostgreSQL (projects `integration-pg`, `e2e-pg`) when TEST_DATABASE_URL names a server.
// The project provides the dialect; test/helpers/database-setup.ts builds the template database.
const postgresUrl = testDatabaseUrl();

/**
 * Tests about one dialect only, run in the SQLite project: postgres-* need PostgreSQL itself (two
 * instances, the copy), crash-* kill a server on an SQLite file, sqlite-full-disk fills an SQLite file,
 * shutdown stops a server on an SQLite file, array-rows-sqlite asks better-sqlite3 for arrays.
 */
const dialectSpecific = [
  "test/server/postgres*.test.ts",
  "test/server/crash*.test.ts",
  "test/server/sqlite-full-disk.test.ts",
  "test/server/shutdown.test.ts",
  "test/server/db/array-rows-sqlite.test.ts",
];
/**
 * Tests that open no test database, or whose subject is the same whichever database is behind the
 * app (headers, password hashing, the command-line tools, survey-core's fast path, the validator
 * pool, the release check's thread), run in the SQLite project only: a second run on PostgreSQL
 * would prove the same thing twice.
 */
const sameOnEveryDatabase = [
  "test/server/bench-cli.test.ts",
  "test/server/build-freshness.test.ts",
  "test/server/content-hash.test.ts",
  "test/server/coordination/queue-order.test.ts",
  "test/server/demo/seed-demo.test.ts",
  "test/server/import-xlsform-cli.test.ts",
  // The cross-release linking of paired counts is the release check's own arithmetic; its reads run
  // on PostgreSQL in intruder.test.ts and paired-change.test.ts (22-39 s of PostgreSQL time saved).
  "test/server/intruder/paired-across-releases.test.ts",
  // Likewise people new at a later wave and people interviewed again (decision 0067); the withdrawals
  // of paired-after-withdrawal.test.ts do run on PostgreSQL.
  "test/server/intruder/new-at-later-wave.test.ts",
  "test/server/intruder/took-part-again.test.ts",
  // The bounds attacker (decision 0069) is arithmetic over what the releases publish; the reads behind
  // it run on PostgreSQL in the other intruder tests.
  "test/server/intruder/nonnegative-bounds.test.ts",
  "test/server/outcomes/indicator-rows.test.ts",
  "test/server/outcomes/indicator-values-migration.test.ts",
  "test/server/password-hashing.test.ts",
  "test/server/releases/release-check-thread.test.ts",
  "test/server/security-headers.test.ts",
  "test/server/source-maps-and-cookies.test.ts",
  "test/server/start-options.test.ts",
  "test/server/survey-core-fast-path.test.ts",
  "test/server/validator-pool.test.ts",
];
/**
 * Integration tests that drive the client's offline code against the real app stub `window`,
 * `document`, `navigator` and `fetch` for the whole file. They run in projects of their own with a
 * module graph per file, so nothing they stub (or a module first loaded under the stubs) reaches a
 * test that shares a worker.
 */
const stubsBrowserGlobals = ["test/server/coordination/tablet-keys-flow.test.ts"];
/** Tests of PostgreSQL itself going away (a cluster of the test's own), run in integration-pg only. */
const postgresOnly = ["test/server/database-restart.test.ts", "test/server/database-bounds.test.ts"];

/**
 * End-to-end files run again on PostgreSQL: the interview's upload (the browser's batch through sync to
 * storage) and the database going away under a browser. Every other journey's routes run on
 * PostgreSQL in integration-pg, test by test; a second browser run of the same screens (coordination,
 * governance, dashboards: 121 s of the clean-clone run) proved the same thing twice.
 */
const e2eOnBothDatabases = ["test/e2e/interview.test.ts", "test/e2e/database-outage.test.ts"];

const integration = {
  include: ["test/server/**/*.test.ts"],
  // One module graph per worker, not per file: importing the server, survey-core and the drivers again
  // for every file cost more than a quarter of the project's time (measured on 15 files under load:
  // 145 s of imports against 25 s, 391 s wall against 261 s). Each test still gets its own database
  // copy and app. Files that stub browser globals run apart, isolated (`stubsBrowserGlobals`).
  isolate: false,
  globalSetup: ["test/helpers/database-setup.ts"],
  testTimeout: 20_000,
  hookTimeout: 20_000,
};
const e2e = {
  include: ["test/e2e/**/*.test.ts"],
  // The harness imports the server in process; importing it again for every file cost 5.6 s a file
  // (8 files: 45 s of imports against 17 s, 98 s wall against 77 s). Each file still starts its own
  // server over its own database, its own Chromium and its own temporary folders.
  isolate: false,
  testTimeout: 120_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    env: { TZ: "UTC" },
    // Vitest's default on a 2-core machine is one worker, which leaves a core idle while a test waits on
    // a database, a child server or a password hash. Two workers run files side by side, end-to-end
    // files too: each starts its own server on port 0 over its own SQLite file or PostgreSQL database,
    // its own Chromium and its own temporary folders, so no two files share state (measured: the e2e
    // project in 264 s wall-clock two at a time, against 471 s of test time one at a time).
    maxWorkers: 2,
    sequence: { sequencer: HeavyFirstSequencer },
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/shared/**/*.test.ts", "test/surveys/**/*.test.ts"],
          // Pure code: one module graph per worker, as in integration (survey-core and the corpus are
          // loaded once per worker, not once per file: 199 s against 147 s of the project's wall time).
          isolate: false,
        },
      },
      {
        test: {
          // The client's tests stub browser globals (IndexedDB, navigator, timers) file by file, so
          // each file gets a module graph of its own.
          name: "unit-client",
          include: ["test/client/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          ...integration,
          exclude: [...postgresOnly, ...stubsBrowserGlobals],
          provide: { dialect: "sqlite" },
        },
      },
      {
        test: {
          name: "integration-globals",
          ...integration,
          include: stubsBrowserGlobals,
          isolate: true,
          provide: { dialect: "sqlite" },
        },
      },
      { test: { name: "e2e", ...e2e, provide: { dialect: "sqlite" } } },
      ...(postgresUrl
        ? [
            {
              test: {
                name: "integration-pg",
                ...integration,
                exclude: [...dialectSpecific, ...sameOnEveryDatabase, ...stubsBrowserGlobals],
                provide: { dialect: "postgres" as const },
              },
            },
            {
              test: {
                name: "integration-globals-pg",
                ...integration,
                include: stubsBrowserGlobals,
                isolate: true,
                provide: { dialect: "postgres" as const },
              },
            },
            {
              test: {
                name: "e2e-pg",
                ...e2e,
                include: e2eOnBothDatabases,
                provide: { dialect: "postgres" as const },
              },
            },
          ]
        : []),
    ],
  },
});
