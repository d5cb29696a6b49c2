import { z } from "zod";

/**
 * The only place the server reads `process.env`. Everything else receives a `Config`, so tests build one
 * by hand and nothing changes behaviour behind their back. The test suite's own settings (a PostgreSQL
 * server to test against, the Chromium to drive) are not the server's: see `test/helpers/test-env.ts`.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().default("data"),
  DATABASE_URL: z.string().optional(),
  PUBLIC_URL: z.string().url().optional(),
  SECURE_COOKIES: z.enum(["true", "false"]).optional(),
  SESSION_HOURS: z.coerce.number().positive().default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(120),
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  LOG_REQUESTS: z.enum(["true", "false"]).default("false"),
  DRAIN_SECONDS: z.coerce.number().min(0).max(600).default(10),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** postgres://… switches to PostgreSQL; otherwise an SQLite file in dataDir. */
  databaseUrl: string | undefined;
  /** Where people reach the app, used in printed links. */
  publicUrl: string;
  secureCookies: boolean;
  sessionHours: number;
  /** A session unused for this long ends, whatever its absolute expiry (default 120). */
  sessionIdleMinutes?: number;
  /** Behind a load balancer: take the client's address from the last X-Forwarded-For entry. */
  trustProxy?: boolean;
  logRequests: boolean;
  /** On SIGTERM, requests in flight get this long to finish before their connections are cut (default 10). */
  drainSeconds?: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    publicUrl,
    secureCookies: e.SECURE_COOKIES ? e.SECURE_COOKIES === "true" : publicUrl.startsWith("https:"),
    sessionHours: e.SESSION_HOURS,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    trustProxy: e.TRUST_PROXY === "true",
    logRequests: e.LOG_REQUESTS === "true",
    drainSeconds: e.DRAIN_SECONDS,
  };
}
