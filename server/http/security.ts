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

/**
 * Strict headers for every answer. The built client needs no inline script, so `script-src 'self'`
 * holds without nonces or hashes; a test checks the served HTML and an end-to-end test checks that the
 * running app reports no violation. Style attributes stay allowed (SurveyJS and React set them) but
 * style elements must come from our own files. The app uses no camera, microphone or location.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // SurveyJS and React set style attributes at run time; no page needs a <style> element, so
      // injected CSS is refused. Browsers that predate the -elem/-attr split fall back to style-src.
      styleSrc: ["'self'", "'unsafe-inline'"],
      styleSrcElem: ["'self'"],
      styleSrcAttr: ["'unsafe-inline'"],
      imgSrc: ["'self'", "data:"],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      workerSrc: ["'self'"],
      manifestSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: "DENY",
    referrerPolicy: "no-referrer",
    crossOriginEmbedderPolicy: false,
    permissionsPolicy: {
      camera: false,
      microphone: false,
      geolocation: false,
      payment: false,
      usb: false,
      serial: false,
      bluetooth: false,
      hid: false,
    },
  });
}

/**
 * Where a JSON value holds the NUL character (U+0000), as a field path, or null. PostgreSQL cannot
 * store NUL in text, and no text this app takes (names, comments, answers typed on a tablet) has a
 * reason to contain one, so bodies with it are refused at the boundary rather than failing deep in a
 * query. Walked without recursion, like `jsonDepthExceeds`.
 */
export function nulCharacterPath(value: unknown): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) continue;
    if (typeof next.value === "string") {
      if (next.value.includes("\u0000")) return next.path;
    } else if (Array.isArray(next.value)) {
      next.value.forEach((child, index) => {
        stack.push({ value: child, path: [...next.path, index] });
      });
    } else if (typeof next.value === "object" && next.value !== null) {
      for (const [key, child] of Object.entries(next.value)) {
        if (key.includes("\u0000")) return [...next.path, key];
        stack.push({ value: child, path: [...next.path, key] });
      }
    }
  }
  return null;
}

/** A request whose address carries a NUL character (`%00`) is refused before any handler reads it. */
export function refuseNulInAddress(): MiddlewareHandler {
  return async (c, next) => {
    const url = c.req.url;
    if (url.includes("\u0000") || url.toLowerCase().includes("%00")) {
      throw new ProblemError("invalid_query", "The address contains a NUL character (%00).");
    }
    return next();
  };
}
