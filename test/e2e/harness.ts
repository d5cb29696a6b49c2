import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import type { Config } from "../../server/env.ts";
import { prepareDatabase, type RunningServer, startServer } from "../../server/start.ts";
import { insertUser } from "../../server/users/users.repository.ts";
import type { Role } from "../../shared/contract/roles.ts";
import { testDialect } from "../helpers/dialect.ts";
import { fixturePasswordHash } from "../helpers/fixture-password.ts";
import { createScratchDatabase } from "../helpers/postgres.ts";
import { chromiumPath, testDatabaseUrl, testSetting } from "../helpers/test-env.ts";

export const E2E_PASSWORD = "peer research together";
export const CHROMIUM_PATH = chromiumPath();

/**
 * A real server (the built client and the API on one port, over a fresh SQLite file, or a fresh
 * PostgreSQL database in the e2e-pg project) and the system Chromium (one per worker, see
 * `workerBrowser`). Flags as the machine notes require: no sandbox as root, no background network.
 */
export interface E2E {
  server: RunningServer;
  browser: Browser;
  addUser(role: Role, areaId: string | null, email: string): Promise<void>;
  close(): Promise<void>;
}

export interface E2EOptions {
  /** The built client to serve; dist/client unless a test serves a copy it changes (app-update). */
  staticDir?: string;
}

export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  const dir = mkdtempSync(join(tmpdir(), "alongside-e2e-"));
  // The e2e-pg project runs the same tests on a fresh PostgreSQL database (see vitest.config.ts).
  const postgres =
    testDialect() === "postgres"
      ? await createScratchDatabase(postgresServerUrl(), { label: "e2e" })
      : undefined;
  const config: Config = {
    port: 0,
    host: "127.0.0.1",
    dataDir: dir,
    databaseUrl: postgres?.url,
    publicUrl: "http://127.0.0.1",
    secureCookies: false,
    sessionHours: 1,
    logRequests: false,
  };
  const handle = await prepareDatabase(config, join(dir, "e2e.sqlite"));
  await handle.db
    .insertInto("areas")
    .values([
      { id: "northtown", name: "Northtown", region: "North East", created_at: new Date().toISOString() },
      { id: "southport", name: "Southport", region: "South West", created_at: new Date().toISOString() },
    ])
    .execute();
  const server = await startServer(config, handle, options.staticDir);
  const browser = await workerBrowser();
  const passwordHash = await fixturePasswordHash(E2E_PASSWORD);
  return {
    server,
    browser,
    async addUser(role, areaId, email) {
      await insertUser(
        handle.db,
        { email, displayName: email.split("@")[0] ?? email, role, areaId, passwordHash },
        new Date(),
      );
    },
    async close() {
      // Whatever this file left open (a test that failed before closing its context) goes with it; the
      // browser itself stays for the worker's next file.
      await Promise.all(browser.contexts().map((context) => context.close()));
      await server.close();
      await postgres?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let launched: Promise<Browser> | undefined;

/**
 * One Chromium per test worker, shared by the files the worker runs one after another (the e2e
 * projects share a module graph per worker). Each test opens its own browser context, which has its own
 * cookies, storage, IndexedDB, caches and service workers, so nothing of one file reaches the next;
 * launching and closing Chromium for every file cost 1.5–3 s of a worker each time. Playwright closes
 * the browser when the worker exits.
 */
function workerBrowser(): Promise<Browser> {
  const current = launched;
  if (current) {
    return current.then((browser) => {
      if (browser.isConnected()) return browser;
      launched = undefined;
      return workerBrowser();
    });
  }
  const next = chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  launched = next;
  next.catch(() => {
    if (launched === next) launched = undefined;
  });
  return next;
}

function postgresServerUrl(): string {
  const url = testDatabaseUrl();
  if (!url) throw new Error("The e2e-pg project needs TEST_DATABASE_URL.");
  return url;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page against WCAG 2.0, 2.1 and 2.2 A and AA; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // evaluate() is not subject to the page's CSP, unlike an injected <script>.
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } })
      .axe;
    return axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    });
  });
  const { violations } = result as { violations: AxeViolation[] };
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target })),
  }));
}

/**
 * Saves a screenshot for a person to look at, into SCREENSHOT_DIR, only when that is set: a full-page
 * capture costs a second of CPU that a test run does not need.
 */
export async function keepScreenshot(
  target: Pick<Page, "screenshot">,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const dir = testSetting("SCREENSHOT_DIR");
  if (dir) await target.screenshot({ path: join(dir, `${name}.png`), ...options });
}
