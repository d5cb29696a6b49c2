import type { TestProject } from "vitest/node";
import { closeAdminPools } from "./postgres.ts";
import { createTemplate } from "./test-database.ts";
import { testDatabaseUrl } from "./test-env.ts";

/**
 * Vitest global setup of the integration projects: builds the migrated, seeded template database of
 * the project's dialect once per run and hands it to the workers, which copy it for every test.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dialect = project.getProvidedContext().dialect ?? "sqlite";
  const { template, dispose } = await createTemplate(dialect, testDatabaseUrl());
  project.provide("databaseTemplate", template);
  return async () => {
    await dispose();
    await closeAdminPools();
  };
}
