import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.ts";
import {
  attemptTimes,
  deleteLoginAttempt,
  insertLoginAttempt,
  pruneLoginAttempts,
} from "./login-attempts.repository.ts";

/**
 * Online password guessing is limited per email and per client address, in the database so that every
 * server instance counts the same attempts. Five failures for one email within 15 minutes pause
 * sign-in to that email (whether or not an account has it, so the answer reveals nothing) until the
 * oldest of them is 15 minutes old; thirty from one address pause that address. Attempts refused while
 * paused are not counted, so a person who waits gets back in on time. See docs/decisions/0008.
 */
export const LOGIN_LIMITS = {
  windowMs: 15 * 60_000,
  perEmail: 5,
  perAddress: 30,
} as const;

export type LockScope = "email" | "address";

export type LoginReservation =
  | {
      kind: "reserved";
      /** The attempt's row: it stays as a failure unless the sign-in succeeds. */
      id: string;
      /** True when a failure now would start a pause for this email. */
      lastBeforeLockout: boolean;
    }
  | { kind: "locked"; scope: LockScope; retryAfterSeconds: number };

/**
 * Records an attempt before the password is checked and says whether it may go ahead. Counting after
 * writing means a burst of parallel guesses sees itself, so no more than the limit get checked.
 */
export async function reserveLoginAttempt(
  db: Kysely<Database>,
  attempt: { email: string; ip: string | null; now: Date },
  limits: typeof LOGIN_LIMITS = LOGIN_LIMITS,
): Promise<LoginReservation> {
  const now = attempt.now.getTime();
  const since = new Date(now - limits.windowMs).toISOString();
  await pruneLoginAttempts(db, since);
  const id = randomUUID();
  await insertLoginAttempt(db, { id, at: attempt.now.toISOString(), email: attempt.email, ip: attempt.ip });

  const checks: { scope: LockScope; limit: number; rows: { id: string; at: string }[] }[] = [
    { scope: "email", limit: limits.perEmail, rows: await attemptTimes(db, { email: attempt.email }, since) },
  ];
  if (attempt.ip !== null) {
    checks.push({
      scope: "address",
      limit: limits.perAddress,
      rows: await attemptTimes(db, { ip: attempt.ip }, since),
    });
  }
  for (const { scope, limit, rows } of checks) {
    const others = rows.filter((row) => row.id !== id);
    if (others.length >= limit) {
      await deleteLoginAttempt(db, id);
      // The pause lifts when enough of the oldest attempts have left the window to be under the limit.
      const freeing = others[others.length - limit];
      const until = (freeing ? Date.parse(freeing.at) : now) + limits.windowMs;
      return { kind: "locked", scope, retryAfterSeconds: Math.max(1, Math.ceil((until - now) / 1000)) };
    }
  }
  const emailCount = checks[0]?.rows.filter((row) => row.id !== id).length ?? 0;
  return { kind: "reserved", id, lastBeforeLockout: emailCount + 1 >= limits.perEmail };
}

/** The sentence a person reads when sign-in is paused. */
export function lockoutMessage(scope: LockScope, retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  const wait = `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return scope === "email"
    ? `To protect this account, signing in to it is paused after several wrong passwords. Try again in ${wait}. If you have forgotten your password, ask your coordinator or an administrator for help.`
    : `Too many failed sign-ins have come from this network. Try again in ${wait}.`;
}
