import type { Context, Hono } from "hono";
import { areaSettingsApi } from "../../shared/contract/area-settings.routes.ts";
import {
  SetAreaTargetsRequest,
  UpdateAreaSettingsRequest,
} from "../../shared/contract/area-settings.schema.ts";
import type { AreaSettings } from "../../shared/contract/area-settings.ts";
import { assertAreaInScope } from "../access/area-scope.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import {
  findAreaSettings,
  leadOptions,
  replaceAreaTargets,
  unknownSurveys,
  updateAreaSettings,
} from "./area-settings.repository.ts";

/**
 * An area as its coordinator runs it (`/api/area-settings/:areaId`): name and region, the support
 * services list, the safeguarding lead, the reward policy, and targets per survey and wave.
 * Creating areas stays with administrators (`POST /api/areas`).
 */
export function areaSettingsRoutes(api: Hono<AppEnv>): void {
  mount(api, areaSettingsApi.get, {}, async (c, { params }) => settingsInScope(c, params.areaId));

  mount(api, areaSettingsApi.update, { body: UpdateAreaSettingsRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const before = await settingsInScope(c, params.areaId);
    if (body.safeguardingLeadId !== null) {
      const options = await leadOptions(db, before.id);
      if (!options.some((o) => o.id === body.safeguardingLeadId)) {
        const message = "Choose one of the area's coordinators or an administrator.";
        throw new ProblemError("person_not_eligible", message, [{ path: ["safeguardingLeadId"], message }]);
      }
    }
    const change = {
      name: body.name,
      region: body.region,
      supportServices: body.supportServices,
      safeguardingLeadId: body.safeguardingLeadId,
      rewardPencePerHour: body.rewardPencePerHour,
      rewardPolicyNote: body.rewardPolicyNote,
    };
    await db.transaction().execute(async (trx) => {
      await updateAreaSettings(trx, before.id, change);
      await audit(trx, {
        ...requestOrigin(c),
        at: now(),
        actorId: user.id,
        action: "area.update",
        target: before.id,
        detail: {
          changed: changedFields(before, change),
          safeguardingLeadId: change.safeguardingLeadId,
          rewardPencePerHour: change.rewardPencePerHour,
        },
      });
    });
    return settingsInScope(c, params.areaId);
  });

  mount(api, areaSettingsApi.setTargets, { body: SetAreaTargetsRequest }, async (c, { params, body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const area = await settingsInScope(c, params.areaId);
    const { targets } = body;
    const unknown = await unknownSurveys(
      db,
      targets.map((t) => t.surveyId),
    );
    if (unknown.length > 0) {
      throw new ProblemError(
        "survey_not_found",
        `No survey "${unknown[0]}".`,
        targets.flatMap((t, i) =>
          unknown.includes(t.surveyId)
            ? [{ path: ["targets", i, "surveyId"], message: "There is no such survey." }]
            : [],
        ),
      );
    }
    const at = now();
    await db.transaction().execute(async (trx) => {
      await replaceAreaTargets(trx, area.id, targets, { userId: user.id, at });
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "area.targets",
        target: area.id,
        detail: { targets },
      });
    });
    return settingsInScope(c, params.areaId);
  });
}

async function settingsInScope(c: Context<AppEnv>, areaId: string): Promise<AreaSettings> {
  const user = requireUser(c.get("user"));
  assertAreaInScope(user, areaId);
  const settings = areaId.length <= 64 ? await findAreaSettings(c.get("deps").db, areaId) : undefined;
  if (!settings) throw new ProblemError("area_not_found", `No area "${areaId}".`);
  return settings;
}

function changedFields(
  before: AreaSettings,
  after: Omit<AreaSettings, "id" | "targets" | "leadOptions" | "safeguardingLeadName">,
): string[] {
  const keys = [
    "name",
    "region",
    "supportServices",
    "safeguardingLeadId",
    "rewardPencePerHour",
    "rewardPolicyNote",
  ] as const;
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}
