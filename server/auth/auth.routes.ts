import type { Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { authApi } from "../../shared/contract/auth.routes.ts";
import {
  ChangePasswordRequest,
  LoginRequest,
  SetupLinkRequest,
  SetupRequest,
} from "../../shared/contract/auth.schema.ts";
import type { Me, SetupLinkInfo } from "../../shared/contract/auth.ts";
import { passwordWeakness } from "../../shared/contract/password-rules.ts";
import { audit } from "../audit/audit.repository.ts";
import { requestOrigin } from "../audit/audit-origin.ts";
import type { AppEnv } from "../http/app-env.ts";
import { mount } from "../http/mount.ts";
import { requireUser } from "../http/policy.ts";
import { ProblemError } from "../http/problem.ts";
import {
  findUserByEmail,
  findUserById,
  setPasswordHash,
  toUser,
  type UserRow,
} from "../users/users.repository.ts";
import { FIRST_ADMIN_EMAIL } from "./bootstrap-admin.ts";
import { clearLoginAttempts } from "./login-attempts.repository.ts";
import { lockoutMessage, reserveLoginAttempt } from "./login-throttle.ts";
import { decoyHash, hashPassword, verifyPassword } from "./password.ts";
import { SESSION_COOKIE } from "./session-middleware.ts";
import {
  createSession,
  deleteExpiredSessions,
  deleteOtherSessions,
  deleteSession,
  deleteUserSessions,
} from "./sessions.repository.ts";
import { consumeSetupToken, findSetupTokenUser, retireUserSetupTokens } from "./setup-tokens.repository.ts";

function toMe(row: UserRow): Me {
  const { disabled: _disabled, invited: _invited, ...me } = toUser(row);
  return me;
}

/**
 * Signs `row` in with a fresh session. Any session cookie the browser presented is ended first, so a
 * token planted before sign-in (session fixation) or left over from another account is never reused.
 */
async function startSession(c: Context<AppEnv>, row: UserRow): Promise<void> {
  const { db, now, config } = c.get("deps");
  const presented = getCookie(c, SESSION_COOKIE);
  if (presented && presented.length <= 128) await deleteSession(db, presented);
  await deleteExpiredSessions(db, now(), config.sessionIdleMinutes);
  const { token, expiresAt } = await createSession(db, row.id, now(), config.sessionHours);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: config.secureCookies,
    path: "/",
    expires: expiresAt,
  });
}

export function authRoutes(api: Hono<AppEnv>): void {
  mount(api, authApi.login, { body: LoginRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const origin = requestOrigin(c);
    const failed = (reason: string) =>
      audit(db, {
        ...origin,
        at: now(),
        actorId: null,
        action: "auth.login_failed",
        target: body.email,
        detail: { reason },
      });

    const reservation = await reserveLoginAttempt(db, { email: body.email, ip: origin.ip, now: now() });
    if (reservation.kind === "locked") {
      await failed(`locked_${reservation.scope}`);
      c.header("retry-after", String(reservation.retryAfterSeconds));
      throw new ProblemError(
        "too_many_attempts",
        lockoutMessage(reservation.scope, reservation.retryAfterSeconds),
      );
    }

    const row = await findUserByEmail(db, body.email);
    // An unknown email is checked against a decoy hash, so both failures take as long (the decoy is
    // awaited either way, so the first sign-in after a start costs the same for both).
    const decoy = await decoyHash();
    const ok = await verifyPassword(body.password, row?.password_hash ?? decoy);
    const known = row?.password_hash != null;
    if (!row || !known || !ok) {
      await failed("bad_credentials");
      if (reservation.lastBeforeLockout) {
        await audit(db, { ...origin, at: now(), actorId: null, action: "auth.lockout", target: body.email });
      }
      throw new ProblemError("bad_credentials");
    }
    await clearLoginAttempts(db, body.email);
    // Only someone who knows the password learns that the account is disabled.
    if (Number(row.disabled) === 1) {
      await failed("disabled");
      throw new ProblemError("account_disabled");
    }
    await startSession(c, row);
    await audit(db, { ...origin, at: now(), actorId: row.id, action: "auth.login" });
    return toMe(row);
  });

  mount(api, authApi.setup, { body: SetupRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const candidate = await findSetupTokenUser(db, body.token, now());
    const row = candidate ? await findUserById(db, candidate) : undefined;
    // A disabled account's links are retired when it is disabled; this refuses any that slipped past.
    if (!row || Number(row.disabled) === 1) throw new ProblemError("setup_token_invalid");
    // Checked before the link is used up, so a refused password does not burn the only way in.
    const weakness = passwordWeakness(body.password, row.email);
    if (weakness)
      throw new ProblemError("weak_password", weakness, [{ path: ["password"], message: weakness }]);
    const hash = await hashPassword(body.password);
    // An account that had a password is being reset (an admin's or coordinator's link): every session
    // it had ends, so whoever may have known the old password is signed out everywhere.
    const reset = row.password_hash !== null;
    const at = now();
    const sessionsEnded = await db.transaction().execute(async (trx) => {
      if ((await consumeSetupToken(trx, body.token, at)) !== row.id) return null;
      await setPasswordHash(trx, row.id, hash);
      await retireUserSetupTokens(trx, row.id, at);
      return deleteUserSessions(trx, row.id);
    });
    if (sessionsEnded === null) throw new ProblemError("setup_token_invalid");
    await clearLoginAttempts(db, row.email);
    await startSession(c, row);
    await audit(db, {
      ...requestOrigin(c),
      at,
      actorId: row.id,
      action: reset ? "auth.password_reset" : "auth.setup",
      ...(reset ? { detail: { sessionsEnded } } : {}),
    });
    return toMe(row);
  });

  // What a one-time link is for, asked before the form is shown: a used or expired link says so at
  // once instead of after the person has chosen a password, and an invitation greets them by name with
  // their role and area. Uses nothing up. The token travels in the body, never in a logged address.
  mount(api, authApi.setupLink, { body: SetupLinkRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const candidate = await findSetupTokenUser(db, body.token, now());
    const row = candidate ? await findUserById(db, candidate) : undefined;
    if (!row || Number(row.disabled) === 1) throw new ProblemError("setup_token_invalid");
    const area = row.area_id
      ? await db.selectFrom("areas").select("name").where("id", "=", row.area_id).executeTakeFirst()
      : undefined;
    const purpose: SetupLinkInfo["purpose"] =
      row.password_hash !== null
        ? "reset"
        : row.role === "admin" && row.email === FIRST_ADMIN_EMAIL
          ? "first_admin"
          : "invitation";
    return { purpose, displayName: row.display_name, role: toUser(row).role, areaName: area?.name ?? null };
  });

  // Whether no administrator has a password yet, so the sign-in page can say where the setup link is.
  mount(api, authApi.setupStatus, {}, async (c) => {
    const { db } = c.get("deps");
    const ready = await db
      .selectFrom("users")
      .select("id")
      .where("role", "=", "admin")
      .where("password_hash", "is not", null)
      .executeTakeFirst();
    return { setupPending: !ready };
  });

  // A signed-in person changes their own password. The current password is asked for (a session left
  // open on a shared tablet is not enough), wrong guesses count toward the sign-in lockout of the
  // account, and every other session of the account ends; this one stays signed in.
  mount(api, authApi.changePassword, { body: ChangePasswordRequest }, async (c, { body }) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const origin = requestOrigin(c);
    const reservation = await reserveLoginAttempt(db, { email: user.email, ip: origin.ip, now: now() });
    if (reservation.kind === "locked") {
      c.header("retry-after", String(reservation.retryAfterSeconds));
      throw new ProblemError(
        "too_many_attempts",
        lockoutMessage(reservation.scope, reservation.retryAfterSeconds),
      );
    }
    const row = await findUserById(db, user.id);
    if (!row?.password_hash || !(await verifyPassword(body.currentPassword, row.password_hash))) {
      await audit(db, {
        ...origin,
        at: now(),
        actorId: user.id,
        action: "auth.password_change_failed",
        target: user.email,
      });
      throw new ProblemError("wrong_current_password", undefined, [
        { path: ["currentPassword"], message: "This is not your current password." },
      ]);
    }
    await clearLoginAttempts(db, user.email);
    const weakness = passwordWeakness(body.newPassword, row.email);
    if (weakness)
      throw new ProblemError("weak_password", weakness, [{ path: ["newPassword"], message: weakness }]);
    const hash = await hashPassword(body.newPassword);
    const token = getCookie(c, SESSION_COOKIE) ?? "";
    const at = now();
    await db.transaction().execute(async (trx) => {
      await setPasswordHash(trx, user.id, hash);
      const sessionsEnded = await deleteOtherSessions(trx, user.id, token);
      const linksRetired = await retireUserSetupTokens(trx, user.id, at);
      await audit(trx, {
        ...origin,
        at,
        actorId: user.id,
        action: "auth.password_change",
        detail: { sessionsEnded, linksRetired },
      });
    });
  });

  mount(api, authApi.logout, {}, async (c) => {
    const { db, now } = c.get("deps");
    const token = getCookie(c, SESSION_COOKIE);
    if (token && token.length <= 128) await deleteSession(db, token);
    const user = c.get("user");
    if (user) await audit(db, { ...requestOrigin(c), at: now(), actorId: user.id, action: "auth.logout" });
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
  });

  mount(api, authApi.logoutEverywhere, {}, async (c) => {
    const { db, now } = c.get("deps");
    const user = requireUser(c.get("user"));
    const ended = await deleteUserSessions(db, user.id);
    await audit(db, {
      ...requestOrigin(c),
      at: now(),
      actorId: user.id,
      action: "auth.logout_all",
      detail: { sessions: ended },
    });
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
  });

  mount(api, authApi.me, {}, (c) => requireUser(c.get("user")));
}
