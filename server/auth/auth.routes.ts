import type { Context } from "hono";
import { Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { LoginRequest, type Me, SetupRequest } from "../../shared/contract/auth.ts";
import { audit } from "../audit/audit.repository.ts";
import type { AppDeps, AppEnv } from "../http/app-env.ts";
import { allow, requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import { readJson } from "../http/read-json.ts";
import {
  findUserByEmail,
  findUserById,
  setPasswordHash,
  toUser,
  type UserRow,
} from "../users/users.repository.ts";
import { decoyHash, hashPassword, verifyPassword } from "./password.ts";
import { SESSION_COOKIE } from "./session-middleware.ts";
import { createSession, deleteSession } from "./sessions.repository.ts";
import { consumeSetupToken } from "./setup-tokens.repository.ts";

function toMe(row: UserRow): Me {
  const { disabled: _disabled, ...me } = toUser(row);
  return me;
}

async function startSession(c: Context<AppEnv>, deps: AppDeps, row: UserRow): Promise<void> {
  const { token, expiresAt } = await createSession(deps.db, row.id, deps.now(), deps.config.sessionHours);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: deps.config.secureCookies,
    path: "/",
    expires: expiresAt,
  });
}

export function authRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/login", allow("POST /api/auth/login"), async (c) => {
    const deps = c.get("deps");
    const body = await readJson(c, LoginRequest);
    const row = await findUserByEmail(deps.db, body.email);
    const ok = row?.password_hash
      ? await verifyPassword(body.password, row.password_hash)
      : (await verifyPassword(body.password, await decoyHash), false);
    if (!row || !ok || Number(row.disabled) === 1) {
      await audit(deps.db, {
        at: deps.now(),
        actorId: null,
        action: "auth.login_failed",
        target: body.email,
      });
      throw new ProblemError("bad_credentials");
    }
    await startSession(c, deps, row);
    await audit(deps.db, { at: deps.now(), actorId: row.id, action: "auth.login" });
    return c.json(toMe(row));
  });

  app.post("/setup", allow("POST /api/auth/setup"), async (c) => {
    const deps = c.get("deps");
    const body = await readJson(c, SetupRequest);
    const userId = await consumeSetupToken(deps.db, body.token, deps.now());
    const row = userId ? await findUserById(deps.db, userId) : undefined;
    if (!row) throw new ProblemError("setup_token_invalid");
    const hash = await hashPassword(body.password);
    await setPasswordHash(deps.db, row.id, hash);
    await startSession(c, deps, row);
    await audit(deps.db, { at: deps.now(), actorId: row.id, action: "auth.setup" });
    return c.json(toMe(row));
  });

  app.post("/logout", allow("POST /api/auth/logout"), async (c) => {
    const deps = c.get("deps");
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(deps.db, token);
    const user = c.get("user");
    if (user) await audit(deps.db, { at: deps.now(), actorId: user.id, action: "auth.logout" });
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });

  app.get("/me", allow("GET /api/auth/me"), (c) => c.json(requireUser(c.get("user"))));

  return app;
}
