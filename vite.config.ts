import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// The client lives in client/ and is built to dist/client, which the Hono server serves.
// In development `npm run dev` proxies /api to a server started with `npm start` on port 3000.
export default defineConfig({
  root: "client",
  plugins: [react(), VitePWA(offlineFieldwork()), sourceMapsOffTheServedFolder()],
  build: {
    outDir: "../dist/client",
    emptyOutDir: true,
    // "hidden": maps are written (to read error reports against) but no chunk names them, and
    // sourceMapsOffTheServedFolder() moves them out of what the server serves (issue 14, finding 10).
    sourcemap: "hidden",
    // Browsers preload modules themselves (Chromium 66+, Safari 17+, Firefox 115+); on an older one the
    // chunks still load, only not ahead of time (decision 0063).
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // React and SurveyJS each as one chunk: split across chunks they gzipped worse (decision 0057).
        codeSplitting: {
          groups: [
            // Only the modules named: their libraries and the entry's modules stay where they are.
            {
              debugName: "fieldwork",
              name: fieldworkChunks(),
              priority: 1,
              includeDependenciesRecursively: false,
            },
            { name: "react", test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            {
              name: "surveyjs",
              test: /node_modules[\\/](survey-core|survey-react-ui)[\\/](?!fesm[\\/]i18n)/,
            },
          ],
        },
        // survey-core's language packs (loaded per language, issue 18) get a name the service worker
        // can tell apart: they are kept only for the languages the tablet's surveys offer.
        chunkFileNames: (chunk) =>
          chunk.moduleIds.some((id) => /survey-core[\\/]fesm[\\/]i18n[\\/]/.test(id))
            ? "assets/survey-locale-[name]-[hash].js"
            : "assets/[name]-[hash].js",
      },
    },
  },
  server: {
    // Only API calls go to the server: client/api/*.ts are source files Vite serves itself, and the
    // Origin header is kept so the server's same-origin check sees the page's own origin.
    proxy: { "^/api/(?![\\w-]+\\.tsx?(\\?|$))": { target: "http://localhost:3000", changeOrigin: false } },
  },
});

interface ChunkingContext {
  getModuleInfo(id: string): { importedIds: string[]; dynamicallyImportedIds: string[] } | null;
}

/**
 * Names the chunk of each of our modules on the way to an interview's first question (decision 0063):
 * what only the fieldwork page (and the screens it loads later) uses goes into the page's own chunk;
 * what other pages use too goes into one "fieldwork-shared" chunk rather than a dozen small ones,
 * which gzip worse apart and each cost a request. Everything else (the app's entry, libraries, the
 * sanitiser the editor shares, every lazily loaded screen) is chunked as before. Found from the module
 * graph: the modules the page imports statically, less the entry's, split by whether another page's
 * imports (static or lazy) reach them.
 */
function fieldworkChunks() {
  const here = dirname(fileURLToPath(import.meta.url));
  const page = resolve(here, "client/fieldwork/FieldworkPage.tsx");
  const entry = resolve(here, "client/main.tsx");
  let chunkOf: Map<string, string> | null = null;
  const reach = (ctx: ChunkingContext, roots: string[], lazily: boolean, without?: string) => {
    const seen = new Set<string>();
    const visit = (id: string) => {
      if (seen.has(id) || id === without) return;
      seen.add(id);
      const info = ctx.getModuleInfo(id);
      for (const next of info?.importedIds ?? []) visit(next);
      if (lazily) for (const next of info?.dynamicallyImportedIds ?? []) visit(next);
    };
    for (const root of roots) visit(root);
    return seen;
  };
  return (id: string, ctx: ChunkingContext): string | null => {
    if (!chunkOf) {
      const initial = reach(ctx, [entry], false);
      const pages = [...initial].flatMap((m) => ctx.getModuleInfo(m)?.dynamicallyImportedIds ?? []);
      const others = reach(ctx, pages, true, page);
      chunkOf = new Map();
      for (const m of reach(ctx, [page], false)) {
        if (initial.has(m) || /node_modules/.test(m)) continue;
        if (!others.has(m)) chunkOf.set(m, "FieldworkPage");
        // The sanitiser and survey theme stay with the editor's chunk: other pages must not load them.
        else if (!/survey-theme|shared[\\/]html[\\/]|shared[\\/]survey[\\/]properties/.test(m))
          chunkOf.set(m, "fieldwork-shared");
      }
    }
    return chunkOf.get(id) ?? null;
  };
}

/**
 * The service worker that lets a tablet open the app and run interviews with no connection (see
 * client/offline/). It precaches the app shell; it keeps the last answer of the API calls an interview
 * needs (who is signed in, the published surveys and their immutable versions, the areas with their
 * support services, the follow-up due list); it never caches uploads. A new version waits for the
 * researcher to accept it (`registerType: "prompt"`), so nothing reloads in the middle of an interview.
 * Handlers are serialised into sw.js, so they may use only the worker's globals (`caches`).
 */
function offlineFieldwork(): Parameters<typeof VitePWA>[0] {
  const ok = { statuses: [200] };
  // Signing out forgets who was signed in and their area's due list (participant codes, who was
  // interviewed when): the next person on a shared tablet may be from another area.
  const forgetSession = {
    fetchDidSucceed: async ({ response }: { response: Response }) => {
      if (response.status === 401 || response.ok) {
        const session = await caches.open("alongside-session");
        await session.delete("/api/auth/me");
        const fieldwork = await caches.open("alongside-fieldwork-data");
        await fieldwork.delete("/api/followups/due");
      }
      return response;
    },
  };
  return {
    registerType: "prompt",
    injectRegister: false,
    // The icons are in globPatterns already; listing them again would put each in the precache twice.
    includeManifestIcons: false,
    filename: "sw.js",
    manifest: {
      name: "Alongside",
      short_name: "Alongside",
      lang: "en-GB",
      description: "Peer research interviews, saved on the tablet and uploaded when there is a connection.",
      start_url: "/fieldwork",
      scope: "/",
      display: "standalone",
      theme_color: "#1a4f8b",
      background_color: "#ffffff",
      // PNGs made from favicon.svg by scripts/make-icons.ts (tablets install with these); the maskable
      // one is full-bleed theme colour with the artwork inside the safe zone.
      icons: [
        { src: "/favicon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" },
        { src: "/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
        { src: "/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
        { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
      ],
    },
    workbox: {
      // The service worker is Workbox's code, not ours: no map for it at all.
      sourcemap: false,
      globPatterns: ["**/*.{js,css,html,svg,png,woff,woff2}"],
      // survey-core's words in 55 languages: not every tablet needs them all. They are kept as they are
      // first loaded (below), and warm-cache.ts loads those of the languages the tablet's surveys offer.
      globIgnores: ["**/assets/survey-locale-*.js"],
      maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      navigateFallback: "/index.html",
      navigateFallbackDenylist: [/^\/api\//],
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      runtimeCaching: [
        {
          urlPattern: ({ url }) => url.pathname === "/api/auth/me",
          handler: "NetworkFirst",
          options: {
            cacheName: "alongside-session",
            networkTimeoutSeconds: 5,
            cacheableResponse: ok,
            plugins: [
              {
                fetchDidSucceed: async ({ response }) => {
                  if (response.status === 401)
                    await (await caches.open("alongside-session")).delete("/api/auth/me");
                  return response;
                },
              },
            ],
          },
        },
        {
          urlPattern: ({ url }) =>
            url.pathname === "/api/auth/logout" || url.pathname === "/api/auth/logout-all",
          method: "POST",
          handler: "NetworkOnly",
          options: { plugins: [forgetSession] },
        },
        {
          urlPattern: ({ url }) => /^\/assets\/survey-locale-[\w.-]+\.js$/.test(url.pathname),
          handler: "CacheFirst",
          options: {
            cacheName: "alongside-survey-locales",
            cacheableResponse: ok,
            expiration: { maxEntries: 60 },
          },
        },
        {
          urlPattern: ({ url }) => /^\/api\/surveys\/[^/]+\/versions\/\d+$/.test(url.pathname),
          handler: "CacheFirst",
          options: {
            cacheName: "alongside-survey-versions",
            cacheableResponse: ok,
            expiration: { maxEntries: 200 },
          },
        },
        {
          urlPattern: ({ url }) =>
            url.pathname === "/api/surveys" ||
            url.pathname === "/api/areas" ||
            /^\/api\/areas\/[^/]+\/support-services$/.test(url.pathname) ||
            url.pathname === "/api/followups/due",
          handler: "NetworkFirst",
          options: { cacheName: "alongside-fieldwork-data", networkTimeoutSeconds: 5, cacheableResponse: ok },
        },
      ],
    },
  };
}

/**
 * Moves the production build's source maps from dist/client (which the server serves) to
 * dist/client-sourcemaps (which it does not), so they stay on the server for reading error reports
 * without giving anyone our source. Other output folders (the bundle benchmark's) keep their maps.
 */
function sourceMapsOffTheServedFolder(): Plugin {
  const served = resolve(dirname(fileURLToPath(import.meta.url)), "dist", "client");
  let outDir = "";
  return {
    name: "alongside-source-maps-off-the-served-folder",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: "post",
      sequential: true,
      handler() {
        if (outDir !== served) return;
        const kept = `${served}-sourcemaps`;
        rmSync(kept, { recursive: true, force: true });
        for (const file of readdirSync(served, { recursive: true, encoding: "utf8" })) {
          if (!file.endsWith(".map")) continue;
          mkdirSync(dirname(join(kept, file)), { recursive: true });
          renameSync(join(served, file), join(kept, file));
        }
      },
    },
  };
}
