import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { buildServer } from "../../scripts/build-server.ts";
import { projectRoot } from "../../server/paths.ts";

/**
 * The real server as a child process, exactly what `npm start` runs: the built `dist/server/index.js`
 * under plain Node. For tests and benchmarks that need what `app.request()` cannot give: several
 * instances at once, a SIGKILL in the middle of a write, the memory of the server alone.
 */

export { projectRoot };

export interface ServerProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** Everything the server printed, for failure messages. */
  output(): string;
  /** Sends the signal and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface ServerProcessOptions {
  /** Where `alongside.sqlite` lives (ignored when databaseUrl is set). */
  dataDir: string;
  databaseUrl?: string;
  /** Extra environment for the server, e.g. LOG_REQUESTS. */
  env?: Record<string, string>;
  /** Extra node options before the script, e.g. `--max-old-space-size=…`. */
  nodeArgs?: string[];
  startTimeoutMs?: number;
  /** Called with everything the server has printed so far, each time it prints, before it is ready. */
  onOutput?: (output: string) => void;
}

/** A port nobody listens on right now (the server is told to use it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => done(port));
    });
  });
}

export const builtServer = join(projectRoot, "dist", "server", "index.js");

/**
 * The Node options `npm start` gives the server (package.json's start script: 4 MB semi-spaces and an
 * old generation allowed to grow to twice what survived the last full collection keep peak memory
 * well under 200 MB, see docs/decisions/0021-server-memory.md), read from there so tests and
 * benchmarks run the server exactly as it ships.
 */
export function startNodeOptions(): string[] {
  const pkg = JSON.parse(readFileSync(join(projectRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const start = pkg.scripts.start ?? "";
  const match = /\bnode((?: --[\w-]+(?:=\S+)?)*) dist\/server\/index\.js/.exec(start);
  if (!match) throw new Error(`package.json's start script does not run dist/server/index.js: ${start}`);
  return (match[1] ?? "").trim().split(" ").filter(Boolean);
}

/**
 * Builds the server into dist/server/ unless a build at least as new as every source file it is built
 * from is there (`npm test` builds first; a test or benchmark run on its own rebuilds here, so it never
 * runs yesterday's server).
 */
export async function ensureServerBuilt(): Promise<void> {
  const builtAt = existsSync(builtServer) ? statSync(builtServer).mtimeMs : 0;
  const stale = ["server", "shared"].some((folder) =>
    readdirSync(join(projectRoot, folder), { recursive: true, encoding: "utf8" }).some(
      (file) => file.endsWith(".ts") && statSync(join(projectRoot, folder, file)).mtimeMs > builtAt,
    ),
  );
  if (stale) await buildServer();
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  await ensureServerBuilt();
  const port = await freePort();
  const env: Record<string, string> = {
    TZ: "UTC",
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: options.dataDir,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  };
  const child = spawn(process.execPath, [...startNodeOptions(), ...(options.nodeArgs ?? []), builtServer], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((done) => child.once("exit", () => done()));
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`server did not start in time:\n${output}`)),
      options.startTimeoutMs ?? 30_000,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      options.onOutput?.(output);
      if (output.includes("Alongside is running")) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      options.onOutput?.(output);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`server exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    child,
    output: () => output,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
