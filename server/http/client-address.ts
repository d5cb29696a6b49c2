import type { Context } from "hono";
import type { AppEnv } from "./app-env.ts";

/**
 * Where a request came from, for lockout counting and the audit log. The socket's address is the truth
 * unless the operator says a proxy sits in front (`TRUST_PROXY=true`); then the proxy's own entry, the
 * last one in `X-Forwarded-For`, is the only part a client cannot forge. Null when unknown (in-process
 * test requests have no socket), and the per-address limit is then not applied.
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  if (c.get("deps").config.trustProxy) {
    const forwarded = c.req.header("x-forwarded-for");
    const last = forwarded?.split(",").at(-1)?.trim();
    if (last) return last.slice(0, 64);
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress?.slice(0, 64) ?? null;
}

/** The browser's own description of itself, cut short: enough to tell a tablet from a desktop. */
export function userAgent(c: Context): string | null {
  return c.req.header("user-agent")?.slice(0, 256) ?? null;
}
