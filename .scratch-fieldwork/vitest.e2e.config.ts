import { defineConfig } from "vitest/config";
export default defineConfig({
  test: {
    root: "/work/main",
    env: { TZ: "UTC" },
    include: ["test/e2e/**/*.test.ts"],
    setupFiles: ["/work/main/.scratch-fieldwork/no-pool.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    provide: { dialect: "sqlite" },
  },
});
