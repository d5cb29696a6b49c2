import { Hono } from "hono";
import { CreateAreaRequest } from "../../shared/contract/areas.ts";
import { audit } from "../audit/audit.repository.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { insertArea, listAreas } from "./areas.repository.ts";

export function areasRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", allow("GET /api/areas"), async (c) => {
    const user = requireUser(c.get("user"));
    return c.json({ areas: await listAreas(c.get("deps").db, user.areaId) });
  });

  app.post("/", allow("POST /api/areas"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const body = await readJson(c, CreateAreaRequest);
    if (!(await insertArea(db, body, now()))) throw new ProblemError("area_exists", `"${body.id}" is taken.`);
    await audit(db, { at: now(), actorId: user.id, action: "area.create", target: body.id });
    return c.json(body, 201);
  });

  return app;
}
