import type { Context } from "hono";
import type { AppEnv } from "../http/app-env.ts";
import { clientAddress, userAgent } from "../http/client-address.ts";

/**
 * The "from which device" part of an audit entry, read from the request. Spread it into `audit()`:
 * `audit(db, { ...requestOrigin(c), at, actorId, action })`.
 */
export function requestOrigin(c: Context<AppEnv>): { ip: string | null; userAgent: string | null } {
  return { ip: clientAddress(c), userAgent: userAgent(c) };
}
