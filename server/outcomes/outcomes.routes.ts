import type { Context, Hono } from "hono";
import { outcomesApi } from "../../shared/contract/outcomes.routes.ts";
import { LiveView, OutcomeId, OutcomePageQuery } from "../../shared/contract/outcomes.schema.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { toFieldIssues } from "../http/read-json.ts";
import { suppressionThreshold } from "../settings/settings.repository.ts";
import { outcomeMap } from "./outcome-map.service.ts";
import { outcomePage } from "./outcome-page.service.ts";
import { roundForRelease } from "./page/released-view.ts";

/**
 * The live outcome dashboards, for trusted analysts only (docs/decisions/0024-who-sees-what.md).
 * They see exact figures (`view=exact`, the default: the protection runs with k = 1, which hides
 * nothing), or the page as it would be released (`view=released`: the protection at the data
 * manager's k, then the release rounding). Everyone else sees releases.
 */
export function outcomesRoutes(api: Hono<AppEnv>): void {
  mount(api, outcomesApi.map, {}, async (c) => {
    const { db } = c.get("deps");
    const user = requireUser(c.get("user"));
    const { view, rest } = splitView(c);
    if (Object.keys(rest).length > 0) throw new ProblemError("invalid_query", "The map takes only `view`.");
    const k = await thresholdFor(c, view);
    const body = await outcomeMap({ db, user, k });
    await auditRead(c, { action: "outcome.map_read", target: null, detail: { view } });
    return finish(body, view);
  });

  mount(api, outcomesApi.page, {}, async (c, { params }) => {
    const { db } = c.get("deps");
    const user = requireUser(c.get("user"));
    const id = OutcomeId.safeParse(params.outcomeId);
    if (!id.success) throw new ProblemError("outcome_not_found", "That is not an outcome id.");
    const { view, rest } = splitView(c);
    const parsed = OutcomePageQuery.safeParse(rest);
    if (!parsed.success) {
      throw new ProblemError(
        "invalid_query",
        "See `issues` for each parameter that is wrong.",
        toFieldIssues(parsed.error),
      );
    }
    const query = parsed.data;
    const k = await thresholdFor(c, view);
    const body = await outcomePage({ db, user, k }, id.data, query);
    await auditRead(c, { action: "outcome.read", target: id.data, detail: { view, filters: query } });
    return finish(body, view);
  });
}

/**
 * Every read of live figures is audited (issue 13: trusted analysts read exact figures, and each read
 * is on record), after the page is built, so a refused or failed read records nothing.
 */
async function auditRead(
  c: Context<AppEnv>,
  read: {
    action: "outcome.read" | "outcome.map_read";
    target: string | null;
    detail: Record<string, unknown>;
  },
): Promise<void> {
  const { db, now } = c.get("deps");
  const user = requireUser(c.get("user"));
  await audit(db, { ...requestOrigin(c), at: now(), actorId: user.id, ...read });
}

/** `view` apart from the page's filters, which are checked against their own schema. */
function splitView(c: Context<AppEnv>): { view: LiveView; rest: Record<string, string> } {
  const { view: raw, ...rest } = c.req.query();
  const view = LiveView.safeParse(raw ?? "exact");
  if (!view.success) {
    throw new ProblemError("invalid_query", "`view` is `exact` or `released`.", [
      { path: ["view"], message: "exact or released" },
    ]);
  }
  return { view: view.data, rest };
}

/** k = 1 hides nothing (every suppression rule hides only counts from 1 to k − 1). */
async function thresholdFor(c: Context<AppEnv>, view: LiveView): Promise<number> {
  if (view === "exact") return 1;
  return (await suppressionThreshold(c.get("deps").db)).k;
}

function finish<T extends { k: number }>(body: T, view: LiveView): T & { view: LiveView } {
  return view === "released" ? { ...roundForRelease(body), view } : { ...body, view };
}
