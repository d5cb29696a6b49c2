import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

/**
 * Serves the built client. Files named by their content hash (/assets, the Workbox runtime) are cached
 * for a year; everything else is asked for again each time: index.html, which names this release's
 * assets, and the service worker and manifest, which keep their names across releases (a cached sw.js
 * would hold every tablet on an old version). Every path that is not an API route or a file gets
 * index.html, so a deep link or a reload on /fieldwork opens the app. The service worker
 * (client/offline/) precaches the same files, so a tablet opens the app with no connection.
 */
export function mountClient(app: Hono<AppEnv>, staticDir: string): void {
  // A browser that accepts Brotli or gzip gets the copy the build compressed (scripts/compress-client.ts).
  const files = serveStatic({ root: staticDir, precompressed: true });
  // Source maps are our whole client source: never served, even if a build left one in the folder
  // (the build moves them to dist/client-sourcemaps/, kept on the server for reading error reports).
  app.get("*", async (c, next) => (isSourceMap(c.req.path) ? c.notFound() : next()));
  // A hashed file that is not there is a 404, never the page in its place (cached for a year).
  app.get("/assets/*", cacheFor(IMMUTABLE), files, (c) => c.notFound());
  app.get("/workbox-*", cacheFor(IMMUTABLE), files, (c) => c.notFound());
  app.use("*", cacheFor(REVALIDATE), files);
  app.get(
    "*",
    cacheFor(REVALIDATE),
    serveStatic({ root: staticDir, path: "index.html", precompressed: true }),
  );
}

/**
 * Sets the cache policy on a file the next handler served. (serveStatic's own `onFound` hook runs after
 * its response is built, where a header set on the context no longer reaches that response.)
 */
function cacheFor(policy: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.res.status === 200 || c.res.status === 206) c.res.headers.set("cache-control", policy);
  };
}

/** A request for a source map, however its name is cased or percent-encoded. */
function isSourceMap(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // A malformed escape is not a file name we serve; the raw path is checked below.
  }
  return /\.map$/i.test(path) || /\.map$/i.test(decoded);
}
