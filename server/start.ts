import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createApp } from "./app.ts";
import { type DatabaseHandle, openDatabase } from "./db/connect.ts";
import { migrateToLatest } from "./db/migrate.ts";
import type { Config } from "./env.ts";
import { createValidators } from "./fieldwork/validator-pool.ts";
import { defaultInstrumentsDir, defaultStaticDir } from "./paths.ts";
import { loadInstruments } from "./surveys/load-instruments.ts";

export interface RunningServer {
  url: string;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

/** Opens and migrates the database and loads any new instruments from surveys/. */
export async function prepareDatabase(
  config: Config,
  sqliteFile: string,
  now = new Date(),
): Promise<DatabaseHandle> {
  const handle = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile });
  await migrateToLatest(handle.db);
  await loadInstruments(handle.db, defaultInstrumentsDir, now);
  return handle;
}

/** Serves the API and the built client from one process. */
export async function startServer(
  config: Config,
  handle: DatabaseHandle,
  staticDir: string = defaultStaticDir,
): Promise<RunningServer> {
  const validators = createValidators();
  const app = createApp({
    db: handle.db,
    config,
    now: () => new Date(),
    validators,
    staticDir,
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolveServer(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`,
    handle,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((error) => (error ? fail(error) : done()));
      })
        .then(() => validators.close())
        .then(() => handle.close()),
  };
}
