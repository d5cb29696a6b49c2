import type { Kysely } from "kysely";
import type { Me } from "../../shared/contract/auth.ts";
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
}

export type SessionUser = Me;

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    user: SessionUser | null;
  };
}
