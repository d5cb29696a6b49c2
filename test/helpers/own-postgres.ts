import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./server-process.ts";

/**
 * A PostgreSQL cluster of a test's own, in a temporary directory on a free port, that the test may stop
 * and start as it likes (`pg_ctl -m immediate` is what a crash or a failover looks like to a client).
 * The shared cluster other tests use (TEST_DATABASE_URL) is never touched. Like `.ci/start-postgres`,
 * it runs as the `postgres` user when we are root, listens on 127.0.0.1 only and trusts local logins.
 * fsync is off (the machine does not crash in a test; a killed server's writes are in the OS's cache),
 * synchronous_commit stays on so that an acknowledged commit survives `-m immediate`.
 */

const run = promisify(execFile);

export interface OwnPostgres {
  /** postgres://alongside@127.0.0.1:port/alongside */
  url: string;
  port: number;
  /** Kills the server the way a crash does (no checkpoint, clients cut off). */
  crash(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}

/** The newest installed PostgreSQL's bin directory, or undefined when there is none. */
export function postgresBin(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest ? join(root, newest, "bin") : undefined;
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (/usr/lib/postgresql/*/bin).");
  const root = process.getuid?.() === 0;
  const as = (command: string, args: string[]) =>
    root
      ? run("runuser", ["-u", "postgres", "--", join(bin, command), ...args])
      : run(join(bin, command), args);
  const data = mkdtempSync(join(tmpdir(), "alongside-own-pg-"));
  if (root) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    chownSync(data, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  await as("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-sync"]);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${data} -c fsync=off -c full_page_writes=off -c max_connections=100`;
  const start = async () => {
    await as("pg_ctl", [
      "-D",
      data,
      "-l",
      join(data, "server.log"),
      "-w",
      "-t",
      "30",
      "-o",
      options,
      "start",
    ]);
  };
  await start();
  await as("psql", [
    "-h",
    "127.0.0.1",
    "-p",
    String(port),
    "-U",
    "postgres",
    "-v",
    "ON_ERROR_STOP=1",
    "-q",
    "-c",
    "CREATE ROLE alongside LOGIN",
    "-c",
    "CREATE DATABASE alongside OWNER alongside",
  ]);
  return {
    url: `postgres://alongside@127.0.0.1:${port}/alongside`,
    port,
    crash: async () => {
      await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
    },
    start,
    destroy: async () => {
      await as("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
      rmSync(data, { recursive: true, force: true });
    },
  };
}
