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
 * Search engines are asked to keep every page out of their index.
 */
export function securityHeaders(): MiddlewareHandler {
  const secure = secureHeaders({
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
  return async (c, next) => {
    await secure(c, next);
    // Nothing here is for search engines: not the sign-in page, and not a release's public link,
    // which is shared with the people it is meant for, not listed for anyone who searches.
    c.header("x-robots-tag", "noindex, nofollow");
  };
}

/**
 * Where a JSON value holds the NUL character (U+0000), as a field path, or null. PostgreSQL cannot
 * store NUL in text, and no text this app takes (names, comments, answers typed on a tablet) has a
 * reason to contain one, so bodies with it are refused at the boundary rather than failing deep in a
 * query. Walked without recursion, like `jsonDepthExceeds`.
 */
export function nulCharacterPath(value: unknown): (string | number)[] | null {
  // Each node links to its parent, so a deeply nested body costs time in proportion to its size, and
  // the path is spelled out only for the one place that is reported.
  interface Node {
    value: unknown;
    key: string | number | null;
    parent: Node | null;
  }
  // Reported paths stop after 20 keys: enough to find the field, not an echo of a hostile body.
  const pathOf = (node: Node | null, last?: string): (string | number)[] => {
    const reversed: (string | number)[] = last === undefined ? [] : [last];
    for (let at = node; at && at.key !== null; at = at.parent) reversed.push(at.key);
    return reversed.reverse().slice(0, 20);
  };
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (typeof node.value === "string") {
      if (node.value.includes("\u0000")) return pathOf(node);
    } else if (Array.isArray(node.value)) {
      for (let index = 0; index < node.value.length; index += 1) {
        stack.push({ value: node.value[index], key: index, parent: node });
      }
    } else if (typeof node.value === "object" && node.value !== null) {
      for (const [key, child] of Object.entries(node.value)) {
        if (key.includes("\u0000")) return pathOf(node, key);
        stack.push({ value: child, key, parent: node });
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
