import type { Hono } from "hono";
import { statsApi } from "../../shared/contract/stats.routes.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { responseCounts } from "./response-counts.repository.ts";

export function statsRoutes(api: Hono<AppEnv>): void {
  mount(api, statsApi.responseCounts, {}, async (c) => {
    const user = requireUser(c.get("user"));
    return { counts: await responseCounts(c.get("deps").db, user.areaId) };
  });
}
