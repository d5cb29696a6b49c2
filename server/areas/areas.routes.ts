import type { Hono } from "hono";
import { areasApi } from "../../shared/contract/areas.routes.ts";
import { CreateAreaRequest } from "../../shared/contract/areas.schema.ts";
import { audit } from "../audit/audit.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { insertArea, listAreas } from "./areas.repository.ts";

export function areasRoutes(api: Hono<AppEnv>): void {
  mount(api, areasApi.list, {}, async (c) => {
    const user = requireUser(c.get("user"));
    return { areas: await listAreas(c.get("deps").db, user.areaId) };
  });

  mount(api, areasApi.create, { body: CreateAreaRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    if (!(await insertArea(db, body, now()))) throw new ProblemError("area_exists", `"${body.id}" is taken.`);
    await audit(db, { at: now(), actorId: user.id, action: "area.create", target: body.id });
    return body;
  });
}
