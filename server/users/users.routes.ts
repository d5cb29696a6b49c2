import { Hono } from "hono";
import type { Role } from "../../shared/contract/roles.ts";
import { CreateUserRequest } from "../../shared/contract/users.ts";
import { findArea } from "../areas/areas.repository.ts";
import { audit } from "../audit/audit.repository.ts";
import { hashPassword } from "../auth/password.ts";
import type { AppEnv } from "../http/app-env.ts";
import { allow, assertAreaInScope, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import { findUserByEmail, insertUser, listUsers, toUser } from "./users.repository.ts";

/** Roles whose work is tied to one area. */
const AREA_ROLES: readonly Role[] = ["coordinator", "peer_researcher"];
/** What a coordinator may create in their own area; admins create any role. */
const COORDINATOR_CREATES: readonly Role[] = ["peer_researcher", "expert"];

export function usersRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/", allow("GET /api/users"), async (c) => {
    const user = requireUser(c.get("user"));
    const rows = await listUsers(c.get("deps").db, user.role === "admin" ? null : user.areaId);
    return c.json({ users: rows.map(toUser) });
  });

  app.post("/", allow("POST /api/users"), async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const body = await readJson(c, CreateUserRequest);
    if (user.role !== "admin") {
      if (!COORDINATOR_CREATES.includes(body.role)) {
        throw new ProblemError("forbidden_role", `A coordinator cannot create a ${body.role} account.`);
      }
      if (body.areaId === null) throw new ProblemError("forbidden_area", "Choose your own area.");
      assertAreaInScope(user, body.areaId);
    }
    if (body.areaId === null && AREA_ROLES.includes(body.role)) throw new ProblemError("area_required");
    if (body.areaId !== null && !(await findArea(db, body.areaId))) {
      throw new ProblemError("area_not_found", `No area "${body.areaId}".`);
    }
    if (await findUserByEmail(db, body.email)) throw new ProblemError("email_taken");
    const row = await insertUser(
      db,
      {
        email: body.email,
        displayName: body.displayName,
        role: body.role,
        areaId: body.areaId,
        passwordHash: await hashPassword(body.password),
      },
      now(),
    );
    await audit(db, {
      at: now(),
      actorId: user.id,
      action: "user.create",
      target: row.id,
      detail: { role: body.role },
    });
    return c.json(toUser(row), 201);
  });

  return app;
}
