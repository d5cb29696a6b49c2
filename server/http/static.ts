import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { AppEnv } from "./app-env.ts";

/**
 * Serves the built client. Hashed assets are cached for a year; every other path that is not an API
 * route gets index.html, so a deep link or a reload on /fieldwork opens the app. The service worker
 * (client/offline/) precaches the same files, so a tablet opens the app with no connection.
 */
export function mountClient(app: Hono<AppEnv>, staticDir: string): void {
  app.use(
    "/assets/*",
    serveStatic({
      root: staticDir,
      onFound: (_path, c) => {
        c.header("cache-control", "public, max-age=31536000, immutable");
      },
    }),
  );
  // The service worker and the web app manifest keep their names across releases: the browser must ask
  // each time (a cached sw.js would hold every tablet on an old version). The Workbox runtime it loads
  // is named by its hash, like the assets.
  app.use(
    "/sw.js",
    serveStatic({ root: staticDir, onFound: (_path, c) => void c.header("cache-control", "no-cache") }),
  );
  app.use(
    "/manifest.webmanifest",
    serveStatic({ root: staticDir, onFound: (_path, c) => void c.header("cache-control", "no-cache") }),
  );
  app.use(
    "/workbox-*",
    serveStatic({
      root: staticDir,
      onFound: (_path, c) => void c.header("cache-control", "public, max-age=31536000, immutable"),
    }),
  );
  app.use("*", serveStatic({ root: staticDir }));
  app.get(
    "*",
    serveStatic({
      root: staticDir,
      path: "index.html",
      onFound: (_path, c) => {
        c.header("cache-control", "no-cache");
      },
    }),
  );
}
