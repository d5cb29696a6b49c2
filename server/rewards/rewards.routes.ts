import type { Context, Hono } from "hono";
import { rewardsApi } from "../../shared/contract/rewards.routes.ts";
import { RecordRewardRequest, RewardsQuery } from "../../shared/contract/rewards.schema.ts";
import type { RewardEntry, RewardsResponse } from "../../shared/contract/rewards.ts";
import { assertAreaInScope, listArea, personInScope } from "../access/area-scope.ts";
import { findAreaSettings } from "../areas/area-settings.repository.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { today } from "../today.ts";
import { rewardStatementCsv, statementFileName } from "./reward-statement.ts";
import { findReward, insertReward, listRewards } from "./rewards.repository.ts";

/**
 * The reward log (`/api/rewards`): coordinators record time given in their area and the reward due
 * under the area's policy at that moment; each person's statement downloads as CSV. People read their
 * own log at `/api/me/rewards`.
 */
export function rewardsRoutes(api: Hono<AppEnv>): void {
  mount(api, rewardsApi.list, { query: RewardsQuery }, async (c, { query }) => {
    const user = requireUser(c.get("user"));
    const entries = await listRewards(c.get("deps").db, {
      areaId: listArea(user, query.areaId),
      userId: query.userId ?? null,
    });
    return rewardsResponse(entries);
  });

  mount(api, rewardsApi.record, { body: RecordRewardRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    assertAreaInScope(user, body.areaId);
    const area = await findAreaSettings(db, body.areaId);
    if (!area) throw new ProblemError("area_not_found", `No area "${body.areaId}".`);
    const person = await personInScope(db, user, body.userId);
    if (person.area_id !== null && person.area_id !== body.areaId) {
      const message = "Record time in the person's own area.";
      throw new ProblemError("person_not_eligible", message, [{ path: ["areaId"], message }]);
    }
    const at = now();
    if (body.givenOn > today(at)) {
      throw new ProblemError("invalid_body", "Time is recorded once it has been given.", [
        { path: ["givenOn"], message: "Choose today or a day before." },
      ]);
    }
    const pencePerHour = area.rewardPencePerHour;
    if (pencePerHour === null) throw new ProblemError("reward_policy_not_set");
    const id = await db.transaction().execute(async (trx) => {
      const inserted = await insertReward(trx, {
        userId: person.id,
        areaId: area.id,
        activity: body.activity,
        minutes: Math.round(body.hours * 60),
        givenOn: body.givenOn,
        pencePerHour,
        paymentMethod: body.paymentMethod,
        recordedBy: user.id,
        at,
      });
      await audit(trx, {
        ...requestOrigin(c),
        at,
        actorId: user.id,
        action: "reward.record",
        target: inserted,
        detail: {
          userId: person.id,
          areaId: area.id,
          hours: body.hours,
          pencePerHour,
          paymentMethod: body.paymentMethod,
        },
      });
      return inserted;
    });
    const entry = await findReward(db, id);
    if (!entry) throw new Error(`Reward ${id} was stored but cannot be read back.`);
    return entry;
  });

  mount(api, rewardsApi.statement, {}, async (c, { params }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const person = await personInScope(db, user, params.userId);
    const entries = await listRewards(db, { areaId: user.areaId, userId: person.id });
    await audit(db, {
      ...requestOrigin(c),
      at: now(),
      actorId: user.id,
      action: "reward.statement",
      target: person.id,
      detail: { entries: entries.length },
    });
    return statementResponse(c, person.display_name, entries);
  });
}

export function rewardsResponse(entries: RewardEntry[]): RewardsResponse {
  return {
    entries,
    totalPence: entries.reduce((sum, e) => sum + e.rewardPence, 0),
    totalHours: entries.reduce((sum, e) => sum + e.hours, 0),
  };
}

export function statementResponse(c: Context<AppEnv>, person: string, entries: RewardEntry[]): Response {
  const day = today(c.get("deps").now());
  return c.body(rewardStatementCsv(person, entries, day), 200, {
    "content-type": "text/csv; charset=utf-8; header=present",
    "content-disposition": `attachment; filename="${statementFileName(day)}"`,
  });
}
