import { defineConfig } from "vitest/config";

// One runner for every layer. Unit tests are pure; integration tests build the Hono app over a fresh
// migrated SQLite file per test; end-to-end tests drive the system Chromium against the built client.
export default defineConfig({
  test: {
    env: { TZ: "UTC" },
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/shared/**/*.test.ts", "test/surveys/**/*.test.ts"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/server/**/*.test.ts"],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
