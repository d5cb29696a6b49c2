import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { classifyDatabaseError } from "./db/availability.ts";
import {
  type DatabaseHandle,
  isPostgresUrl,
  migrationTimeouts,
  openDatabase,
  openPostgres,
} from "./db/connect.ts";
import { migrateToLatest } from "./db/migrate.ts";
import type { Config } from "./env.ts";
import { createValidators } from "./fieldwork/validator-pool.ts";
import type { Lifecycle } from "./http/app-env.ts";
import { defaultInstrumentsDir, defaultStaticDir } from "./paths.ts";
import { loadInstruments } from "./surveys/load-instruments.ts";

export interface RunningServer {
  url: string;
  handle: DatabaseHandle;
  /** Stops at once: closes the listener and waits for it, then the validators and the database. */
  close(): Promise<void>;
  /**
   * The graceful stop for SIGTERM: /readyz answers "not ready", new connections are refused, requests
   * in flight finish (for at most `graceMs`, then their connections are cut), then the pool closes.
   */
  drain(graceMs: number): Promise<void>;
}

/** How long a start waits for a database that is not up yet (a container started before its database). */
const STARTUP_WAIT_MS = 60_000;

/** Opens and migrates the database and loads any new instruments from surveys/. */
export async function prepareDatabase(
  config: Config,
  sqliteFile: string,
  now = new Date(),
): Promise<DatabaseHandle> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile });
  try {
    await untilReachable(async () => {
      if (isPostgresUrl(config.databaseUrl)) {
        // Migrations get their own short-lived connection with the generous bounds they need (a
        // table rewrite, or waiting for another instance's migration); the service keeps its tight ones.
        const migrating = openPostgres(config.databaseUrl, 1, migrationTimeouts);
        try {
          await migrateToLatest(migrating.db);
        } finally {
          await migrating.close();
        }
      } else {
        await migrateToLatest(handle.db);
      }
      await loadInstruments(handle.db, defaultInstrumentsDir, now);
    });
  } catch (error) {
    await handle.close();
    throw error;
  }
  return handle;
}

/** Runs `step` again while the database is unreachable, for at most STARTUP_WAIT_MS. */
async function untilReachable(step: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + STARTUP_WAIT_MS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await step();
      return;
    } catch (error) {
      if (!classifyDatabaseError(error) || Date.now() > deadline) throw error;
      if (attempt === 1) console.warn("Waiting for the database to accept connections…");
      await new Promise((resume) => setTimeout(resume, 1_000));
    }
  }
}

/** Serves the API and the built client from one process. */
export async function startServer(
  config: Config,
  handle: DatabaseHandle,
  staticDir: string = defaultStaticDir,
): Promise<RunningServer> {
  const validators = createValidators();
  const lifecycle: Lifecycle = { draining: false };
  const app = createApp({
    db: handle.db,
    config,
    now: () => new Date(),
    validators,
    staticDir,
    health: handle.health,
    lifecycle,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer) => {
    const s = serve(
      {
        fetch: async (request, env) => {
          const response = await app.fetch(request, env);
          // While draining, a keep-alive client is told to reconnect, to an instance that is staying.
          if (lifecycle.draining) {
            try {
              response.headers.set("connection", "close");
            } catch {
              // A response with immutable headers: the listener's close ends the connection anyway.
            }
          }
          return response;
        },
        port: config.port,
        hostname: config.host,
      },
      () => resolveServer(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  const closed = () =>
    new Promise<void>((done, fail) => {
      server.close((error) => (error ? fail(error) : done()));
    });
  const release = () => validators.close().then(() => handle.close());
  return {
    url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`,
    handle,
    close: () => closed().then(release),
    async drain(graceMs) {
      lifecycle.draining = true;
      let timer: NodeJS.Timeout | undefined;
      const finished = closed().catch(() => undefined);
      const late = new Promise<"late">((done) => {
        timer = setTimeout(() => done("late"), graceMs);
      });
      if ((await Promise.race([finished, late])) === "late") {
        console.warn(`Requests still running after ${graceMs} ms were cut off.`);
        (server as Server).closeAllConnections();
        await finished;
      }
      clearTimeout(timer);
      await release();
    },
  };
}
