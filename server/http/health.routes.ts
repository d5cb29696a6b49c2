import { type Context, Hono } from "hono";
import { classifyDatabaseError } from "../db/availability.ts";
import { migrationState } from "../db/migrate.ts";
import type { AppEnv } from "./app-env.ts";

/**
 * For load balancers and service managers, outside /api (no session, no CSRF check, no policy entry:
 * they are public by design and say nothing but "yes" or "no"). The answers carry no data, version or
 * reason, so they tell a stranger nothing; the reason for "not ready" goes to the server's log once
 * (availability.ts). See docs/decisions/0028-database-outages.md.
 *
 * - `GET /healthz`: the process is alive and its event loop turns. Never touches the database, so a
 *   service manager does not restart a healthy server because the database restarted.
 * - `GET /readyz`: send traffic here: the database answers, has run every migration this release
 *   needs, and the server is not draining for a shutdown.
 */

/** A readiness check that has not answered in this long counts as "not ready". */
export const READY_CHECK_MS = 2_000;

export function healthRoutes(): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  // Only these two paths: the routes are mounted at "/", so a "*" middleware here would reach every page.
  routes.get("/healthz", (c) => {
    c.header("cache-control", "no-store");
    return c.text("ok");
  });
  routes.get("/readyz", async (c) => {
    c.header("cache-control", "no-store");
    const { db, lifecycle, health } = c.get("deps");
    if (lifecycle?.draining) return notReady(c);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((done) => {
      timer = setTimeout(() => done("timeout"), READY_CHECK_MS);
    });
    try {
      const state = await Promise.race([migrationState(db), timedOut]);
      if (state === "timeout" || state.missing.length > 0) return notReady(c);
      health?.recovered();
      return c.text("ready");
    } catch (error) {
      const kind = classifyDatabaseError(error);
      if (kind) health?.failed(kind, error);
      return notReady(c);
    } finally {
      clearTimeout(timer);
    }
  });
  return routes;
}

function notReady(c: Context<AppEnv>): Response {
  return c.text("not ready", 503, { "retry-after": "5" });
}
