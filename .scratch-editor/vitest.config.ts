import { defineConfig } from "vitest/config";
export default defineConfig({ test: { include: [".scratch-editor/*.test.ts"], testTimeout: 120000, hookTimeout: 120000, env: { TZ: "UTC" } } });
