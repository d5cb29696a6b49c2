import { Hono } from "hono";
import {
  SuppressionSettingRequest,
  type SuppressionSettingResponse,
} from "../../shared/contract/settings.ts";
import { audit } from "../audit/audit.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { readJson } from "../http/read-json.ts";
import { setSuppressionThreshold, suppressionThreshold } from "./settings.repository.ts";

export function settingsRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/suppression", allow("GET /api/settings/suppression"), async (c) => {
    const current = await suppressionThreshold(c.get("deps").db);
    return c.json(current satisfies SuppressionSettingResponse);
  });

  app.put("/suppression", allow("PUT /api/settings/suppression"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const { k } = await readJson(c, SuppressionSettingRequest);
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
    return c.json({ k, updatedAt: at.toISOString() } satisfies SuppressionSettingResponse);
  });

  return app;
}
