import type { Kysely } from "kysely";
import type { Me } from "../../shared/contract/auth.ts";
import type { DatabaseHealth } from "../db/availability.ts";
import type { Database } from "../db/schema.ts";
import type { Config } from "../env.ts";
import type { ValidatorCache } from "../fieldwork/validator-cache.ts";

/** Everything a request handler may use, passed in by `createApp` rather than imported. */
export interface AppDeps {
  db: Kysely<Database>;
  config: Config;
  now: () => Date;
  validators: ValidatorCache;
  /** Directory of the built client; absent in API-only tests. */
  staticDir?: string;
  /** Whether the database is away (logs an outage once); `createApp` makes one when absent. */
  health?: DatabaseHealth;
  /** Set by the shutdown hook: /readyz answers "not ready" while the server drains. */
  lifecycle?: Lifecycle;
}

/** Shared between the server's shutdown hook and /readyz. */
export interface Lifecycle {
  draining: boolean;
}

export type SessionUser = Me;

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: SessionUser | null;
  };
}
