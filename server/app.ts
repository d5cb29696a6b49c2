import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { makeProblem } from "../shared/contract/problems.ts";
import { areaSettingsRoutes } from "./areas/area-settings.routes.ts";
import { areasRoutes } from "./areas/areas.routes.ts";
import { progressRoutes } from "./areas/progress.routes.ts";
import { auditRoutes } from "./audit/audit.routes.ts";
import { authRoutes } from "./auth/auth.routes.ts";
import { sessionMiddleware } from "./auth/session-middleware.ts";
import { classifyDatabaseError, DatabaseHealth, RETRY_AFTER_SECONDS } from "./db/availability.ts";
import { debriefViewsRoutes } from "./debriefs/debrief-views.routes.ts";
import { debriefsRoutes } from "./debriefs/debriefs.routes.ts";
import { refuseLostDevices } from "./devices/device-check.ts";
import { devicesRoutes } from "./devices/devices.routes.ts";
import { lostDevicesRoutes } from "./devices/lost-devices.routes.ts";
import { uploadKeyRoutes } from "./devices/upload-key.routes.ts";
import { editorRoutes } from "./editor/editor.routes.ts";
import { importRoutes } from "./editor/import.routes.ts";
import { exportsRoutes } from "./exports/exports.routes.ts";
import { supportServicesRoutes } from "./fieldwork/support-services.routes.ts";
import { syncRoutes } from "./fieldwork/sync.routes.ts";
import { assignmentsRoutes } from "./follow-ups/assignments.routes.ts";
import { followupsRoutes } from "./follow-ups/follow-ups.routes.ts";
import type { AppDeps, AppEnv } from "./http/app-env.ts";
import { healthRoutes } from "./http/health.routes.ts";
import { ProblemError, problemResponse } from "./http/problem.ts";
import { refuseNulInAddress, sameOriginWrites, securityHeaders } from "./http/security.ts";
import { mountClient } from "./http/static.ts";
import { outcomesRoutes } from "./outcomes/outcomes.routes.ts";
import { participationPlansRoutes } from "./participation-plans/participation-plans.routes.ts";
import { publicReleasesRoutes, releasesRoutes } from "./releases/releases.routes.ts";
import { statsRoutes } from "./response-counts/response-counts.routes.ts";
import { retentionRoutes } from "./retention/retention.routes.ts";
import { reviewRoutes } from "./review/review.routes.ts";
import { rewardsRoutes } from "./rewards/rewards.routes.ts";
import { safeguardingQueueRoutes } from "./safeguarding/queue.routes.ts";
import { safeguardingRoutes } from "./safeguarding/safeguarding.routes.ts";
import { settingsRoutes } from "./settings/settings.routes.ts";
import { surveysRoutes } from "./surveys/surveys.routes.ts";
import { trainingRoutes } from "./training/training.routes.ts";
import { invitationsRoutes } from "./users/invitations.routes.ts";
import { meRoutes } from "./users/me.routes.ts";
import { usersRoutes } from "./users/users.routes.ts";
import { withdrawalRoutes } from "./withdrawal/withdrawal.routes.ts";
import { xlsformRoutes } from "./xlsform/xlsform.routes.ts";

/** Bodies other than sync batches are small forms. */
const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Builds the whole application from its dependencies. Nothing here listens on a port or reads the
 * environment, so tests call `createApp(...).request(...)` on a fresh database.
 */
export function createApp(appDeps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const deps: AppDeps = appDeps.health ? appDeps : { ...appDeps, health: new DatabaseHealth() };

  app.use("*", securityHeaders());
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  // Health for load balancers and service managers (issue 21): outside /api, public, no data.
  app.route("/", healthRoutes());

  const api = new Hono<AppEnv>();
  // A successful API answer reached the database: an outage, if any, is over. (Not a 4xx: a refused
  // body or an unknown path is answered before the database is asked.)
  api.use("*", async (c, next) => {
    await next();
    if (c.res.status < 400) deps.health?.recovered();
  });
  api.use("*", sameOriginWrites());
  api.use("*", refuseNulInAddress());
  api.use("*", async (c, next) => {
    // The sync and XLSForm upload routes set their own, larger limits.
    if (c.req.path === "/api/sync" || c.req.path === "/api/editor/xlsform") return next();
    // Easy Read pictures and translation spreadsheets (issue 18) set their own limits too.
    if (/^\/api\/editor\/surveys\/[^/]+\/(pictures|translations\.csv)$/.test(c.req.path)) return next();
    return bodyLimit({
      maxSize: DEFAULT_BODY_LIMIT,
      onError: () => {
        throw new ProblemError(
          "body_too_large",
          `A request body may be at most ${DEFAULT_BODY_LIMIT} bytes.`,
        );
      },
    })(c, next);
  });
  api.use("*", sessionMiddleware());
  // A tablet reported lost is refused everywhere (issue 17, docs/decisions/0036).
  api.use("*", refuseLostDevices());
  api.use("*", async (c, next) => {
    await next();
    c.header("cache-control", c.res.headers.get("cache-control") ?? "no-store");
  });
  authRoutes(api);
  areasRoutes(api);
  usersRoutes(api);
  auditRoutes(api);
  surveysRoutes(api);
  editorRoutes(api);
  xlsformRoutes(api);
  importRoutes(api);
  syncRoutes(api);
  statsRoutes(api);
  outcomesRoutes(api);
  settingsRoutes(api);
  reviewRoutes(api);
  withdrawalRoutes(api);
  retentionRoutes(api);
  exportsRoutes(api);
  supportServicesRoutes(api);
  safeguardingRoutes(api);
  debriefsRoutes(api);
  followupsRoutes(api);
  // Coordination (issue 8).
  invitationsRoutes(api);
  areaSettingsRoutes(api);
  lostDevicesRoutes(api);
  uploadKeyRoutes(api);
  devicesRoutes(api);
  assignmentsRoutes(api);
  progressRoutes(api);
  releasesRoutes(api);
  publicReleasesRoutes(api);
  safeguardingQueueRoutes(api);
  debriefViewsRoutes(api);
  participationPlansRoutes(api);
  rewardsRoutes(api);
  trainingRoutes(api);
  meRoutes(api);
  api.all("*", () => {
    throw new ProblemError("not_found");
  });
  app.route("/api", api);

  if (deps.staticDir) mountClient(app, deps.staticDir);

  app.notFound((c) => problemResponse(c, makeProblem("not_found")));
  app.onError((error, c) => {
    if (error instanceof ProblemError) return problemResponse(c, error.problem);
    // The database is away or full (issue 21): say so and when to try again; log the outage once.
    const outage = classifyDatabaseError(error);
    if (outage) {
      deps.health?.failed(outage, error);
      c.header("retry-after", String(RETRY_AFTER_SECONDS[outage]));
      c.header("cache-control", "no-store");
      return problemResponse(c, makeProblem(outage === "full" ? "storage_full" : "database_unavailable"));
    }
    // A surprise: log it for us, tell the caller nothing about the internals.
    console.error(`${c.req.method} ${c.req.path} failed:`, error);
    return problemResponse(c, makeProblem("internal"));
  });
  return app;
}
