import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AppEnv } from "../http/app-env.ts";
import { toUser } from "../users/users.repository.ts";
import { findSessionUser } from "./sessions.repository.ts";

export const SESSION_COOKIE = "alongside_session";

/** Resolves the session cookie to a user for every API request; routes decide whether one is needed. */
export function sessionMiddleware(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set("user", null);
    if (token && token.length <= 128) {
      const { db, now, config } = c.get("deps");
      const row = await findSessionUser(db, token, now(), config.sessionIdleMinutes);
      if (row) {
        const { disabled: _disabled, ...me } = toUser(row);
        c.set("user", me);
      }
    }
    await next();
  };
}
