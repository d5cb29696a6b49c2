import type { Hono } from "hono";
import { settingsApi } from "../../shared/contract/settings.routes.ts";
import { SuppressionSettingRequest } from "../../shared/contract/settings.schema.ts";
import { audit } from "../audit/audit.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { setSuppressionThreshold, suppressionThreshold } from "./settings.repository.ts";

export function settingsRoutes(api: Hono<AppEnv>): void {
  mount(api, settingsApi.suppression, {}, async (c) => suppressionThreshold(c.get("deps").db));

  mount(api, settingsApi.setSuppression, { body: SuppressionSettingRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const { k } = body;
    const at = now();
    await db.transaction().execute(async (trx) => {
      const before = await suppressionThreshold(trx);
      await setSuppressionThreshold(trx, k, { userId: user.id, now: at });
      await audit(trx, {
        at,
        actorId: user.id,
        action: "settings.suppression",
        target: "suppression_k",
        detail: { from: before.k, to: k },
      });
    });
    return { k, updatedAt: at.toISOString() };
  });
}
