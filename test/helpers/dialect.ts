import { inject } from "vitest";
import type { DatabaseTemplate, TestDialect } from "./test-database.ts";

/**
 * Which database this run of the suite uses. The same test files run once per vitest project:
 * `integration` (SQLite, always) and `integration-pg` (PostgreSQL, when TEST_DATABASE_URL is set);
 * the project provides the dialect and its global setup provides the template database.
 */
declare module "vitest" {
  export interface ProvidedContext {
    dialect: TestDialect;
    databaseTemplate: DatabaseTemplate;
  }
}

export function testDialect(): TestDialect {
  return inject("dialect") ?? "sqlite";
}

export function databaseTemplate(): DatabaseTemplate | undefined {
  return inject("databaseTemplate");
}
