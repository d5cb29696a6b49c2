import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { ProblemError } from "./problem.ts";

/**
 * Cookie-authenticated writes are only taken from our own pages. Browsers send `Origin` (and
 * `Sec-Fetch-Site`) on every cross-origin POST, so a request whose origin is another site is refused
 * before any handler runs. Non-browser clients that send neither are allowed: they hold no victim's cookie.
 */
export function sameOriginWrites(): MiddlewareHandler {
  return async (c, next) => {
    const method = c.req.method;
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const fetchSite = c.req.header("sec-fetch-site");
    if (fetchSite === "cross-site" || fetchSite === "same-site") {
      throw new ProblemError("cross_site_request");
    }
    const origin = c.req.header("origin");
    if (origin) {
      const host = c.req.header("host");
      let originHost: string | undefined;
      try {
        originHost = new URL(origin).host;
      } catch {
        originHost = undefined;
      }
      if (!host || originHost !== host) throw new ProblemError("cross_site_request");
    }
    return next();
  };
}

/** Strict headers for every answer; the built client needs no inline script. */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // SurveyJS and React set style attributes at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: "no-referrer",
    crossOriginEmbedderPolicy: false,
  });
}
