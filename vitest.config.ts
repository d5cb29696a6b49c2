import { defineConfig } from "vitest/config";
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
 * shutdown stops a server on an SQLite file.
 */
const dialectSpecific = [
  "test/server/postgres*.test.ts",
  "test/server/crash*.test.ts",
  "test/server/sqlite-full-disk.test.ts",
  "test/server/shutdown.test.ts",
];
/** Tests of PostgreSQL itself going away (a cluster of the test's own), run in integration-pg only. */
const postgresOnly = ["test/server/database-restart.test.ts", "test/server/database-bounds.test.ts"];

/**
 * End-to-end files whose browser journeys depend on the database, run again on PostgreSQL. The others
 * exercise the client (offline storage, the service worker, the interview views, CSP) against routes
 * the integration-pg project already runs on PostgreSQL, so a second browser run would prove the same
 * thing twice.
 */
const e2eOnBothDatabases = [
  "test/e2e/interview.test.ts",
  "test/e2e/dashboard.test.ts",
  "test/e2e/governance.test.ts",
  "test/e2e/coordination.test.ts",
  "test/e2e/database-outage.test.ts",
];

const integration = {
  include: ["test/server/**/*.test.ts"],
  globalSetup: ["test/helpers/database-setup.ts"],
  testTimeout: 20_000,
  hookTimeout: 20_000,
};
const e2e = {
  include: ["test/e2e/**/*.test.ts"],
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
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/shared/**/*.test.ts", "test/surveys/**/*.test.ts", "test/client/**/*.test.ts"],
        },
      },
      {
        test: { name: "integration", ...integration, exclude: postgresOnly, provide: { dialect: "sqlite" } },
      },
      { test: { name: "e2e", ...e2e, provide: { dialect: "sqlite" } } },
      ...(postgresUrl
        ? [
            {
              test: {
                name: "integration-pg",
                ...integration,
                exclude: dialectSpecific,
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
